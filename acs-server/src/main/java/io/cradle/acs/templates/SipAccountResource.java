package io.cradle.acs.templates;

import io.cradle.acs.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SIP account pool: accounts assigned to a device's line 1 or 2. Passwords are write-only. */
@Tag(name = "SIP accounts", description = "The SIP account pool; passwords are write-only.")
@Path("/api/v1/sip-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class SipAccountResource {

  @Inject SipAccounts accounts;
  @Inject CurrentUser currentUser;

  @Operation(summary = "List the SIP accounts in the pool")
  @GET
  public List<SipAccounts.SipAccountView> list() throws SQLException {
    return accounts.list();
  }

  @Operation(summary = "Add a SIP account to the pool")
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SipAccounts.SipAccountView.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(SipAccounts.NewSipAccount body) throws SQLException {
    SipAccounts.SipAccountView created = accounts.create(currentUser.actor(), body);
    return Response.created(URI.create("/api/v1/sip-accounts/" + created.id()))
        .entity(created)
        .build();
  }

  @Operation(summary = "Get a SIP account")
  @GET
  @Path("{id}")
  public SipAccounts.SipAccountView get(@PathParam("id") long id) throws SQLException {
    return accounts.get(id);
  }

  /** Replaces the account; no {@code password} keeps the stored one. */
  @Operation(summary = "Replace a SIP account")
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public SipAccounts.SipAccountView update(@PathParam("id") long id, SipAccounts.NewSipAccount body)
      throws SQLException {
    return accounts.update(currentUser.actor(), id, body);
  }

  @Operation(summary = "Delete a SIP account")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) throws SQLException {
    accounts.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }
}
