package io.cradle.acs.templates;

import io.cradle.acs.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet's SIP lines: what each phone reports per line, with the pool's account on it. */
@Tag(
    name = "SIP lines",
    description = "Each phone's SIP lines as reported, with the pool's account on each.")
@Path("/api/v1/sip-lines")
@Produces(MediaType.APPLICATION_JSON)
public class SipLineResource {

  private static final int MAX_LIMIT = 10_000;

  @Inject SipAccounts accounts;

  /**
   * Per-line status fleet-wide; {@code status=Error}, {@code Up}, … or {@code Unknown}; {@code
   * device} (a device key or MAC) narrows it to one phone.
   */
  @Operation(summary = "SIP line status fleet-wide")
  @GET
  public List<SipAccounts.LineStatus> lines(
      @QueryParam("status") String status,
      @QueryParam("device") String device,
      @QueryParam("limit") @DefaultValue("1000") int limit)
      throws SQLException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be within 1.." + MAX_LIMIT);
    }
    return accounts.lines(status, device, limit);
  }
}
