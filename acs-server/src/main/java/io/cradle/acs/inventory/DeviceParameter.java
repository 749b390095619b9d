package io.cradle.acs.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The last value a device reported for one parameter, and since when it has had it. A report of the
 * same value does not touch the row (most periodic Informs change nothing); the device's last
 * Inform says how fresh its forced parameters are.
 */
@Entity
@Table(name = "device_parameter")
@IdClass(DeviceParameter.Key.class)
public class DeviceParameter extends PanacheEntityBase {

  /** Composite primary key (device, parameter name). */
  public record Key(Long deviceId, String name) implements Serializable {
    public Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "device_id")
  public Long deviceId;

  @Id public String name;

  public String value;
  public String type;
  public Boolean writable;

  @Column(name = "changed_at")
  public Instant changedAt;

  public static List<DeviceParameter> ofDevice(long deviceId) {
    return list("deviceId = ?1 order by name", deviceId);
  }
}
