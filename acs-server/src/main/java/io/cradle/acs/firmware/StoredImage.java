package io.cradle.acs.firmware;

import io.cradle.cwmp.message.Download;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One image in the repository: its file under {@code data/firmware} and what its header says. */
@Entity
@Table(name = "firmware_image")
public class StoredImage extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "file_name")
  public String fileName;

  public String model;
  public String version;
  public String notes;
  public long size;
  public String sha256;

  @Column(name = "uploaded_at")
  public Instant uploadedAt;

  @Column(name = "uploaded_by")
  public String uploadedBy;

  public static Optional<StoredImage> of(String model, String version) {
    return find("model = ?1 and version = ?2", model, version).firstResultOptional();
  }

  /**
   * The Download that has a phone fetch and flash this image from {@code <base>/firmware/<file>}.
   *
   * @param commandKey names what asked for it; blank: the task's own key
   */
  public Download download(String commandKey, String base) {
    return new Download(
        commandKey,
        Download.FIRMWARE_UPGRADE_IMAGE,
        (base.endsWith("/") ? base : base + "/") + "firmware/" + fileName,
        "",
        "",
        size,
        "",
        0,
        "",
        "");
  }

  /** "WP820 1.0.9.3", as people name an image. */
  public String label() {
    return model + " " + version;
  }
}
