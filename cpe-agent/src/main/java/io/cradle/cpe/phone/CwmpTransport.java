package io.cradle.cpe.phone;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.auth.Challenges;
import io.cradle.cwmp.auth.DigestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP client side of CWMP sessions: POSTs to the ACS URL of the store, answers one challenge
 * per session (Digest, or Basic when that is all the ACS offers) with the ManagementServer
 * credentials, and keeps the ACS's cookies until the session ends. Not thread-safe: the phone's
 * scheduler serialises sessions.
 */
public final class CwmpTransport {

  /** {@code Device.ManagementServer.URL}. */
  static final String ACS_URL = "P4503";

  /** {@code Device.ManagementServer.Username}. */
  static final String USERNAME = "P4504";

  /** {@code Device.ManagementServer.Password}. */
  static final String PASSWORD = "P4505";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** One HTTP answer of the ACS; {@code body} is empty for 204 and bodiless answers. */
  public record Reply(int status, byte[] body, Optional<String> contentType) {
    public Reply {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  private final PValueStore store;
  private final HttpClient http;
  private final DigestClient digest;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private boolean challengeAnswered;

  public CwmpTransport(PValueStore store, HttpClient http, DigestClient digest) {
    this.store = Objects.requireNonNull(store, "store");
    this.http = Objects.requireNonNull(http, "http");
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  /** An HTTP/1.1 client, as the WP820 speaks to its ACS. */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The ACS URL the next request goes to. */
  public String acsUrl() {
    return store.get(ACS_URL).orElse("");
  }

  /**
   * POSTs {@code body} (empty for an empty POST) to the ACS. A 401 is answered with credentials
   * once per session; a second 401 is returned as is, so a wrong password fails the session instead
   * of looping.
   *
   * @throws IllegalArgumentException if the ACS URL is not a valid http(s) URI
   */
  public Reply post(byte[] body) throws IOException, InterruptedException {
    URI acs = URI.create(acsUrl());
    HttpResponse<byte[]> response = send(acs, body, null);
    if (response.statusCode() == 401 && !challengeAnswered) {
      Optional<String> authorization =
          Challenges.authorization(
              digest,
              "POST",
              acs,
              store.get(USERNAME).orElse(""),
              store.get(PASSWORD).orElse(""),
              response.headers().allValues("WWW-Authenticate"));
      if (authorization.isPresent()) {
        challengeAnswered = true;
        response = send(acs, body, authorization.get());
      }
    }
    return new Reply(
        response.statusCode(), response.body(), response.headers().firstValue("Content-Type"));
  }

  /** The session is over: forget its cookies and allow a new Digest answer. */
  public void endSession() {
    cookies.clear();
    challengeAnswered = false;
  }

  private HttpResponse<byte[]> send(URI acs, byte[] body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(acs)
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    // An empty POST carries no SOAP envelope, so it gets neither Content-Type nor SOAPAction.
    if (body.length > 0) {
      request.header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().allValues("Set-Cookie").forEach(this::keepCookie);
    return response;
  }

  private void keepCookie(String setCookie) {
    int semicolon = setCookie.indexOf(';');
    String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    int equals = pair.indexOf('=');
    if (equals > 0) {
      cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }
  }
}
