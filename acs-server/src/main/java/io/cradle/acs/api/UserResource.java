package io.cradle.acs.api;

import io.cradle.acs.security.Accounts;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.security.UserView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users (admins only): list, create, change role, disable or enable, reset password. */
@Tag(name = "Users", description = "User accounts and roles (admins only; not with a token).")
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject Accounts accounts;
  @Inject CurrentUser currentUser;

  @Operation(summary = "List users")
  @GET
  public List<UserView> list() {
    return accounts.list();
  }

  @Operation(summary = "Create a user")
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewUser body) {
    if (body == null) {
      throw ApiException.badRequest("give {\"username\": ..., \"password\": ..., \"role\": ...}");
    }
    UserView created =
        accounts.create(currentUser.actor(), body.username(), body.password(), body.role());
    return Response.created(URI.create("/api/v1/users/" + created.username()))
        .entity(created)
        .build();
  }

  /** Role and/or disabled; the last enabled admin cannot be demoted or disabled (409). */
  @Operation(summary = "Change a user's role, or disable or enable them")
  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public UserView change(@PathParam("username") String username, UserChange body) {
    if (body == null || (body.role() == null && body.disabled() == null)) {
      throw ApiException.badRequest("give {\"role\": ...} and/or {\"disabled\": true|false}");
    }
    return accounts.update(currentUser.actor(), username, body.role(), body.disabled());
  }

  @Operation(summary = "Set a user's password")
  @APIResponse(responseCode = "204", description = "Changed.")
  @PUT
  @Path("{username}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response resetPassword(@PathParam("username") String username, NewPassword body) {
    accounts.resetPassword(currentUser.actor(), username, body == null ? null : body.password());
    return Response.noContent().build();
  }
}
