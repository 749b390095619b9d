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
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs whole CWMP sessions of simulated phones against one ACS over an {@link HttpClient}
 * (HTTP/1.1, keep-alive). Thread-safe: each call keeps its session state (cookies, Digest
 * challenge) on its own stack; but the load generator gives each worker its own runner and client,
 * so that a session's requests share one connection with no other session.
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

  private final HttpClient http;
  private final SoapCodec codec;
  // ThreadLocalRandom must be asked for on the calling thread: the lambda does.
  private final DigestClient digest =
      new DigestClient(() -> ThreadLocalRandom.current().nextLong());
  private final URI acs;
  private final String requestTarget;
  private final String username;
  private final String password;
  private final Duration timeout;
  private final List<Event> events;
  private final Consumer<String> acsRequestSeen;
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param acsRequestSeen told the method name of every request the ACS sends inside a session
   */
  SessionRunner(
      HttpClient http, SoapCodec codec, BenchOptions options, Consumer<String> acsRequestSeen) {
    this.http = http;
    this.codec = codec;
    this.acs = options.acs();
    this.requestTarget = requestTarget(options.acs());
    this.username = options.username();
    this.password = options.password();
    this.timeout = options.timeout();
    this.events = eventsFor(options.mode());
    this.acsRequestSeen = acsRequestSeen;
  }

  /**
   * An HTTP/1.1 client with keep-alive; its connection pool should serve one session at a time (see
   * {@link InformStorm}).
   */
  static HttpClient newHttpClient(Duration connectTimeout, Executor executor) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
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
    String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    return new Inform(device.deviceId(), events, 1, now, retryCount, device.informParameters());
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
  Result run(Wp820Identity device, long retryCount) throws InterruptedException {
    Session s = new Session();
    try {
      HttpResponse<byte[]> r = post(s, encodeInform(device, retryCount), true);
      Result shed = shedOrNull(r, s);
      if (shed != null) {
        return shed;
      }
      if (r.statusCode() != 200 || isEmpty(r.body())) {
        throw new Failure("inform_http_" + r.statusCode(), r);
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
        if (r.statusCode() == 204 || (r.statusCode() == 200 && isEmpty(r.body()))) {
          return new Result(Kind.OK, null, null, null, s.requests);
        }
        shed = shedOrNull(r, s);
        if (shed != null) {
          return shed;
        }
        if (r.statusCode() != 200) {
          throw new Failure("http_" + r.statusCode(), r);
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
    } catch (HttpConnectTimeoutException e) {
      return error("connect_timeout", e.getMessage(), s);
    } catch (HttpTimeoutException e) {
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
    return Long.toString(ids.incrementAndGet());
  }

  private Envelope decode(HttpResponse<byte[]> r) throws MalformedMessageException {
    return codec.decode(r.body(), charsetOf(r).orElse(null));
  }

  static Optional<String> charsetOf(HttpResponse<?> r) {
    return r.headers()
        .firstValue("content-type")
        .flatMap(
            ct -> {
              for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                  return Optional.of(p.substring(8).replace("\"", "").trim());
                }
              }
              return Optional.empty();
            });
  }

  private static boolean isEmpty(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static Result shedOrNull(HttpResponse<byte[]> r, Session s) throws Failure {
    if (r.statusCode() != 503) {
      return null;
    }
    Optional<Duration> delay =
        RetryAfter.parse(r.headers().firstValue("retry-after").orElse(null), Instant.now());
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
  private HttpResponse<byte[]> post(Session s, byte[] body, boolean request)
      throws IOException, InterruptedException, Failure {
    boolean sentCredentials = s.challenge != null;
    HttpResponse<byte[]> r = send(s, body, request);
    if (r.statusCode() != 401) {
      return r;
    }
    DigestChallenge challenge =
        r.headers().allValues("www-authenticate").stream()
            .map(DigestChallenge::parse)
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(() -> new Failure("auth_no_digest_challenge"));
    if (sentCredentials && !challenge.stale()) {
      throw new Failure("auth_rejected");
    }
    s.challenge = challenge;
    r = send(s, body, request);
    if (r.statusCode() == 401) {
      throw new Failure("auth_rejected");
    }
    return r;
  }

  private HttpResponse<byte[]> send(Session s, byte[] body, boolean request)
      throws IOException, InterruptedException, Failure {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(acs)
            .timeout(timeout)
            .POST(
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body.length > 0) {
      b.header("Content-Type", "text/xml; charset=\"utf-8\"");
    }
    if (request) {
      b.header("SOAPAction", "\"\"");
    }
    if (!s.cookies.isEmpty()) {
      b.header("Cookie", s.cookies.header());
    }
    if (s.challenge != null) {
      try {
        b.header(
            "Authorization",
            digest.authorize("POST", requestTarget, username, password, s.challenge).toHeader());
      } catch (IllegalArgumentException e) {
        throw new Failure("auth_unsupported_challenge");
      }
    }
    s.requests++;
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    s.cookies.update(r.headers());
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
    Failure(String kind, HttpResponse<byte[]> r) {
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
