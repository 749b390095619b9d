package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthParamsTest {

  private static Map<String, String> parse(String header) {
    return AuthParams.parse(header, "Digest").orElseThrow();
  }

  @Test
  void readsQuotedAndUnquotedValuesInAnyOrder() {
    assertEquals(
        Map.of("nc", "00000001", "realm", "acs", "qop", "auth"),
        parse("Digest nc=00000001, realm=\"acs\", qop=auth"));
  }

  @Test
  void keepsCommasAndEscapedQuotesInsideQuotedValues() {
    Map<String, String> params = parse("Digest qop=\"auth,auth-int\", username=\"a\\\"b\\\\c, d\"");
    assertEquals("auth,auth-int", params.get("qop"));
    assertEquals("a\"b\\c, d", params.get("username"));
  }

  @Test
  void toleratesOddSpacingCaseAndMissingSpaces() {
    assertEquals(
        Map.of("realm", "GenieACS", "qop", "auth", "nonce", "n1", "opaque", ""),
        parse("  digest   Realm = \"GenieACS\",qop=\"auth\" ,NONCE=n1,,  opaque=\"\"  "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic dXNlcjpwYXNz",
        "Digestive realm=\"x\"",
        "Digest realm=\"unterminated",
        "Digest realm=\"a\", realm=\"b\"",
        "Digest realm",
        "Digest =x",
        "Digest realm=\"a\" nonce=\"b\""
      })
  void rejectsOtherSchemesAndBrokenLists(String header) {
    assertEquals(Optional.empty(), AuthParams.parse(header, "Digest"));
  }

  @Test
  void rejectsNull() {
    assertEquals(Optional.empty(), AuthParams.parse(null, "Digest"));
  }

  @Test
  void quotingRoundTrips() {
    String header =
        new AuthParams.Writer()
            .quoted("username", "we\"ird\\name")
            .token("nc", "00000001")
            .quoted("absent", null)
            .toHeader("Digest");
    assertEquals("Digest username=\"we\\\"ird\\\\name\", nc=00000001", header);
    assertEquals(Map.of("username", "we\"ird\\name", "nc", "00000001"), parse(header));
  }
}
