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

/** The SIP account pool: accounts assigned to a device's line 1 or 2. Passwords are write-only. */
@Path("/api/v1/sip-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class SipAccountResource {

  @Inject SipAccounts accounts;
  @Inject CurrentUser currentUser;

  @GET
  public List<SipAccounts.SipAccountView> list() throws SQLException {
    return accounts.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(SipAccounts.NewSipAccount body) throws SQLException {
    SipAccounts.SipAccountView created = accounts.create(currentUser.actor(), body);
    return Response.created(URI.create("/api/v1/sip-accounts/" + created.id()))
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  public SipAccounts.SipAccountView get(@PathParam("id") long id) throws SQLException {
    return accounts.get(id);
  }

  /** Replaces the account; no {@code password} keeps the stored one. */
  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public SipAccounts.SipAccountView update(@PathParam("id") long id, SipAccounts.NewSipAccount body)
      throws SQLException {
    return accounts.update(currentUser.actor(), id, body);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) throws SQLException {
    accounts.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }
}
