package io.cradle.acs.firmware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.api.ApiError;
import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.Principal;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxInputStream;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/firmware}: an image as the request body, streamed to disk. Real WP820 images
 * are about 100 MB, far above the 4 MB every other request is held to ({@code
 * quarkus.http.limits.max-body-size}), so this one route is a Vert.x route ordered just before
 * Quarkus' body-size check and bounded by {@code cradle.firmware.max-image-bytes} instead.
 *
 * <p>{@code AccessFilter} is a filter and runs before every route, so the caller is authenticated
 * and authorized (operator or better; a token needs the write scope; a session its CSRF header)
 * before a byte of the body is read. Documented in {@code META-INF/openapi.yaml}, as no JAX-RS
 * method describes it.
 */
@ApplicationScoped
public class FirmwareUpload {

  public static final String PATH = "/api/v1/firmware";

  private static final Logger LOG = Logger.getLogger(FirmwareUpload.class);

  /** How long the client may pause between two chunks of the body. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private final FirmwareRepository repository;
  private final FirmwareConfig config;
  private final ObjectMapper json;

  @Inject
  public FirmwareUpload(FirmwareRepository repository, FirmwareConfig config, ObjectMapper json) {
    this.repository = repository;
    this.config = config;
    this.json = json;
  }

  void install(@Observes Router router) {
    router.post(PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::upload);
  }

  private void upload(RoutingContext rc) {
    Principal who = rc.get(Principal.KEY);
    if (who == null) {
      // AccessFilter lets no unauthenticated request reach a route; refuse if that ever changes.
      error(rc, 401, "authentication required");
      return;
    }
    // Only the raw image: a form could carry its CSRF token in the body, which nobody here checks.
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null
        || !type.split(";", 2)[0]
            .strip()
            .toLowerCase(Locale.ROOT)
            .equals("application/octet-stream")) {
      error(rc, 415, "send the image itself as the body, Content-Type: application/octet-stream");
      return;
    }
    long cap = config.maxImageBytes();
    String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && Long.parseLong(declared.strip()) > cap) {
      // Before any byte is read: a client that sent Expect: 100-continue sends none at all.
      error(rc, 413, FirmwareRepository.tooLarge(cap));
      return;
    }
    InputStream body = new VertxInputStream(rc, READ_TIMEOUT.toMillis());
    rc.vertx()
        .executeBlocking(() -> repository.upload(who.actor(), body), false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                FirmwareView created = ar.result();
                rc.response()
                    .setStatusCode(201)
                    .putHeader(HttpHeaders.LOCATION, PATH + "/" + created.id());
                send(rc, created);
              } else if (ar.cause() instanceof ApiException refused) {
                error(rc, refused.status(), refused.getMessage());
              } else {
                LOG.error("firmware upload failed", ar.cause());
                error(rc, 500, "the upload could not be stored; see the ACS log");
              }
            });
  }

  private void error(RoutingContext rc, int status, String message) {
    HttpServerRequest request = rc.request();
    HttpServerResponse response = rc.response().setStatusCode(status);
    if (!request.isEnded()) {
      // The rest of the body is not wanted; closing is the only way to stop the client sending.
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.endHandler(v -> request.connection().close());
    }
    send(rc, new ApiError(message));
  }

  private void send(RoutingContext rc, Object body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body, e);
    }
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(text);
  }
}
