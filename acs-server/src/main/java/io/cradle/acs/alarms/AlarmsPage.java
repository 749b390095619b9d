package io.cradle.acs.alarms;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.ui.Me;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The alarms page: open alarms (critical first, refreshed every few seconds) with acknowledge and
 * clear buttons, and the history of cleared ones.
 */
@Path("/ui/alarms")
public class AlarmsPage {

  static final int LIMIT = 200;
  static final int REFRESH_SECONDS = 5;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** One row, formatted for reading. */
  public record Row(
      long id,
      String deviceKey,
      String kind,
      String severity,
      boolean critical,
      String detail,
      String raisedAt,
      String acknowledged,
      String cleared) {}

  /** What the page shows: which tab, its rows, and whether the caller may act on them. */
  public record View(boolean history, List<Row> rows, boolean canAct, int refreshSeconds) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance alarms(View view, Me me);
  }

  @Inject Alarms alarms;
  @Inject CurrentUser currentUser;
  @Inject Clock clock;

  /**
   * @param tab {@code history} for cleared alarms; anything else shows the open ones
   */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(@QueryParam("tab") String tab) throws SQLException {
    boolean history = "history".equals(tab);
    List<Row> rows =
        alarms
            .list(history ? Alarms.Filter.CLEARED : Alarms.Filter.OPEN, Optional.empty(), LIMIT)
            .stream()
            .map(AlarmsPage::row)
            .toList();
    Me me = Me.of(currentUser);
    return Templates.alarms(
        new View(history, rows, !me.role().equals("viewer"), REFRESH_SECONDS), me);
  }

  @POST
  @Path("{id}/acknowledge")
  public Response acknowledge(@PathParam("id") long id) throws SQLException {
    alarms
        .acknowledge(id, currentUser.actor(), clock.instant())
        .orElseThrow(() -> ApiException.notFound("no alarm " + id));
    return Response.seeOther(URI.create("/ui/alarms")).build();
  }

  @POST
  @Path("{id}/clear")
  public Response clear(@PathParam("id") long id) throws SQLException {
    alarms
        .clear(id, currentUser.actor(), clock.instant())
        .orElseThrow(() -> ApiException.notFound("no alarm " + id));
    return Response.seeOther(URI.create("/ui/alarms")).build();
  }

  private static Row row(Alarms.Alarm a) {
    return new Row(
        a.id(),
        a.deviceKey(),
        a.kind().name(),
        a.severity(),
        a.severity().equals("critical"),
        a.detail(),
        time(a.raisedAt()),
        a.acknowledgedAt() == null ? "" : a.acknowledgedBy() + ", " + time(a.acknowledgedAt()),
        a.clearedAt() == null
            ? ""
            : (a.clearedBy() == null ? "condition ended" : a.clearedBy())
                + ", "
                + time(a.clearedAt()));
  }

  private static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }
}
