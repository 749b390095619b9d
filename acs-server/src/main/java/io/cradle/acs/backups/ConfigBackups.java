package io.cradle.acs.backups;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.cwmp.CpeAuthenticator;
import io.cradle.acs.inventory.Device;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.message.Upload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Config backups: the TR-069 Upload that has a phone PUT its configuration to this ACS ({@code
 * /backups/<device key>/cfg<mac>-<time>.xml}), and the backups received, kept in PostgreSQL with
 * their size and SHA-256.
 */
@ApplicationScoped
public class ConfigBackups {

  private static final Logger LOG = Logger.getLogger(ConfigBackups.class);

  /** A plain file name, as {@link #uploadRequest} makes them; anything else is refused. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final EntityManager em;
  private final CpeAuthenticator authenticator;
  private final BackupsConfig config;
  private final Clock clock;

  @Inject
  public ConfigBackups(
      EntityManager em, CpeAuthenticator authenticator, BackupsConfig config, Clock clock) {
    this.em = em;
    this.authenticator = authenticator;
    this.config = config;
    this.clock = clock;
  }

  /**
   * The Upload ("3 Vendor Configuration File") that sends the device's configuration here. It
   * carries the credential the device opens its CWMP sessions with, which the receiver checks.
   *
   * @param baseUrl this ACS as the phones reach it, ending in '/'
   */
  @Transactional
  public Upload uploadRequest(String deviceKey, String baseUrl) {
    Device d = find(deviceKey);
    String id = (d.mac != null ? d.mac : d.serialNumber).toLowerCase(Locale.ROOT);
    String name =
        "cfg" + id.replaceAll("[^0-9a-z]", "") + "-" + STAMP.format(clock.instant()) + ".xml";
    BasicCredentials credential = authenticator.credentialOf(d);
    return new Upload(
        "",
        Upload.VENDOR_CONFIGURATION_FILE,
        baseUrl
            + "backups/"
            + URLEncoder.encode(deviceKey, StandardCharsets.UTF_8).replace("+", "%20")
            + "/"
            + name,
        credential.username(),
        credential.password(),
        0);
  }

  /**
   * Stores what a device uploaded. Refused, storing nothing: a bad name or empty body (400), an
   * unknown device (404), a body over {@link BackupsConfig#maxBytes()} (413). The body is read
   * before the transaction opens, so a slow phone holds no connection to the database.
   */
  public BackupView receive(
      String deviceKey, String fileName, String contentType, InputStream body) {
    if (fileName == null || !NAME.matcher(fileName).matches()) {
      throw ApiException.badRequest("not a backup file name: '" + fileName + "'");
    }
    byte[] content = read(body);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              ConfigBackup b = new ConfigBackup();
              b.deviceId = find(deviceKey).id;
              b.fileName = fileName;
              b.size = content.length;
              b.sha256 = HexFormat.of().formatHex(sha256().digest(content));
              b.contentType = contentType;
              b.content = content;
              b.receivedAt = clock.instant();
              b.persist();
              LOG.infof(
                  "config backup %s from %s: %d bytes, SHA-256 %s",
                  fileName, deviceKey, b.size, b.sha256);
              return view(b);
            });
  }

  /** The device's backups, newest first. */
  @Transactional
  public List<BackupView> list(String deviceKey) {
    return em.createQuery(
            "select new io.cradle.acs.backups.BackupView(b.id, b.fileName, b.size, b.sha256,"
                + " b.receivedAt) from ConfigBackup b where b.deviceId = :device"
                + " order by b.receivedAt desc, b.id desc",
            BackupView.class)
        .setParameter("device", find(deviceKey).id)
        .getResultList();
  }

  /** One backup of the device, bytes included; 404 for another device's. */
  @Transactional
  public ConfigBackup get(String deviceKey, long id) {
    long deviceId = find(deviceKey).id;
    return ConfigBackup.<ConfigBackup>findByIdOptional(id)
        .filter(b -> b.deviceId == deviceId)
        .orElseThrow(() -> ApiException.notFound("device " + deviceKey + " has no backup " + id));
  }

  private byte[] read(InputStream body) {
    int limit = config.maxBytes();
    try {
      byte[] content = body == null ? new byte[0] : body.readNBytes(limit + 1);
      if (content.length > limit) {
        throw new ApiException(
            413, "a config backup may be at most " + limit + " bytes (cradle.backups.max-bytes)");
      }
      if (content.length == 0) {
        throw ApiException.badRequest("the body is empty: send the configuration file");
      }
      return content;
    } catch (IOException e) {
      throw ApiException.badRequest("the upload broke off: " + e.getMessage());
    }
  }

  private static BackupView view(ConfigBackup b) {
    return new BackupView(b.id, b.fileName, b.size, b.sha256, b.receivedAt);
  }

  private static Device find(String deviceKey) {
    return Device.findByKey(deviceKey)
        .orElseThrow(() -> ApiException.notFound("no device with key '" + deviceKey + "'"));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
