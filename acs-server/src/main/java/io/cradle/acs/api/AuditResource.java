package io.cradle.acs.api;

import io.cradle.acs.audit.AuditLog;
import io.cradle.acs.audit.AuditPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log (admins and operators), newest first. */
@Tag(name = "Audit", description = "Who did what, when, to which devices (admins and operators).")
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  static final int DEFAULT_LIMIT = 50;

  @Inject AuditLog log;

  /**
   * @param device a device key: only actions that touched that device
   * @param actor a user name: that user's actions, including those through the user's tokens
   * @param action an action ({@code task.create}) or its family ({@code task})
   */
  @Operation(summary = "Search the audit log, newest first")
  @GET
  public AuditPage search(
      @QueryParam("device") String device,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    int l = QueryParams.integer("limit", limit, DEFAULT_LIMIT);
    int o = QueryParams.integer("offset", offset, 0);
    if (l < 1 || l > DeviceService.MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit must be between 1 and " + DeviceService.MAX_LIMIT + ", was " + l);
    }
    if (o < 0) {
      throw ApiException.badRequest("offset cannot be negative, was " + o);
    }
    Long deviceId = null;
    if (device != null && !device.isBlank()) {
      deviceId =
          log.deviceId(device)
              .orElseThrow(() -> ApiException.notFound("no device with key '" + device + "'"));
    }
    return log.search(new AuditLog.Filter(deviceId, blankToNull(actor), blankToNull(action)), l, o);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
