package io.cradle.cpe.transfer;

import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.Challenges;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.FaultCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP(S) file transfers of one phone: config files, firmware images, TR-069 Download and
 * Upload. Blocking: the caller is the phone's own serialised scheduler task.
 *
 * <p>Each request carries the phone's User-Agent. A 401 is answered once with the credentials
 * (Digest when the server offers it, Basic if that is all it offers); a second 401 fails with 9012.
 * Faults follow TR-069 Amendment 5: a scheme other than http/https is 9013, a server that cannot be
 * reached 9015, an error status 9016, a body that is too long, cut short or too slow 9017; an
 * upload that fails for any reason but authentication is 9011.
 */
public final class FileTransfers {

  /** Default limit for one whole exchange, headers and body. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final DigestClient digest;
  private final String userAgent;
  private final Duration timeout;

  public FileTransfers(HttpClient http, DigestClient digest, String userAgent) {
    this(http, digest, userAgent, DEFAULT_TIMEOUT);
  }

  /**
   * @param timeout limit for one request/response exchange, from sending to the last body byte
   */
  public FileTransfers(HttpClient http, DigestClient digest, String userAgent, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.digest = Objects.requireNonNull(digest, "digest");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The User-Agent a Grandstream phone sends to provisioning servers (grandstream-notes §4), e.g.
   * {@code Grandstream Model HW WP820 V1.0A SW 1.0.7.81 DevId 000b82123456}; the hardware version
   * is left out when empty, the MAC is lower case without separators.
   */
  public static String grandstreamUserAgent(
      String model, String hardwareVersion, String softwareVersion, String mac) {
    String devId = mac.replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
    return "Grandstream Model HW "
        + model
        + (hardwareVersion.isEmpty() ? "" : " V" + hardwareVersion)
        + " SW "
        + softwareVersion
        + " DevId "
        + devId;
  }

  /** GET; answers one 401 (Digest preferred, Basic if that is all the server offers). */
  public byte[] get(URI url, TransferCredentials credentials, long maxBytes)
      throws TransferException {
    Response response = exchange(Direction.DOWNLOAD, url, credentials, null, null, maxBytes);
    if (response.isSuccess()) {
      return response.body();
    }
    throw new TransferException(
        FaultCode.FILE_ACCESS_FAILURE,
        "GET " + redacted(url) + " answered HTTP " + response.status());
  }

  /**
   * Like {@link #get}, but a file the server does not have is {@link Optional#empty()}, as
   * provisioning tolerates: 404 and 410, and also 403, which object stores such as S3 answer for a
   * missing key when listing is not allowed.
   */
  public Optional<byte[]> getIfPresent(URI url, TransferCredentials credentials, long maxBytes)
      throws TransferException {
    Response response = exchange(Direction.DOWNLOAD, url, credentials, null, null, maxBytes);
    if (response.isSuccess()) {
      return Optional.of(response.body());
    }
    int status = response.status();
    if (status == 404 || status == 410 || status == 403) {
      return Optional.empty();
    }
    throw new TransferException(
        FaultCode.FILE_ACCESS_FAILURE, "GET " + redacted(url) + " answered HTTP " + status);
  }

  /** HTTP PUT (TR-069 Upload). */
  public void put(URI url, TransferCredentials credentials, byte[] body, String contentType)
      throws TransferException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Response response = exchange(Direction.UPLOAD, url, credentials, body, contentType, 0);
    if (!response.isSuccess()) {
      throw new TransferException(
          FaultCode.UPLOAD_FAILURE, "PUT " + redacted(url) + " answered HTTP " + response.status());
    }
  }

  private enum Direction {
    DOWNLOAD("GET"),
    UPLOAD("PUT");

    final String method;

    Direction(String method) {
      this.method = method;
    }
  }

  private record Response(int status, HttpHeaders headers, byte[] body) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  private Response exchange(
      Direction direction,
      URI url,
      TransferCredentials credentials,
      byte[] body,
      String contentType,
      long maxBytes)
      throws TransferException {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TransferException(
          FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL,
          "unsupported protocol \"" + scheme + "\" in " + redacted(url) + " (only http and https)");
    }
    if (url.getHost() == null) {
      throw new TransferException(
          direction == Direction.UPLOAD
              ? FaultCode.UPLOAD_FAILURE
              : FaultCode.FILE_SERVER_UNREACHABLE,
          "no host in " + redacted(url));
    }
    String authorization =
        credentials.preemptiveBasic() && !credentials.isEmpty() ? basic(credentials) : null;
    Response response = send(direction, url, authorization, body, contentType, maxBytes);
    if (response.status() != 401) {
      return response;
    }
    if (credentials.isEmpty()) {
      throw authFailure(url, "server asks for credentials and none are configured");
    }
    authorization = answer(direction, url, credentials, response.headers());
    response = send(direction, url, authorization, body, contentType, maxBytes);
    if (response.status() == 401) {
      throw authFailure(url, "server refused the credentials of user " + credentials.username());
    }
    return response;
  }

  /** The Authorization for a 401's challenges: Digest if offered, else Basic if offered. */
  private String answer(
      Direction direction, URI url, TransferCredentials credentials, HttpHeaders headers)
      throws TransferException {
    try {
      return Challenges.authorization(
              digest,
              direction.method,
              url,
              credentials.username(),
              credentials.password(),
              headers.allValues("WWW-Authenticate"))
          .orElseThrow(() -> authFailure(url, "401 without a Digest or Basic challenge"));
    } catch (IllegalArgumentException e) {
      throw authFailure(url, "cannot answer the Digest challenge: " + e.getMessage());
    }
  }

  private static String basic(TransferCredentials credentials) {
    return new BasicCredentials(credentials.username(), credentials.password()).toHeader();
  }

  private static TransferException authFailure(URI url, String why) {
    return new TransferException(
        FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE, redacted(url) + ": " + why);
  }

  private Response send(
      Direction direction,
      URI url,
      String authorization,
      byte[] body,
      String contentType,
      long maxBytes)
      throws TransferException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", userAgent);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (direction == Direction.UPLOAD) {
      request.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
    } else {
      request.GET();
    }
    AtomicBoolean headersReceived = new AtomicBoolean();
    // Only a successful download's body is kept; error pages and upload answers are drained.
    HttpResponse.BodyHandler<byte[]> handler =
        info -> {
          headersReceived.set(true);
          boolean keep =
              direction == Direction.DOWNLOAD
                  && info.statusCode() >= 200
                  && info.statusCode() < 300;
          return keep
              ? new LimitedBody(
                  maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1))
              : HttpResponse.BodySubscribers.replacing(new byte[0]);
        };
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request.build(), handler);
    try {
      HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw failure(direction, url, headersReceived.get(), new HttpTimeoutException("timed out"));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransferException(
          direction == Direction.UPLOAD ? FaultCode.UPLOAD_FAILURE : FaultCode.DOWNLOAD_FAILURE,
          direction.method + " " + redacted(url) + " interrupted",
          e);
    } catch (ExecutionException e) {
      throw failure(direction, url, headersReceived.get(), unwrap(e));
    }
  }

  private TransferException failure(
      Direction direction, URI url, boolean headersReceived, Throwable cause) {
    String what = direction.method + " " + redacted(url) + ": ";
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (direction == Direction.UPLOAD) {
      return new TransferException(FaultCode.UPLOAD_FAILURE, what + detail, cause);
    }
    if (cause instanceof LimitedBody.TooLarge) {
      return new TransferException(FaultCode.DOWNLOAD_INCOMPLETE, what + detail, cause);
    }
    if (headersReceived) {
      // The server answered, then the body broke off or stalled.
      return new TransferException(
          FaultCode.DOWNLOAD_INCOMPLETE,
          what + (cause instanceof HttpTimeoutException ? "timed out during the body" : detail),
          cause);
    }
    if (cause instanceof IOException
        || cause instanceof java.nio.channels.UnresolvedAddressException) {
      return new TransferException(
          FaultCode.FILE_SERVER_UNREACHABLE,
          what
              + "cannot contact the server ("
              + cause.getClass().getSimpleName()
              + ": "
              + detail
              + ")",
          cause);
    }
    return new TransferException(FaultCode.DOWNLOAD_FAILURE, what + detail, cause);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // The JDK client wraps a connect failure: ConnectException inside ConnectException, or an
    // UnresolvedAddressException inside one; the outer one says enough.
    return cause;
  }

  /** The URL without user info, so a password in it never reaches a log or a FaultString. */
  static String redacted(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.getScheme()
        + "://***@"
        + url.getRawAuthority().substring(url.getRawAuthority().indexOf('@') + 1)
        + (url.getRawPath() == null ? "" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }
}
