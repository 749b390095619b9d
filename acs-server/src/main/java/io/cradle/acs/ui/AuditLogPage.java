package io.cradle.acs.ui;

import io.cradle.acs.audit.AuditEventView;
import io.cradle.acs.audit.AuditLog;
import io.cradle.acs.audit.AuditPage;
import io.cradle.acs.security.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /ui/audit} (operators and admins): the audit log, newest first, filtered. */
@Path("/ui/audit")
public class AuditLogPage {

  static final int PAGE_SIZE = 50;

  /** One entry, formatted for reading. */
  public record Row(
      long id,
      String at,
      String actor,
      String action,
      String targets,
      String before,
      String after,
      String detail) {}

  public record View(
      String device,
      String actor,
      String action,
      List<Row> rows,
      long total,
      String previousHref,
      String nextHref,
      String error) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance audit(View view, Me me);
  }

  @Inject AuditLog log;
  @Inject CurrentUser currentUser;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance search(
      @QueryParam("device") String device,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("page") String page) {
    String d = DevicesPage.text(device);
    String who = DevicesPage.text(actor);
    String what = DevicesPage.text(action);
    int pageNumber = pageNumber(page);
    String error = "";
    Long deviceId = null;
    if (!d.isEmpty()) {
      deviceId = log.deviceId(d).orElse(-1L);
      if (deviceId < 0) {
        error = "No device with key '" + d + "'.";
      }
    }
    AuditPage found =
        log.search(
            new AuditLog.Filter(deviceId, who.isEmpty() ? null : who, what.isEmpty() ? null : what),
            PAGE_SIZE,
            (pageNumber - 1) * PAGE_SIZE);
    Map<String, String> query = Links.query("device", d, "actor", who, "action", what);
    return Templates.audit(
        new View(
            d,
            who,
            what,
            found.items().stream().map(AuditLogPage::row).toList(),
            found.total(),
            pageNumber > 1 ? href(query, pageNumber - 1) : null,
            found.offset() + found.items().size() < found.total()
                ? href(query, pageNumber + 1)
                : null,
            error),
        Me.of(currentUser));
  }

  private static String href(Map<String, String> query, int page) {
    Map<String, String> q = new java.util.LinkedHashMap<>(query);
    q.put("page", Integer.toString(page));
    return Links.href("/ui/audit", q);
  }

  private static Row row(AuditEventView e) {
    String targets =
        (e.targetType() == null ? "" : e.targetType() + " ")
            + String.join(", ", e.targetIds())
            + (e.deviceIds().size() > 1 ? " (" + e.deviceIds().size() + " devices)" : "");
    return new Row(
        e.id(),
        DeviceDetailPage.time(e.at()),
        e.actor(),
        e.action(),
        targets.strip(),
        e.before() == null ? "" : e.before().toString(),
        e.after() == null ? "" : e.after().toString(),
        e.detail() == null ? "" : e.detail());
  }

  private static int pageNumber(String page) {
    try {
      // Beyond this the offset would overflow.
      return Math.min(Math.max(1, Integer.parseInt(page)), Integer.MAX_VALUE / PAGE_SIZE);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
