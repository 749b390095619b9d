package io.cradle.acs.api;

import io.cradle.acs.alarms.Alarms;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet's alarms: critical first, newest first; acknowledged and cleared by name. */
@Tag(name = "Alarms", description = "Alarms raised from what the phones report.")
@Path("/api/v1/alarms")
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {

  private static final int MAX_LIMIT = 1000;

  @Inject Alarms alarms;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  @Operation(summary = "List alarms, critical first, newest first")
  @GET
  public List<Alarms.Alarm> list(
      @QueryParam("state") @DefaultValue("open") String state,
      @QueryParam("device") Long deviceId,
      @QueryParam("limit") @DefaultValue("100") int limit)
      throws SQLException {
    Alarms.Filter filter;
    try {
      filter = Alarms.Filter.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "state must be open, unacknowledged, cleared or all, not " + state);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be within 1.." + MAX_LIMIT);
    }
    return alarms.list(filter, Optional.ofNullable(deviceId), limit);
  }

  @Operation(summary = "Acknowledge an alarm")
  @POST
  @Path("{id}/acknowledge")
  public Alarms.Alarm acknowledge(@PathParam("id") long id) throws SQLException {
    return alarms
        .acknowledge(id, currentUser.actor(), clock.instant())
        .orElseThrow(() -> ApiException.notFound("no alarm " + id));
  }

  /** Clears by hand: the condition is known to be over, or will alarm again once it lasts. */
  @Operation(summary = "Clear an alarm by hand")
  @POST
  @Path("{id}/clear")
  public Alarms.Alarm clear(@PathParam("id") long id) throws SQLException {
    return alarms
        .clear(id, currentUser.actor(), clock.instant())
        .orElseThrow(() -> ApiException.notFound("no alarm " + id));
  }
}
