package io.cradle.acs.api;

import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.webhooks.Webhooks;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook subscriptions (admins only): alarm, task and rollout events POSTed as signed JSON to
 * another system. The secret is returned once, by the create call.
 */
@Tag(name = "Webhooks", description = "Signed event deliveries to other systems (admins only).")
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  private static final int MAX_LIMIT = 1000;

  @Inject Webhooks webhooks;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  @Operation(summary = "List webhook subscriptions")
  @GET
  public List<Webhooks.Subscription> list() throws SQLException {
    return webhooks.list();
  }

  @Operation(summary = "Get a webhook subscription")
  @GET
  @Path("{id}")
  public Webhooks.Subscription get(@PathParam("id") long id) throws SQLException {
    return webhooks.get(id).orElseThrow(() -> notFound(id));
  }

  @APIResponse(
      responseCode = "201",
      description = "Subscribed; the secret is shown only in this answer.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Webhooks.Created.class)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "Returns the subscription and its HMAC secret, shown only this once. Deliveries carry"
              + " X-Cradle-Signature: t=<unix>,v1=<hex HMAC-SHA256 of <t>.<body>>.")
  public Response create(NewWebhook body) throws SQLException {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with url and eventTypes is required");
    }
    Webhooks.Created created =
        webhooks.create(
            currentUser.actor(),
            body.url(),
            body.eventTypes(),
            body.description(),
            clock.instant());
    return Response.created(URI.create("/api/v1/webhooks/" + created.subscription().id()))
        .entity(created)
        .build();
  }

  @Operation(summary = "Change a subscription's URL, event types or enabled flag")
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Webhooks.Subscription change(@PathParam("id") long id, WebhookChange body)
      throws SQLException {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with url, eventTypes or enabled is required");
    }
    return webhooks.update(currentUser.actor(), id, body.url(), body.eventTypes(), body.enabled());
  }

  @Operation(summary = "Delete a subscription with its delivery log")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) throws SQLException {
    webhooks.delete(currentUser.actor(), id);
    return Response.noContent().build();
  }

  @APIResponse(responseCode = "202", description = "Queued; the answer names the event id.")
  @POST
  @Path("{id}/test")
  @Operation(summary = "Queue a webhook.test event for this subscription")
  public Response test(@PathParam("id") long id) throws SQLException {
    return Response.accepted(
            Map.of("event", webhooks.sendTest(currentUser.actor(), id, clock.instant())))
        .build();
  }

  @Operation(summary = "A subscription's delivery log, newest first")
  @GET
  @Path("{id}/deliveries")
  public List<Webhooks.Delivery> deliveries(
      @PathParam("id") long id, @QueryParam("limit") @DefaultValue("100") int limit)
      throws SQLException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be within 1.." + MAX_LIMIT);
    }
    return webhooks.deliveries(id, limit);
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound("no webhook subscription " + id);
  }
}
