package io.cradle.acs.backups;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.cwmp.CpeAuthenticator;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Where phones upload their configuration (TR-069 Upload; a WP820 PUTs, some clients POST). Open to
 * phones like {@code /cwmp}, and authenticated the same way: HTTP Digest with the credential the
 * device opens its sessions with ({@link CpeAuthenticator}); a device's own credential is good for
 * its own backups only. Not part of the northbound API.
 */
@Path("/backups/{deviceKey}/{name}")
public class ConfigBackupReceiver {

  private static final Logger LOG = Logger.getLogger(ConfigBackupReceiver.class);

  @Inject CpeAuthenticator authenticator;
  @Inject ConfigBackups backups;

  @PUT
  @Consumes(MediaType.WILDCARD)
  @Operation(hidden = true)
  public Response put(
      @PathParam("deviceKey") String deviceKey,
      @PathParam("name") String name,
      InputStream body,
      @Context HttpHeaders headers,
      @Context HttpServerRequest http) {
    return receive(deviceKey, name, body, headers, http);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(hidden = true)
  public Response post(
      @PathParam("deviceKey") String deviceKey,
      @PathParam("name") String name,
      InputStream body,
      @Context HttpHeaders headers,
      @Context HttpServerRequest http) {
    return receive(deviceKey, name, body, headers, http);
  }

  private Response receive(
      String deviceKey,
      String name,
      InputStream body,
      HttpHeaders headers,
      HttpServerRequest http) {
    CpeAuthenticator.Outcome auth =
        authenticator.check(
            http.method().name(),
            http.uri(),
            headers.getHeaderString(HttpHeaders.AUTHORIZATION),
            http.isSSL());
    if (auth instanceof CpeAuthenticator.Challenge c) {
      LOG.debugf("challenging a backup for %s: %s", deviceKey, c.reason());
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, c.wwwAuthenticate())
          .build();
    }
    CpeAuthenticator.Passed passed = (CpeAuthenticator.Passed) auth;
    if (passed.deviceKey() != null && !passed.deviceKey().equals(deviceKey)) {
      LOG.warnf("credential of %s used to upload a backup for %s", passed.deviceKey(), deviceKey);
      return plain(403, "This credential belongs to another device.");
    }
    try {
      BackupView stored =
          backups.receive(deviceKey, name, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
      return plain(201, "Stored " + stored.size() + " bytes, SHA-256 " + stored.sha256() + ".");
    } catch (ApiException e) {
      LOG.infof("backup %s for %s refused: %s", name, deviceKey, e.getMessage());
      return plain(e.status(), e.getMessage());
    }
  }

  private static Response plain(int status, String text) {
    return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(text + "\n").build();
  }
}
