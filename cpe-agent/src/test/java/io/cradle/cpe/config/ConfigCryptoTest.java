package io.cradle.cpe.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fixtures made with {@code openssl enc -e -aes-256-cbc [-md md5] -k Ward3-Secret} (3.0.19). */
class ConfigCryptoTest {

  private static final String PASSWORD = "Ward3-Secret";

  @Test
  void decryptsOpensslFileWithMd5KeyDerivation() throws Exception {
    byte[] plain =
        ConfigCrypto.decrypt("cfg.xml", ConfigFileTest.resource("encrypted-md5.xml.enc"), PASSWORD);
    assertArrayEquals(ConfigFileTest.resource("plain-for-encryption.xml"), plain);
  }

  @Test
  void decryptsOpensslFileWithSha256KeyDerivationAndApplies() throws Exception {
    byte[] plain =
        ConfigCrypto.decrypt(
            "cfg.xml", ConfigFileTest.resource("encrypted-sha256.xml.enc"), PASSWORD);
    PValueCatalog catalog = PValueCatalog.wp820();
    PValueStore store = new PValueStore(catalog);
    ConfigFile.parse("cfg.xml", plain, ConfigAliases.wp820(catalog)).applyTo(store, "000b82000001");
    assertEquals("https://acs.example.org/cwmp", store.get("P4503").orElseThrow());
    assertEquals("600", store.get("P4507").orElseThrow());
  }

  @Test
  void wrongPasswordIsAClearError() throws Exception {
    byte[] enc = ConfigFileTest.resource("encrypted-md5.xml.enc");
    ConfigFileException e =
        assertThrows(ConfigFileException.class, () -> ConfigCrypto.decrypt("cfg.xml", enc, "x"));
    assertTrue(e.getMessage().startsWith("cfg.xml: cannot decrypt: wrong XML config password"));
  }

  @Test
  void encryptMatchesOpensslByteForByte() throws Exception {
    byte[] fixture = ConfigFileTest.resource("encrypted-md5.xml.enc");
    byte[] salt = java.util.Arrays.copyOfRange(fixture, 8, 16);
    byte[] ours =
        ConfigCrypto.encrypt(
            ConfigFileTest.resource("plain-for-encryption.xml"),
            PASSWORD,
            ConfigCrypto.Digest.MD5,
            salt);
    assertArrayEquals(fixture, ours);
  }

  @Test
  void plainFileIsNotMistakenForEncrypted() {
    byte[] plain = "<gs_provision/>".getBytes(StandardCharsets.US_ASCII);
    ConfigFileException e =
        assertThrows(ConfigFileException.class, () -> ConfigCrypto.decrypt("c", plain, "x"));
    assertTrue(e.reason().contains("Salted__"), e.getMessage());
  }
}
