package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

  @Test
  void encodesTheRfc7617Example() {
    BasicCredentials aladdin = new BasicCredentials("Aladdin", "open sesame");
    assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", aladdin.toHeader());
    assertEquals(
        Optional.of(aladdin), BasicCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
  }

  @Test
  void passwordMayContainColons() {
    BasicCredentials c = new BasicCredentials("cpe", "pa:ss:");
    assertEquals(Optional.of(c), BasicCredentials.parse(c.toHeader()));
  }

  @Test
  void schemeIsCaseInsensitiveAndPaddingOptional() {
    assertEquals(
        Optional.of(new BasicCredentials("Aladdin", "open sesame")),
        BasicCredentials.parse("  basic   QWxhZGRpbjpvcGVuIHNlc2FtZQ  "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic",
        "Basic !!!!",
        "Basic QQ=",
        "Basic Y3Bl",
        "Digest QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
      })
  void rejectsMalformedHeaders(String header) {
    assertEquals(Optional.empty(), BasicCredentials.parse(header));
  }

  @Test
  void userNameCannotContainColon() {
    assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("a:b", "p"));
  }

  @Test
  void matchesComparesBothFields() {
    BasicCredentials c = new BasicCredentials("cpe", "secret");
    assertTrue(c.matches("cpe", "secret"));
    assertFalse(c.matches("cpe", "secreT"));
    assertFalse(c.matches("cpf", "secret"));
  }

  @Test
  void toStringHidesThePassword() {
    assertFalse(new BasicCredentials("cpe", "hunter2").toString().contains("hunter2"));
  }
}
