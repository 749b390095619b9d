package io.cradle.acs.ui;

import io.cradle.acs.api.DeviceFilter;
import io.cradle.acs.api.DevicePage;
import io.cradle.acs.api.DeviceService;
import io.cradle.acs.api.DeviceSummary;
import io.cradle.acs.security.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The device list page: search, online filter, paging. Server-rendered; escaped by Qute. */
@Path("/ui/devices")
public class DevicesPage {

  static final int PAGE_SIZE = 50;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** One table row, formatted for reading. */
  public record Row(
      String deviceKey,
      String serialNumber,
      String mac,
      String softwareVersion,
      String ipAddress,
      String lastInform,
      boolean online) {}

  /** Everything the page shows; links are built here so the template stays dumb. */
  public record View(
      String q,
      String online,
      List<Row> rows,
      long total,
      long from,
      long to,
      String previousHref,
      String nextHref) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance devices(View view, Me me);
  }

  @Inject DeviceService devices;
  @Inject CurrentUser currentUser;

  /**
   * @param online {@code online}, {@code offline}, or empty for both
   * @param page 1-based; anything unreadable shows the first page
   */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list(
      @QueryParam("q") String q,
      @QueryParam("online") String online,
      @QueryParam("page") String page) {
    String query = q == null ? "" : q.strip();
    String status = "online".equals(online) || "offline".equals(online) ? online : "";
    Boolean onlineFilter = status.isEmpty() ? null : status.equals("online");
    int pageNumber = pageNumber(page);
    DevicePage found =
        devices.search(
            DeviceFilter.search(query, onlineFilter), PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
    List<Row> rows = found.items().stream().map(DevicesPage::row).toList();
    return Templates.devices(
        new View(
            query,
            status,
            rows,
            found.total(),
            rows.isEmpty() ? 0 : found.offset() + 1L,
            found.offset() + (long) rows.size(),
            found.hasPrevious() ? href(query, status, pageNumber - 1) : null,
            found.hasNext() ? href(query, status, pageNumber + 1) : null),
        Me.of(currentUser));
  }

  private static Row row(DeviceSummary d) {
    return new Row(
        d.deviceKey(),
        d.serialNumber(),
        readableMac(d.mac()),
        d.softwareVersion(),
        d.ipAddress(),
        d.lastInform() == null ? "" : TIME.format(d.lastInform()),
        d.online());
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

  private static int pageNumber(String page) {
    try {
      // Beyond this the offset would overflow; no fleet has that many pages.
      return Math.min(Math.max(1, Integer.parseInt(page)), Integer.MAX_VALUE / PAGE_SIZE);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String href(String q, String online, int page) {
    return "/ui/devices?q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + "&online="
        + online
        + "&page="
        + page;
  }
}
