package io.cradle.cpe.provision;

import io.cradle.cpe.config.ConfigAliases;
import io.cradle.cpe.config.ConfigCrypto;
import io.cradle.cpe.config.ConfigFile;
import io.cradle.cpe.config.ConfigFileException;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.firmware.VerifiedImage;
import io.cradle.cpe.transfer.FileTransfers;
import io.cradle.cpe.transfer.TransferCredentials;
import io.cradle.cpe.transfer.TransferException;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.image.ImageCheck;
import io.cradle.cwmp.message.FaultCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a WP820 does at boot and on request with its provisioning settings: fetch and apply config
 * files, check the firmware server, and say when the next automatic check is due.
 *
 * <p>Config files (admin guide "Config Provision", grandstream-notes §4) are asked for in the order
 * {@code cfg<mac>}, {@code cfg<mac>.xml}, {@code cfg<model>.xml}, {@code cfg.xml} (lower case, MAC
 * without separators) from {@code scheme(P212)://P237/}, each name between the config file prefix
 * P234 and postfix P235 (so {@code <P234>cfg<mac><P235>.xml}). A missing file is not an error. By
 * default the first file found is processed and the pass ends there, even if that file is refused;
 * with P8467 "Download and Process All Available Config Files" every file found is applied in that
 * order, later ones overriding earlier ones. The URLs are built once at the start of a pass, so a
 * file that changes P237 takes effect on the next pass.
 *
 * <p>Not thread-safe: one phone's scheduler calls it.
 */
public final class Provisioner {

  /** Largest config file accepted; real ones are tens of kilobytes. */
  public static final long MAX_CONFIG_BYTES = 1L << 20;

  /** Largest firmware image accepted; Cradle images are held in memory to be verified. */
  public static final long MAX_FIRMWARE_BYTES = 64L << 20;

  static final String CONFIG_VIA = "P212";
  static final String CONFIG_SERVER_PATH = "P237";
  static final String CONFIG_USERNAME = "P1360";
  static final String CONFIG_PASSWORD = "P1361";
  static final String CONFIG_PREFIX = "P234";
  static final String CONFIG_POSTFIX = "P235";
  static final String ALWAYS_SEND_BASIC = "P20713";
  static final String XML_CONFIG_PASSWORD = "P1359";
  static final String PROCESS_ALL_CONFIG_FILES = "P8467";
  static final String FIRMWARE_VIA = "P6767";
  static final String FIRMWARE_SERVER_PATH = "P192";
  static final String FIRMWARE_USERNAME = "P6768";
  static final String FIRMWARE_PASSWORD = "P6769";
  static final String FIRMWARE_PREFIX = "P232";
  static final String FIRMWARE_POSTFIX = "P233";
  static final String FIRMWARE_CHECK = "P238";
  static final String AUTOMATIC_UPGRADE = "P194";
  static final String CHECK_INTERVAL_MINUTES = "P193";
  static final String HOUR_OF_DAY = "P285";
  static final String DAY_OF_WEEK = "P286";
  private static final String AUTHENTICATE = "P240";
  private static final String AUTH_PASSWORD = "P1";
  private static final String ADMIN_PASSWORD = "P2";

  private final PValueStore store;
  private final FileTransfers transfers;
  private final String mac;
  private final String model;
  private UpgradeNames lastChecked;

  /**
   * @param mac the phone's MAC in any format ({@code 00:0B:82:12:34:56}, {@code 000b82123456})
   * @param model the model name, e.g. {@code WP820}
   */
  public Provisioner(PValueStore store, FileTransfers transfers, String mac, String model) {
    this.store = Objects.requireNonNull(store, "store");
    this.transfers = Objects.requireNonNull(transfers, "transfers");
    this.mac = ConfigFile.normalizeMac(Objects.requireNonNull(mac, "mac"));
    this.model = Objects.requireNonNull(model, "model");
  }

  /** The names at the last firmware check that reached the server; the phone persists them. */
  public Optional<UpgradeNames> lastCheckedNames() {
    return Optional.ofNullable(lastChecked);
  }

  /** Restores {@link #lastCheckedNames()} after a reboot, for P238=1. */
  public void restoreLastCheckedNames(UpgradeNames names) {
    this.lastChecked = Objects.requireNonNull(names, "names");
  }

  /** The prefixes and postfixes configured now. */
  public UpgradeNames currentNames() {
    return new UpgradeNames(
        value(FIRMWARE_PREFIX),
        value(FIRMWARE_POSTFIX),
        value(CONFIG_PREFIX),
        value(CONFIG_POSTFIX));
  }

  /**
   * One config pass (see the class comment for the order and P8467). Credentials are P1360/P1361,
   * sent preemptively as Basic when P20713 is 1; encrypted files are decrypted with P1359. A file
   * that is refused changes nothing and is reported with its fault; so is a failed transfer. A
   * server that cannot be reached, refuses the credentials or speaks an unsupported protocol ends
   * the pass, since every other name would fail the same way.
   */
  public ProvisionReport provisionConfig() {
    boolean processAll = "1".equals(value(PROCESS_ALL_CONFIG_FILES));
    List<ProvisionReport.Attempt> attempts = new ArrayList<>();
    String base;
    try {
      base = baseUrl(CONFIG_VIA, CONFIG_SERVER_PATH, "config");
    } catch (TransferException e) {
      attempts.add(failed(value(CONFIG_SERVER_PATH), e));
      return new ProvisionReport(attempts, processAll);
    }
    TransferCredentials credentials =
        new TransferCredentials(
            value(CONFIG_USERNAME), value(CONFIG_PASSWORD), "1".equals(value(ALWAYS_SEND_BASIC)));
    for (String name : configFileNames()) {
      String url = base + name;
      Optional<byte[]> content;
      try {
        content = transfers.getIfPresent(uri(url), credentials, MAX_CONFIG_BYTES);
      } catch (TransferException e) {
        attempts.add(failed(url, e));
        if (endsPass(e.fault())) {
          break;
        }
        continue;
      }
      if (content.isEmpty()) {
        attempts.add(
            new ProvisionReport.Attempt(
                url, ProvisionReport.Outcome.NOT_FOUND, null, "no such file"));
        continue;
      }
      try {
        applyConfigFile(store, content.get(), mac, url);
        attempts.add(
            new ProvisionReport.Attempt(
                url,
                ProvisionReport.Outcome.APPLIED,
                null,
                content.get().length + " bytes applied"));
      } catch (TransferException e) {
        attempts.add(
            new ProvisionReport.Attempt(
                url, ProvisionReport.Outcome.REFUSED, e.fault(), e.getMessage()));
      }
      if (!processAll) {
        break;
      }
    }
    return new ProvisionReport(attempts, processAll);
  }

  /** The file names of one pass, in request order. */
  List<String> configFileNames() {
    String prefix = value(CONFIG_PREFIX);
    String postfix = value(CONFIG_POSTFIX);
    String modelName = model.toLowerCase(Locale.ROOT);
    return List.of(
        prefix + "cfg" + mac + postfix,
        prefix + "cfg" + mac + postfix + ".xml",
        prefix + "cfg" + modelName + postfix + ".xml",
        prefix + "cfg" + postfix + ".xml");
  }

  private static boolean endsPass(FaultCode fault) {
    return fault == FaultCode.FILE_SERVER_UNREACHABLE
        || fault == FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE
        || fault == FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL;
  }

  private static ProvisionReport.Attempt failed(String url, TransferException e) {
    return new ProvisionReport.Attempt(
        url, ProvisionReport.Outcome.FAILED, e.fault(), e.getMessage());
  }

  /**
   * Applies a Grandstream config file as a TR-069 Download of FileType "3 Vendor Configuration
   * File" does, and as each file of {@link #provisionConfig()} is applied: decrypts it with P1359
   * when it is OpenSSL-encrypted, parses it, and applies all of it or nothing.
   *
   * @param source the URL or name of the file, for messages
   * @throws TransferException 9019 "file authentication failure" when the file cannot be decrypted
   *     with P1359 (a wrong password and a damaged ciphertext look the same; the password is the
   *     likelier cause), is for another MAC, or fails P240 authentication (P1 ≠ admin password);
   *     9018 "file corrupted" when it is not a config file or holds a value the phone refuses
   */
  public static void applyConfigFile(PValueStore store, byte[] content, String mac, String source)
      throws TransferException {
    String ownMac = ConfigFile.normalizeMac(mac);
    byte[] plain = content;
    if (ConfigCrypto.isEncrypted(content)) {
      String password = store.get(XML_CONFIG_PASSWORD).orElse("");
      if (password.isEmpty()) {
        throw new TransferException(
            FaultCode.FILE_AUTHENTICATION_FAILURE,
            source + ": file is encrypted and no XML config file password (P1359) is set");
      }
      try {
        plain = ConfigCrypto.decrypt(source, content, password);
      } catch (ConfigFileException e) {
        throw new TransferException(FaultCode.FILE_AUTHENTICATION_FAILURE, e.getMessage(), e);
      }
    }
    ConfigFile file;
    try {
      file = ConfigFile.parse(source, plain, ConfigAliases.wp820(store.catalog()));
    } catch (ConfigFileException e) {
      throw new TransferException(FaultCode.FILE_CORRUPTED, e.getMessage(), e);
    }
    if (file.mac().isPresent() && !file.mac().get().equals(ownMac)) {
      throw new TransferException(
          FaultCode.FILE_AUTHENTICATION_FAILURE,
          source + ": file is for MAC " + file.mac().get() + ", this phone is " + ownMac);
    }
    try {
      file.applyTo(store, ownMac);
    } catch (ConfigFileException e) {
      FaultCode fault =
          failsAuthentication(store, file)
              ? FaultCode.FILE_AUTHENTICATION_FAILURE
              : FaultCode.FILE_CORRUPTED;
      throw new TransferException(fault, e.getMessage(), e);
    }
  }

  /** Mirrors ConfigFile's P240 check, only to choose the fault for a refusal it already made. */
  private static boolean failsAuthentication(PValueStore store, ConfigFile file) {
    if (!"1".equals(store.get(AUTHENTICATE).orElse("0"))) {
      return false;
    }
    String presented = file.pvalues().get(AUTH_PASSWORD);
    return presented == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            store.get(ADMIN_PASSWORD).orElse("").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One firmware check. At boot P238 decides: 0 always check, 1 only when a firmware or config
   * prefix/postfix differs from the last check (or none is known), 2 skip. Off boot (automatic
   * upgrade, "Update Detect", a provisioning request) the check always runs. The image {@code
   * <P232><model>fw<P233>.bin} (e.g. {@code wp820fw.bin}) is fetched from {@code
   * scheme(P6767)://P192/} with P6768/P6769 and verified for this model; an image of a different
   * version than {@code running} is returned, whether newer or older, as the real phone flashes any
   * version that does not match.
   */
  public FirmwareCheck checkFirmware(FirmwareVersion running, boolean atBoot) {
    Objects.requireNonNull(running, "running");
    UpgradeNames names = currentNames();
    if (atBoot) {
      String mode = value(FIRMWARE_CHECK);
      if ("2".equals(mode)) {
        return new FirmwareCheck.None("firmware check at boot is off (P238=2)");
      }
      if ("1".equals(mode) && names.equals(lastChecked)) {
        return new FirmwareCheck.None(
            "firmware and config prefix/postfix unchanged since the last check (P238=1)");
      }
    }
    String url;
    try {
      url =
          baseUrl(FIRMWARE_VIA, FIRMWARE_SERVER_PATH, "firmware")
              + names.firmwarePrefix()
              + model.toLowerCase(Locale.ROOT)
              + "fw"
              + names.firmwarePostfix()
              + ".bin";
    } catch (TransferException e) {
      return new FirmwareCheck.Failed(e.getMessage(), e.fault());
    }
    TransferCredentials credentials =
        new TransferCredentials(value(FIRMWARE_USERNAME), value(FIRMWARE_PASSWORD), false);
    Optional<byte[]> image;
    try {
      image = transfers.getIfPresent(uri(url), credentials, MAX_FIRMWARE_BYTES);
    } catch (TransferException e) {
      return new FirmwareCheck.Failed(e.getMessage(), e.fault());
    }
    lastChecked = names;
    if (image.isEmpty()) {
      return new FirmwareCheck.None("no firmware image at " + url);
    }
    ImageCheck<VerifiedImage> check = VerifiedImage.verify(image.get(), model);
    if (check instanceof ImageCheck.Rejected<VerifiedImage> rejected) {
      return new FirmwareCheck.Failed(url + ": " + rejected.faultString(), rejected.fault());
    }
    VerifiedImage verified = ((ImageCheck.Ok<VerifiedImage>) check).value();
    if (verified.version().equals(running)) {
      return new FirmwareCheck.SameVersion(url, running);
    }
    return new FirmwareCheck.Image(url, verified);
  }

  /** {@link #nextAutomaticCheck(Instant, ZoneId)} in UTC. */
  public Optional<Instant> nextAutomaticCheck(Instant now) {
    return nextAutomaticCheck(now, ZoneOffset.UTC);
  }

  /**
   * When the next automatic firmware check is due after {@code now}, per P194: 0 never (the phone
   * checks only at boot), 1 every P193 minutes from now, 2 daily at hour P285, 3 weekly on day P286
   * (0 = Sunday) at hour P285. Times fall on the hour in {@code zone}, strictly after {@code now}.
   */
  public Optional<Instant> nextAutomaticCheck(Instant now, ZoneId zone) {
    String mode = value(AUTOMATIC_UPGRADE);
    if ("1".equals(mode)) {
      return Optional.of(now.plus(Duration.ofMinutes(intValue(CHECK_INTERVAL_MINUTES))));
    }
    if (!"2".equals(mode) && !"3".equals(mode)) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime next =
        local.truncatedTo(ChronoUnit.DAYS).with(LocalTime.of(intValue(HOUR_OF_DAY), 0));
    if ("2".equals(mode)) {
      if (!next.isAfter(local)) {
        next = next.plusDays(1);
      }
      return Optional.of(next.toInstant());
    }
    int day = intValue(DAY_OF_WEEK);
    DayOfWeek dayOfWeek = DayOfWeek.of(day == 0 ? 7 : day);
    next = next.with(TemporalAdjusters.nextOrSame(dayOfWeek));
    if (!next.isAfter(local)) {
      next = next.plusWeeks(1);
    }
    return Optional.of(next.toInstant());
  }

  /**
   * {@code scheme://path/} from a "via" P-value (0 TFTP, 1 HTTP, 2 HTTPS, 3 FTP, 4 FTPS) and a
   * server path; a path that already has a scheme (allowed since firmware 1.0.7.61) is kept as is.
   */
  private String baseUrl(String viaNumber, String pathNumber, String what)
      throws TransferException {
    String path = value(pathNumber).strip();
    if (path.isEmpty()) {
      throw new TransferException(
          FaultCode.FILE_SERVER_UNREACHABLE, what + " server path (" + pathNumber + ") is empty");
    }
    String url = path.contains("://") ? path : scheme(value(viaNumber)) + "://" + path;
    return url.endsWith("/") ? url : url + "/";
  }

  private static String scheme(String via) {
    return switch (via) {
      case "0" -> "tftp";
      case "1" -> "http";
      case "3" -> "ftp";
      case "4" -> "ftps";
      default -> "https";
    };
  }

  private static URI uri(String url) throws TransferException {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new TransferException(FaultCode.FILE_ACCESS_FAILURE, "not a valid URL: " + url, e);
    }
  }

  private String value(String number) {
    return store.get(number).orElse("");
  }

  private int intValue(String number) {
    return Integer.parseInt(value(number));
  }
}
