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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API tokens of the caller (an admin: everyone's). The secret is in the creation's answer only.
 * Reached with a password or a session, never with a token.
 */
@Tag(
    name = "Tokens",
    description = "API tokens (managed with a password or session, never with a token).")
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  @Inject ApiTokens tokens;
  @Inject CurrentUser currentUser;

  @Operation(summary = "List API tokens")
  @GET
  public List<TokenView> list() {
    return tokens.list(currentUser.principal());
  }

  @Operation(summary = "Create an API token; its secret is shown only in this answer")
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CreatedToken.class)))
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

  @Operation(summary = "Revoke an API token")
  @DELETE
  @Path("{id}")
  public TokenView revoke(@PathParam("id") long id) {
    return tokens.revoke(currentUser.principal(), id);
  }
}
