package io.cradle.acs.firmware;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.ui.Me;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /ui/firmware}: the repository's images and an upload form. The upload posts the file as
 * the body of {@code POST /api/v1/firmware} ({@link FirmwareUpload}) from a small script (a plain
 * form can only send multipart), with the page's CSRF token in the header; a file over the cap is
 * refused before it is sent.
 */
@Path("/ui/firmware")
public class FirmwarePage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance firmware(
        List<FirmwareView> images, String error, long maxImageBytes, Me me);
  }

  @Inject FirmwareRepository repository;
  @Inject FirmwareConfig config;
  @Inject CurrentUser currentUser;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() {
    return Templates.firmware(repository.list(), null, config.maxImageBytes(), Me.of(currentUser));
  }

  /** A form's delete; a refusal (a rollout uses the image) is shown on the page. */
  @POST
  @Path("{id}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response delete(@PathParam("id") long id) {
    try {
      repository.delete(currentUser.actor(), id);
      return Response.seeOther(URI.create("/ui/firmware")).build();
    } catch (ApiException e) {
      return Response.status(e.status())
          .entity(
              Templates.firmware(
                  repository.list(), e.getMessage(), config.maxImageBytes(), Me.of(currentUser)))
          .build();
    }
  }
}
