package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.Event;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionHelpersTest {

  @Test
  void cookiesAreKeptReplacedAndExpired() {
    SessionCookies c = new SessionCookies();
    assertTrue(c.isEmpty());
    c.accept("JSESSIONID=abc; Path=/; HttpOnly");
    c.accept("route=r1");
    assertEquals("JSESSIONID=abc; route=r1", c.header());
    c.accept("JSESSIONID=def; Path=/cwmp");
    assertEquals("JSESSIONID=def; route=r1", c.header());
    c.accept("route=gone; Max-Age=0");
    assertEquals("JSESSIONID=def", c.header());
    c.accept("JSESSIONID=");
    c.accept("garbage without equals");
    assertTrue(c.isEmpty());
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", now));
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", now));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Thu, 26 Nov 2026 12:01:30 GMT", now));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Nov 2026 11:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    assertEquals(Optional.empty(), RetryAfter.parse("", now));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
    assertEquals(Optional.empty(), RetryAfter.parse("-3", now));
    assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", now));
  }

  @Test
  void digestUriIsThePathAndQuery() {
    assertEquals("/cwmp", SessionRunner.requestTarget(URI.create("http://127.0.0.1:8080/cwmp")));
    assertEquals("/", SessionRunner.requestTarget(URI.create("http://acs.example")));
    assertEquals("/a%20b?x=1", SessionRunner.requestTarget(URI.create("http://h/a%20b?x=1")));
  }

  @Test
  void charsetComesFromTheContentTypeParameters() {
    assertEquals("utf-8", SessionRunner.charsetOf("text/xml; charset=utf-8"));
    assertEquals("UTF-16", SessionRunner.charsetOf("text/xml;foo=bar; Charset=\"UTF-16\" "));
    assertNull(SessionRunner.charsetOf("text/xml"));
    assertNull(SessionRunner.charsetOf("text/xml;"));
    assertNull(SessionRunner.charsetOf(null));
  }

  @Test
  void currentTimeAlwaysHasSeconds() {
    long fullMinute = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
    assertEquals("2026-11-26T12:00:00Z", SessionRunner.currentTime(fullMinute));
    assertEquals("2026-11-26T12:00:07Z", SessionRunner.currentTime(fullMinute + 7));
  }

  @Test
  void errorBodiesAreShortenedToOneLine() {
    assertEquals("(empty body)", SessionRunner.bodyExcerpt(new byte[0]));
    assertEquals(
        "<a> bad request </a>",
        SessionRunner.bodyExcerpt(
            "<a>\n  bad\trequest\r\n</a>\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        300, SessionRunner.bodyExcerpt("x".repeat(5000).getBytes(StandardCharsets.UTF_8)).length());
  }

  @Test
  void modesOpenWithTheirEvents() {
    assertEquals(
        List.of(Event.PERIODIC),
        SessionRunner.eventsFor(BenchOptions.Mode.PERIODIC).stream().map(Event::code).toList());
    assertEquals(
        List.of(Event.BOOTSTRAP, Event.BOOT),
        SessionRunner.eventsFor(BenchOptions.Mode.BOOT).stream().map(Event::code).toList());
  }
}
