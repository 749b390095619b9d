package io.cradle.acs.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderingTest {

  private static final DeviceTarget PHONE =
      new DeviceTarget(
          7L,
          "000B82-WP820-S1",
          "000B82000001",
          "S1",
          "Ward 3 desk",
          "north",
          "WP820",
          Map.of("room", "312"),
          null);

  private static Template template(long id, Scope scope, String match, Map<String, String> values) {
    return new Template(id, scope.wire() + id, scope, match, values, Instant.EPOCH, "test");
  }

  private static final SipAccount LINE1 =
      new SipAccount(1, "sip.example.com", "4711", "", "secret", "Desk 4711", "000B82000001", 1);

  @Test
  void moreSpecificLevelsWinWhateverTheOrderTemplatesComeIn() {
    List<Template> all =
        List.of(
            template(4, Scope.DEVICE, "000B82000001", Map.of("P30", "device.ntp")),
            template(3, Scope.SITE, "north", Map.of("P30", "site.ntp", "P64", "site-tz")),
            template(
                1,
                Scope.GLOBAL,
                "",
                Map.of("P30", "global.ntp", "P64", "global-tz", "P207", "log")),
            template(2, Scope.MODEL, "WP820", Map.of("P64", "model-tz", "P208", "3")),
            template(5, Scope.SITE, "south", Map.of("P207", "south-log")),
            template(6, Scope.MODEL, "DP750", Map.of("P208", "7")));

    List<Template> chain = Rendering.chain(all, PHONE);
    Rendering.Rendered r = Rendering.render(chain, Map.of());

    assertEquals(List.of(1L, 2L, 3L, 4L), chain.stream().map(Template::id).toList());
    assertEquals(
        Map.of("P30", "device.ntp", "P64", "site-tz", "P207", "log", "P208", "3"), r.pvalues());
    assertEquals("device4", r.sources().get("P30"));
    assertEquals(List.of("P30", "P64", "P207", "P208"), List.copyOf(r.pvalues().keySet()));
  }

  @Test
  void variablesComeFromTheDeviceItsSipAccountsAndItsOwnTable() {
    Template t =
        template(
            1,
            Scope.GLOBAL,
            "",
            Map.of(
                "P47", "${account1.server}",
                "P35", "${account1.userId}",
                "P36", "${account1.authId}",
                "P34", "${account1.password}",
                "P3", "${device.name} (${room})",
                "P270", "${device.mac}-${device.site}"));

    Rendering.Rendered r = Rendering.render(List.of(t), Rendering.variables(PHONE, List.of(LINE1)));

    assertTrue(r.ok(), r.errors().toString());
    assertEquals("sip.example.com", r.pvalues().get("P47"));
    assertEquals("4711", r.pvalues().get("P35"));
    assertEquals("4711", r.pvalues().get("P36"), "no auth id: the user id authenticates");
    assertEquals("secret", r.pvalues().get("P34"));
    assertEquals("Ward 3 desk (312)", r.pvalues().get("P3"));
    assertEquals("000B82000001-north", r.pvalues().get("P270"));
  }

  @Test
  void anUnresolvedVariableIsAnErrorNamingThePValueAndIsNeverRenderedEmpty() {
    Template t =
        template(
            1,
            Scope.GLOBAL,
            "",
            Map.of("P35", "${account2.userId}", "P30", "pool.ntp.org", "P3", "${device.name}"));
    DeviceTarget unnamed =
        new DeviceTarget(null, null, "000B82000002", null, "", "", "", Map.of(), null);

    Rendering.Rendered r =
        Rendering.render(List.of(t), Rendering.variables(unnamed, List.of(LINE1)));

    assertFalse(r.ok());
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertTrue(
        r.errors()
            .get(0)
            .startsWith("P3 account1.displayName (template global1): no value for ${device.name}"),
        r.errors().toString());
    assertTrue(r.errors().get(1).contains("P35 account1.sipUserId"), r.errors().toString());
    assertTrue(r.errors().get(1).contains("${account2.userId}"), r.errors().toString());
    assertFalse(r.pvalues().containsKey("P35"));
    assertEquals("pool.ntp.org", r.pvalues().get("P30"));
  }

  @Test
  void aResolvedValueThePhoneWouldRefuseIsAnErrorTooAndSecretsAreNotQuoted() {
    Template t = template(1, Scope.GLOBAL, "", Map.of("P32", "${expiry}", "P34", "${pw}"));
    DeviceTarget d =
        new DeviceTarget(
            null,
            null,
            "000B82000003",
            null,
            "",
            "",
            "",
            Map.of("expiry", "0", "pw", "x".repeat(65)),
            null);

    Rendering.Rendered r = Rendering.render(List.of(t), Rendering.variables(d, List.of()));

    assertEquals(2, r.errors().size(), r.errors().toString());
    assertTrue(
        r.errors().get(0).contains("P32")
            && r.errors().get(0).contains("outside the range 1..64800"));
    assertTrue(r.errors().get(1).contains("(secret)"), r.errors().get(1));
    assertFalse(r.errors().get(1).contains("xxxx"), r.errors().get(1));
  }

  @Test
  void aTemplateIsCheckedBeforeAnyDeviceIsKnown() {
    List<String> errors =
        Rendering.check(
            new java.util.LinkedHashMap<>(
                Map.of(
                    "P47", "sip.example.com",
                    "X12", "1",
                    "P31", "yes",
                    "P35", "${account1.userId",
                    "P3", "${1bad}",
                    "P99999", "any text for an unknown P-value",
                    "P32", "${expiry}")));

    assertEquals(4, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("'X12' is not a P-value number")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("P31") && e.contains("not one of 0, 1")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("P35: unclosed '${'")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("'${1bad}' is not a variable name")));
  }
}
