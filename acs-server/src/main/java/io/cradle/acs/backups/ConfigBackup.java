package io.cradle.acs.backups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One configuration file a phone uploaded, with its bytes. */
@Entity
@Table(name = "config_backup")
public class ConfigBackup extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "device_id")
  public long deviceId;

  @Column(name = "file_name")
  public String fileName;

  public int size;
  public String sha256;

  @Column(name = "content_type")
  public String contentType;

  public byte[] content;

  @Column(name = "received_at")
  public Instant receivedAt;
}
