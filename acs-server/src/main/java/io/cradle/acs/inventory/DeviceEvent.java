package io.cradle.acs.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One Inform event code a device sent (BOOT, PERIODIC, M Reboot ...), for its history. */
@Entity
@Table(name = "device_event")
public class DeviceEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "device_id")
  public Long deviceId;

  public Instant at;
  public String code;

  @Column(name = "command_key")
  public String commandKey;

  public static List<DeviceEvent> recent(long deviceId, int limit) {
    return find("deviceId = ?1 order by at desc, id desc", deviceId).page(0, limit).list();
  }
}
