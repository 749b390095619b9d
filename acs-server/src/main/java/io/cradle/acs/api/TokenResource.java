package io.cradle.acs.api;

import io.cradle.acs.security.ApiTokens;
import io.cradle.acs.security.CreatedToken;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.security.TokenView;
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
import java.net.URI;
import java.util.List;

/**
 * API tokens of the caller (an admin: everyone's). The secret is in the creation's answer only.
 * Reached with a password or a session, never with a token.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  @Inject ApiTokens tokens;
  @Inject CurrentUser currentUser;

  @GET
  public List<TokenView> list() {
    return tokens.list(currentUser.principal());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewToken body) {
    if (body == null) {
      throw ApiException.badRequest("give {\"name\": ..., \"scope\": \"read\" | \"write\"}");
    }
    CreatedToken created = tokens.create(currentUser.principal(), body.name(), body.scope());
    return Response.created(URI.create("/api/v1/tokens/" + created.token().id()))
        .entity(created)
        .build();
  }

  @DELETE
  @Path("{id}")
  public TokenView revoke(@PathParam("id") long id) {
    return tokens.revoke(currentUser.principal(), id);
  }
}
