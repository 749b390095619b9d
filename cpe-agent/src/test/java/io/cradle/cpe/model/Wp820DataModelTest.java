package io.cradle.cpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.ParameterInfo;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterValuesFault;
import io.cradle.cwmp.param.ParameterType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The RPC semantics of the WP820 data model (cwmp-digest §9). */
class Wp820DataModelTest {

  static final String MS = "Device.ManagementServer.";
  static final String VP1 = "Device.Services.VoiceService.1.VoiceProfile.1.";
  static final String VP2 = "Device.Services.VoiceService.1.VoiceProfile.2.";

  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final AtomicLong upTime = new AtomicLong(42);
  final AtomicReference<String> ip = new AtomicReference<>("10.0.0.7");
  final DataModel model =
      Wp820DataModel.create(
          DeviceIdentity.wp820("132113FFF00402B8", "V1.0A", "1.0.7.81", "C0:74:AD:12:34:56"),
          store,
          LiveValues.placeholders(upTime::get).withIpAddress(ip::get));

  // ------------------------------------------------------------ GetParameterNames

  @Test
  void gpnRootNextLevelListsOnlyDevice() {
    assertEquals(
        List.of(new ParameterInfo("Device.", false)),
        model.getParameterNames("", true).response().parameters());
  }

  @Test
  void gpnRootWholeTreeListsEveryObjectAndParameterOnce() {
    List<String> names = names(model.getParameterNames("", false).response().parameters());
    assertEquals("Device.", names.get(0));
    assertTrue(names.contains("Device.DeviceInfo."));
    assertTrue(names.contains("Device.Services.VoiceService.1.VoiceProfile.2.Line.1."));
    assertTrue(names.contains(VP2 + "Line.1.SIP.AuthUserName"));
    assertTrue(names.contains("Device.LAN.IPAddress"));
    assertEquals(names.size(), Set.copyOf(names).size(), "no duplicates");
    long leaves = names.stream().filter(n -> !n.endsWith(".")).count();
    assertEquals(model.parameters().size(), leaves);
  }

  @Test
  void gpnPartialPathNextLevelGivesImmediateChildrenWithWritability() {
    Map<String, Boolean> lan = writable(model.getParameterNames("Device.LAN.", true));
    assertEquals(Map.of("Device.LAN.IPAddress", false, "Device.LAN.MACAddress", false), lan);

    Map<String, Boolean> ms = writable(model.getParameterNames(MS, true));
    assertEquals(true, ms.get(MS + "URL"));
    assertEquals(false, ms.get(MS + "ParameterKey"));
    assertEquals(false, ms.get(MS + "ConnectionRequestURL"));

    assertEquals(
        List.of(
            "Device.Services.VoiceService.1.VoiceProfile.1.",
            "Device.Services.VoiceService.1.VoiceProfile.2."),
        names(
            model
                .getParameterNames("Device.Services.VoiceService.1.VoiceProfile.", true)
                .response()
                .parameters()));
  }

  @Test
  void gpnPartialPathWithoutNextLevelIncludesTheObjectItself() {
    assertEquals(
        List.of("Device.LAN.", "Device.LAN.IPAddress", "Device.LAN.MACAddress"),
        names(model.getParameterNames("Device.LAN.", false).response().parameters()));
  }

  @Test
  void gpnParameterName() {
    assertEquals(
        List.of(new ParameterInfo(MS + "URL", true)),
        model.getParameterNames(MS + "URL", false).response().parameters());
    assertEquals(9003, model.getParameterNames(MS + "URL", true).fault().code());
  }

  @Test
  void gpnUnknownPathIs9005() {
    assertEquals(9005, model.getParameterNames("Device.Nope.", false).fault().code());
    assertEquals(9005, model.getParameterNames("Device.LAN.Nope", false).fault().code());
    assertEquals(9005, model.getParameterNames("Device.LAN", true).fault().code());
    assertEquals(9005, model.getParameterNames("Device..", true).fault().code());
  }

  // ------------------------------------------------------------ GetParameterValues

  @Test
  void gpvExpandsPartialPathsWithLiveAndTypedValues() {
    List<ParameterValue> values =
        model
            .getParameterValues(List.of("Device.LAN.", "Device.DeviceInfo.UpTime"))
            .response()
            .parameters();
    assertEquals(
        List.of(
            new ParameterValue("Device.LAN.IPAddress", "10.0.0.7", ParameterType.STRING),
            new ParameterValue("Device.LAN.MACAddress", "C0:74:AD:12:34:56", ParameterType.STRING),
            new ParameterValue("Device.DeviceInfo.UpTime", "42", ParameterType.UNSIGNED_INT)),
        values);
    ip.set("10.0.0.8");
    upTime.set(43);
    assertEquals("10.0.0.8", model.value("Device.LAN.IPAddress").orElseThrow());
    assertEquals("43", model.value("Device.DeviceInfo.UpTime").orElseThrow());
  }

  @Test
  void gpvReadsThroughToTheStoreAndIdentity() {
    store.set("P47", "sip.example.org");
    store.set("P402", "sip2.example.org");
    Map<String, String> v =
        values(
            model.getParameterValues(
                List.of(
                    VP1 + "SIP.RegistrarServer",
                    VP2 + "SIP.RegistrarServer",
                    "Device.DeviceInfo.ManufacturerOUI",
                    "Device.DeviceInfo.SerialNumber",
                    MS + "URL")));
    assertEquals("sip.example.org", v.get(VP1 + "SIP.RegistrarServer"));
    assertEquals("sip2.example.org", v.get(VP2 + "SIP.RegistrarServer"));
    assertEquals("000B82", v.get("Device.DeviceInfo.ManufacturerOUI"));
    assertEquals("132113FFF00402B8", v.get("Device.DeviceInfo.SerialNumber"));
    assertEquals("https://acs.gdms.cloud", v.get(MS + "URL"));
  }

  @Test
  void gpvHidesPasswords() {
    store.set("P34", "secret");
    store.set("P4505", "acs-secret");
    Map<String, String> v =
        values(
            model.getParameterValues(
                List.of(
                    VP1 + "Line.1.SIP.AuthPassword",
                    MS + "Password",
                    "Device.UserInterface.X_GRANDSTREAM_AdminLoginPassword")));
    assertEquals("", v.get(VP1 + "Line.1.SIP.AuthPassword"));
    assertEquals("", v.get(MS + "Password"));
    assertEquals("", v.get("Device.UserInterface.X_GRANDSTREAM_AdminLoginPassword"));
    assertEquals("admin", store.get("P2").orElseThrow(), "the P-value itself is untouched");
  }

  @Test
  void gpvWithOneUnknownNameFailsWhole() {
    Fault f = model.getParameterValues(List.of(MS + "URL", "Device.LAN.Nope")).fault();
    assertEquals(9005, f.code());
    assertTrue(f.message().contains("Device.LAN.Nope"), f.message());
    assertEquals(9005, model.getParameterValues(List.of("Device.Nope.")).fault().code());
  }

  // ------------------------------------------------------------ SetParameterValues

  @Test
  void spvWritesThroughToTheStoreAndSetsParameterKey() {
    var result =
        model.setParameterValues(
            List.of(
                new ParameterValue(
                    MS + "URL", "http://acs.example.org:7547/", ParameterType.STRING),
                new ParameterValue(MS + "PeriodicInformEnable", "true", ParameterType.BOOLEAN),
                new ParameterValue(
                    MS + "PeriodicInformInterval", "300", ParameterType.UNSIGNED_INT),
                ParameterValue.string(VP2 + "Line.1.DirectoryNumber", "2001"),
                ParameterValue.string(VP1 + "Line.1.SIP.AuthPassword", "pw")),
            "key-1");
    assertEquals(0, result.response().status());
    assertEquals("http://acs.example.org:7547/", store.get("P4503").orElseThrow());
    assertEquals("1", store.get("P4506").orElseThrow());
    assertEquals("300", store.get("P4507").orElseThrow());
    assertEquals("2001", store.get("P404").orElseThrow());
    assertEquals("pw", store.get("P34").orElseThrow());
    assertEquals("key-1", store.get("P4509").orElseThrow());

    Map<String, String> v =
        values(
            model.getParameterValues(
                List.of(
                    MS + "URL",
                    MS + "PeriodicInformEnable",
                    MS + "PeriodicInformInterval",
                    MS + "ParameterKey")));
    assertEquals("http://acs.example.org:7547/", v.get(MS + "URL"));
    assertEquals("true", v.get(MS + "PeriodicInformEnable"));
    assertEquals("300", v.get(MS + "PeriodicInformInterval"));
    assertEquals("key-1", v.get(MS + "ParameterKey"));
    assertEquals("key-1", model.parameterKey());
  }

  @Test
  void spvWithBadParametersFaultsEachAndChangesNothing() {
    model.setParameterValues(List.of(), "before");
    Map<String, String> before = store.snapshot();
    var result =
        model.setParameterValues(
            List.of(
                ParameterValue.string(MS + "URL", "http://acs.example.org/"),
                ParameterValue.string("Device.LAN.Nope", "x"),
                ParameterValue.string("Device.DeviceInfo.UpTime", "5"),
                ParameterValue.string(MS + "ParameterKey", "sneaky"),
                ParameterValue.string(MS + "PeriodicInformEnable", "yes"),
                ParameterValue.string(MS + "PeriodicInformInterval", "abc"),
                ParameterValue.string(VP1 + "SIP.UserAgentPort", "70000"),
                ParameterValue.string(VP1 + "SIP.RegisterRetryInterval", "0"),
                ParameterValue.string(VP1 + "Line.1.Enable", "Quiescent"),
                ParameterValue.string(VP1 + "SIP.OutboundProxy", "proxy.example.org")),
            "after");
    Fault f = result.fault();
    assertEquals(9003, f.code());
    Map<String, Integer> codes =
        f.parameterFaults().stream()
            .collect(
                Collectors.toMap(
                    SetParameterValuesFault::parameterName,
                    SetParameterValuesFault::faultCode,
                    (a, b) -> a,
                    LinkedHashMap::new));
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("Device.LAN.Nope", 9005);
    expected.put("Device.DeviceInfo.UpTime", 9008);
    expected.put(MS + "ParameterKey", 9008);
    expected.put(MS + "PeriodicInformEnable", 9006);
    expected.put(MS + "PeriodicInformInterval", 9006);
    expected.put(VP1 + "SIP.UserAgentPort", 9007);
    expected.put(VP1 + "SIP.RegisterRetryInterval", 9007);
    expected.put(VP1 + "Line.1.Enable", 9007);
    assertEquals(expected, codes);
    String rangeReason =
        f.parameterFaults().stream()
            .filter(p -> p.parameterName().equals(VP1 + "SIP.UserAgentPort"))
            .findFirst()
            .orElseThrow()
            .faultString();
    assertTrue(rangeReason.contains("1..65535"), rangeReason);

    assertEquals(before, store.snapshot(), "store untouched");
    assertEquals("before", model.parameterKey(), "ParameterKey untouched");
  }

  @Test
  void spvWithDuplicateNamesIs9003AndChangesNothing() {
    Map<String, String> before = store.snapshot();
    Fault f =
        model
            .setParameterValues(
                List.of(
                    ParameterValue.string("Device.Time.NTPServer1", "a.example.org"),
                    ParameterValue.string("Device.Time.NTPServer1", "b.example.org")),
                "k")
            .fault();
    assertEquals(9003, f.code());
    assertTrue(f.message().contains("Device.Time.NTPServer1"), f.message());
    assertEquals(before, store.snapshot());
    assertEquals("", model.parameterKey());
  }

  @Test
  void spvRejectsTwoNamesSettingOnePValueDifferently() {
    Fault f =
        model
            .setParameterValues(
                List.of(
                    ParameterValue.string(VP1 + "Enable", "Enabled"),
                    ParameterValue.string(VP1 + "Line.1.Enable", "Disabled")),
                "k")
            .fault();
    assertEquals(9003, f.code());
    assertEquals(
        List.of(VP1 + "Line.1.Enable"),
        f.parameterFaults().stream().map(SetParameterValuesFault::parameterName).toList());
    assertEquals(9007, f.parameterFaults().get(0).faultCode());
    assertEquals("1", store.get("P271").orElseThrow());
  }

  @Test
  void spvRefusesAnOverlongParameterKey() {
    assertEquals(9003, model.setParameterValues(List.of(), "k".repeat(33)).fault().code());
    assertTrue(model.setParameterValues(List.of(), "k".repeat(32)).isOk());
  }

  @Test
  void booleanAndWordTranslation() {
    store.set("P4506", "1");
    assertEquals("true", model.value(MS + "PeriodicInformEnable").orElseThrow());
    store.set("P4506", "0");
    assertEquals("false", model.value(MS + "PeriodicInformEnable").orElseThrow());
    assertTrue(
        model
            .setParameterValues(
                List.of(ParameterValue.string(MS + "PeriodicInformEnable", "1")), "")
            .isOk());
    assertEquals("1", store.get("P4506").orElseThrow());
    assertTrue(
        model
            .setParameterValues(
                List.of(ParameterValue.string(MS + "PeriodicInformEnable", "FALSE")), "")
            .isOk());
    assertEquals("0", store.get("P4506").orElseThrow());

    // TR-104 Enable: Enabled/Disabled <-> account active 1/0, profile and line alike.
    assertEquals("Disabled", model.value(VP2 + "Line.1.Enable").orElseThrow());
    assertTrue(
        model
            .setParameterValues(
                List.of(ParameterValue.string(VP2 + "Line.1.Enable", "Enabled")), "")
            .isOk());
    assertEquals("1", store.get("P401").orElseThrow());
    assertEquals("Enabled", model.value(VP2 + "Enable").orElseThrow());

    // Transfer protocol words.
    assertEquals("HTTPS", model.value("Device.X_GRANDSTREAM_Upgrade.UpgradeVia").orElseThrow());
    assertTrue(
        model
            .setParameterValues(
                List.of(ParameterValue.string("Device.X_GRANDSTREAM_Upgrade.UpgradeVia", "HTTP")),
                "")
            .isOk());
    assertEquals("1", store.get("P212").orElseThrow());
  }

  @Test
  void spvCanonicalisesIntegers() {
    assertTrue(
        model
            .setParameterValues(
                List.of(ParameterValue.string(MS + "PeriodicInformInterval", " +600 ")), "")
            .isOk());
    assertEquals("600", store.get("P4507").orElseThrow());
  }

  // ------------------------------------------------------------ Attributes

  @Test
  void attributesSetAndGet() {
    var ok =
        model.setParameterAttributes(
            List.of(
                new io.cradle.cwmp.message.SetParameterAttribute(
                    MS + "URL", true, 1, true, List.of("Subscriber")),
                new io.cradle.cwmp.message.SetParameterAttribute(
                    "Device.LAN.", true, 2, false, List.of())));
    assertTrue(ok.isOk());
    var attrs =
        model.getParameterAttributes(List.of(MS + "URL", "Device.LAN.")).response().parameters();
    assertEquals(3, attrs.size());
    assertEquals(1, attrs.get(0).notification());
    assertEquals(List.of("Subscriber"), attrs.get(0).accessList());
    assertEquals("Device.LAN.IPAddress", attrs.get(1).name());
    assertEquals(2, attrs.get(1).notification());
    assertEquals(2, attrs.get(2).notification());
    assertEquals(9005, model.getParameterAttributes(List.of("Device.Nope")).fault().code());
  }

  @Test
  void defaultNotificationsFollowTr106() {
    assertEquals(2, model.notifications().notification(MS + "ConnectionRequestURL"));
    assertEquals(2, model.notifications().notification("Device.DeviceInfo.SoftwareVersion"));
    assertEquals(0, model.notifications().notification(MS + "URL"));
  }

  @Test
  void activeNotificationRefusedWhereNotAllowedAndNothingApplied() {
    Fault f =
        model
            .setParameterAttributes(
                List.of(
                    new io.cradle.cwmp.message.SetParameterAttribute(
                        MS + "URL", true, 1, false, List.of()),
                    new io.cradle.cwmp.message.SetParameterAttribute(
                        "Device.DeviceInfo.UpTime", true, 2, false, List.of())))
            .fault();
    assertEquals(9009, f.code());
    assertEquals(0, model.notifications().notification(MS + "URL"), "nothing applied");

    // A subtree asks active for everything below it except what refuses it.
    assertTrue(
        model
            .setParameterAttributes(
                List.of(
                    new io.cradle.cwmp.message.SetParameterAttribute(
                        "Device.DeviceInfo.", true, 2, false, List.of())))
            .isOk());
    assertEquals(2, model.notifications().notification("Device.DeviceInfo.SerialNumber"));
    assertEquals(0, model.notifications().notification("Device.DeviceInfo.UpTime"));
    // Passive is fine.
    assertTrue(
        model
            .setParameterAttributes(
                List.of(
                    new io.cradle.cwmp.message.SetParameterAttribute(
                        "Device.DeviceInfo.UpTime", true, 1, false, List.of())))
            .isOk());
    assertEquals(1, model.notifications().notification("Device.DeviceInfo.UpTime"));
    assertEquals(
        9003,
        model
            .setParameterAttributes(
                List.of(
                    new io.cradle.cwmp.message.SetParameterAttribute(
                        MS + "URL", true, 7, false, List.of())))
            .fault()
            .code());
  }

  // ------------------------------------------------------------ Inform

  @Test
  void informParametersHoldTheForcedSet() {
    model.setParameterValues(List.of(), "pk");
    store.set("P4517", "site-7");
    Map<String, String> inform = new LinkedHashMap<>();
    model.informParameters().forEach(p -> inform.put(p.name(), p.value()));
    assertEquals(
        Set.of(
            "Device.DeviceSummary",
            "Device.DeviceInfo.HardwareVersion",
            "Device.DeviceInfo.SoftwareVersion",
            "Device.DeviceInfo.ProvisioningCode",
            MS + "ParameterKey",
            MS + "ConnectionRequestURL",
            "Device.LAN.IPAddress",
            "Device.LAN.MACAddress"),
        inform.keySet());
    assertEquals(Wp820DataModel.DEVICE_SUMMARY, inform.get("Device.DeviceSummary"));
    assertEquals("1.0.7.81", inform.get("Device.DeviceInfo.SoftwareVersion"));
    assertEquals("site-7", inform.get("Device.DeviceInfo.ProvisioningCode"));
    assertEquals("pk", inform.get(MS + "ParameterKey"));
    assertEquals("http://10.0.0.7:7547/", inform.get(MS + "ConnectionRequestURL"));
    assertEquals("10.0.0.7", inform.get("Device.LAN.IPAddress"));
    assertEquals("C0:74:AD:12:34:56", inform.get("Device.LAN.MACAddress"));
  }

  @Test
  void everyPValueBindingIsACataloguedPValueAndEveryParameterReads() {
    for (Parameter p : model.parameters()) {
      if (p.binding() instanceof Binding.PValue pv) {
        assertTrue(store.catalog().find(pv.number()).isPresent(), p.name() + " -> " + pv.number());
      }
      assertTrue(p.type().validate(model.value(p.name()).orElseThrow()).isEmpty(), p.name());
    }
    var all = model.getParameterValues(List.of("Device.")).response().parameters();
    assertEquals(model.parameters().size(), all.size());
  }

  @Test
  void resultMessageIsTheResponseOrTheFault() {
    assertTrue(
        model.getParameterNames("Device.LAN.", true).message()
            instanceof io.cradle.cwmp.message.GetParameterNamesResponse);
    assertTrue(model.getParameterNames("Device.X.", true).message() instanceof Fault);
  }

  private static List<String> names(List<ParameterInfo> infos) {
    return infos.stream().map(ParameterInfo::name).toList();
  }

  private static Map<String, Boolean> writable(RpcResult<?> r) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    ((io.cradle.cwmp.message.GetParameterNamesResponse) r.response())
        .parameters()
        .forEach(p -> out.put(p.name(), p.writable()));
    return out;
  }

  private static Map<String, String> values(
      RpcResult<io.cradle.cwmp.message.GetParameterValuesResponse> r) {
    Map<String, String> out = new LinkedHashMap<>();
    r.response().parameters().forEach(p -> out.put(p.name(), p.value()));
    return out;
  }
}
