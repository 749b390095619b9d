package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    BenchOptions o = BenchOptions.parse();
    assertEquals(URI.create("http://127.0.0.1:8080/cwmp"), o.acs());
    assertEquals(2000, o.devices());
    assertEquals(64, o.concurrency());
    assertEquals(Duration.ofSeconds(30), o.duration());
    assertFalse(o.bySessions());
    assertEquals(BenchOptions.Mode.PERIODIC, o.mode());
    assertEquals("cpe", o.username());
    assertEquals("cpe", o.password());
    assertEquals(Duration.ofSeconds(30), o.warmup());
    assertFalse(o.help());
  }

  @Test
  void readsEveryOption() {
    BenchOptions o =
        BenchOptions.parse(
            "--acs", "https://acs.example:7547/cwmp?x=1",
            "--devices", "500",
            "--concurrency", "8",
            "--sessions", "10000",
            "--mode", "BOOT",
            "--username", "fleet",
            "--password", "s3cret",
            "--warmup", "0",
            "--timeout", "1500ms");
    assertEquals(URI.create("https://acs.example:7547/cwmp?x=1"), o.acs());
    assertEquals(500, o.devices());
    assertEquals(8, o.concurrency());
    assertTrue(o.bySessions());
    assertEquals(10000, o.sessions());
    assertEquals(BenchOptions.Mode.BOOT, o.mode());
    assertEquals("fleet", o.username());
    assertEquals("s3cret", o.password());
    assertEquals(Duration.ZERO, o.warmup());
    assertEquals(Duration.ofMillis(1500), o.timeout());
  }

  @Test
  void acceptsKeyEqualsValue() {
    BenchOptions o = BenchOptions.parse("--duration=2m", "--concurrency=1", "--devices=1");
    assertEquals(Duration.ofMinutes(2), o.duration());
    assertEquals(1, o.concurrency());
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertTrue(BenchOptions.parse("--devices", "5", "--help", "--nonsense").help());
    assertTrue(BenchOptions.parse("-h").help());
    assertTrue(BenchOptions.USAGE.contains("--concurrency"));
  }

  @Test
  void durationsTakeUnits() {
    assertEquals(Duration.ofMillis(250), BenchOptions.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(30), BenchOptions.parseDuration("30s"));
    assertEquals(Duration.ofSeconds(30), BenchOptions.parseDuration("30"));
    assertEquals(Duration.ofMinutes(3), BenchOptions.parseDuration("3m"));
    assertEquals(Duration.ofHours(1), BenchOptions.parseDuration("1H"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseDuration("30 sec"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseDuration("-5s"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseDuration("1.5s"));
    assertThrows(
        IllegalArgumentException.class, () -> BenchOptions.parseDuration("99999999999999999999s"));
  }

  @Test
  void refusesBadInputWithAMessageNamingTheOption() {
    assertMessage("unknown option --devcies", "--devcies", "10");
    assertMessage("--devices needs a value", "--devices");
    assertMessage("--devices needs a value", "--devices", "--concurrency", "4");
    assertMessage("--devices given twice", "--devices", "10", "--devices", "20");
    assertMessage("unexpected argument 'extra'", "extra");
    assertMessage("--devices 'lots' is not a whole number", "--devices", "lots");
    assertMessage("--devices 0 is out of range", "--devices", "0");
    assertMessage("--devices 1048577 is out of range", "--devices", "1048577");
    assertMessage("--concurrency 0 is out of range", "--concurrency", "0");
    assertMessage("--mode 'storm' is neither periodic nor boot", "--mode", "storm");
    assertMessage("--duration must be more than 0", "--duration", "0s");
    assertMessage("give --duration or --sessions, not both", "--duration", "5s", "--sessions", "9");
    assertMessage("--acs 'ftp://x/cwmp' is not an http(s) URL", "--acs", "ftp://x/cwmp");
    assertMessage("--acs '127.0.0.1:8080' is not an http(s) URL", "--acs", "127.0.0.1:8080");
    assertMessage("--devices (10) must be at least --concurrency (64)", "--devices", "10");
  }

  private static void assertMessage(String expectedStart, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(args));
    assertTrue(
        e.getMessage().startsWith(expectedStart),
        () -> "message '" + e.getMessage() + "' should start with '" + expectedStart + "'");
  }
}
