package io.cradle.cpe.model;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.param.ParameterType;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The WP820's TR-069 data model: TR-106 {@code Device:1} with a TR-104 VoiceService and the
 * X_GRANDSTREAM extensions (cwmp-digest §13, grandstream-notes §3).
 *
 * <p>Only parameters whose P-value the notes give are bound to the store; the two SIP accounts map
 * to VoiceProfile 1 and 2 through the catalog's {@code account1.*}/{@code account2.*} names, so a
 * profile lacks a parameter when its account has no catalogued P-value for it.
 */
public final class Wp820DataModel {

  /** The DeviceSummary of Grandstream's TR-104 issue 1 firmware (grandstream-notes §3). */
  public static final String DEVICE_SUMMARY =
      "Device:1.2[](Baseline:1,UDPConnReq:1,GatewayInfo:1,LAN:1,Time:1,IPPing:1,TraceRoute:1,"
          + "Download:1,Upload:1),VoiceService:1.0[1](Endpoint:1,SIPEndpoint:1)";

  /** Number of SIP accounts, each a VoiceProfile with one Line. */
  public static final int ACCOUNTS = 2;

  static final String MS = "Device.ManagementServer.";
  static final String UPGRADE = "Device.X_GRANDSTREAM_Upgrade.";
  static final String PARAMETER_KEY = MS + "ParameterKey";

  private static final Translation TRANSFER_PROTOCOL =
      Translation.words("TFTP", "0", "HTTP", "1", "HTTPS", "2", "FTP", "3", "FTPS", "4");

  private Wp820DataModel() {}

  /** Builds the model over {@code store}; it reads live values through {@code live}. */
  public static DataModel create(DeviceIdentity id, PValueStore store, LiveValues live) {
    return create(id, store, live, List.of());
  }

  /**
   * The model with the parameters the phone's other subsystems (Wi-Fi, battery, SAFE, …) add to it:
   * each contribution adds its own subtree.
   */
  public static DataModel create(
      DeviceIdentity id,
      PValueStore store,
      LiveValues live,
      List<Consumer<DataModel.Builder>> contributions) {
    DataModel.Builder b = DataModel.builder(store);
    b.add(Parameter.fixed("Device.DeviceSummary", DEVICE_SUMMARY).asForcedInform());

    String di = "Device.DeviceInfo.";
    b.add(Parameter.fixed(di + "Manufacturer", id.manufacturer()));
    b.add(Parameter.fixed(di + "ManufacturerOUI", id.manufacturerOui()));
    b.add(Parameter.fixed(di + "ModelName", id.modelName()));
    b.add(Parameter.fixed(di + "Description", id.modelName()));
    b.add(Parameter.fixed(di + "ProductClass", id.productClass()));
    b.add(Parameter.fixed(di + "SerialNumber", id.serialNumber()));
    b.add(Parameter.fixed(di + "HardwareVersion", id.hardwareVersion()).asForcedInform());
    // TR-106: SoftwareVersion and ProvisioningCode notify actively by default.
    Parameter softwareVersion =
        live.softwareVersion() == null
            ? Parameter.fixed(di + "SoftwareVersion", id.softwareVersion())
            : Parameter.live(di + "SoftwareVersion", ParameterType.STRING, live.softwareVersion());
    b.add(softwareVersion.asForcedInform().withDefaultNotification(2));
    b.add(
        Parameter.pvalue(di + "ProvisioningCode", ParameterType.STRING, "P4517")
            .asForcedInform()
            .withDefaultNotification(2));
    b.add(
        Parameter.live(
                di + "UpTime",
                ParameterType.UNSIGNED_INT,
                () -> Long.toString(live.upTimeSeconds().getAsLong()))
            .denyActiveNotify());
    // Placeholder: a running phone is Up; a health model may feed Error later.
    b.add(Parameter.live(di + "DeviceStatus", ParameterType.STRING, () -> "Up"));

    b.add(Parameter.pvalue(MS + "URL", ParameterType.STRING, "P4503"));
    b.add(Parameter.pvalue(MS + "Username", ParameterType.STRING, "P4504"));
    b.add(Parameter.pvalue(MS + "Password", ParameterType.STRING, "P4505").asHidden());
    b.add(Parameter.pvalueBoolean(MS + "PeriodicInformEnable", "P4506"));
    b.add(Parameter.pvalue(MS + "PeriodicInformInterval", ParameterType.UNSIGNED_INT, "P4507"));
    b.add(
        Parameter.pvalue(PARAMETER_KEY, ParameterType.STRING, "P4509").readOnly().asForcedInform());
    Supplier<String> crUrl =
        live.connectionRequestUrl() != null
            ? live.connectionRequestUrl()
            : () ->
                "http://" + live.ipAddress().get() + ":" + store.get("P4518").orElse("7547") + "/";
    b.add(
        Parameter.live(MS + "ConnectionRequestURL", ParameterType.STRING, crUrl)
            .asForcedInform()
            .withDefaultNotification(2));
    b.add(Parameter.pvalue(MS + "ConnectionRequestUsername", ParameterType.STRING, "P4511"));
    b.add(
        Parameter.pvalue(MS + "ConnectionRequestPassword", ParameterType.STRING, "P4512")
            .asHidden());
    b.add(
        Parameter.pvalue(
            MS + "X_GRANDSTREAM_ConnectionRequestPort", ParameterType.UNSIGNED_INT, "P4518"));
    b.parameterKey(PARAMETER_KEY);

    b.add(Parameter.pvalue("Device.Time.NTPServer1", ParameterType.STRING, "P30"));
    b.add(Parameter.pvalue("Device.Time.LocalTimeZone", ParameterType.STRING, "P64"));
    b.add(
        Parameter.pvalue(
            "Device.Time.X_GRANDSTREAM_SelfDefinedTimeZone", ParameterType.STRING, "P246"));

    b.add(
        Parameter.live("Device.LAN.IPAddress", ParameterType.STRING, live.ipAddress())
            .asForcedInform());
    // Real Device:1 phones add the MAC to the forced set (cwmp-digest §7): it is what the box is
    // labelled with and what cfg<mac>.xml is named by, so the ACS can match the phone at once.
    b.add(Parameter.fixed("Device.LAN.MACAddress", id.macAddress()).asForcedInform());

    String ui = "Device.UserInterface.";
    b.add(
        Parameter.pvalue(ui + "X_GRANDSTREAM_AdminLoginPassword", ParameterType.STRING, "P2")
            .asHidden());
    b.add(
        Parameter.pvalue(ui + "X_GRANDSTREAM_UserLoginPassword", ParameterType.STRING, "P196")
            .asHidden());
    b.add(Parameter.pvalue(ui + "X_GRANDSTREAM_AccessMethod", ParameterType.UNSIGNED_INT, "P1650"));
    b.add(Parameter.pvalueBoolean(ui + "X_GRANDSTREAM_DisableSSH", "P276"));

    String syslog = "Device.X_GRANDSTREAM_Syslog.";
    b.add(Parameter.pvalue(syslog + "ServerAddress", ParameterType.STRING, "P207"));
    b.add(Parameter.pvalue(syslog + "LogLevel", ParameterType.UNSIGNED_INT, "P208"));

    addUpgrade(b);
    for (int account = 1; account <= ACCOUNTS; account++) {
      addVoiceProfile(b, store, live, account);
    }
    contributions.forEach(c -> c.accept(b));
    return b.build();
  }

  private static void addUpgrade(DataModel.Builder b) {
    b.add(
        Parameter.pvalue(UPGRADE + "UpgradeVia", ParameterType.STRING, "P212", TRANSFER_PROTOCOL));
    b.add(Parameter.pvalue(UPGRADE + "HTTPorHTTPSUserName", ParameterType.STRING, "P1360"));
    b.add(
        Parameter.pvalue(UPGRADE + "HTTPorHTTPSPassword", ParameterType.STRING, "P1361")
            .asHidden());
    b.add(Parameter.pvalue(UPGRADE + "AutomaticUpgrade", ParameterType.UNSIGNED_INT, "P194"));
    b.add(
        Parameter.pvalue(
            UPGRADE + "AutomaticUpgradeMinutesInterval", ParameterType.UNSIGNED_INT, "P193"));
    b.add(
        Parameter.pvalue(
            UPGRADE + "AutomaticUpgradeHoursInterval", ParameterType.UNSIGNED_INT, "P285"));
    b.add(
        Parameter.pvalue(
            UPGRADE + "AutomaticUpgradeDaysInterval", ParameterType.UNSIGNED_INT, "P286"));
    b.add(
        Parameter.pvalueBoolean(UPGRADE + "AllowDHCPOption43andOption66toOverrideServer", "P145"));

    String fw = UPGRADE + "FirmwareUpgrade.";
    b.add(Parameter.pvalue(fw + "UpgradeVia", ParameterType.STRING, "P6767", TRANSFER_PROTOCOL));
    b.add(Parameter.pvalue(fw + "FirmwareServerPath", ParameterType.STRING, "P192"));
    b.add(Parameter.pvalue(fw + "FirmwareFilePrefix", ParameterType.STRING, "P232"));
    b.add(Parameter.pvalue(fw + "FirmwareFilePostfix", ParameterType.STRING, "P233"));
    b.add(
        Parameter.pvalue(
            fw + "FirmwareUpgradeAndProvisioning", ParameterType.UNSIGNED_INT, "P238"));
    b.add(Parameter.pvalue(fw + "HTTPorHTTPSUserName", ParameterType.STRING, "P6768"));
    b.add(Parameter.pvalue(fw + "HTTPorHTTPSPassword", ParameterType.STRING, "P6769").asHidden());

    String cfg = UPGRADE + "ConfigFile.";
    b.add(Parameter.pvalue(cfg + "ConfigServerPath", ParameterType.STRING, "P237"));
    b.add(
        Parameter.pvalue(cfg + "XMLConfigFilePassword", ParameterType.STRING, "P1359").asHidden());
    b.add(Parameter.pvalue(cfg + "ConfigFilePrefix", ParameterType.STRING, "P234"));
    b.add(Parameter.pvalue(cfg + "ConfigFilePostfix", ParameterType.STRING, "P235"));
    b.add(Parameter.pvalueBoolean(cfg + "AuthenticateConfFile", "P240"));
  }

  /**
   * VoiceProfile {@code account} with its one Line. Enable of both the profile and the line is the
   * account's "active" P-value: the WP820 has one line per account.
   */
  private static void addVoiceProfile(
      DataModel.Builder b, PValueStore store, LiveValues live, int account) {
    String vp = "Device.Services.VoiceService.1.VoiceProfile." + account + ".";
    String line = vp + "Line.1.";
    Account a = new Account(b, store, account);
    a.add(vp + "Enable", ParameterType.STRING, "active", Translation.enabledDisabled());
    a.add(vp + "SIP.RegistrarServer", ParameterType.STRING, "sipServer", Translation.IDENTITY);
    a.add(vp + "SIP.OutboundProxy", ParameterType.STRING, "outboundProxy", Translation.IDENTITY);
    a.add(
        vp + "SIP.X_GRANDSTREAM_BackupOutboundProxy",
        ParameterType.STRING,
        "backupOutboundProxy",
        Translation.IDENTITY);
    a.add(
        vp + "SIP.RegisterRetryInterval",
        ParameterType.UNSIGNED_INT,
        "registrationRetryWait",
        Translation.IDENTITY);
    a.add(
        vp + "SIP.UserAgentPort", ParameterType.UNSIGNED_INT, "localSipPort", Translation.IDENTITY);
    a.add(
        vp + "SIP.X_GRANDSTREAM_SipRegistration",
        ParameterType.BOOLEAN,
        "sipRegistration",
        Translation.BOOLEAN);
    a.add(
        vp + "SIP.X_GRANDSTREAM_UnregisterOnReboot",
        ParameterType.UNSIGNED_INT,
        "unregisterOnReboot",
        Translation.IDENTITY);
    a.add(
        vp + "SIP.X_GRANDSTREAM_DNSMode",
        ParameterType.UNSIGNED_INT,
        "dnsMode",
        Translation.IDENTITY);
    a.add(
        vp + "SIP.X_GRANDSTREAM_TelURI",
        ParameterType.UNSIGNED_INT,
        "telUri",
        Translation.IDENTITY);

    a.add(line + "Enable", ParameterType.STRING, "active", Translation.enabledDisabled());
    a.add(line + "DirectoryNumber", ParameterType.STRING, "sipUserId", Translation.IDENTITY);
    // Placeholders until the SIP stack feeds them (LiveValues.placeholders: Up / Idle).
    b.add(
        Parameter.live(
            line + "Status", ParameterType.STRING, () -> live.lineStatus().apply(account)));
    b.add(
        Parameter.live(
            line + "CallState", ParameterType.STRING, () -> live.callState().apply(account)));
    a.add(line + "SIP.AuthUserName", ParameterType.STRING, "authId", Translation.IDENTITY);
    a.addHidden(line + "SIP.AuthPassword", "password");
    a.add(
        line + "SIP.X_GRANDSTREAM_DisplayName",
        ParameterType.STRING,
        "displayName",
        Translation.IDENTITY);
    a.add(
        line + "CallingFeatures.MWIEnable",
        ParameterType.BOOLEAN,
        "subscribeForMwi",
        Translation.BOOLEAN);
  }

  /** Adds a profile's parameter only when the catalog knows {@code account<n>.<setting>}. */
  private record Account(DataModel.Builder b, PValueStore store, int account) {
    void add(String name, ParameterType type, String setting, Translation translation) {
      store
          .catalog()
          .findByName("account" + account + "." + setting)
          .ifPresent(d -> b.add(Parameter.pvalue(name, type, d.number(), translation)));
    }

    void addHidden(String name, String setting) {
      store
          .catalog()
          .findByName("account" + account + "." + setting)
          .ifPresent(
              d -> b.add(Parameter.pvalue(name, ParameterType.STRING, d.number()).asHidden()));
    }
  }
}
