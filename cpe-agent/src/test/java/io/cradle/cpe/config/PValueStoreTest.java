package io.cradle.cpe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PValueStoreTest {

  private final PValueStore store = new PValueStore(PValueCatalog.wp820());

  @TempDir Path dir;

  @Test
  void startsWithDefaults() {
    assertEquals("60", store.get("P32").orElseThrow());
    assertTrue(store.get("P99999").isEmpty());
  }

  @Test
  void refusesAnOutOfRangeValueNamingThePValueAndKeepsTheOldOne() {
    store.set("P32", "30");
    InvalidPValueException e =
        assertThrows(InvalidPValueException.class, () -> store.set("P32", "64801"));
    assertEquals("P32", e.number());
    assertTrue(e.getMessage().contains("P32 (account1.registerExpiration)"), e.getMessage());
    assertTrue(e.getMessage().contains("1..64800"), e.getMessage());
    assertEquals("30", store.get("P32").orElseThrow());
  }

  @Test
  void refusesEnumAndLengthViolations() {
    InvalidPValueException en =
        assertThrows(InvalidPValueException.class, () -> store.set("P130", "3"));
    assertTrue(en.getMessage().contains("account1.sipTransport"), en.getMessage());
    InvalidPValueException len =
        assertThrows(InvalidPValueException.class, () -> store.set("P35", "x".repeat(65)));
    assertTrue(len.getMessage().contains("P35 (account1.sipUserId)"), len.getMessage());
    assertEquals("0", store.get("P130").orElseThrow());
    assertEquals("", store.get("P35").orElseThrow());
  }

  @Test
  void refusesMalformedNumbersAndControlCharacters() {
    assertThrows(InvalidPValueException.class, () -> store.set("47", "x"));
    assertThrows(InvalidPValueException.class, () -> store.set("P9000", "a\u0000b"));
  }

  @Test
  void keepsUnknownPValuesVerbatim() {
    store.set("P22017", " {\"alias\":\"aa\"} <&> ");
    assertEquals(" {\"alias\":\"aa\"} <&> ", store.get("P22017").orElseThrow());
  }

  @Test
  void multiSetIsAllOrNothing() {
    List<Map<String, String>> events = new ArrayList<>();
    store.addListener(events::add);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("P4503", "https://acs.example.org");
    values.put("P4507", "0"); // out of range 1..
    values.put("P47", "sip.example.org");
    InvalidPValueException e =
        assertThrows(InvalidPValueException.class, () -> store.setAll(values));
    assertEquals("P4507", e.number());
    assertEquals("https://acs.gdms.cloud", store.get("P4503").orElseThrow());
    assertEquals("", store.get("P47").orElseThrow());
    assertTrue(events.isEmpty());
  }

  @Test
  void listenersHearOnlyRealChangesOncePerSet() {
    List<Map<String, String>> events = new ArrayList<>();
    store.addListener(events::add);
    store.setAll(Map.of("P4506", "1", "P4507", "86400")); // P4507 already 86400
    store.set("P4506", "1"); // no change, no event
    assertEquals(List.of(Map.of("P4506", "1")), events);
    store.factoryReset();
    assertEquals(Map.of("P4506", "0"), events.get(1));
    assertEquals("0", store.get("P4506").orElseThrow());
  }

  @Test
  void factoryResetDropsUnknownPValues() {
    store.set("P9000", "kept");
    store.factoryReset();
    assertTrue(store.get("P9000").isEmpty());
  }

  @Test
  void savesAndLoadsRoundTrip() throws Exception {
    store.set("P34", "pass word=with:#!\\ and\nnewline ü");
    store.set("P9000", "unknown");
    store.set("P32", "5");
    Path file = dir.resolve("sub/pvalues.properties");
    store.save(file);
    PValueStore loaded = new PValueStore(PValueCatalog.wp820());
    loaded.load(file);
    assertEquals(store.snapshot(), loaded.snapshot());
    assertTrue(Files.list(file.getParent()).allMatch(file::equals), "no temp file left");
  }

  @Test
  void corruptFileIsRefusedAndDefaultsKept() throws Exception {
    store.set("P32", "5");
    Path file = dir.resolve("pvalues.properties");
    store.save(file);
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 4)); // truncated
    PValueStore loaded = new PValueStore(PValueCatalog.wp820());
    ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> loaded.load(file));
    assertTrue(e.getMessage().contains("corrupt settings file " + file), e.getMessage());
    assertEquals("60", loaded.get("P32").orElseThrow());
  }

  @Test
  void fileWithAnInvalidValueIsRefused() throws Exception {
    Path file = dir.resolve("pvalues.properties");
    Files.writeString(
        file,
        PValueFile.HEADER + "\nP47=ok.example.org\nP32=0\n" + PValueFile.END + "\n",
        StandardCharsets.UTF_8);
    ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> store.load(file));
    assertTrue(e.getMessage().contains("P32 (account1.registerExpiration)"), e.getMessage());
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void missingFileIsAClearError() {
    Path file = dir.resolve("absent.properties");
    ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> store.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
