package io.cradle.acs.api;

import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
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

  /** The header a client repeats on a retry so a POST takes effect once. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;

  /**
   * One task per device the selector matches, all with one batch id ({@code "dryRun": true}: only
   * the count). A retry with the same {@code Idempotency-Key} gets the first answer, nothing twice.
   */
  @Operation(
      summary = "Queue one task per device a selector matches (dryRun: only count them)",
      description =
          "An Idempotency-Key header makes a retry replay the first answer (Idempotent-Replayed:"
              + " true) instead of queuing again; the same key with another body is refused 422.")
  @APIResponse(
      responseCode = "200",
      description = "dryRun: how many devices the batch would reach; nothing queued.")
  @APIResponse(
      responseCode = "201",
      description = "Queued, all with one batch id.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchCreated.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createBatch(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, NewBatch body) {
    TaskService.Answer answer =
        tasks.createBatch(currentUser.actor(), body, Optional.ofNullable(idempotencyKey));
    return respond(answer, Boolean.TRUE.equals(body.connectionRequest()), connectionRequests)
        .build();
  }

  /**
   * The answer as HTTP, a replay marked {@code Idempotent-Replayed: true}; the devices are knocked
   * on after the commit when the caller asked for it.
   */
  static Response.ResponseBuilder respond(
      TaskService.Answer answer, boolean knock, ConnectionRequests connectionRequests) {
    if (knock && !answer.knock().isEmpty()) {
      connectionRequests.sendLater(answer.knock());
    }
    Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body());
    if (answer.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response;
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
