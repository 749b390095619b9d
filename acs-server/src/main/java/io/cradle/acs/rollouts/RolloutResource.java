package io.cradle.acs.rollouts;

import io.cradle.acs.files.PhoneUrls;
import io.cradle.acs.firmware.FirmwareConfig;
import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rollouts: create (or count with {@code dryRun}), read with progress, and the state actions. */
@Tag(name = "Rollouts", description = "Firmware rollouts in waves, with health gates and rollback.")
@Path("/api/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

  @Inject Rollouts rollouts;
  @Inject RolloutJob job;
  @Inject CurrentUser currentUser;

  /** Where phones fetch images; unset, this ACS as the caller reached it. */
  @Inject FirmwareConfig firmwareConfig;

  @Context UriInfo uri;

  @APIResponse(
      responseCode = "201",
      description = "Created as DRAFT.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RolloutView.class)))
  @APIResponse(
      responseCode = "200",
      description = "With dryRun: the targets counted, nothing saved.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RolloutPreview.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a rollout (DRAFT), or with dryRun count its targets",
      description = "200 with the target counts for a dry run; 201 with the rollout otherwise.")
  public Response create(NewRollout body) {
    if (body != null && Boolean.TRUE.equals(body.dryRun())) {
      return Response.ok(rollouts.preview(body)).build();
    }
    RolloutView created =
        rollouts.create(
            currentUser.actor(), body, PhoneUrls.base(firmwareConfig.downloadBase(), uri));
    return Response.created(URI.create("/api/v1/rollouts/" + created.id())).entity(created).build();
  }

  /** Without per-device detail; get one for that. */
  @Operation(summary = "List rollouts")
  @GET
  public List<RolloutView> list() {
    return rollouts.list();
  }

  @Operation(summary = "Get a rollout with its progress per wave and device")
  @GET
  @Path("{id}")
  public RolloutView get(@PathParam("id") long id) {
    return rollouts.get(id);
  }

  @Operation(summary = "Start a DRAFT rollout")
  @POST
  @Path("{id}/start")
  public RolloutView start(@PathParam("id") long id) {
    rollouts.start(currentUser.actor(), id);
    return stepped(id);
  }

  @Operation(summary = "Pause a running rollout")
  @POST
  @Path("{id}/pause")
  public RolloutView pause(@PathParam("id") long id) {
    return rollouts.pause(currentUser.actor(), id);
  }

  @Operation(summary = "Resume a paused rollout")
  @POST
  @Path("{id}/resume")
  public RolloutView resume(@PathParam("id") long id) {
    rollouts.resume(currentUser.actor(), id);
    return stepped(id);
  }

  @Operation(summary = "Abort a rollout for good")
  @POST
  @Path("{id}/abort")
  public RolloutView abort(@PathParam("id") long id) {
    return rollouts.abort(currentUser.actor(), id);
  }

  @Operation(summary = "Roll the failed devices back to their previous image")
  @POST
  @Path("{id}/rollback")
  public RolloutView rollback(@PathParam("id") long id) {
    rollouts.rollback(currentUser.actor(), id);
    return stepped(id);
  }

  /** Steps the rollout at once, so the first devices start without waiting for the timer. */
  private RolloutView stepped(long id) {
    job.step(id);
    return rollouts.get(id);
  }
}
