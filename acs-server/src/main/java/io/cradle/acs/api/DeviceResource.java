package io.cradle.acs.api;

import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.connreq.ConnectionRequestOutcome;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Devices: search, detail, tags, Connection Request credential, and tasks for one device. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

  @Inject DeviceService devices;
  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;
  @Inject Audit audit;

  /**
   * Devices by key, optionally only those whose serial number, MAC or key contains {@code q}, and
   * only online ({@code online=true}) or offline ones.
   */
  @GET
  public DevicePage list(
      @QueryParam("q") String q,
      @QueryParam("online") String online,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return devices.search(
        DeviceFilter.search(q, QueryParams.bool("online", online)),
        QueryParams.integer("limit", limit, DeviceService.DEFAULT_LIMIT),
        QueryParams.integer("offset", offset, 0));
  }

  @GET
  @Path("{deviceKey}")
  public DeviceDetail detail(@PathParam("deviceKey") String deviceKey) {
    return devices.detail(deviceKey);
  }

  @PUT
  @Path("{deviceKey}/tags")
  @Consumes(MediaType.APPLICATION_JSON)
  public Tags setTags(@PathParam("deviceKey") String deviceKey, Tags tags) {
    return devices.setTags(currentUser.actor(), deviceKey, tags);
  }

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
  @POST
  @Path("{deviceKey}/connection-request")
  public ConnectionRequestResult connectionRequest(@PathParam("deviceKey") String deviceKey) {
    long deviceId = devices.idOf(deviceKey);
    ConnectionRequestOutcome outcome =
        connectionRequests
            .send(deviceKey)
            .orElseThrow(() -> ApiException.notFound("no device with key '" + deviceKey + "'"));
    // The knock is not transactional, so its audit row follows it, with what it came to.
    audit.record(
        currentUser.actor(),
        "device.connection-request",
        AuditTargets.device(deviceId, deviceKey),
        null,
        null,
        outcome.text());
    return new ConnectionRequestResult(deviceKey, outcome.isOk(), outcome.text());
  }

  /**
   * Queues a task; with {@code "connectionRequest": true} the device is asked to call in once the
   * task is stored, and the outcome shows on the device.
   */
  @POST
  @Path("{deviceKey}/tasks")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createTask(@PathParam("deviceKey") String deviceKey, NewTask body) {
    TaskView task = tasks.create(currentUser.actor(), deviceKey, body);
    if (Boolean.TRUE.equals(body.connectionRequest())) {
      connectionRequests.sendLater(List.of(devices.idOf(deviceKey)));
    }
    return Response.created(URI.create("/api/v1/tasks/" + task.id())).entity(task).build();
  }
}
