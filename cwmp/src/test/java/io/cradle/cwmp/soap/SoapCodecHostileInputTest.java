package io.cradle.cwmp.soap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refusals: each hostile or broken input fails fast with the right {@link Kind}. */
class SoapCodecHostileInputTest {

  private static final String ENVELOPE_START =
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\""
          + " xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">"
          + "<soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">id-7</cwmp:ID></soap-env:Header>"
          + "<soap-env:Body>";
  private static final String ENVELOPE_END = "</soap-env:Body></soap-env:Envelope>";

  private final SoapCodec codec = new SoapCodec();

  private static byte[] soap(String body) {
    return (ENVELOPE_START + body + ENVELOPE_END).getBytes(UTF_8);
  }

  private MalformedMessageException refused(Kind kind, byte[] body) {
    return refused(codec, kind, body);
  }

  private static MalformedMessageException refused(SoapCodec codec, Kind kind, byte[] body) {
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> codec.decode(body));
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }

  private static byte[] informBody() {
    return Vectors.load("inform-zhone-6718-bootstrap-boot.xml").body();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void billionLaughsIsRefusedWithoutExpanding() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    byte[] bomb =
        (dtd
                + ENVELOPE_START
                + "<cwmp:Reboot><CommandKey>&lol10;</CommandKey>"
                + "</cwmp:Reboot>"
                + ENVELOPE_END)
            .getBytes(UTF_8);

    long start = System.nanoTime();
    MalformedMessageException e = refused(Kind.FORBIDDEN_DTD, bomb);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(millis < 1000, "took " + millis + " ms");
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void externalEntityIsRefused() {
    byte[] xxe =
        ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + ENVELOPE_START
                + "<cwmp:Reboot><CommandKey>&xxe;</CommandKey></cwmp:Reboot>"
                + ENVELOPE_END)
            .getBytes(UTF_8);

    refused(Kind.FORBIDDEN_DTD, xxe);
  }

  @Test
  void externalDtdAndParameterEntitiesAreRefused() {
    refused(
        Kind.FORBIDDEN_DTD,
        ("<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
                + ENVELOPE_START
                + "<cwmp:FactoryReset/>"
                + ENVELOPE_END)
            .getBytes(UTF_8));
    refused(
        Kind.FORBIDDEN_DTD,
        ("<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]>"
                + ENVELOPE_START
                + "<cwmp:FactoryReset/>"
                + ENVELOPE_END)
            .getBytes(UTF_8));
  }

  @Test
  void tooDeepNestingIsRefused() {
    String deep = "<x>".repeat(100) + "</x>".repeat(100);
    MalformedMessageException e =
        refused(
            Kind.TOO_LARGE,
            soap("<cwmp:Reboot><CommandKey>" + deep + "</CommandKey></cwmp:Reboot>"));

    assertTrue(e.getMessage().contains("nesting"), e.getMessage());
  }

  @Test
  void nestingJustWithinTheLimitIsAccepted() throws Exception {
    SoapCodec shallow = new SoapCodec(new SoapCodec.Limits(1 << 20, 5, 1000));
    // Envelope > Body > Reboot > CommandKey > x: depth 5.
    byte[] atLimit = soap("<cwmp:Reboot><CommandKey><x/></CommandKey></cwmp:Reboot>");
    byte[] overLimit = soap("<cwmp:Reboot><CommandKey><x><y/></x></CommandKey></cwmp:Reboot>");

    shallow.decode(atLimit);
    refused(shallow, Kind.TOO_LARGE, overLimit);
  }

  @Test
  void tooManyElementsAreRefused() {
    // The Zhone Inform has 45 elements.
    SoapCodec small = new SoapCodec(new SoapCodec.Limits(1 << 20, 64, 44));
    SoapCodec enough = new SoapCodec(new SoapCodec.Limits(1 << 20, 64, 45));

    MalformedMessageException e = refused(small, Kind.TOO_LARGE, informBody());

    assertTrue(e.getMessage().contains("more than 44 elements"), e.getMessage());
    assertDoesNotThrow(() -> enough.decode(informBody()));
  }

  @Test
  void bodyOverMaxBytesIsRefusedBeforeParsing() {
    byte[] inform = informBody();
    SoapCodec small = new SoapCodec(new SoapCodec.Limits(inform.length - 1, 64, 1000));

    refused(small, Kind.TOO_LARGE, inform);
  }

  @Test
  void bodyOfExactlyMaxBytesIsAccepted() throws Exception {
    byte[] inform = informBody();
    SoapCodec exact = new SoapCodec(new SoapCodec.Limits(inform.length, 64, 1000));

    assertInstanceOf(Inform.class, exact.decode(inform).body());
  }

  @Test
  void gzipBombIsRefused() throws Exception {
    byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
    assertTrue(bomb.length < 100_000, "compressed size " + bomb.length);

    long start = System.nanoTime();
    MalformedMessageException e = refused(Kind.TOO_LARGE, bomb);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(e.getMessage().contains("gunzip"), e.getMessage());
    assertTrue(millis < 1000, "took " + millis + " ms");
  }

  @Test
  void gzippedInformDecodes() throws Exception {
    byte[] inform = informBody();

    Envelope plain = codec.decode(inform);
    Envelope zipped = codec.decode(gzip(inform));

    assertEquals(plain, zipped);
    assertEquals("946498461", zipped.header().id());
  }

  @Test
  void gzipLimitAppliesToTheInflatedSize() throws Exception {
    byte[] inform = informBody();
    byte[] zipped = gzip(inform);
    SoapCodec small = new SoapCodec(new SoapCodec.Limits(inform.length - 1, 64, 1000));

    assertTrue(zipped.length < inform.length - 1);
    refused(small, Kind.TOO_LARGE, zipped);
  }

  @Test
  void corruptGzipIsNotXml() {
    refused(Kind.NOT_XML, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
  }

  @Test
  void truncatedXmlIsNotXmlWithAPosition() {
    byte[] inform = informBody();

    MalformedMessageException e = refused(Kind.NOT_XML, Arrays.copyOf(inform, inform.length / 2));

    assertTrue(e.getMessage().contains("line"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \r\n\t ", "hello", "{\"json\": true}"})
  void emptyOrNonXmlBodiesAreNotXml(String body) {
    refused(Kind.NOT_XML, body.getBytes(UTF_8));
  }

  @Test
  void nullBodyIsNotXml() {
    refused(Kind.NOT_XML, null);
  }

  @Test
  void xmlThatIsNotSoapIsNotSoap() {
    refused(Kind.NOT_SOAP, "<html><body>Hello</body></html>".getBytes(UTF_8));
    refused(
        Kind.NOT_SOAP,
        "<Envelope><Body><Inform/></Body></Envelope>".getBytes(UTF_8)); // no namespace
    refused(
        Kind.NOT_SOAP,
        "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>"
            .getBytes(UTF_8));
  }

  @Test
  void envelopeWithoutExactlyOneBodyElementIsNotSoap() {
    refused(Kind.NOT_SOAP, soap(""));
    refused(Kind.NOT_SOAP, soap("<cwmp:Reboot/><cwmp:FactoryReset/>"));
    refused(
        Kind.NOT_SOAP,
        ("<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap-env:Header/></soap-env:Envelope>")
            .getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kicked", "X_Vendor_Foo", "GetQueuedTransfers"})
  void unknownMethodCarriesIdAndMethod(String method) {
    MalformedMessageException e =
        refused(
            Kind.UNKNOWN_METHOD,
            soap("<cwmp:" + method + "><Command>x</Command></cwmp:" + method + ">"));

    assertEquals(Optional.of("id-7"), e.cwmpId());
    assertEquals(Optional.of(method), e.method());
    assertTrue(e.getMessage().contains(method), e.getMessage());
  }

  @Test
  void unknownMethodWithoutHeaderHasNoId() {
    byte[] xml =
        ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<Kicked/></s:Body></s:Envelope>")
            .getBytes(UTF_8);

    MalformedMessageException e = refused(Kind.UNKNOWN_METHOD, xml);

    assertEquals(Optional.empty(), e.cwmpId());
    assertEquals(Optional.of("Kicked"), e.method());
  }

  @Test
  void nonNumericMaxEnvelopesIsInvalidArgument() {
    String inform = new String(informBody(), UTF_8);
    byte[] bad = inform.replace("<MaxEnvelopes>1<", "<MaxEnvelopes>one<").getBytes(UTF_8);

    MalformedMessageException e = refused(Kind.INVALID_ARGUMENT, bad);

    assertEquals(Optional.of("946498461"), e.cwmpId());
    assertEquals(Optional.of("Inform"), e.method());
    assertTrue(e.getMessage().contains("MaxEnvelopes"), e.getMessage());
    assertTrue(e.getMessage().contains("line 28"), e.getMessage());
  }

  @Test
  void nonNumericInstanceNumberIsInvalidArgument() {
    MalformedMessageException e =
        refused(
            Kind.INVALID_ARGUMENT,
            soap(
                "<cwmp:AddObjectResponse><InstanceNumber>x1</InstanceNumber>"
                    + "<Status>0</Status></cwmp:AddObjectResponse>"));

    assertEquals(Optional.of("id-7"), e.cwmpId());
    assertEquals(Optional.of("AddObjectResponse"), e.method());
    assertTrue(e.getMessage().contains("InstanceNumber"), e.getMessage());
  }

  @Test
  void outOfRangeIntIsInvalidArgument() {
    refused(
        Kind.INVALID_ARGUMENT,
        soap(
            "<cwmp:SetParameterValuesResponse><Status>4294967296</Status>"
                + "</cwmp:SetParameterValuesResponse>"));
  }

  @Test
  void missingRequiredArgumentIsInvalidArgument() {
    MalformedMessageException addObject =
        refused(
            Kind.INVALID_ARGUMENT,
            soap("<cwmp:AddObject><ParameterKey>k</ParameterKey></cwmp:AddObject>"));
    MalformedMessageException inform =
        refused(
            Kind.INVALID_ARGUMENT,
            soap("<cwmp:Inform><MaxEnvelopes>1</MaxEnvelopes></cwmp:Inform>"));
    MalformedMessageException status =
        refused(Kind.INVALID_ARGUMENT, soap("<cwmp:DeleteObjectResponse/>"));

    assertTrue(addObject.getMessage().contains("ObjectName"), addObject.getMessage());
    assertEquals(Optional.of("AddObject"), addObject.method());
    assertTrue(inform.getMessage().contains("DeviceId"), inform.getMessage());
    assertEquals(Optional.of("id-7"), status.cwmpId());
  }

  @Test
  void unreadableBooleanArgumentIsInvalidArgument() {
    MalformedMessageException e =
        refused(
            Kind.INVALID_ARGUMENT,
            soap(
                "<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath>"
                    + "<NextLevel>maybe</NextLevel></cwmp:GetParameterNames>"));

    assertTrue(e.getMessage().contains("maybe"), e.getMessage());
  }

  @Test
  void soapFaultWithoutCwmpDetailIsInvalidArgument() {
    MalformedMessageException e =
        refused(
            Kind.INVALID_ARGUMENT,
            soap(
                "<soap-env:Fault><faultcode>Server</faultcode>"
                    + "<faultstring>Internal error</faultstring></soap-env:Fault>"));

    assertEquals(Optional.of("Fault"), e.method());
    assertTrue(e.getMessage().contains("Internal error"), e.getMessage());
  }

  @Test
  void undeclaredEntityIsNotXml() {
    refused(Kind.NOT_XML, soap("<cwmp:Reboot><CommandKey>&nbsp;</CommandKey></cwmp:Reboot>"));
  }

  @Test
  void corruptedVectorsNeverEscapeAsRuntimeExceptions() {
    Random random = new Random(20240501);
    byte[] original = Vectors.load("inform-thomson-speedtouch780-bantr.http").body();
    int refusedCount = 0;
    for (int round = 0; round < 500; round++) {
      byte[] body = Arrays.copyOf(original, 1 + random.nextInt(original.length));
      for (int flips = random.nextInt(4); flips > 0; flips--) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      try {
        codec.decode(body, "ISO-8859-1");
      } catch (MalformedMessageException expected) {
        refusedCount++;
      } catch (RuntimeException escaped) {
        throw new AssertionError("round " + round + " escaped: " + escaped, escaped);
      }
    }
    assertFalse(refusedCount == 0, "the corruptions should have been refused at least once");
  }
}
