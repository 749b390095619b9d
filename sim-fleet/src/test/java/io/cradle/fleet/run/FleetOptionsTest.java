package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.HostPort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetOptionsTest {

  @Test
  void defaults() {
    FleetOptions o = FleetOptions.parse();
    assertEquals(URI.create("http://127.0.0.1:8080/cwmp"), o.acs());
    assertEquals(20, o.phones());
    assertEquals("00:0B:82:10:00:01", FleetAddresses.macAddress(o.firstMac()));
    assertEquals("", o.serialPrefix());
    assertEquals("127.10.0.1", FleetAddresses.ipv4(o.addressBase()));
    assertEquals(7547, o.crPort());
    // 20 boots spread over 10 s: the first at once, the last at 10 s.
    assertEquals(Duration.ofSeconds(10).dividedBy(19), o.bootInterval());
    assertEquals(Duration.ofSeconds(300), o.periodicInterval());
    assertEquals("cpe", o.acsUser());
    assertEquals("cpe", o.acsPassword());
    assertEquals("cradle", o.crUser());
    assertEquals("cradle", o.crPassword());
    assertEquals(16, o.sessionThreads());
    assertEquals(Optional.empty(), o.duration());
    assertFalse(o.untilBooted());
    assertEquals(Optional.empty(), o.report());
    assertEquals(Optional.empty(), o.dataDir());
    assertEquals(1.0, o.speed());
    assertFalse(o.help());
  }

  @Test
  void everyOption() {
    FleetOptions o =
        FleetOptions.parse(
            "--acs",
            "https://acs.example:8443/cwmp",
            "--phones",
            "5_000",
            "--first-mac",
            "00-0b-82-aa-00-00",
            "--serial-prefix",
            "LAB-",
            "--address-base",
            "127.20.3.7",
            "--cr-port",
            "30005",
            "--boot-rate",
            "50/s",
            "--periodic-interval",
            "2m",
            "--acs-user",
            "u",
            "--acs-password",
            "p",
            "--cr-user=cu",
            "--cr-password=cp",
            "--session-threads",
            "4",
            "--duration",
            "90s",
            "--until-booted",
            "--boot-timeout",
            "30s",
            "--report",
            "out/fleet.json",
            "--data-dir",
            "flash",
            "--seed",
            "-7",
            "--speed",
            "60");
    assertEquals(URI.create("https://acs.example:8443/cwmp"), o.acs());
    assertEquals(5000, o.phones());
    assertEquals("00:0B:82:AA:00:00", FleetAddresses.macAddress(o.firstMac()));
    assertEquals("LAB-", o.serialPrefix());
    assertEquals("127.20.3.7", FleetAddresses.ipv4(o.addressBase()));
    assertEquals(30005, o.crPort());
    assertEquals(Duration.ofMillis(20), o.bootInterval());
    assertEquals(Duration.ofMinutes(2), o.periodicInterval());
    assertEquals("u", o.acsUser());
    assertEquals("p", o.acsPassword());
    assertEquals("cu", o.crUser());
    assertEquals("cp", o.crPassword());
    assertEquals(4, o.sessionThreads());
    assertEquals(Optional.of(Duration.ofSeconds(90)), o.duration());
    assertTrue(o.untilBooted());
    assertEquals(Duration.ofSeconds(30), o.bootTimeout());
    assertEquals(Optional.of(Path.of("out/fleet.json")), o.report());
    assertEquals(Optional.of(Path.of("flash")), o.dataDir());
    assertEquals(-7, o.seed());
    assertEquals(60.0, o.speed());
  }

  @Test
  void staggerSpreadsTheBoots() {
    assertEquals(
        Duration.ofMillis(250),
        FleetOptions.parse("--phones", "5", "--stagger", "1s").bootInterval());
    assertEquals(Duration.ZERO, FleetOptions.parse("--phones", "1").bootInterval());
    assertEquals(Duration.ZERO, FleetOptions.parse("--stagger", "0").bootInterval());
    assertEquals(Duration.ofSeconds(6), FleetOptions.parseBootRate("10/m"));
  }

  @Test
  void benchmarkDefaultPhoneCount() {
    assertEquals(5000, FleetOptions.parse(5000).phones());
    assertEquals(3, FleetOptions.parse(5000, "--phones", "3").phones());
  }

  @Test
  void help() {
    assertTrue(FleetOptions.parse("--phones", "3", "--help").help());
    assertTrue(FleetOptions.USAGE.contains("--report FILE"));
  }

  @Test
  void clearErrors() {
    assertError("unknown option --phone", "--phone", "3");
    assertError("--phones needs a value", "--phones");
    assertError("--phones needs a value", "--phones", "--seed", "3");
    assertError("--phones given twice", "--phones", "3", "--phones", "4");
    assertError("--phones 'many' is not a whole number", "--phones", "many");
    assertError("--phones 0 is out of range [1, 1000000]", "--phones", "0");
    assertError("unexpected argument 'extra'", "extra");
    assertError("is not an http(s) URL with a host", "--acs", "ftp://x/cwmp");
    assertError("is not a MAC address", "--first-mac", "00:0B:82:10:00");
    assertError("is not a loopback address", "--address-base", "10.0.0.1");
    assertError("is not an IPv4 address", "--address-base", "127.0.0.300");
    assertError("is not a host address (ends in .0 or .255)", "--address-base", "127.10.0.0");
    assertError("is not a host address (ends in .0 or .255)", "--address-base", "127.10.0.255");
    assertError(
        "leaves no room for 1000 addresses", "--address-base", "127.255.255.1", "--phones", "1000");
    assertError(
        "leaves no room for 2 consecutive MACs",
        "--first-mac",
        "FF:FF:FF:FF:FF:FF",
        "--phones",
        "2");
    assertError("give --stagger or --boot-rate, not both", "--stagger", "5s", "--boot-rate", "5/s");
    assertError("is not a positive rate", "--boot-rate", "0/s");
    assertError("is not a positive rate", "--boot-rate", "fast");
    assertError("shorter than 1s", "--periodic-interval", "500ms");
    assertError("is not a time", "--duration", "soon");
    assertError("--duration must be more than 0", "--duration", "0s");
    assertError("--until-booted takes no value", "--until-booted=yes");
    assertError("--boot-timeout only applies with --until-booted", "--boot-timeout", "5s");
    assertError("may hold only letters", "--serial-prefix", "a b");
    assertError("--speed '0' is not a positive factor", "--speed", "0");
    assertError("--session-threads 0 is out of range", "--session-threads", "0");
    assertError("--cr-port 70000 is out of range", "--cr-port", "70000");
    assertError("--sip 'kamailio:x' is neither 'embedded' nor", "--sip", "kamailio:x");
    assertError("--sip-users and --sip-password need --sip", "--sip-users", "2000");
    assertError(
        "is not a first SIP user ending in a number", "--sip", "embedded", "--sip-users", "ext");
    assertError("--sip-password must have 1 to 64", "--sip", "embedded", "--sip-password", "");
  }

  @Test
  void sipGivesEachPhoneAUserFromTheFirst() {
    assertEquals(Optional.empty(), FleetOptions.parse().sip(), "no SIP unless asked");
    SipPlan embedded = FleetOptions.parse("--sip", "embedded").sip().orElseThrow();
    assertEquals(Optional.empty(), embedded.server());
    assertEquals("1000", embedded.user(0));
    assertEquals("1019", embedded.user(19));
    assertEquals("cradle", embedded.password());
    assertEquals(Optional.of(19), embedded.indexOf("1019", 20));
    assertEquals(Optional.empty(), embedded.indexOf("1020", 20), "past the last phone");
    assertEquals(Optional.empty(), embedded.indexOf("0999", 20));
    assertEquals(Optional.empty(), embedded.indexOf("alice", 20));

    SipPlan kamailio =
        FleetOptions.parse(
                "--sip", "127.0.0.1:5070", "--sip-users", "bench0", "--sip-password", "bench")
            .sip()
            .orElseThrow();
    assertEquals(Optional.of(new HostPort("127.0.0.1", 5070)), kamailio.server());
    assertEquals("bench7", kamailio.user(7));
    assertEquals(Optional.of(7), kamailio.indexOf("bench7", 20));
  }

  private static void assertError(String expected, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FleetOptions.parse(args));
    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected '" + expected + "' in '" + e.getMessage() + "'");
  }
}
