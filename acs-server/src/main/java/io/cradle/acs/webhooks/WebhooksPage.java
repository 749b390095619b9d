package io.cradle.acs.webhooks;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.ui.Me;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The webhooks page (admins only, by {@code AccessPolicy}): subscriptions, a form to add one (its
 * secret shown once, on the page that answers the form), and per subscription the delivery log and
 * a "send test event" button.
 */
@Path("/ui/webhooks")
public class WebhooksPage {

  static final int LOG_LIMIT = 100;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** One delivery, formatted for reading. */
  public record DeliveryRow(
      String eventId,
      String eventType,
      String status,
      int attempts,
      String lastAttempt,
      String outcome,
      String nextAttempt) {}

  /** The list page; {@code secret} and {@code created} only on the answer to the create form. */
  public record ListView(
      List<Webhooks.Subscription> subscriptions,
      List<String> eventTypes,
      Webhooks.Subscription created,
      String secret,
      String error,
      String url) {}

  /** One subscription with its delivery log. */
  public record DetailView(
      Webhooks.Subscription subscription, List<DeliveryRow> deliveries, String flash) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance webhooks(ListView view, Me me);

    static native TemplateInstance webhook(DetailView view, Me me);
  }

  @Inject Webhooks webhooks;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() throws SQLException {
    return Templates.webhooks(
        new ListView(webhooks.list(), Webhooks.subscribable(), null, null, null, ""),
        Me.of(currentUser));
  }

  /** Creates a subscription and answers with its secret, which is never shown again. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response create(
      @FormParam("url") String url,
      @FormParam("eventTypes") List<String> eventTypes,
      @FormParam("description") String description)
      throws SQLException {
    try {
      Webhooks.Created created =
          webhooks.create(currentUser.actor(), url, eventTypes, description, clock.instant());
      return Response.status(201)
          .entity(
              Templates.webhooks(
                  new ListView(
                      webhooks.list(),
                      Webhooks.subscribable(),
                      created.subscription(),
                      created.secret(),
                      null,
                      ""),
                  Me.of(currentUser)))
          .build();
    } catch (ApiException e) {
      return Response.status(e.status())
          .entity(
              Templates.webhooks(
                  new ListView(
                      webhooks.list(),
                      Webhooks.subscribable(),
                      null,
                      null,
                      e.getMessage(),
                      url == null ? "" : url),
                  Me.of(currentUser)))
          .build();
    }
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance detail(@PathParam("id") long id) throws SQLException {
    return detail(id, null);
  }

  @POST
  @Path("{id}/test")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance test(@PathParam("id") long id) throws SQLException {
    var event = webhooks.sendTest(currentUser.actor(), id, clock.instant());
    return detail(id, "Test event " + event + " queued; it appears below once attempted.");
  }

  @POST
  @Path("{id}/enabled")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response enable(@PathParam("id") long id, @FormParam("enabled") String enabled)
      throws SQLException {
    webhooks.update(currentUser.actor(), id, null, null, "true".equals(enabled));
    return Response.seeOther(URI.create("/ui/webhooks/" + id)).build();
  }

  private TemplateInstance detail(long id, String flash) throws SQLException {
    Webhooks.Subscription s =
        webhooks.get(id).orElseThrow(() -> ApiException.notFound("no webhook subscription " + id));
    List<DeliveryRow> rows =
        webhooks.deliveries(id, LOG_LIMIT).stream().map(WebhooksPage::row).toList();
    return Templates.webhook(new DetailView(s, rows, flash), Me.of(currentUser));
  }

  private static DeliveryRow row(Webhooks.Delivery d) {
    String outcome =
        d.lastStatus() != null
            ? "HTTP " + d.lastStatus()
            : d.lastError() != null ? d.lastError() : "";
    return new DeliveryRow(
        d.eventId().toString(),
        d.eventType(),
        d.status(),
        d.attempts(),
        time(d.lastAttemptAt()),
        outcome,
        d.status().equals("PENDING") ? time(d.nextAttemptAt()) : "");
  }

  private static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }
}
