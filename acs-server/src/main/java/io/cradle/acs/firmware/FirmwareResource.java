package io.cradle.acs.firmware;

import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The firmware repository: list, get, delete; {@link FirmwareUpload} takes uploads. */
@Tag(name = "Firmware", description = "The firmware repository; uploads: POST /api/v1/firmware.")
@Path("/api/v1/firmware")
@Produces(MediaType.APPLICATION_JSON)
public class FirmwareResource {

  @Inject FirmwareRepository repository;
  @Inject CurrentUser currentUser;

  @Operation(summary = "List firmware images")
  @GET
  public List<FirmwareView> list() {
    return repository.list();
  }

  @Operation(summary = "Get a firmware image")
  @GET
  @Path("{id}")
  public FirmwareView get(@PathParam("id") long id) {
    return repository.get(id);
  }

  /** 409 while an unfinished rollout uses the image. */
  @Operation(summary = "Delete a firmware image (409 while an unfinished rollout uses it)")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    repository.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }
}
