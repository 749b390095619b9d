package io.cradle.acs.ui;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.api.DeviceFilter;
import io.cradle.acs.api.DevicePage;
import io.cradle.acs.api.DeviceService;
import io.cradle.acs.api.DeviceSort;
import io.cradle.acs.api.DeviceSummary;
import io.cradle.acs.api.NewBatch;
import io.cradle.acs.api.Selector;
import io.cradle.acs.api.TaskService;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.security.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The device list: search and filters, sorting, keyset paging, bulk actions on the ticked devices
 * or on everything the filters match, and CSV export of the filtered list. Server-rendered; escaped
 * by Qute.
 */
@Path("/ui/devices")
public class DevicesPage {

  static final int PAGE_SIZE = 50;

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** The list's filters and order, as the page's query string carries them. */
  public record Filters(
      String q,
      String online,
      String model,
      String firmware,
      String tag,
      String alarm,
      String sort) {

    static Filters of(MultivaluedMap<String, String> p) {
      return new Filters(
          text(p.getFirst("q")),
          choice(p.getFirst("online"), "online", "offline"),
          text(p.getFirst("model")),
          text(p.getFirst("firmware")),
          text(p.getFirst("tag")),
          choice(p.getFirst("alarm"), "yes", "no"),
          DeviceSort.parse(text(p.getFirst("sort"))).map(DeviceSort::wire).orElse(""));
    }

    DeviceFilter filter(List<String> deviceKeys) {
      return new DeviceFilter(
          q,
          online.isEmpty() ? null : online.equals("online"),
          tag,
          model,
          firmware,
          alarm.isEmpty() ? null : alarm.equals("yes"),
          deviceKeys);
    }

    Map<String, String> query() {
      return Links.query(
          "q",
          q,
          "online",
          online,
          "model",
          model,
          "firmware",
          firmware,
          "tag",
          tag,
          "alarm",
          alarm,
          "sort",
          sort);
    }

    /** This list with one more query parameter (a cursor, a notice). */
    String href(String key, String value) {
      Map<String, String> query = query();
      query.put(key, value);
      return Links.href("/ui/devices", query);
    }

    /** The same filters sorted by {@code by}. */
    public String sortedBy(String by) {
      Map<String, String> query = query();
      query.put("sort", by);
      return Links.href("/ui/devices", query);
    }

    public String exportHref() {
      return Links.href("/api/v1/devices/export", query());
    }
  }

  /** One table row, formatted for reading. */
  public record Row(
      String deviceKey,
      String href,
      String serialNumber,
      String mac,
      String model,
      String softwareVersion,
      String ipAddress,
      String lastInform,
      boolean online,
      String tags,
      List<String> alarms) {}

  /** Everything the page shows; links are built here so the template stays dumb. */
  public record View(
      Filters filters,
      List<Row> rows,
      String total,
      String previousHref,
      String nextHref,
      String firstHref,
      String notice,
      String error) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance devices(View view, Me me);
  }

  @Inject DeviceService devices;
  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(
      @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri,
      @QueryParam("after") String after,
      @QueryParam("before") String before,
      @QueryParam("notice") String notice,
      @QueryParam("error") String error) {
    Filters filters = Filters.of(uri.getQueryParameters());
    String problem = text(error);
    DevicePage found;
    try {
      found = page(filters, after, before);
    } catch (ApiException e) {
      // A cursor whose device is gone: start again from the first page, and say why.
      problem = e.getMessage();
      found = page(filters, null, null);
    }
    List<Row> rows = found.items().stream().map(DevicesPage::row).toList();
    return Templates.devices(
        new View(
            filters,
            rows,
            String.format("%,d", found.total()) + (found.totalCapped() ? "+" : ""),
            found.hasPrevious() ? filters.href("before", found.previous()) : null,
            found.hasNext() ? filters.href("after", found.next()) : null,
            found.hasPrevious() ? Links.href("/ui/devices", filters.query()) : null,
            text(notice),
            problem),
        Me.of(currentUser));
  }

  private DevicePage page(Filters filters, String after, String before) {
    return devices.search(
        filters.filter(null), DeviceSort.orDefault(filters.sort()), after, before, PAGE_SIZE, 0);
  }

  /**
   * A bulk action ({@code reboot}, {@code connection-request}, {@code tag}) on the ticked devices
   * ({@code scope=selected}) or on every device the list's filters match ({@code scope=matching}).
   * Tasks go through the batch API's service and are audited there; back to the list with what was
   * done, or why not.
   */
  @POST
  @Path("bulk")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response bulk(MultivaluedMap<String, String> form) {
    Filters filters = Filters.of(form);
    boolean matching = "matching".equals(form.getFirst("scope"));
    List<String> ticked = form.get("device") == null ? List.of() : form.get("device");
    String action = text(form.getFirst("action"));
    String notice;
    try {
      if (!matching && ticked.isEmpty()) {
        throw ApiException.badRequest("tick at least one device, or choose all matching devices");
      }
      DeviceFilter selection = filters.filter(matching ? null : ticked);
      String actor = currentUser.actor();
      switch (action) {
        case "reboot" -> {
          TaskService.CreatedBatch batch =
              tasks.createBatch(
                  actor,
                  new NewBatch(
                      selector(selection, matching), "Reboot", null, null, null, true, false));
          connectionRequests.sendLater(batch.deviceIds());
          notice = "Reboot queued for " + batch.created().count() + " device(s)";
        }
        case "connection-request" -> {
          List<Long> ids = devices.connectionRequestsFor(actor, selection, matching);
          connectionRequests.sendLater(ids);
          notice = "Connection request sent to " + ids.size() + " device(s)";
        }
        case "tag" -> {
          String tag = form.getFirst("newTag");
          int tagged = devices.addTag(actor, selection, tag, matching);
          notice =
              "Tag '" + (tag == null ? "" : tag.strip()) + "' added to " + tagged + " device(s)";
        }
        default ->
            throw ApiException.badRequest("choose an action: reboot, connection request or tag");
      }
    } catch (ApiException e) {
      return seeOther(filters.href("error", e.getMessage()));
    }
    return seeOther(filters.href("notice", notice));
  }

  private static Selector selector(DeviceFilter f, boolean all) {
    return new Selector(
        f.tag(),
        f.productClass(),
        f.softwareVersion(),
        f.query(),
        f.online(),
        f.alarm(),
        f.deviceKeys(),
        all);
  }

  static Response seeOther(String location) {
    return Response.seeOther(URI.create(location)).build();
  }

  private static Row row(DeviceSummary d) {
    return new Row(
        d.deviceKey(),
        Links.device(d.deviceKey()),
        d.serialNumber(),
        readableMac(d.mac()),
        d.productClass(),
        d.softwareVersion(),
        d.ipAddress(),
        d.lastInform() == null ? "" : TIME.format(d.lastInform()),
        d.online(),
        String.join(", ", d.tags()),
        d.alarms());
  }

  /** {@code 000B82ABCDEF} as {@code 00:0B:82:AB:CD:EF}, as printed on the phone's label. */
  static String readableMac(String mac) {
    if (mac == null || mac.length() != 12) {
      return mac;
    }
    StringBuilder s = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      s.append(i == 0 ? "" : ":").append(mac, i, i + 2);
    }
    return s.toString();
  }

  static String text(String s) {
    return s == null ? "" : s.strip();
  }

  private static String choice(String given, String... allowed) {
    for (String a : allowed) {
      if (a.equals(given)) {
        return a;
      }
    }
    return "";
  }
}
