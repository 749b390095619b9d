package io.cradle.acs.templates;

import io.cradle.acs.api.QueryParams;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.files.PhoneUrls;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.templates.TemplateViews.Applied;
import io.cradle.acs.templates.TemplateViews.DeviceDrift;
import io.cradle.acs.templates.TemplateViews.DevicePreview;
import io.cradle.acs.templates.TemplateViews.NewTemplate;
import io.cradle.acs.templates.TemplateViews.Preview;
import io.cradle.acs.templates.TemplateViews.TemplateView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Config templates: CRUD, the rendered values of one device, preview (which devices change, and
 * how), apply (a Download of each changed device's {@code cfg<mac>.xml}) and drift.
 */
@Tag(
    name = "Templates",
    description = "Config templates of P-values: global < model < group/site < device.")
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

  @Inject TemplateService templates;
  @Inject CurrentUser currentUser;
  @Inject ConnectionRequests connectionRequests;

  /** This ACS as phones reach it; without it, the address the API was called at. */
  @ConfigProperty(name = "cradle.templates.base-url")
  Optional<String> baseUrl;

  @Operation(summary = "List config templates")
  @GET
  public List<TemplateView> list() throws SQLException {
    return templates.list();
  }

  @Operation(summary = "Create a config template")
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TemplateView.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewTemplate body) throws SQLException {
    TemplateView created = templates.create(currentUser.actor(), body);
    return Response.created(URI.create("/api/v1/templates/" + created.id()))
        .entity(created)
        .build();
  }

  @Operation(summary = "Get a config template")
  @GET
  @Path("{id}")
  public TemplateView get(@PathParam("id") long id) throws SQLException {
    return templates.get(id);
  }

  /** Replaces the template; a masked password ({@code ********}) keeps the stored one. */
  @Operation(summary = "Replace a config template")
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public TemplateView update(@PathParam("id") long id, NewTemplate body) throws SQLException {
    return templates.update(currentUser.actor(), id, body);
  }

  @Operation(summary = "Delete a config template")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) throws SQLException {
    templates.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }

  /**
   * Devices the template applies to that would change, with the diff against what they had: counts
   * over all, and a page of devices ({@code after}: the previous page's {@code next}).
   */
  @Operation(summary = "Preview which devices a template changes, with the diff per device")
  @GET
  @Path("{id}/preview")
  public Preview preview(
      @PathParam("id") long id,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit)
      throws SQLException {
    return templates.preview(
        id, blankToNull(after), QueryParams.integer("limit", limit, TemplateService.DEFAULT_LIMIT));
  }

  /**
   * Queues a Download of the rendered file for each changed device ({@code all=true}: every one the
   * template applies to), optionally knocking with a Connection Request after the commit.
   */
  @Operation(summary = "Apply a template: queue the rendered config's Download")
  @APIResponse(
      responseCode = "201",
      description = "Queued.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Applied.class)))
  @POST
  @Path("{id}/apply")
  public Response apply(
      @PathParam("id") long id,
      @QueryParam("all") boolean all,
      @QueryParam("connectionRequest") boolean connectionRequest,
      @Context UriInfo uri)
      throws SQLException {
    TemplateService.ApplyOutcome outcome =
        templates.apply(currentUser.actor(), id, PhoneUrls.base(baseUrl, uri), all);
    if (connectionRequest) {
      connectionRequests.sendLater(outcome.deviceIds());
    }
    Applied applied = outcome.applied();
    return Response.status(Response.Status.CREATED).entity(applied).build();
  }

  /** The merged values one device (MAC or device key) gets, or why it cannot get them. */
  @Operation(summary = "The merged values one device gets")
  @GET
  @Path("rendered")
  public DevicePreview rendered(@QueryParam("device") String device) throws SQLException {
    return templates.renderedFor(device);
  }

  /**
   * Devices whose reported values differ from their templates' (mapped parameters only), a page at
   * a time in device key order: {@code after} is the last device of the page before.
   */
  @Operation(summary = "Devices whose reported values differ from their templates")
  @GET
  @Path("drift")
  public List<DeviceDrift> drift(
      @QueryParam("device") String device,
      @QueryParam("after") String after,
      @QueryParam("limit") String limit)
      throws SQLException {
    return templates.drift(
        device,
        blankToNull(after),
        QueryParams.integer("limit", limit, TemplateService.DEFAULT_LIMIT));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
