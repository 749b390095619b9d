package io.cradle.acs.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.ConfigAliases;
import io.cradle.cpe.config.ConfigCrypto;
import io.cradle.cpe.config.ConfigFile;
import io.cradle.cpe.config.ConfigFileException;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.Binding;
import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.model.LiveValues;
import io.cradle.cpe.model.Parameter;
import io.cradle.cpe.model.Wp820DataModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the ACS assumes about the WP820 checked against the simulated phone itself: the P-value
 * catalog, which TR-069 parameters stand for which P-value, and that the phone reads (and decrypts)
 * the files the ACS renders.
 */
class PhoneCompatibilityTest {

  private static final io.cradle.cpe.config.PValueCatalog PHONE_CATALOG =
      io.cradle.cpe.config.PValueCatalog.wp820();

  @Test
  void theCatalogIsTheSimulatedPhonesOwn() throws Exception {
    try (InputStream ours = PValueCatalog.class.getResourceAsStream("pvalues.csv");
        InputStream phones =
            io.cradle.cpe.config.PValueCatalog.class.getResourceAsStream("pvalues.csv")) {
      assertEquals(
          new String(phones.readAllBytes(), StandardCharsets.UTF_8),
          new String(ours.readAllBytes(), StandardCharsets.UTF_8),
          "copy cpe-agent's pvalues.csv to acs-server's io/cradle/acs/templates/");
    }
  }

  @Test
  void valuesAreRefusedExactlyWhereThePhoneRefusesThem() {
    PValueCatalog ours = PValueCatalog.wp820();
    String[] samples = {
      "",
      "0",
      "1",
      "2",
      "5",
      "70000",
      "-1",
      "x",
      "sip.example.com:5060",
      "has space",
      "http://acs.example/cwmp",
      "ftp://x",
      "x".repeat(65),
      "x".repeat(300)
    };
    for (var def : PHONE_CATALOG.all()) {
      for (String value : samples) {
        boolean phoneAccepts = def.check(value).isEmpty();
        boolean weAccept = ours.check(def.number(), value).isEmpty();
        assertEquals(phoneAccepts, weAccept, def.number() + " = '" + value + "'");
      }
    }
  }

  @Test
  void theParameterMapIsThePhonesDataModelWithoutPasswords() {
    PValueStore store = new PValueStore(PHONE_CATALOG);
    DataModel model =
        Wp820DataModel.create(
            DeviceIdentity.wp820("S1", "V1.0A", "1.0.7.81", "00:0B:82:00:00:01"),
            store,
            LiveValues.placeholders(() -> 1));
    Map<String, String> phone = new TreeMap<>();
    for (Parameter p : model.parameters()) {
      if (p.binding() instanceof Binding.PValue b && !p.hidden()) {
        phone.put(p.name(), b.number());
      }
    }
    Map<String, String> ours =
        ParameterMap.wp820().all().stream()
            .collect(
                Collectors.toMap(
                    ParameterMap.Mapping::parameter,
                    ParameterMap.Mapping::number,
                    (a, b) -> a,
                    TreeMap::new));
    assertEquals(phone, ours);

    // A reported value reads back as the P-value the phone holds, whatever the translation.
    store.set("P212", "1");
    store.set("P271", "1");
    store.set("P31", "0");
    store.set("P35", "4711");
    for (String name :
        new String[] {
          "Device.X_GRANDSTREAM_Upgrade.UpgradeVia",
          "Device.Services.VoiceService.1.VoiceProfile.1.Enable",
          "Device.Services.VoiceService.1.VoiceProfile.1.SIP.X_GRANDSTREAM_SipRegistration",
          "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.DirectoryNumber"
        }) {
      ParameterMap.Mapping m = ParameterMap.wp820().of(name).orElseThrow();
      String reported = model.value(name).orElseThrow();
      assertEquals(
          store.get(m.number()).orElseThrow(),
          m.toPValue(reported).orElseThrow(),
          name + " reported as " + reported);
    }
  }

  @Test
  void thePhoneReadsTheRenderedFileAndDecryptsTheEncryptedOne() throws Exception {
    Map<String, String> values = new TreeMap<>(PValueCatalog.BY_NUMBER);
    values.put("P47", "sip.example.com");
    values.put("P3", "Ward <3> & \"desk\"\rtwo");
    byte[] xml = GsProvisionFile.xml("000b82000001", values);
    ConfigAliases aliases = ConfigAliases.wp820(PHONE_CATALOG);

    ConfigFile plain = ConfigFile.parse("cfg.xml", xml, aliases);
    assertEquals(values, new TreeMap<>(plain.pvalues()));
    assertEquals("000b82000001", plain.mac().orElseThrow());

    byte[] encrypted = GsProvisionFile.encrypt(xml, "p1359-secret");
    assertTrue(ConfigCrypto.isEncrypted(encrypted));
    assertEquals(
        new String(xml, StandardCharsets.UTF_8),
        new String(
            ConfigCrypto.decrypt("cfg.xml", encrypted, "p1359-secret"), StandardCharsets.UTF_8));
    assertThrows(
        ConfigFileException.class, () -> ConfigCrypto.decrypt("cfg.xml", encrypted, "wrong"));
  }

  @Test
  void encryptionIsOpenSslsWithMd5() {
    // printf '<a/>' | openssl enc -aes-256-cbc -md md5 -k secret -S 0102030405060708 | xxd -p
    // (OpenSSL 3 leaves out the Salted__ header when the salt is given; the phone needs it.)
    String openssl = "43405e6b359a55559a5e39273b647da7";
    byte[] out =
        GsProvisionFile.encrypt(
            "<a/>".getBytes(StandardCharsets.US_ASCII),
            "secret",
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertEquals(
        java.util.HexFormat.of().formatHex("Salted__".getBytes(StandardCharsets.US_ASCII))
            + "0102030405060708"
            + openssl,
        java.util.HexFormat.of().formatHex(out));
  }
}
