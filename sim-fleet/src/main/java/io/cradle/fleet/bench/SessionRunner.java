package io.cradle.fleet.bench;

import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.MalformedMessageException;
import io.cradle.cwmp.soap.SoapCodec;
import io.cradle.fleet.bench.CwmpConnection.ConnectTimeoutException;
import io.cradle.fleet.bench.CwmpConnection.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs whole CWMP sessions of simulated phones against one ACS over one {@link CwmpConnection}, one
 * session after the other, as a CPE does. Not thread-safe: the load generator gives each worker its
 * own runner and connection.
 */
final class SessionRunner {

  /** How a session ended. */
  enum Kind {
    OK,
    /** 503 with a Retry-After: the ACS shed load properly. */
    SHED,
    ERROR
  }

  /**
   * One session's outcome.
   *
   * @param error a short error kind for the report (e.g. {@code timeout}, {@code http_500}), null
   *     unless {@code ERROR}
   * @param detail what went wrong, for the report's first example of each error kind (e.g. the
   *     start of an error response's body); null unless {@code ERROR}
   * @param retryAfter the delay the ACS asked for, null unless {@code SHED}
   * @param httpRequests the HTTP requests the session sent, 401 round trips included
   */
  record Result(Kind kind, String error, String detail, Duration retryAfter, int httpRequests) {}

  /** A session with more exchanges than this after the Inform is reported as an error. */
  static final int MAX_EXCHANGES = 32;

  private static final CwmpVersion VERSION = CwmpVersion.V1_0;
  private static final byte[] EMPTY = new byte[0];

  private final CwmpConnection connection;
  private final SoapCodec codec;
  // ThreadLocalRandom must be asked for on the calling thread: the lambda does.
  private final DigestClient digest =
      new DigestClient(() -> ThreadLocalRandom.current().nextLong());
  private final String requestTarget;
  private final String username;
  private final String password;
  private final List<Event> events;
  private final Consumer<String> acsRequestSeen;
  private final boolean reuseNonce;
  private DigestChallenge lastChallenge;
  private long ids;
  private long informSecond = Long.MIN_VALUE;
  private String informTime;

  /**
   * @param acsRequestSeen told the method name of every request the ACS sends inside a session
   */
  SessionRunner(
      CwmpConnection connection,
      SoapCodec codec,
      BenchOptions options,
      Consumer<String> acsRequestSeen) {
    this.connection = connection;
    this.codec = codec;
    this.requestTarget = requestTarget(options.acs());
    this.username = options.username();
    this.password = options.password();
    this.events = eventsFor(options.mode());
    this.acsRequestSeen = acsRequestSeen;
    this.reuseNonce = options.reuseNonce();
  }

  static List<Event> eventsFor(BenchOptions.Mode mode) {
    return switch (mode) {
      case PERIODIC -> List.of(new Event(Event.PERIODIC));
      case BOOT -> List.of(new Event(Event.BOOTSTRAP), new Event(Event.BOOT));
    };
  }

  /** The request target of a URL as Digest's {@code uri} wants it: path and query. */
  static String requestTarget(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /** The Inform a device opens its session with. */
  Inform inform(Wp820Identity device, long retryCount) {
    // Hundreds of sessions a second share a CurrentTime: format it once per second.
    long second = Instant.now().getEpochSecond();
    if (second != informSecond) {
      informTime = currentTime(second);
      informSecond = second;
    }
    return new Inform(
        device.deviceId(), events, 1, informTime, retryCount, device.informParameters());
  }

  /**
   * An Inform's CurrentTime, e.g. {@code 2026-11-26T12:00:00Z}: always with seconds, which
   * xsd:dateTime requires and {@code OffsetDateTime.toString()} leaves out on the full minute.
   */
  static String currentTime(long epochSecond) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  /** Encodes one Inform: fails fast, before any load, if the codec cannot. */
  byte[] encodeInform(Wp820Identity device, long retryCount) {
    return codec.encode(new Envelope(VERSION, Header.withId(nextId()), inform(device, retryCount)));
  }

  /**
   * Runs one session of {@code device}.
   *
   * @param retryCount the Inform's RetryCount: failed or shed attempts since the last success
   */
  Result run(Wp820Identity device, long retryCount) {
    Session s = new Session();
    if (reuseNonce) {
      s.challenge = lastChallenge;
    }
    try {
      Response r = post(s, encodeInform(device, retryCount), true);
      Result shed = shedOrNull(r, s);
      if (shed != null) {
        return shed;
      }
      if (r.status() != 200 || isEmpty(r.body())) {
        throw new Failure("inform_http_" + r.status(), r);
      }
      CwmpMessage answer = decode(r).body();
      if (answer instanceof Fault f) {
        throw new Failure("inform_fault_" + f.code(), f.message());
      }
      if (!(answer instanceof InformResponse)) {
        throw new Failure("inform_unexpected_" + answer.method());
      }

      byte[] next = EMPTY;
      for (int i = 0; i < MAX_EXCHANGES; i++) {
        r = post(s, next, false);
        if (r.status() == 204 || (r.status() == 200 && isEmpty(r.body()))) {
          return new Result(Kind.OK, null, null, null, s.requests);
        }
        shed = shedOrNull(r, s);
        if (shed != null) {
          return shed;
        }
        if (r.status() != 200) {
          throw new Failure("http_" + r.status(), r);
        }
        Envelope env = decode(r);
        CwmpMessage m = env.body();
        if (m instanceof AcsRequest<?> request) {
          acsRequestSeen.accept(request.method());
          CwmpMessage reply = CpeResponder.answer(request, device);
          next = codec.encode(new Envelope(env.version(), Header.withId(env.header().id()), reply));
        } else if (m instanceof Fault f) {
          throw new Failure("acs_fault_" + f.code(), f.message());
        } else {
          throw new Failure("unexpected_" + m.method());
        }
      }
      throw new Failure("session_too_long");
    } catch (Failure f) {
      return error(f.getMessage(), f.detail, s);
    } catch (ConnectTimeoutException e) {
      return error("connect_timeout", e.getMessage(), s);
    } catch (SocketTimeoutException e) {
      return error("timeout", e.getMessage(), s);
    } catch (ConnectException e) {
      return error("connect_refused", e.getMessage(), s);
    } catch (IOException e) {
      return error("io_" + e.getClass().getSimpleName(), e.getMessage(), s);
    } catch (MalformedMessageException e) {
      return error("bad_soap_" + e.kind().name().toLowerCase(Locale.ROOT), e.getMessage(), s);
    } catch (UnsupportedOperationException e) {
      return error("codec_unsupported", e.getMessage(), s);
    }
  }

  private String nextId() {
    return Long.toString(++ids);
  }

  private Envelope decode(Response r) throws MalformedMessageException {
    return codec.decode(r.body(), charsetOf(r.contentType()));
  }

  /** The {@code charset} parameter of a Content-Type value, unquoted; null if there is none. */
  static String charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    int start = 0;
    while (start <= contentType.length()) {
      int end = contentType.indexOf(';', start);
      if (end < 0) {
        end = contentType.length();
      }
      String p = contentType.substring(start, end).trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        return p.substring(8).replace("\"", "").trim();
      }
      start = end + 1;
    }
    return null;
  }

  private static boolean isEmpty(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static Result shedOrNull(Response r, Session s) throws Failure {
    if (r.status() != 503) {
      return null;
    }
    Optional<Duration> delay = RetryAfter.parse(r.retryAfter(), Instant.now());
    if (delay.isEmpty()) {
      throw new Failure("http_503_without_retry_after");
    }
    return new Result(Kind.SHED, null, null, delay.get(), s.requests);
  }

  private static Result error(String kind, String detail, Session s) {
    return new Result(Kind.ERROR, kind, detail, null, s.requests);
  }

  /**
   * POSTs {@code body} in session {@code s}, answering one Digest challenge. After a success the
   * session's later requests carry credentials for the same nonce (with a rising nonce count), as
   * most CPEs do; a stale nonce is answered once more.
   */
  private Response post(Session s, byte[] body, boolean request) throws IOException, Failure {
    boolean sentCredentials = s.challenge != null;
    Response r = send(s, body, request);
    if (r.status() != 401) {
      return r;
    }
    DigestChallenge challenge =
        r.wwwAuthenticate().stream()
            .map(DigestChallenge::parse)
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(() -> new Failure("auth_no_digest_challenge"));
    if (sentCredentials && !challenge.stale()) {
      throw new Failure("auth_rejected");
    }
    s.challenge = challenge;
    lastChallenge = challenge;
    r = send(s, body, request);
    if (r.status() == 401) {
      throw new Failure("auth_rejected");
    }
    return r;
  }

  private Response send(Session s, byte[] body, boolean request) throws IOException, Failure {
    String authorization = null;
    if (s.challenge != null) {
      try {
        authorization =
            digest.authorize("POST", requestTarget, username, password, s.challenge).toHeader();
      } catch (IllegalArgumentException e) {
        throw new Failure("auth_unsupported_challenge");
      }
    }
    s.requests++;
    Response r =
        connection.post(
            body, request, s.cookies.isEmpty() ? null : s.cookies.header(), authorization);
    s.cookies.update(r.setCookies());
    return r;
  }

  /** The state of one session. */
  private static final class Session {
    final SessionCookies cookies = new SessionCookies();
    DigestChallenge challenge;
    int requests;
  }

  /** A session that cannot go on; the message is the error kind. */
  private static final class Failure extends Exception {
    final String detail;

    Failure(String kind) {
      this(kind, (String) null);
    }

    Failure(String kind, String detail) {
      super(kind, null, false, false);
      this.detail = detail;
    }

    /** An unexpected HTTP status: the detail is the start of the response body. */
    Failure(String kind, Response r) {
      this(kind, bodyExcerpt(r.body()));
    }
  }

  /** Up to 300 characters of a body, on one line. */
  static String bodyExcerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    text = text.replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? "(empty body)" : text;
  }
}
