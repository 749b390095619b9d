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

/** Users (admins only): list, create, change role, disable or enable, reset password. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  @Inject Accounts accounts;
  @Inject CurrentUser currentUser;

  @GET
  public List<UserView> list() {
    return accounts.list();
  }

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
  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public UserView change(@PathParam("username") String username, UserChange body) {
    if (body == null || (body.role() == null && body.disabled() == null)) {
      throw ApiException.badRequest("give {\"role\": ...} and/or {\"disabled\": true|false}");
    }
    return accounts.update(currentUser.actor(), username, body.role(), body.disabled());
  }

  @PUT
  @Path("{username}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response resetPassword(@PathParam("username") String username, NewPassword body) {
    accounts.resetPassword(currentUser.actor(), username, body == null ? null : body.password());
    return Response.noContent().build();
  }
}
