package io.cradle.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cradle.acs.connreq.ConnectionRequestOutcome;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Devices: search, detail, tags, Connection Request credential, and tasks for one device. */
@Tag(
    name = "Devices",
    description = "The device inventory, and actions on one device or a selection.")
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

  @Inject DeviceService devices;
  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;

  /**
   * Devices matching every given filter ({@code q}: serial number, MAC or device key substring), in
   * {@code sort} order ({@code key}, {@code serial}, {@code model}, {@code software}, {@code
   * lastInform}). Page on with {@code after=<next>} or back with {@code before=<previous>}; {@code
   * offset} still works but costs more the deeper it goes.
   */
  @Operation(summary = "Search devices: filters, sort, keyset paging")
  @GET
  public DevicePage list(
      @QueryParam("q") String q,
      @QueryParam("online") String online,
      @QueryParam("model") String model,
      @QueryParam("firmware") String firmware,
      @QueryParam("tag") String tag,
      @QueryParam("alarm") String alarm,
      @QueryParam("sort") String sort,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return devices.search(
        new DeviceFilter(
            q,
            QueryParams.bool("online", online),
            tag,
            model,
            firmware,
            QueryParams.bool("alarm", alarm),
            null),
        DeviceSort.orDefault(sort),
        after,
        before,
        QueryParams.integer("limit", limit, DeviceService.DEFAULT_LIMIT),
        QueryParams.integer("offset", offset, 0));
  }

  /** The same filters as the list, every match as CSV, streamed. */
  @Operation(summary = "Export the matching devices as CSV")
  @GET
  @Path("export")
  @Produces("text/csv")
  public Response export(
      @QueryParam("q") String q,
      @QueryParam("online") String online,
      @QueryParam("model") String model,
      @QueryParam("firmware") String firmware,
      @QueryParam("tag") String tag,
      @QueryParam("alarm") String alarm,
      @QueryParam("sort") String sort) {
    DeviceFilter filter =
        new DeviceFilter(
            q,
            QueryParams.bool("online", online),
            tag,
            model,
            firmware,
            QueryParams.bool("alarm", alarm),
            null);
    DeviceSort order = DeviceSort.orDefault(sort);
    StreamingOutput body =
        out -> {
          Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          devices.exportCsv(filter, order, writer);
          writer.flush();
        };
    return Response.ok(body, "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"devices.csv\"")
        .build();
  }

  /** Adds a tag to every device the selector matches (the dashboard's bulk "tag"). */
  @Operation(summary = "Tag every device a selector matches")
  @POST
  @Path("tags")
  @Consumes(MediaType.APPLICATION_JSON)
  public SelectionCount addTag(SelectionTag body) {
    if (body == null || body.selector() == null) {
      throw ApiException.badRequest("give {\"selector\": {...}, \"tag\": \"floor-2\"}");
    }
    return new SelectionCount(
        devices.addTag(
            currentUser.actor(),
            body.selector().filter(),
            body.tag(),
            Boolean.TRUE.equals(body.selector().all())));
  }

  /** Knocks on every device the selector matches, in the background; answers how many. */
  @Operation(summary = "Send a Connection Request to every device a selector matches")
  @POST
  @Path("connection-requests")
  @Consumes(MediaType.APPLICATION_JSON)
  public SelectionCount connectionRequests(Selector selector) {
    if (selector == null) {
      throw ApiException.badRequest("give a selector, e.g. {\"tag\": \"floor-2\"}");
    }
    List<Long> ids =
        devices.connectionRequestsFor(
            currentUser.actor(), selector.filter(), Boolean.TRUE.equals(selector.all()));
    connectionRequests.sendLater(ids);
    return new SelectionCount(ids.size());
  }

  @Operation(summary = "Get a device with its parameters and recent events")
  @GET
  @Path("{deviceKey}")
  public DeviceDetail detail(@PathParam("deviceKey") String deviceKey) {
    return devices.detail(deviceKey);
  }

  /**
   * Changes the device's own settings, e.g. {@code {"poorWifiDbm": -70}} for a POOR_WIFI threshold
   * of its own ({@code null}: the fleet's again); answers the device as {@link #detail} does.
   */
  @Operation(summary = "Change a device's own settings (its POOR_WIFI threshold)")
  @PATCH
  @Path("{deviceKey}")
  @Consumes(MediaType.APPLICATION_JSON)
  public DeviceDetail changeSettings(@PathParam("deviceKey") String deviceKey, JsonNode body)
      throws SQLException {
    return devices.changeSettings(currentUser.actor(), deviceKey, body);
  }

  @Operation(summary = "Replace a device's tags")
  @PUT
  @Path("{deviceKey}/tags")
  @Consumes(MediaType.APPLICATION_JSON)
  public Tags setTags(@PathParam("deviceKey") String deviceKey, Tags tags) {
    return devices.setTags(currentUser.actor(), deviceKey, tags);
  }

  @Operation(summary = "Set a device's own Connection Request credential")
  @APIResponse(responseCode = "204", description = "Stored.")
  @PUT
  @Path("{deviceKey}/connection-request-credential")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response setConnectionRequestCredential(
      @PathParam("deviceKey") String deviceKey, ConnectionRequestCredential credential) {
    devices.setConnectionRequestCredential(currentUser.actor(), deviceKey, credential);
    return Response.noContent().build();
  }

  /**
   * Knocks on the device now and answers with the outcome (within a few seconds). Audited as {@code
   * device.connection-request} with the outcome.
   */
  @Operation(summary = "Send a Connection Request to a device now")
  @POST
  @Path("{deviceKey}/connection-request")
  public ConnectionRequestResult connectionRequest(@PathParam("deviceKey") String deviceKey) {
    ConnectionRequestOutcome outcome = devices.connectionRequest(currentUser.actor(), deviceKey);
    return new ConnectionRequestResult(deviceKey, outcome.isOk(), outcome.text());
  }

  /**
   * Queues a task; with {@code "connectionRequest": true} the device is asked to call in once the
   * task is stored, and the outcome shows on the device.
   */
  @Operation(summary = "Queue a task for a device")
  @APIResponse(
      responseCode = "201",
      description = "Queued; Location is the task.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TaskView.class)))
  @POST
  @Path("{deviceKey}/tasks")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createTask(
      @PathParam("deviceKey") String deviceKey,
      @HeaderParam(TaskResource.IDEMPOTENCY_KEY) String idempotencyKey,
      NewTask body) {
    TaskService.Answer answer =
        tasks.create(currentUser.actor(), deviceKey, body, Optional.ofNullable(idempotencyKey));
    boolean knock = body != null && Boolean.TRUE.equals(body.connectionRequest());
    return TaskResource.respond(answer, knock, connectionRequests)
        .location(URI.create("/api/v1/tasks/" + answer.body().path("id").asLong()))
        .build();
  }
}
