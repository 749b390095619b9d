package io.cradle.cpe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PValueCatalogTest {

  private final PValueCatalog catalog = PValueCatalog.wp820();

  @Test
  void knowsDefaultsFromTheWp820Template() {
    assertEquals("60", def("P32").defaultValue());
    assertEquals("account1.registerExpiration", def("P32").name());
    assertEquals("https://acs.gdms.cloud", def("P4503").defaultValue());
    assertEquals("86400", def("P4507").defaultValue());
    assertEquals("7547", def("P4518").defaultValue());
    assertEquals("fm.grandstream.com/gs", def("P237").defaultValue());
    assertEquals("admin", def("P2").defaultValue());
    assertEquals("2", def("P81").defaultValue());
    assertEquals("-70", def("P22232").defaultValue());
  }

  @Test
  void checksRangesEnumsAndLengths() {
    assertTrue(def("P32").check("64800").isEmpty());
    assertEquals("outside the range 1..64800", def("P32").check("64801").orElseThrow());
    assertEquals("not an integer", def("P32").check("sixty").orElseThrow());
    assertTrue(def("P22232").check("-100").isEmpty());
    assertFalse(def("P22232").check("-29").isEmpty());
    assertEquals("not one of 0, 1, 2, 3, 4", def("P212").check("5").orElseThrow());
    assertFalse(def("P271").check("yes").isEmpty());
    assertFalse(def("P35").check("x".repeat(65)).isEmpty());
    assertTrue(def("P35").check("x".repeat(64)).isEmpty());
    assertFalse(def("P4503").check("ftp://acs.example.org").isEmpty());
    assertTrue(def("P47").check("sip.example.org:5060").isEmpty());
    assertFalse(def("P47").check("sip example org").isEmpty());
  }

  @Test
  void findsByReadableName() {
    assertEquals("P4503", catalog.findByName("tr069.acsUrl").orElseThrow().number());
    assertTrue(catalog.find("P99999").isEmpty());
  }

  @Test
  void refusesATableWhoseDefaultBreaksItsOwnConstraint() {
    String bad = "P32;account1.registerExpiration;int:1..64800;0;Register expiration\n";
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                PValueCatalog.parse(
                    "t.csv", new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().startsWith("t.csv:1: default of P32"), e.getMessage());
  }

  @Test
  void pValueNumbersHaveOneSpelling() {
    assertTrue(PValueCatalog.isPValueNumber("P22232"));
    assertFalse(PValueCatalog.isPValueNumber("P047"));
    assertFalse(PValueCatalog.isPValueNumber("p47"));
    assertFalse(PValueCatalog.isPValueNumber("P"));
  }

  @Test
  void aliasTableMapsBothAccounts() {
    ConfigAliases aliases = ConfigAliases.wp820(catalog);
    assertEquals("P4503", aliases.number("tr069.url").orElseThrow());
    assertEquals("P402", aliases.number("account.2.sip.server.1.address").orElseThrow());
  }

  private PValueDef def(String number) {
    return catalog.find(number).orElseThrow();
  }
}
