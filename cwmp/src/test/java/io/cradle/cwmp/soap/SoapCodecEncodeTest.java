package io.cradle.cwmp.soap;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.Arg;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RequestDownload;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterAttributes;
import io.cradle.cwmp.message.SetParameterValuesFault;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.param.ParameterType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What we send: one fixed, schema-conformant shape. */
class SoapCodecEncodeTest {

  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private final SoapCodec codec = new SoapCodec();

  private String encode(CwmpVersion version, Header header, CwmpMessage body) {
    return new String(codec.encode(new Envelope(version, header, body)), UTF_8);
  }

  private String encode(CwmpMessage body) {
    return encode(CwmpVersion.V1_0, Header.withId("1"), body);
  }

  /** The part between {@code <soap-env:Body>} and {@code </soap-env:Body>}. */
  private String bodyOf(CwmpMessage message) {
    String xml = encode(message);
    return xml.substring(
        xml.indexOf("<soap-env:Body>") + "<soap-env:Body>".length(),
        xml.indexOf("</soap-env:Body>"));
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(CwmpVersion.class)
  void envelopeUsesTheFixedPrefixesAndTheVersionNamespace(CwmpVersion version) {
    String xml = encode(version, Header.withId("7"), new InformResponse());

    assertEquals(
        DECLARATION
            + "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:cwmp=\""
            + version.namespace()
            + "\"><soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">7</cwmp:ID>"
            + "</soap-env:Header><soap-env:Body><cwmp:InformResponse>"
            + "<MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap-env:Body>"
            + "</soap-env:Envelope>",
        xml);
  }

  @Test
  void emptyHeaderIsOmitted() {
    String xml = encode(CwmpVersion.V1_0, Header.NONE, new InformResponse());

    assertFalse(xml.contains("Header"), xml);
  }

  @Test
  void headerFieldsCarryTheirMustUnderstand() {
    String xml =
        encode(
            CwmpVersion.V1_2,
            new Header("a&b", true, 30L, "1.0,1.1,1.2,1.3,1.4", "1.4"),
            new InformResponse());

    assertTrue(
        xml.contains(
            "<soap-env:Header>"
                + "<cwmp:ID soap-env:mustUnderstand=\"1\">a&amp;b</cwmp:ID>"
                + "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">1</cwmp:HoldRequests>"
                + "<cwmp:SessionTimeout soap-env:mustUnderstand=\"0\">30</cwmp:SessionTimeout>"
                + "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.0,1.1,1.2,1.3,1.4"
                + "</cwmp:SupportedCWMPVersions>"
                + "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.4</cwmp:UseCWMPVersion>"
                + "</soap-env:Header>"),
        xml);
  }

  @Test
  void holdRequestsFalseIsNotSent() {
    String xml = encode(CwmpVersion.V1_0, Header.withId("1"), new InformResponse());

    assertFalse(xml.contains("HoldRequests"), xml);
  }

  @Test
  void informHasExactArrayCountsAndTypedValues() {
    Inform inform =
        new Inform(
            new DeviceId("Grandstream", "000B82", "WP820", "SN1"),
            List.of(new Event(Event.BOOTSTRAP), new Event(Event.BOOT)),
            1,
            "2024-05-01T10:00:00Z",
            0,
            List.of(
                ParameterValue.string("Device.DeviceInfo.SoftwareVersion", "1.0.3.27"),
                new ParameterValue(
                    "Device.ManagementServer.PeriodicInformEnable", "1", ParameterType.BOOLEAN),
                new ParameterValue(
                    "Device.ManagementServer.PeriodicInformInterval",
                    "3600",
                    ParameterType.UNSIGNED_INT)));

    assertEquals(
        "<cwmp:Inform><DeviceId><Manufacturer>Grandstream</Manufacturer><OUI>000B82</OUI>"
            + "<ProductClass>WP820</ProductClass><SerialNumber>SN1</SerialNumber></DeviceId>"
            + "<Event soap-enc:arrayType=\"cwmp:EventStruct[2]\">"
            + "<EventStruct><EventCode>0 BOOTSTRAP</EventCode><CommandKey></CommandKey></EventStruct>"
            + "<EventStruct><EventCode>1 BOOT</EventCode><CommandKey></CommandKey></EventStruct>"
            + "</Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2024-05-01T10:00:00Z</CurrentTime>"
            + "<RetryCount>0</RetryCount>"
            + "<ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[3]\">"
            + "<ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name>"
            + "<Value xsi:type=\"xsd:string\">1.0.3.27</Value></ParameterValueStruct>"
            + "<ParameterValueStruct><Name>Device.ManagementServer.PeriodicInformEnable</Name>"
            + "<Value xsi:type=\"xsd:boolean\">1</Value></ParameterValueStruct>"
            + "<ParameterValueStruct><Name>Device.ManagementServer.PeriodicInformInterval</Name>"
            + "<Value xsi:type=\"xsd:unsignedInt\">3600</Value></ParameterValueStruct>"
            + "</ParameterList></cwmp:Inform>",
        bodyOf(inform));
  }

  @Test
  void everyParameterValueOfEverySampleCarriesAnXsiType() {
    int typed = 0;
    for (CwmpMessage message : SampleMessages.all()) {
      String xml = encode(message);
      int structs = count(xml, "<ParameterValueStruct>");

      assertEquals(structs, count(xml, "<Value xsi:type=\"xsd:"), message.method());
      typed += structs;
    }
    assertEquals(3 * SampleMessages.values().size(), typed, "Inform, GPV response, SPV");
  }

  @Test
  void emptyArraysSayZero() {
    assertEquals(
        "<cwmp:GetParameterValues><ParameterNames soap-enc:arrayType=\"xsd:string[0]\">"
            + "</ParameterNames></cwmp:GetParameterValues>",
        bodyOf(new GetParameterValues(List.of())));
  }

  @Test
  void nestedArraysHaveTheirOwnCounts() {
    String xml =
        bodyOf(
            new SetParameterAttributes(
                List.of(
                    new SetParameterAttribute("Device.A", true, 2, true, List.of("Subscriber")),
                    new SetParameterAttribute("Device.B", false, 0, false, List.of()))));

    assertTrue(xml.contains("soap-enc:arrayType=\"cwmp:SetParameterAttributesStruct[2]\""), xml);
    assertEquals(1, count(xml, "\"xsd:string[1]\""), xml);
    assertEquals(1, count(xml, "\"xsd:string[0]\""), xml);
    assertTrue(xml.contains("<NotificationChange>1</NotificationChange>"), xml);
    assertTrue(xml.contains("<AccessListChange>0</AccessListChange>"), xml);
  }

  @Test
  void argStructArrayForRequestDownload() {
    assertEquals(
        "<cwmp:RequestDownload><FileType>2 Web Content</FileType>"
            + "<FileTypeArg soap-enc:arrayType=\"cwmp:ArgStruct[1]\"><ArgStruct><Name>Version</Name>"
            + "<Value>2</Value></ArgStruct></FileTypeArg></cwmp:RequestDownload>",
        bodyOf(new RequestDownload("2 Web Content", List.of(new Arg("Version", "2")))));
  }

  @Test
  void booleansAreSentAsOneAndZero() {
    assertTrue(bodyOf(new GetParameterNames("Device.", true)).contains("<NextLevel>1</NextLevel>"));
    assertTrue(bodyOf(new GetParameterNames("", false)).contains("<NextLevel>0</NextLevel>"));
  }

  @Test
  void textIsEscaped() {
    assertEquals(
        "<cwmp:AddObject><ObjectName>Device.&lt;x&gt;&amp;.</ObjectName>"
            + "<ParameterKey>\"'&#13;\n\t</ParameterKey></cwmp:AddObject>",
        bodyOf(new AddObject("Device.<x>&.", "\"'\r\n\t")));
  }

  @Test
  void charactersXmlCannotCarryBecomeReplacementCharacters() throws Exception {
    String key = "a\u0000b\u001Fc\uFFFEd\uD800e😀";

    String xml = bodyOf(new Reboot(key));
    Envelope back =
        codec.decode(codec.encode(new Envelope(CwmpVersion.V1_0, Header.NONE, new Reboot(key))));

    assertTrue(xml.contains("<CommandKey>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe😀</CommandKey>"), xml);
    assertEquals(new Reboot("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe😀"), back.body());
  }

  @Test
  void nonAsciiIsUtf8() {
    byte[] bytes = codec.encode(new Envelope(CwmpVersion.V1_0, Header.NONE, new Reboot("é")));
    String latin = new String(bytes, ISO_8859_1);

    assertTrue(latin.contains("<CommandKey>\u00C3\u00A9</CommandKey>"), "é as C3 A9");
  }

  @Test
  void faultHasTheCwmpShape() {
    Fault fault =
        new Fault(
            FaultCode.CPE_INVALID_ARGUMENTS.code(),
            "Invalid arguments",
            List.of(new SetParameterValuesFault("Device.A", 9007, "bad <value>")));

    assertEquals(
        "<soap-env:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring>"
            + "<detail><cwmp:Fault><FaultCode>9003</FaultCode>"
            + "<FaultString>Invalid arguments</FaultString><SetParameterValuesFault>"
            + "<ParameterName>Device.A</ParameterName><FaultCode>9007</FaultCode>"
            + "<FaultString>bad &lt;value&gt;</FaultString></SetParameterValuesFault>"
            + "</cwmp:Fault></detail></soap-env:Fault>",
        bodyOf(fault));
  }

  @Test
  void faultcodeIsServerForServerAndVendorFaults() {
    assertTrue(
        bodyOf(new Fault(FaultCode.METHOD_NOT_SUPPORTED, "Method not supported"))
            .startsWith("<soap-env:Fault><faultcode>Server</faultcode>"));
    assertTrue(
        bodyOf(new Fault(9876, "vendor", List.of()))
            .startsWith("<soap-env:Fault><faultcode>Server</faultcode>"));
  }

  @Test
  void blankTimesAreSentAsTheUnknownTime() {
    String download = bodyOf(new DownloadResponse(1, null, ""));
    String transfer = bodyOf(new TransferComplete("k", FaultStruct.NONE, "", ""));

    assertEquals(
        "<cwmp:DownloadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime>"
            + "<CompleteTime>0001-01-01T00:00:00Z</CompleteTime></cwmp:DownloadResponse>",
        download);
    assertEquals(2, count(transfer, "0001-01-01T00:00:00Z"), transfer);
    assertTrue(
        transfer.contains(
            "<FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct>"));
  }

  @Test
  void emptyRequestsAreEmptyElements() {
    assertEquals("<cwmp:FactoryReset></cwmp:FactoryReset>", bodyOf(new FactoryReset()));
  }
}
