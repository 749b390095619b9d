package io.cradle.cpe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

  private static final String MAC = "00:0B:82:12:34:56";

  private final PValueCatalog catalog = PValueCatalog.wp820();
  private final ConfigAliases aliases = ConfigAliases.wp820(catalog);
  private final PValueStore store = new PValueStore(catalog);

  @Test
  void realWp820TemplateRenderedAppliesItsPValues() throws Exception {
    ConfigFile file = parse("cfg000b82123456.xml", resource("cfg000b82123456.xml"));
    assertEquals(Optional.of("000b82123456"), file.mac());
    file.applyTo(store, MAC);
    assertEquals("pbx.example.org:5060", store.get("P47").orElseThrow());
    assertEquals("S3cr3t!", store.get("P34").orElseThrow());
    assertEquals("30", store.get("P32").orElseThrow());
    assertEquals("1", store.get("P448").orElseThrow()); // account 2 over TCP
    assertEquals("Adm1n!pw", store.get("P2").orElseThrow());
    assertEquals("1", store.get("P4506").orElseThrow());
    assertEquals("ntp.example.org", store.get("P30").orElseThrow());
    // a P-value outside the catalog, kept as the file wrote it
    assertEquals("0", store.get("P2338").orElseThrow());
    assertTrue(file.settings().size() > 350, "settings: " + file.settings().size());
  }

  @Test
  void rawSmartyTemplateIsRefusedAtItsFirstTemplateLine() {
    ConfigFileException e =
        assertThrows(
            ConfigFileException.class,
            () -> parse("fusionpbx-wp820-cfgmac.xml", resource("fusionpbx-wp820-cfgmac.xml")));
    assertEquals(33, e.line(), e.getMessage()); // {if $account.1.sip_transport != 'dns srv'}
    assertTrue(e.getMessage().startsWith("fusionpbx-wp820-cfgmac.xml:33: unexpected text"));
  }

  @Test
  void v2AliasesWithNestedPartsMapToPValues() throws Exception {
    ConfigFile file = parse("v2-nested.xml", resource("v2-nested.xml"));
    assertEquals(Optional.of("000b82123456"), file.mac());
    file.applyTo(store, "000b82123456");
    assertEquals("https://acs.example.org/cwmp", store.get("P4503").orElseThrow());
    assertEquals("1", store.get("P4506").orElseThrow()); // Yes
    assertEquals("300", store.get("P4507").orElseThrow());
    assertEquals("cr-user", store.get("P4511").orElseThrow());
    assertEquals("Bruce", store.get("P3").orElseThrow());
    assertEquals("654321", store.get("P36").orElseThrow());
    assertEquals("sip.example.org", store.get("P47").orElseThrow());
    assertEquals("0", store.get("P401").orElseThrow()); // No
    assertEquals("0", store.get("P130").orElseThrow()); // word enum not guessed
    assertEquals(
        Map.of(
            "account.1.sip.transport", "TlsOrTcp",
            "network.wifi.ssid.1.essid", "Ward3",
            "network.wifi.ssid.1.enabled", "Yes"),
        file.unmappedAliases());
  }

  @Test
  void fileForAnotherPhoneIsRefusedAndAppliesNothing() throws Exception {
    ConfigFile file = parse("cfg000b82123456.xml", resource("cfg000b82123456.xml"));
    ConfigFileException e =
        assertThrows(ConfigFileException.class, () -> file.applyTo(store, "000b82abcdef"));
    assertTrue(e.getMessage().contains("file is for MAC 000b82123456"), e.getMessage());
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void oneBadValueRefusesTheWholeFileNamingItsLine() throws Exception {
    String xml =
        """
        <gs_provision version="1"><config version="1">
          <P47>sip.example.org</P47>
          <P32>0</P32>
        </config></gs_provision>
        """;
    ConfigFile file = parse("bad.xml", xml.getBytes(StandardCharsets.UTF_8));
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> file.applyTo(store, MAC));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("bad.xml:3: P32 (account1.registerExpiration)"));
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void malformedXmlNamesFileAndLine() {
    ConfigFileException e =
        refused("<gs_provision>\n<config version=\"1\">\n<P47>x</P48>\n</config></gs_provision>");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("test.xml:3: malformed XML"), e.getMessage());
  }

  @Test
  void doctypeAndExternalEntitiesAreRefused() {
    ConfigFileException e =
        refused(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE gs_provision [\n"
                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<gs_provision><config><P47>&xxe;</P47></config></gs_provision>");
    assertEquals("DOCTYPE is not allowed in a config file", e.reason());
    assertEquals(3, e.line(), e.getMessage()); // where the parser finished reading the DTD
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void emptyAndForeignFilesAreRefused() {
    assertEquals("empty file", refused("  \n").reason());
    assertTrue(refused("<!-- only a comment -->").reason().startsWith("malformed XML"));
    assertTrue(
        refused("<gs_provision><config/></gs_provision>\n<junk/>")
            .reason()
            .startsWith("malformed XML"));
    assertTrue(refused("<html><body/></html>").reason().contains("root is <html>"));
    assertTrue(refused("<gs_provision version=\"1\"/>").reason().contains("no <config>"));
    assertTrue(
        refused("<gs_provision><config version=\"3\"/></gs_provision>")
            .reason()
            .contains("unsupported"));
    assertTrue(
        refused("<gs_provision><config><Foo>1</Foo></config></gs_provision>")
            .reason()
            .contains("unexpected element <Foo>"));
  }

  @Test
  void encryptedContentIsPointedAtTheXmlPassword() {
    byte[] enc = ConfigCrypto.encrypt(new byte[] {'<'}, "pw", ConfigCrypto.Digest.MD5, new byte[8]);
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> parse("cfg.xml", enc));
    assertTrue(e.reason().contains("P1359"), e.getMessage());
  }

  @Test
  void exportParsesBackToTheSameSettingsIncludingUnknownOnes() throws Exception {
    store.set("P47", "sip.example.org:5061");
    store.set("P34", "a<b>&c\r\n d ");
    store.set("P22017", "{\"alias\":\"aa\"}");
    String exported = store.exportProvisioning(MAC);
    assertTrue(exported.contains("<mac>000b82123456</mac>"), exported);
    assertTrue(exported.contains("<P22017>{\"alias\":\"aa\"}</P22017>"), exported);

    PValueStore other = new PValueStore(catalog);
    parse("export.xml", exported.getBytes(StandardCharsets.UTF_8)).applyTo(other, MAC);
    assertEquals(store.snapshot(), other.snapshot());
  }

  @Test
  void authenticationOnRequiresP1EqualToTheAdminPasswordAndNeverStoresIt() throws Exception {
    store.setAll(Map.of("P240", "1", "P2", "Adm1n"));
    ConfigFileException missing =
        assertThrows(
            ConfigFileException.class, () -> v1("<P47>a.example.org</P47>").applyTo(store, MAC));
    assertTrue(missing.reason().contains("no P1"), missing.getMessage());
    ConfigFileException wrong =
        assertThrows(
            ConfigFileException.class,
            () -> v1("<P47>a.example.org</P47>\n<P1>admin</P1>").applyTo(store, MAC));
    assertEquals(4, wrong.line(), wrong.getMessage()); // the <P1> line
    assertEquals("", store.get("P47").orElseThrow());

    v1("<P1>Adm1n</P1><P47>a.example.org</P47>").applyTo(store, MAC);
    assertEquals("a.example.org", store.get("P47").orElseThrow());
    assertTrue(store.get("P1").isEmpty());
  }

  @Test
  void authenticationOffIgnoresP1() throws Exception {
    v1("<P1>whatever</P1><P47>b.example.org</P47>").applyTo(store, MAC);
    assertEquals("b.example.org", store.get("P47").orElseThrow());
    assertTrue(store.get("P1").isEmpty());
  }

  private ConfigFile v1(String body) throws ConfigFileException {
    String xml =
        "<gs_provision version=\"1\">\n<config version=\"1\">\n"
            + body
            + "\n</config></gs_provision>";
    return parse("auth.xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  private ConfigFileException refused(String xml) {
    return assertThrows(
        ConfigFileException.class, () -> parse("test.xml", xml.getBytes(StandardCharsets.UTF_8)));
  }

  private ConfigFile parse(String name, byte[] content) throws ConfigFileException {
    return ConfigFile.parse(name, content, aliases);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ConfigFileTest.class.getResourceAsStream("/config/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
