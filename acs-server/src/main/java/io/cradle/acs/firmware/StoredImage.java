package io.cradle.acs.firmware;

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

  /** "WP820 1.0.9.3", as people name an image. */
  public String label() {
    return model + " " + version;
  }
}
