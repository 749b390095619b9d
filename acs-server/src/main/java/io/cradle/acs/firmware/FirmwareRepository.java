package io.cradle.acs.firmware;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.cwmp.image.FirmwareHeader;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.ImageCheck;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The firmware repository: images checked at upload (header, length, digest), stored under {@code
 * data/firmware} where {@code /firmware/*} serves them, and recorded with model, version, size and
 * SHA-256. An image a rollout still uses cannot be deleted.
 */
@ApplicationScoped
public class FirmwareRepository {

  private static final Logger LOG = Logger.getLogger(FirmwareRepository.class);

  private final EntityManager em;
  private final Audit audit;
  private final Clock clock;
  private final FirmwareConfig config;
  private final Path directory;

  @Inject
  public FirmwareRepository(
      EntityManager em,
      Audit audit,
      Clock clock,
      FirmwareConfig config,
      @ConfigProperty(name = "cradle.data-dir") String dataDir) {
    this.em = em;
    this.audit = audit;
    this.clock = clock;
    this.config = config;
    this.directory = Path.of(dataDir, "firmware");
  }

  /** The directory the images are in, the one {@code /firmware/*} serves. */
  public Path directory() {
    return directory;
  }

  /**
   * Streams an upload to disk (never whole in memory), checks it, and records it. A file that is
   * not an intact image, or a second image of a model and version already stored, is refused and
   * nothing is kept. Audited as {@code firmware.upload}. Must not run inside a transaction: the
   * upload is not held open in one.
   */
  public FirmwareView upload(String actor, InputStream body) {
    Received received = receive(body);
    try {
      FirmwareHeader header = check(received.file());
      return QuarkusTransaction.requiringNew().call(() -> store(actor, header, received));
    } finally {
      deleteQuietly(received.file());
    }
  }

  /** An upload on disk, with what was measured while writing it. */
  private record Received(Path file, long size, String sha256) {}

  private FirmwareView store(String actor, FirmwareHeader header, Received received)
      throws IOException {
    String version = header.version().toString();
    StoredImage.of(header.model(), version)
        .ifPresent(
            existing -> {
              throw new ApiException(
                  409,
                  "the repository already has "
                      + existing.label()
                      + " (image "
                      + existing.id
                      + "); delete it first to replace it");
            });
    StoredImage image = new StoredImage();
    image.fileName = fileName(header);
    image.model = header.model();
    image.version = version;
    image.notes = header.notes();
    image.size = received.size();
    image.sha256 = received.sha256();
    image.uploadedAt = clock.instant();
    image.uploadedBy = actor;
    image.persistAndFlush();
    FirmwareView view = FirmwareView.of(image);
    audit.record(actor, "firmware.upload", target(image), null, view);
    // Last, so a failed insert leaves no file; if the commit itself fails the file is an orphan
    // that the next upload of this version replaces.
    Files.move(
        received.file(),
        directory.resolve(image.fileName),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    return view;
  }

  @Transactional
  public List<FirmwareView> list() {
    return StoredImage.<StoredImage>list("order by model, uploadedAt desc").stream()
        .map(FirmwareView::of)
        .toList();
  }

  @Transactional
  public FirmwareView get(long id) {
    return FirmwareView.of(find(id));
  }

  /**
   * Deletes an image no unfinished rollout uses; a finished rollout keeps its image's name. Audited
   * as {@code firmware.delete}.
   */
  @Transactional
  public void delete(String actor, long id) {
    StoredImage image = find(id);
    @SuppressWarnings("unchecked")
    List<Object[]> users =
        em.createNativeQuery(
                "select id, state from rollout where firmware_id = ?1"
                    + " and state not in ('COMPLETED', 'ABORTED') order by id")
            .setParameter(1, id)
            .getResultList();
    if (!users.isEmpty()) {
      throw new ApiException(
          409,
          image.label()
              + " is used by rollout(s) "
              + users.stream().map(r -> r[0] + " (" + r[1] + ")").toList()
              + "; abort or finish them first");
    }
    FirmwareView before = FirmwareView.of(image);
    image.delete();
    audit.record(actor, "firmware.delete", target(image), before, null);
    try {
      Files.deleteIfExists(directory.resolve(image.fileName));
    } catch (IOException e) {
      // The record is gone and the name can be reused by the next upload, which replaces it.
      LOG.warnf(e, "could not delete %s", image.fileName);
    }
  }

  private static StoredImage find(long id) {
    return StoredImage.<StoredImage>findByIdOptional(id)
        .orElseThrow(() -> ApiException.notFound("no firmware image with id " + id));
  }

  private static AuditTargets target(StoredImage image) {
    return new AuditTargets("firmware", List.of(String.valueOf(image.id)), List.of());
  }

  /** Copies the body into a temporary file beside the images, refusing one over the size limit. */
  private Received receive(InputStream body) {
    Path temp;
    try {
      Files.createDirectories(directory);
      // A leading dot: FirmwareFiles serves no such name, so a half-written file is never served.
      temp = directory.resolve(".upload-" + UUID.randomUUID());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    long limit = config.maxImageBytes();
    MessageDigest sha = sha256();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = body.read(buffer)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw new ApiException(413, tooLarge(limit));
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw ApiException.badRequest(
            "the request body is empty; send the image as application/octet-stream");
      }
      return new Received(temp, total, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      deleteQuietly(temp);
      throw ApiException.badRequest("the upload broke off: " + e.getMessage());
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** Why an upload over {@code limit} bytes is refused. */
  static String tooLarge(long limit) {
    return "the image is larger than the repository's limit of "
        + limit
        + " bytes (cradle.firmware.max-image-bytes)";
  }

  private static FirmwareHeader check(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ImageCheck<FirmwareHeader> check = FirmwareImage.check(in);
      if (check instanceof ImageCheck.Rejected<FirmwareHeader> rejected) {
        throw ApiException.badRequest(
            "not an intact Cradle firmware image: "
                + rejected.detail()
                + " ("
                + rejected.defect()
                + ")");
      }
      return ((ImageCheck.Ok<FirmwareHeader>) check).value();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + file, e);
    }
  }

  /** {@code WP820-1.0.9.3.bin}: readable, unique per model and version, and a servable name. */
  static String fileName(FirmwareHeader header) {
    String model = header.model().replaceAll("[^A-Za-z0-9._-]", "_");
    if (!Character.isLetterOrDigit(model.charAt(0))) {
      model = "fw" + model;
    }
    return model + "-" + header.version() + ".bin";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf(e, "could not delete %s", file);
    }
  }
}
