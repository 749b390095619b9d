package io.cradle.cwmp.soap;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cradle.cwmp.message.AddObjectResponse;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterAttributes;
import io.cradle.cwmp.message.SetParameterValuesFault;
import io.cradle.cwmp.param.ParameterType;
import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What real peers send that the schema does not allow, and how it is read. */
class SoapCodecLiberalDecodeTest {

  private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

  private final SoapCodec codec = new SoapCodec();

  private static String envelope(String cwmpNs, String header, String body) {
    return "<S:Envelope xmlns:S=\""
        + SOAP_ENV
        + "\" xmlns:X=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:c=\""
        + cwmpNs
        + "\">"
        + (header == null ? "" : "<S:Header>" + header + "</S:Header>")
        + "<S:Body>"
        + body
        + "</S:Body></S:Envelope>";
  }

  private Envelope decode(String xml) throws MalformedMessageException {
    return codec.decode(xml.getBytes(UTF_8));
  }

  private CwmpMessage body(String rpc) throws MalformedMessageException {
    return decode(envelope(CwmpVersion.V1_0.namespace(), null, rpc)).body();
  }

  private static ParameterValue onlyValue(CwmpMessage gpvResponse) {
    List<ParameterValue> values =
        assertInstanceOf(GetParameterValuesResponse.class, gpvResponse).parameters();
    assertEquals(1, values.size());
    return values.get(0);
  }

  private static String gpvResponse(String value) {
    return "<c:GetParameterValuesResponse><ParameterList><ParameterValueStruct>"
        + "<Name> Device.X </Name>"
        + value
        + "</ParameterValueStruct></ParameterList></c:GetParameterValuesResponse>";
  }

  @ParameterizedTest
  @EnumSource(CwmpVersion.class)
  void versionComesFromTheRpcNamespace(CwmpVersion version) throws Exception {
    Envelope e = decode(envelope(version.namespace(), null, "<c:FactoryReset/>"));

    assertEquals(version, e.version());
  }

  @Test
  void versionOfAFaultComesFromTheHeaderOrTheDetail() throws Exception {
    String fault =
        "<S:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail>"
            + "<c:Fault><FaultCode>9005</FaultCode><FaultString>x</FaultString></c:Fault>"
            + "</detail></S:Fault>";
    String unqualifiedDetail = fault.replace("c:Fault>", "Fault>");

    assertEquals(
        CwmpVersion.V1_1,
        decode(envelope("urn:dslforum-org:cwmp-1-1", "<c:ID>1</c:ID>", unqualifiedDetail))
            .version());
    assertEquals(
        CwmpVersion.V1_2, decode(envelope("urn:dslforum-org:cwmp-1-2", null, fault)).version());
  }

  @Test
  void versionFallsBackToADeclaredNamespaceThenToCwmp10() throws Exception {
    String unqualified = "<FactoryReset/>";

    assertEquals(
        CwmpVersion.V1_3,
        decode(envelope("urn:dslforum-org:cwmp-1-3", null, unqualified)).version());
    assertEquals(
        CwmpVersion.V1_0, decode(envelope("urn:example:other", null, unqualified)).version());
  }

  @Test
  void prefixesDoNotMatterOnlyNamespaces() throws Exception {
    String xml =
        "<a:Envelope xmlns:a=\""
            + SOAP_ENV
            + "\"><a:Body>"
            + "<b:Reboot xmlns:b=\"urn:dslforum-org:cwmp-1-2\"><CommandKey>k</CommandKey></b:Reboot>"
            + "</a:Body></a:Envelope>";
    String defaultNamespace =
        "<Envelope xmlns=\""
            + SOAP_ENV
            + "\"><Body>"
            + "<Reboot xmlns=\"urn:dslforum-org:cwmp-1-4\"><CommandKey>k</CommandKey></Reboot>"
            + "</Body></Envelope>";

    assertEquals(new Envelope(CwmpVersion.V1_2, Header.NONE, new Reboot("k")), decode(xml));
    assertEquals(
        new Envelope(CwmpVersion.V1_4, Header.NONE, new Reboot("k")), decode(defaultNamespace));
  }

  @Test
  void qualifiedArgumentsInAnyOrderAreAccepted() throws Exception {
    CwmpMessage inform =
        body(
            "<c:Inform><c:RetryCount> 3 </c:RetryCount><c:ParameterList/>"
                + "<c:Event><c:EventStruct><c:CommandKey>k</c:CommandKey>"
                + "<c:EventCode>1 BOOT</c:EventCode></c:EventStruct></c:Event>"
                + "<c:DeviceId><c:SerialNumber>S</c:SerialNumber><c:OUI> 000b82 </c:OUI>"
                + "</c:DeviceId><c:X_Vendor_Extra>ignored</c:X_Vendor_Extra></c:Inform>");

    assertEquals(
        new Inform(
            new DeviceId("", "000B82", "", "S"),
            List.of(new Event("1 BOOT", "k")),
            1,
            "",
            3,
            List.of()),
        inform);
  }

  @Test
  void everyHeaderFieldIsRead() throws Exception {
    String header =
        "<c:ID S:mustUnderstand=\"1\"> abc </c:ID>"
            + "<c:HoldRequests S:mustUnderstand=\"1\">TRUE</c:HoldRequests>"
            + "<c:SessionTimeout>60</c:SessionTimeout>"
            + "<c:SupportedCWMPVersions>1.0,1.1,1.2,1.3,1.4</c:SupportedCWMPVersions>"
            + "<c:UseCWMPVersion>1.4</c:UseCWMPVersion>"
            + "<c:X_Vendor_Header>ignored</c:X_Vendor_Header>";

    Envelope e = decode(envelope("urn:dslforum-org:cwmp-1-2", header, "<c:FactoryReset/>"));

    assertEquals(new Header("abc", true, 60L, "1.0,1.1,1.2,1.3,1.4", "1.4"), e.header());
  }

  @Test
  void headerWithoutIdAndGenieAcsSpellingOfSessionTimeout() throws Exception {
    Envelope e =
        decode(
            envelope(
                "urn:dslforum-org:cwmp-1-2",
                "<c:sessionTimeout>45</c:sessionTimeout>",
                "<c:FactoryReset/>"));

    assertEquals(new Header(null, false, 45L, null, null), e.header());
  }

  @Test
  void unreadableSessionTimeoutIsDroppedButUnreadableHoldRequestsIsRefused() throws Exception {
    Envelope e =
        decode(
            envelope(
                "urn:dslforum-org:cwmp-1-2",
                "<c:ID>1</c:ID><c:SessionTimeout>soon</c:SessionTimeout>",
                "<c:FactoryReset/>"));
    MalformedMessageException hold =
        assertThrows(
            MalformedMessageException.class,
            () ->
                decode(
                    envelope(
                        "urn:dslforum-org:cwmp-1-2",
                        "<c:ID>1</c:ID><c:HoldRequests>perhaps</c:HoldRequests>",
                        "<c:FactoryReset/>")));

    assertNull(e.header().sessionTimeout());
    assertEquals(Kind.INVALID_ARGUMENT, hold.kind());
    assertEquals("1", hold.cwmpId().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
    "xsd:int,INT",
    "xs:int,INT",
    "int,INT",
    "soap-enc:base64,BASE64",
    "xsd:base64Binary,BASE64",
    "xsd:UNSIGNEDINT,UNSIGNED_INT",
    "foo:bar,STRING"
  })
  void xsiTypeIsReadWithAnyPrefix(String xsiType, ParameterType expected) throws Exception {
    ParameterValue v = onlyValue(body(gpvResponse("<Value X:type=\"" + xsiType + "\">1</Value>")));

    assertEquals(expected, v.type());
    assertEquals("Device.X", v.name(), "name trimmed");
  }

  @Test
  void typedValuesAreTrimmedButStringsAreKeptAsSent() throws Exception {
    ParameterValue number = onlyValue(body(gpvResponse("<Value X:type=\"xsd:int\"> 42\n</Value>")));
    ParameterValue text =
        onlyValue(body(gpvResponse("<Value X:type=\"xsd:string\"> a b </Value>")));
    ParameterValue missing = onlyValue(body(gpvResponse("")));

    assertEquals("42", number.value());
    assertEquals(" a b ", text.value());
    assertEquals(ParameterValue.string("Device.X", ""), missing);
  }

  @Test
  void entitiesCdataAndCharacterReferencesAreResolved() throws Exception {
    ParameterValue v =
        onlyValue(
            body(gpvResponse("<Value>&lt;a&amp;b&gt;<![CDATA[<c>&]]>&#233;&#x1F600;</Value>")));

    assertEquals("<a&b><c>&é😀", v.value());
  }

  @ParameterizedTest
  @CsvSource({"1,true", "0,false", "true,true", "FALSE,false", "' True ',true", "' 0',false"})
  void booleansInEveryCase(String literal, boolean expected) throws Exception {
    CwmpMessage gpn =
        body(
            "<c:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>"
                + literal
                + "</NextLevel></c:GetParameterNames>");

    assertEquals(new GetParameterNames("Device.", expected), gpn);
  }

  @Test
  void numbersWithWhitespaceSignsAndLeadingZeros() throws Exception {
    assertEquals(
        new AddObjectResponse(7, 1),
        body(
            "<c:AddObjectResponse><InstanceNumber>\n 007 \n</InstanceNumber>"
                + "<Status>+1</Status></c:AddObjectResponse>"));
    assertEquals(new InformResponse(1), body("<c:InformResponse/>"));
  }

  @Test
  void arraysWithoutArrayTypeAndWithAnyItemName() throws Exception {
    CwmpMessage spa =
        body(
            "<c:SetParameterAttributes><ParameterList><SetParameterAttributesStruct>"
                + "<Name>Device.LAN.</Name><NotificationChange>true</NotificationChange>"
                + "<Notification>2</Notification><AccessListChange>1</AccessListChange>"
                + "<AccessList><item>Subscriber</item><xsd:string xmlns:xsd=\"urn:x\">X</xsd:string>"
                + "</AccessList></SetParameterAttributesStruct></ParameterList>"
                + "</c:SetParameterAttributes>");

    assertEquals(
        new SetParameterAttributes(
            List.of(
                new SetParameterAttribute(
                    "Device.LAN.", true, 2, true, List.of("Subscriber", "X")))),
        spa);
  }

  @Test
  void faultWithSetParameterValuesFaultsAndPrefixedFaultcode() throws Exception {
    CwmpMessage fault =
        body(
            "<S:Fault><faultcode>S:Client</faultcode><faultstring>CWMP fault</faultstring>"
                + "<detail><c:Fault><FaultCode>9003</FaultCode><FaultString>Invalid arguments"
                + "</FaultString><SetParameterValuesFault><ParameterName>Device.A</ParameterName>"
                + "<FaultCode>9007</FaultCode><FaultString>bad value</FaultString>"
                + "</SetParameterValuesFault><SetParameterValuesFault>"
                + "<ParameterName>Device.B</ParameterName><FaultCode>9008</FaultCode>"
                + "</SetParameterValuesFault></c:Fault></detail></S:Fault>");

    assertEquals(
        new Fault(
            9003,
            "Invalid arguments",
            List.of(
                new SetParameterValuesFault("Device.A", 9007, "bad value"),
                new SetParameterValuesFault("Device.B", 9008, ""))),
        fault);
  }

  @Test
  void genieAcsBodyFaultElementNameIsAccepted() throws Exception {
    // GenieACS writes this invalid QName for the faults it sends to CPEs.
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap-env:Envelope xmlns:soap-enc="
            + "\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:soap-env=\""
            + SOAP_ENV
            + "\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi="
            + "\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">"
            + "<soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">5</cwmp:ID></soap-env:Header>"
            + "<soap-env:Body><soap-env:Body:Fault><faultcode>Server</faultcode>"
            + "<faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>8005</FaultCode>"
            + "<FaultString>Retry request</FaultString></cwmp:Fault></detail></soap-env:Body:Fault>"
            + "</soap-env:Body></soap-env:Envelope>";

    Envelope e = decode(xml);

    assertEquals(new Fault(FaultCode.RETRY_REQUEST, "Retry request"), e.body());
    assertEquals("5", e.header().id());
  }

  @Test
  void bareCwmpFaultInTheBodyIsAccepted() throws Exception {
    assertEquals(
        new Fault(FaultCode.CPE_INTERNAL_ERROR, "GPV handler error (code -1)"),
        body(
            "<c:Fault><FaultCode>9002</FaultCode>"
                + "<FaultString>GPV handler error (code -1)</FaultString></c:Fault>"));
  }

  @Test
  void blankLinesBeforeTheXmlDeclarationAreSkipped() throws Exception {
    String xml =
        "\r\n\n  <?xml version=\"1.0\"?>"
            + envelope("urn:dslforum-org:cwmp-1-0", null, "<c:FactoryReset/>");

    assertEquals("FactoryReset", decode(xml).body().method());
  }

  private static final String LATIN_BODY = "<c:Reboot><CommandKey>café</CommandKey></c:Reboot>";

  @Test
  void declaredCharsetIsUsedWhenTheBodyDoesNotSayOtherwise() throws Exception {
    byte[] latin1 = envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY).getBytes(ISO_8859_1);
    byte[] withBareDeclaration =
        ("<?xml version=\"1.0\"?>" + envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY))
            .getBytes(ISO_8859_1);

    assertEquals(new Reboot("café"), codec.decode(latin1, "ISO-8859-1").body());
    assertEquals(new Reboot("café"), codec.decode(latin1, "\"iso-8859-1\"").body());
    assertEquals(new Reboot("café"), codec.decode(withBareDeclaration, "ISO-8859-1").body());
  }

  @Test
  void xmlDeclarationEncodingWinsOverTheDeclaredCharset() throws Exception {
    byte[] utf8 =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY))
            .getBytes(UTF_8);
    byte[] latin1 =
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                + envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY))
            .getBytes(ISO_8859_1);

    assertEquals(new Reboot("café"), codec.decode(utf8, "ISO-8859-1").body());
    assertEquals(new Reboot("café"), codec.decode(latin1, "UTF-8").body());
    assertEquals(new Reboot("café"), codec.decode(latin1).body());
  }

  @Test
  void byteOrderMarkWinsOverTheDeclaredCharset() throws Exception {
    String xml = envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY);
    ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
    utf8.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    utf8.writeBytes(xml.getBytes(UTF_8));
    ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
    utf16.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    utf16.writeBytes(xml.getBytes(UTF_16LE));

    assertEquals(new Reboot("café"), codec.decode(utf8.toByteArray(), "ISO-8859-1").body());
    assertEquals(new Reboot("café"), codec.decode(utf16.toByteArray(), "ISO-8859-1").body());
  }

  @Test
  void utf16WithoutBomButWithDeclarationDecodes() throws Exception {
    byte[] utf16 =
        ("<?xml version=\"1.0\" encoding=\"UTF-16BE\"?>"
                + envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY))
            .getBytes(UTF_16BE);

    assertEquals(new Reboot("café"), codec.decode(utf16, "ISO-8859-1").body());
  }

  @Test
  void unknownDeclaredCharsetFallsBackToUtf8() throws Exception {
    byte[] utf8 = envelope("urn:dslforum-org:cwmp-1-0", null, LATIN_BODY).getBytes(UTF_8);

    assertEquals(new Reboot("café"), codec.decode(utf8, "x-no-such-charset").body());
  }
}
