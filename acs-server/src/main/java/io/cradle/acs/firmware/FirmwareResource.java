package io.cradle.acs.firmware;

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
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The firmware repository: upload (the image as the body), list, get, delete. */
@Path("/api/v1/firmware")
@Produces(MediaType.APPLICATION_JSON)
public class FirmwareResource {

  @Inject FirmwareRepository repository;
  @Inject CurrentUser currentUser;

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(
      summary = "Upload an image",
      description =
          "The body is the image itself. Model and version are read from its header; a file that"
              + " is not an intact image is refused with 400 and nothing is stored.")
  public Response upload(InputStream body) {
    FirmwareView created = repository.upload(currentUser.actor(), body);
    return Response.created(URI.create("/api/v1/firmware/" + created.id())).entity(created).build();
  }

  @GET
  public List<FirmwareView> list() {
    return repository.list();
  }

  @GET
  @Path("{id}")
  public FirmwareView get(@PathParam("id") long id) {
    return repository.get(id);
  }

  /** 409 while an unfinished rollout uses the image. */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    repository.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }
}
