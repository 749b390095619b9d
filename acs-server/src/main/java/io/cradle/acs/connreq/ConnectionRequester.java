package io.cradle.acs.connreq;

import io.cradle.acs.connreq.ConnectionRequestOutcome.Result;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one TR-069 Connection Request: an HTTP GET to the device's URL, answering its Digest
 * challenge (Basic only when the device asks for Basic). Plain HTTP, no storage: see {@link
 * ConnectionRequests} for the part that knows devices.
 */
public final class ConnectionRequester {

  private static final String GET = "GET";

  private final HttpClient http;
  private final DigestClient digest;
  private final Duration timeout;

  /**
   * @param http should use HTTP/1.1 (CPEs run tiny servers that an h2c upgrade offer can confuse)
   *     and have a short connect timeout
   * @param timeout for the whole exchange, challenge and retry included
   */
  public ConnectionRequester(HttpClient http, DigestClient digest, Duration timeout) {
    this.http = http;
    this.digest = digest;
    this.timeout = timeout;
  }

  /** A client as Connection Requests need it: HTTP/1.1, no redirects, the given connect timeout. */
  public static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /** Never completes exceptionally: every failure is an outcome. */
  public CompletableFuture<ConnectionRequestOutcome> send(
      String url, String username, String password) {
    Optional<URI> uri = httpUri(url);
    if (uri.isEmpty()) {
      return CompletableFuture.completedFuture(
          new ConnectionRequestOutcome(Result.NO_URL, 0, "no usable URL: " + url));
    }
    return get(uri.get(), null)
        .thenCompose(first -> answer(uri.get(), first, username, password))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(ConnectionRequester::failure);
  }

  private CompletableFuture<ConnectionRequestOutcome> answer(
      URI uri, HttpResponse<Void> first, String username, String password) {
    if (first.statusCode() != 401) {
      return CompletableFuture.completedFuture(byStatus(first.statusCode()));
    }
    Optional<String> authorization;
    try {
      authorization =
          authorization(uri, first.headers().allValues("WWW-Authenticate"), username, password);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new ConnectionRequestOutcome(Result.AUTH_FAILED, 401, e.getMessage()));
    }
    if (authorization.isEmpty()) {
      return CompletableFuture.completedFuture(
          new ConnectionRequestOutcome(
              Result.AUTH_FAILED, 401, "no Digest or Basic challenge in the 401"));
    }
    return get(uri, authorization.get())
        .thenApply(
            second ->
                second.statusCode() == 401
                    ? new ConnectionRequestOutcome(
                        Result.AUTH_FAILED, 401, "credentials of user " + username + " refused")
                    : byStatus(second.statusCode()));
  }

  /** Digest when offered; Basic only if that is all the device asks for. */
  private Optional<String> authorization(
      URI uri, List<String> challenges, String username, String password) {
    for (String header : challenges) {
      Optional<DigestChallenge> challenge = DigestChallenge.parse(header);
      if (challenge.isPresent()) {
        return Optional.of(
            digest
                .authorize(GET, requestTarget(uri), username, password, challenge.get())
                .toHeader());
      }
    }
    for (String header : challenges) {
      if (header.strip().regionMatches(true, 0, "Basic", 0, 5)) {
        return Optional.of(new BasicCredentials(username, password).toHeader());
      }
    }
    return Optional.empty();
  }

  private CompletableFuture<HttpResponse<Void>> get(URI uri, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  private static ConnectionRequestOutcome byStatus(int status) {
    Result result = status >= 200 && status < 300 ? Result.OK : Result.REFUSED;
    return new ConnectionRequestOutcome(result, status, "");
  }

  private static ConnectionRequestOutcome failure(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    // A connect timeout is a kind of HttpTimeoutException, but it means nobody answered the SYN.
    boolean answeredLate =
        !(cause instanceof HttpConnectTimeoutException)
            && (cause instanceof HttpTimeoutException || cause instanceof TimeoutException);
    return new ConnectionRequestOutcome(
        answeredLate ? Result.TIMEOUT : Result.UNREACHABLE, 0, detail);
  }

  /** The path and query as sent on the request line, which the Digest uri must repeat. */
  private static String requestTarget(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private static Optional<URI> httpUri(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(url.strip());
      boolean http =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
