package io.cradle.acs.templates;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Zero-touch device profiles: CSV import (all rows or none) and export, and a JSON list. */
@Tag(
    name = "Device profiles",
    description = "Zero-touch pre-provisioning: profiles imported before phones first boot.")
@Path("/api/v1/device-profiles")
public class DeviceProfileResource {

  private static final int MAX_LIMIT = 10_000;

  @Inject DeviceProfiles profiles;
  @Inject CurrentUser currentUser;

  @Operation(summary = "List device profiles")
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<DeviceProfiles.ProfileView> list(
      @QueryParam("mac") String mac, @QueryParam("limit") @DefaultValue("1000") int limit)
      throws SQLException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be within 1.." + MAX_LIMIT);
    }
    return profiles.list(Macs.normalize(mac), limit, true);
  }

  /** 200 with what was imported, or 400 with every refused row and nothing imported. */
  @Operation(summary = "Import device profiles from CSV, all rows or none")
  @APIResponse(
      responseCode = "200",
      description = "Imported.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DeviceProfiles.ImportReport.class)))
  @APIResponse(
      responseCode = "400",
      description = "Every refused row; nothing imported.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DeviceProfiles.ImportReport.class)))
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Produces(MediaType.APPLICATION_JSON)
  public Response importCsv(String body) throws SQLException {
    DeviceProfiles.ImportReport report = profiles.importCsv(currentUser.actor(), body);
    return Response.status(report.errors().isEmpty() ? 200 : 400).entity(report).build();
  }

  @Operation(summary = "Export device profiles as CSV")
  @GET
  @Path("export.csv")
  @Produces("text/csv")
  public Response exportCsv() throws SQLException {
    return Response.ok(profiles.exportCsv())
        .header("Content-Disposition", "attachment; filename=\"devices.csv\"")
        .build();
  }
}
