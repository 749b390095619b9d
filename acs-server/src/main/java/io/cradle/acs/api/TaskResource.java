package io.cradle.acs.api;

import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tasks: batches over a device selection, and single tasks by id. */
@Tag(
    name = "Tasks",
    description = "RPCs queued for devices: batches over a selection, and single tasks.")
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;

  /** One task per device the selector matches, all with one batch id. */
  @Operation(summary = "Queue one task per device a selector matches")
  @APIResponse(
      responseCode = "201",
      description = "Queued, all with one batch id.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchCreated.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createBatch(NewBatch body) {
    TaskService.CreatedBatch batch = tasks.createBatch(currentUser.actor(), body);
    if (Boolean.TRUE.equals(body.connectionRequest())) {
      connectionRequests.sendLater(batch.deviceIds());
    }
    return Response.status(Response.Status.CREATED).entity(batch.created()).build();
  }

  @Operation(summary = "Get a task")
  @GET
  @Path("{id}")
  public TaskView get(@PathParam("id") long id) {
    return tasks.get(id);
  }

  /** Cancels a QUEUED task; 409 once it has been sent. */
  @Operation(summary = "Cancel a queued task (409 once sent)")
  @DELETE
  @Path("{id}")
  public TaskView cancel(@PathParam("id") long id) {
    return tasks.cancel(currentUser.actor(), id);
  }
}
