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

/** Tasks: batches over a device selection, and single tasks by id. */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;

  /** One task per device the selector matches, all with one batch id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createBatch(NewBatch body) {
    TaskService.CreatedBatch batch = tasks.createBatch(currentUser.actor(), body);
    if (Boolean.TRUE.equals(body.connectionRequest())) {
      connectionRequests.sendLater(batch.deviceIds());
    }
    return Response.status(Response.Status.CREATED).entity(batch.created()).build();
  }

  @GET
  @Path("{id}")
  public TaskView get(@PathParam("id") long id) {
    return tasks.get(id);
  }

  /** Cancels a QUEUED task; 409 once it has been sent. */
  @DELETE
  @Path("{id}")
  public TaskView cancel(@PathParam("id") long id) {
    return tasks.cancel(currentUser.actor(), id);
  }
}
