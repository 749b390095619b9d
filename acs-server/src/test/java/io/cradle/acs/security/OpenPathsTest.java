package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/cwmp",
        "/cwmp/",
        "/prov/cfg000b82aabbcc.xml",
        "/firmware/wp820fw.bin",
        "/backups/000B82-WP820-X/cfg000b82aabbcc-20261126-120000.xml",
        "/q/health",
        "/q/health/ready",
        "/login"
      })
  void whatPhonesAndProbesNeedIsOpen(String path) {
    assertTrue(AccessFilter.isOpen(path));
  }

  @org.junit.jupiter.api.Test
  void onlyThisHostsOwnOriginMayChangeThings() {
    assertTrue(AccessFilter.sameOrigin(null, "acs.example:8080"), "no Origin: not a browser");
    assertTrue(AccessFilter.sameOrigin("http://acs.example:8080", "acs.example:8080"));
    assertTrue(AccessFilter.sameOrigin("https://ACS.example", "acs.example"));
    assertFalse(AccessFilter.sameOrigin("http://evil.example", "acs.example:8080"));
    assertFalse(AccessFilter.sameOrigin("http://acs.example:9090", "acs.example:8080"));
    assertFalse(AccessFilter.sameOrigin("null", "acs.example:8080"));
    assertFalse(AccessFilter.sameOrigin("http://acs.example", null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/v1/devices",
        "/ui/devices",
        "/q/metrics",
        "/q/openapi",
        "/q/health-ui",
        "/cwmpx",
        "/prov",
        "/firmware",
        "/backups",
        "/CWMP",
        "/api/v1/prov/x",
        "/logout",
        "/login/x",
        "/api/v1/users",
        "/api/v1/tokens",
        "/api/v1/audit"
      })
  void everythingElseNeedsTheAdminCredential(String path) {
    assertFalse(AccessFilter.isOpen(path));
  }
}
