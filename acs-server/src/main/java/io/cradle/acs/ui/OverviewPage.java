package io.cradle.acs.ui;

import io.cradle.acs.fleet.FleetOverview;
import io.cradle.acs.security.CurrentUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/** {@code /ui}: the fleet at a glance, with its last day as a chart. */
@Path("/ui")
public class OverviewPage {

  static final Duration HISTORY = Duration.ofHours(24);

  /** The snapshot and its two charts as SVG markup. */
  public record View(FleetOverview.Snapshot fleet, String historyChart, String batteryChart) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance overview(View view, Me me);
  }

  @Inject FleetOverview overview;
  @Inject CurrentUser currentUser;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance show() {
    FleetOverview.Snapshot fleet = overview.latest(HISTORY);
    List<String> labels =
        fleet.battery().stream().map(b -> b.from() + "–" + (b.from() + 9) + "%").toList();
    return Templates.overview(
        new View(
            fleet,
            Charts.fleetHistory(fleet.history()),
            Charts.histogram(
                "Devices by battery level",
                labels,
                fleet.battery().stream().map(FleetOverview.BatteryBucket::devices).toList())),
        Me.of(currentUser));
  }
}
