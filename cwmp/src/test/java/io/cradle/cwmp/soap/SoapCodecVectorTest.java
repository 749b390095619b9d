package io.cradle.cwmp.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterAttributesResponse;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterNamesResponse;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterAttribute;
import io.cradle.cwmp.message.ParameterInfo;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.param.DateTimes;
import io.cradle.cwmp.param.ParameterType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real-world captures (see vectors/SOURCES.md): each decodes, and each listed quirk is handled. */
class SoapCodecVectorTest {

  private final SoapCodec codec = new SoapCodec();

  static List<String> vectorNames() {
    return Vectors.names();
  }

  @Test
  void allVectorsArePresent() {
    assertEquals(33, vectorNames().size(), vectorNames().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorNames")
  void vectorDecodesAndSurvivesReencoding(String name) throws Exception {
    Vectors.Vector vector = Vectors.load(name);

    Envelope first = codec.decode(vector.body(), vector.charset());
    Envelope second = codec.decode(codec.encode(first));

    assertEquals(CwmpVersion.V1_0, first.version(), "all vectors use cwmp-1-0");
    assertEquals(first.body(), second.body());
    assertEquals(first.header(), second.header());
  }

  private Envelope decode(String name) throws Exception {
    Vectors.Vector vector = Vectors.load(name);
    return codec.decode(vector.body(), vector.charset());
  }

  private <T extends CwmpMessage> T body(String name, Class<T> type) throws Exception {
    return assertInstanceOf(type, decode(name).body(), name);
  }

  private static Map<String, ParameterValue> byName(List<ParameterValue> values) {
    return values.stream()
        .collect(Collectors.toMap(ParameterValue::name, Function.identity(), (a, b) -> a));
  }

  @Test
  void thomson780InformWithSoapPrefixForEncodingAndTwoDigitCounts() throws Exception {
    Envelope envelope = decode("inform-thomson-speedtouch780-bantr.http");
    Inform inform = assertInstanceOf(Inform.class, envelope.body());

    assertEquals("3_THOM_TR69_ID", envelope.header().id());
    assertEquals("00147F-SpeedTouch 780-CP0644JTHJ4", inform.deviceId().key());
    assertEquals(List.of(new Event(Event.PERIODIC)), inform.events());
    assertEquals(2, inform.maxEnvelopes());
    assertEquals(0, inform.retryCount(), "RetryCount 00");
    assertEquals("1970-01-01T00:02:16Z", inform.currentTime());
    assertEquals(8, inform.parameters().size());
    assertEquals("10.0.0.2", byName(inform.parameters()).get(".ExternalIPAddress").value());
    assertTrue(
        byName(inform.parameters())
            .get("InternetGatewayDevice.DeviceSummary")
            .value()
            .endsWith("VoiceService:1.0[1](SIPSIPEndpoint:1, TAEndpoint:1)"));
  }

  @Test
  void deprecatedNoMoreRequestsHeaderIsAcceptedAndIgnored() throws Exception {
    Envelope envelope = decode("inform-thomson-speedtouch706-bants-nomorerequests.http");

    assertEquals(Header.withId("THOM_CPE_ALC_ID_9"), envelope.header());
    assertEquals(11, assertInstanceOf(Inform.class, envelope.body()).parameters().size());
  }

  @Test
  void perlCwmpAcsRequestWithNoMoreRequestsAndUntypedValues() throws Exception {
    Envelope envelope = decode("acs-perlcwmp-setparametervalues.xml");
    SetParameterValues spv = assertInstanceOf(SetParameterValues.class, envelope.body());

    assertEquals(Header.withId("42"), envelope.header());
    assertEquals(
        List.of(
            ParameterValue.string(
                "InternetGatewayDevice.DeviceInfo.ProvisioningCode", "test provision"),
            ParameterValue.string("InternetGatewayDevice.DeviceInfo.X_000E50_Country", "42")),
        spv.parameters());
    assertEquals("", spv.parameterKey());
  }

  @Test
  void thomson585InformHasTwelveParametersAndTwoDigitRetryCount() throws Exception {
    Inform inform = body("inform-thomson-speedtouch585-bantw.http", Inform.class);

    assertEquals(12, inform.parameters().size());
    assertEquals(0, inform.retryCount());
    assertEquals("CP0703KT3PP", inform.deviceId().serialNumber());
  }

  @Test
  void invalidDateTimeValueIsKeptRaw() throws Exception {
    Inform inform = body("inform-thomson-speedtouch706-invalid-datetime.xml", Inform.class);
    ParameterValue date =
        byName(inform.parameters()).get("InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date");

    assertEquals(
        new ParameterValue(date.name(), "0000-00-00T00:00:00", ParameterType.DATE_TIME), date);
    assertEquals(10, inform.retryCount());
  }

  @Test
  void lowercaseOuiIsNormalisedAndBootstrapBootEventsAreKept() throws Exception {
    Inform inform = body("inform-zhone-6718-bootstrap-boot.xml", Inform.class);

    assertEquals("00255E", inform.deviceId().oui());
    assertEquals("00255e71f7ac", inform.deviceId().serialNumber(), "serial is not case-folded");
    assertTrue(inform.hasEvent(Event.BOOTSTRAP) && inform.hasEvent(Event.BOOT));
    assertEquals(8, inform.parameters().size(), "arrayType [0008]");
    assertEquals("1970-01-01T00:05:09+00:00", inform.currentTime());
  }

  @Test
  void invalidCurrentTimeIsKeptRawWithLowercaseOui() throws Exception {
    Inform inform = body("inform-cytco-bcm-invalid-currenttime.xml", Inform.class);

    assertEquals("2019-03-05T11:54::14", inform.currentTime());
    assertTrue(DateTimes.parse(inform.currentTime()).isEmpty());
    assertEquals("00A859", inform.deviceId().oui());
    assertEquals(942, inform.retryCount());
    assertEquals(32, inform.deviceId().serialNumber().length());
  }

  @Test
  void duplicateParameterIsKeptAsSent() throws Exception {
    Inform inform = body("inform-zte-f600w-gpon-duplicate-param.xml", Inform.class);
    String url = "InternetGatewayDevice.ManagementServer.ConnectionRequestURL";

    assertEquals(10, inform.parameters().size());
    assertEquals(2, inform.parameters().stream().filter(p -> p.name().equals(url)).count());
    assertEquals(new Event(Event.BOOTSTRAP, "TR069_ZTE_HOMEGATEWAY"), inform.events().get(0));
    assertEquals(3, inform.events().size());
  }

  @Test
  void headerlessInformsDecodeWithNullId() throws Exception {
    for (String name :
        List.of(
            "inform-motorola-vap2404e-noheader-enc-prefix.xml",
            "inform-mikrotik-haplite-diag-complete-noheader.http")) {
      Envelope envelope = decode(name);

      assertNull(envelope.header().id(), name);
      assertEquals(Header.NONE, envelope.header(), name);
    }
  }

  @Test
  void motorolaDeviceOneInformWithEncPrefix() throws Exception {
    Inform inform = body("inform-motorola-vap2404e-noheader-enc-prefix.xml", Inform.class);

    assertEquals(11, inform.parameters().size());
    assertEquals("2.110.24.198", byName(inform.parameters()).get("Device.LAN.IPAddress").value());
    assertEquals("2015-09-22T05:04:58-07:00", inform.currentTime());
  }

  @Test
  void mikrotikInformWithSingleQuotedAttributes() throws Exception {
    Inform inform = body("inform-mikrotik-haplite-diag-complete-noheader.http", Inform.class);

    assertTrue(inform.hasEvent(Event.DIAGNOSTICS_COMPLETE));
    assertEquals(7, inform.parameters().size());
    assertEquals(
        new ParameterValue(
            "Device.ManagementServer.AliasBasedAddressing", "0", ParameterType.BOOLEAN),
        inform.parameters().get(6));
  }

  @Test
  void sagemcomArraysWithXsiTypeSoapEncArray() throws Exception {
    Inform inform = body("inform-sagemcom-hgw4-tr181-soapenc-array.xml", Inform.class);

    assertEquals(1, inform.events().size());
    assertEquals(8, inform.parameters().size());
    assertEquals(
        "2.110.222.109",
        byName(inform.parameters()).get("Device.IP.Interface.2.IPv4Address.1.IPAddress").value());
  }

  @Test
  void zyxelInformsWithZonelessTimeAndIpv6Url() throws Exception {
    Inform voip = body("inform-zyxel-p2601hn-f1-voip.xml", Inform.class);
    Inform vmg = body("inform-zyxel-vmg8924-ipv6-crurl.xml", Inform.class);

    assertEquals("2015-01-19T23:08:24", voip.currentTime());
    Map<String, ParameterValue> vmgValues = byName(vmg.parameters());
    assertEquals(
        "http://[2a02:980:1400::1ff]:30005/78DF621FFD24F339452C341BEFE0E8A8",
        vmgValues.get("InternetGatewayDevice.ManagementServer.ConnectionRequestURL").value());
    assertTrue(
        vmgValues
            .get("InternetGatewayDevice.DeviceSummary")
            .value()
            .endsWith("VoiceService:1.0[1](Endpoint:1, SIPEndpoint:1)"));
  }

  @Test
  void genieAcsSimInformWithArrayCountTooHighAndSelfClosingElements() throws Exception {
    Envelope envelope = decode("genieacs-sim-inform.xml");
    Inform inform = assertInstanceOf(Inform.class, envelope.body());

    assertEquals("jacjqr6j", envelope.header().id());
    assertEquals(7, inform.parameters().size(), "arrayType says 16");
    assertEquals(new Event(Event.PERIODIC, ""), inform.events().get(0));
    assertEquals("2026-11-26T11:16:09.889Z", inform.currentTime());
  }

  @Test
  void arrayTypeCountMismatchYieldsTheValuesPresent() throws Exception {
    GetParameterValuesResponse gpv =
        body("gpv-response-tr181-arraytype-count-mismatch.xml", GetParameterValuesResponse.class);

    assertEquals(
        List.of(
            new ParameterValue(
                "Device.IP.Interface.3.IPv4AddressNumberOfEntries",
                "1",
                ParameterType.UNSIGNED_INT),
            new ParameterValue(
                "Device.IP.Interface.3.IPv6AddressNumberOfEntries",
                "1",
                ParameterType.UNSIGNED_INT)),
        gpv.parameters());
  }

  @Test
  void untypedValuesAreStrings() throws Exception {
    GetParameterValuesResponse gpv =
        body("gpv-response-thomson-speedtouch585-untyped.http", GetParameterValuesResponse.class);

    assertEquals(6, gpv.parameters().size());
    assertTrue(gpv.parameters().stream().allMatch(p -> p.type() == ParameterType.STRING));
    Map<String, ParameterValue> values = byName(gpv.parameters());
    assertEquals(
        "0000-00-00T00:00:00",
        values.get("InternetGatewayDevice.DeviceInfo.VendorConfigFile.1.Date").value());
    assertEquals("", values.get("InternetGatewayDevice.DeviceInfo.X_000E50_Country").value());
  }

  @Test
  void ciscoGpvKeepsEveryStructAndEveryTypeAndValueAsSent() throws Exception {
    GetParameterValuesResponse gpv =
        body("gpv-response-cisco-femto-microcell-213.xml", GetParameterValuesResponse.class);
    Map<ParameterType, Long> types =
        gpv.parameters().stream()
            .collect(Collectors.groupingBy(ParameterValue::type, Collectors.counting()));

    // The file says [213] but holds 227 structs: children are counted, the attribute ignored.
    assertEquals(227, gpv.parameters().size());
    assertEquals(
        Map.of(
            ParameterType.STRING, 64L,
            ParameterType.UNSIGNED_INT, 107L,
            ParameterType.BOOLEAN, 34L,
            ParameterType.INT, 15L,
            ParameterType.DATE_TIME, 7L),
        types);
    assertTrue(
        gpv.parameters().stream().anyMatch(p -> p.value().equals("1.0.21 1.0.23")),
        "a non-numeric 'unsignedInt' stays a raw string");
  }

  @Test
  void ciscoGpnHasNoWhitespaceAroundNames() throws Exception {
    GetParameterNamesResponse gpn =
        body("gpn-response-cisco-femto-microcell.xml", GetParameterNamesResponse.class);

    assertEquals(227, gpn.parameters().size());
    assertTrue(gpn.parameters().stream().allMatch(p -> p.name().equals(p.name().strip())));
    assertEquals(new ParameterInfo("Device.DeviceSummary", false), gpn.parameters().get(0));
    assertEquals(43, gpn.parameters().stream().filter(ParameterInfo::writable).count());
  }

  @Test
  void junkWritableReadsAsNotWritable() throws Exception {
    GetParameterNamesResponse gpn =
        body("gpn-response-cisco-femto-microcell.xml", GetParameterNamesResponse.class);

    // The capture says <Writable>30</Writable> here (SOURCES.md does not list this quirk).
    assertTrue(
        gpn.parameters()
            .contains(new ParameterInfo("Device.TraceRouteDiagnostics.MaxHopCount", false)));
  }

  @Test
  void bigZteGpnDecodesAllEntries() throws Exception {
    Vectors.Vector vector = Vectors.load("gpn-response-zte-ont-1384.xml");
    GetParameterNamesResponse gpn =
        assertInstanceOf(GetParameterNamesResponse.class, codec.decode(vector.body()).body());

    assertTrue(vector.body().length > 300_000);
    assertEquals(1384, gpn.parameters().size());
    assertEquals(new ParameterInfo("InternetGatewayDevice.", false), gpn.parameters().get(0));
    assertEquals(
        "InternetGatewayDevice.X_ZTE-COM_CATV.AGCOffset", gpn.parameters().get(1383).name());
    assertEquals(618, gpn.parameters().stream().filter(ParameterInfo::writable).count());
  }

  @Test
  void thomsonGpnWritableAsZeroAndOne() throws Exception {
    GetParameterNamesResponse gpn =
        body("gpn-response-thomson-speedtouch780.http", GetParameterNamesResponse.class);
    Map<String, Boolean> writable =
        gpn.parameters().stream()
            .collect(Collectors.toMap(ParameterInfo::name, ParameterInfo::writable));

    assertEquals(18, gpn.parameters().size());
    assertTrue(writable.get("InternetGatewayDevice.DeviceInfo.ProvisioningCode"));
    assertFalse(writable.get("InternetGatewayDevice.DeviceInfo.Manufacturer"));
  }

  @Test
  void thomsonGpaWithCwmpStringAccessList() throws Exception {
    GetParameterAttributesResponse gpa =
        body("gpa-response-thomson-speedtouch780.http", GetParameterAttributesResponse.class);

    assertEquals(
        List.of(
            new ParameterAttribute(
                "InternetGatewayDevice.DeviceInfo.SerialNumber", 0, List.of("subscriber")),
            new ParameterAttribute(
                "InternetGatewayDevice.DeviceInfo.SoftwareVersion", 0, List.of("subscriber"))),
        gpa.parameters());
  }

  @Test
  void thomsonGetRpcMethodsResponseWithUnprefixedStringArrayType() throws Exception {
    GetRPCMethodsResponse methods =
        body("getrpcmethods-response-thomson-speedtouch585.http", GetRPCMethodsResponse.class);

    assertEquals(9, methods.methods().size());
    assertEquals("GetRPCMethods", methods.methods().get(0));
    assertFalse(methods.methods().contains("ScheduleInform"));
    assertFalse(methods.methods().contains("Upload"));
  }

  @Test
  void faultsDecodeWithCodeAndString() throws Exception {
    Envelope f9005 = decode("fault-9005-invalid-parameter-name-cwmpex.xml");
    Envelope f9001 = decode("fault-9001-thomson-speedtouch780.http");
    Envelope f9000 = decode("fault-9000-thomson-speedtouch706-cookie.http");

    assertEquals(
        new Fault(FaultCode.INVALID_PARAMETER_NAME, "Invalid parameter name"), f9005.body());
    assertEquals("50", f9005.header().id());
    assertEquals(new Fault(FaultCode.CPE_REQUEST_DENIED, "Request Denied"), f9001.body());
    assertEquals("218_THOM_TR69_ID", f9001.header().id());
    assertEquals(
        new Fault(FaultCode.CPE_METHOD_NOT_SUPPORTED, "Method not supported"), f9000.body());
    assertEquals("THOM_CPE_ALC_ID_393", f9000.header().id(), "the cwmp:ID, not the cookie's 392");
  }

  @Test
  void transferCompleteWithFault9015AndUnknownTimes() throws Exception {
    Envelope envelope = decode("transfercomplete-9015-zero-datetime.xml");
    TransferComplete tc = assertInstanceOf(TransferComplete.class, envelope.body());

    assertEquals("", tc.commandKey());
    assertEquals(FaultCode.FILE_SERVER_UNREACHABLE.code(), tc.fault().faultCode());
    assertEquals("File transfer failure: unable to contact file server", tc.fault().faultString());
    assertEquals("0001-01-01T00:00:00Z", tc.startTime());
    assertEquals("0001-01-01T00:00:00Z", tc.completeTime());
    assertEquals(DateTimes.UNKNOWN, DateTimes.parse(tc.startTime()).orElseThrow());
    assertEquals("XXXXXXXYYYYZZZ", envelope.header().id());
  }

  @Test
  void successfulTransferComplete() throws Exception {
    TransferComplete tc =
        body("transfercomplete-autoconf-firmware-cwmpex.xml", TransferComplete.class);

    assertEquals("AutoconfFirmwareUpgrade", tc.commandKey());
    assertTrue(tc.fault().isSuccess());
    assertEquals("2016-04-07T08:43:49Z", tc.startTime());
    assertEquals("2016-04-07T08:45:06Z", tc.completeTime());
  }

  @Test
  void setParameterValuesResponseStatusZero() throws Exception {
    Envelope envelope = decode("spv-response-status0-cwmpex.xml");

    assertEquals(new SetParameterValuesResponse(0), envelope.body());
    assertEquals("50", envelope.header().id());
  }

  @Test
  void freeAcsGetParameterNamesWithLiteralFalse() throws Exception {
    Envelope envelope = decode("acs-freeacs-getparameternames-nextlevel-false.xml");

    assertEquals(new GetParameterNames("InternetGatewayDevice.", false), envelope.body());
    assertEquals("FREEACS-0", envelope.header().id());
  }

  @Test
  void genieAcsGetParameterNamesWithEmptyPath() throws Exception {
    Envelope envelope = decode("acs-genieacs-1.0.0-gpn-empty-parameterpath.xml");

    assertEquals(new GetParameterNames("", false), envelope.body());
    assertEquals("54ee387f298c11d31080c7bc", envelope.header().id());
  }

  @Test
  void freeAcsRequests() throws Exception {
    assertEquals(
        new GetParameterValues(
            List.of(
                "InternetGatewayDevice.DeviceInfo.VendorConfigFile.",
                "InternetGatewayDevice.ManagementServer.PeriodicInformInterval")),
        decode("acs-freeacs-getparametervalues-partialpath.xml").body());
    assertEquals(
        new SetParameterValues(
            List.of(
                new ParameterValue(
                    "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
                    "0",
                    ParameterType.UNSIGNED_INT)),
            "No data in DB"),
        decode("acs-freeacs-setparametervalues.xml").body());
    Envelope informResponse = decode("acs-freeacs-informresponse.xml");
    assertEquals(new InformResponse(1), informResponse.body());
    assertEquals("1", informResponse.header().id());
  }

  @Test
  void isoLatin1BodyDecodesWithTheContentTypeCharset() throws Exception {
    // No vector contains a non-ASCII byte, so build a Thomson-style body (no XML declaration).
    String xml =
        new String(
                Vectors.load("inform-thomson-speedtouch585-bantw.http").body(),
                StandardCharsets.ISO_8859_1)
            .replace(
                "<Manufacturer>THOMSON</Manufacturer>",
                "<Manufacturer>Thomson Télécom</Manufacturer>");
    byte[] latin1 = xml.getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(Set.of(latin1.length).contains(xml.length()), "é is one byte in ISO-8859-1");

    Inform inform = assertInstanceOf(Inform.class, codec.decode(latin1, "ISO-8859-1").body());

    assertEquals("Thomson Télécom", inform.deviceId().manufacturer());
  }

  @Test
  void thomsonVectorsDeclareIsoLatin1() {
    assertEquals("ISO-8859-1", Vectors.load("inform-thomson-speedtouch780-bantr.http").charset());
    assertNull(Vectors.load("inform-mikrotik-haplite-diag-complete-noheader.http").charset());
  }

  @Test
  void addObjectIsNotConfusedWithDeleteObject() throws Exception {
    // Guards the dispatch table: two RPCs with the same argument names.
    String xml =
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'"
            + " xmlns:c='urn:dslforum-org:cwmp-1-0'><s:Body><c:AddObject>"
            + "<ObjectName>Device.X.</ObjectName></c:AddObject></s:Body></s:Envelope>";

    assertEquals(
        new AddObject("Device.X.", ""), codec.decode(xml.getBytes(StandardCharsets.UTF_8)).body());
  }
}
