package io.cradle.acs.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cradle.acs.api.ApiException;
import io.cradle.acs.api.DeviceDetail;
import io.cradle.acs.api.DeviceService;
import io.cradle.acs.api.EventView;
import io.cradle.acs.api.NewTask;
import io.cradle.acs.api.ParameterView;
import io.cradle.acs.api.TaskService;
import io.cradle.acs.api.TaskView;
import io.cradle.acs.backups.BackupView;
import io.cradle.acs.backups.ConfigBackup;
import io.cradle.acs.backups.ConfigBackups;
import io.cradle.acs.connreq.ConnectionRequestOutcome;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.files.PhoneUrls;
import io.cradle.acs.firmware.DeviceUpgrades;
import io.cradle.acs.firmware.FirmwareConfig;
import io.cradle.acs.firmware.FirmwareView;
import io.cradle.acs.fleet.FleetOverview;
import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.security.Role;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.templates.TemplateService;
import io.cradle.acs.templates.TemplateViews.DeviceConfig;
import io.cradle.cwmp.param.ParameterType;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One device: identity, status (SIP lines, battery, Wi-Fi, last inform), recent events and tasks,
 * the parameter tree with edit (a SetParameterValues task), its configuration (templates, rendered
 * values, drift, push), firmware upgrade, config backups, and the operator's actions. While a task
 * is open the page reloads itself every few seconds, so its status is live.
 */
@Path("/ui/devices/{deviceKey}")
public class DeviceDetailPage {

  static final int REFRESH_SECONDS = 3;

  private static final Set<TaskStatus> OPEN =
      EnumSet.of(TaskStatus.QUEUED, TaskStatus.SENT, TaskStatus.AWAITING_TRANSFER);

  /** A labelled value of the status panel. */
  public record Fact(String label, String value) {}

  /** A SIP line: which account, its registration status, and the user it registers as. */
  public record SipLine(String account, String status, String user) {
    public boolean registered() {
      return "Up".equalsIgnoreCase(status) || "Registered".equalsIgnoreCase(status);
    }
  }

  /** A task as a row: what, when, how it ended. */
  public record TaskRow(
      long id,
      String kind,
      String what,
      String status,
      boolean open,
      String created,
      String outcome) {}

  public record View(
      DeviceDetail device,
      String mac,
      String lastInform,
      String lastBoot,
      String firstSeen,
      String tags,
      List<Fact> status,
      List<SipLine> lines,
      List<EventRow> events,
      List<TaskRow> tasks,
      boolean live,
      int refreshSeconds,
      List<ParameterTree.Line> tree,
      int parameterCount,
      Configuration config,
      List<FirmwareView> images,
      List<BackupRow> backups,
      boolean canDownloadBackups,
      String notice,
      String error) {}

  /**
   * The device's templates, rendered values and drift; {@code problem} says why there are none (no
   * MAC known), {@code config} is null then.
   */
  public record Configuration(DeviceConfig config, String problem) {
    public boolean applies() {
      return config != null && !config.layers().isEmpty();
    }

    /** The template a P-value comes from. */
    public String source(String number) {
      return config.sources().getOrDefault(number, "");
    }
  }

  /** A stored config backup as a row. */
  public record BackupRow(BackupView backup, String received) {}

  /** An Inform event as a row. */
  public record EventRow(String at, String code, String commandKey) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance device(View view, Me me);
  }

  @Inject DeviceService devices;
  @Inject TaskService tasks;
  @Inject ConnectionRequests connectionRequests;
  @Inject CurrentUser currentUser;
  @Inject ObjectMapper json;
  @Inject TemplateService templates;
  @Inject DeviceUpgrades upgrades;
  @Inject ConfigBackups backups;
  @Inject FirmwareConfig firmwareConfig;

  /** This ACS as phones reach it, for config files and backups; unset, as the user reached it. */
  @ConfigProperty(name = "cradle.templates.base-url")
  Optional<String> templatesBaseUrl;

  @Context UriInfo uri;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance show(
      @PathParam("deviceKey") String deviceKey,
      @QueryParam("notice") String notice,
      @QueryParam("error") String error)
      throws SQLException {
    DeviceDetail d = devices.detail(deviceKey);
    Map<String, ParameterView> byName = new TreeMap<>();
    d.parameters().forEach(p -> byName.put(p.name(), p));
    List<TaskRow> taskRows = d.recentTasks().stream().map(DeviceDetailPage::taskRow).toList();
    return Templates.device(
        new View(
            d,
            // The inventory keeps the MAC an Inform carried; else what the phone reported when
            // read.
            d.mac() != null
                ? DevicesPage.readableMac(d.mac())
                : Optional.ofNullable(byName.get("Device.LAN.MACAddress"))
                    .map(ParameterView::value)
                    .orElse(""),
            time(d.lastInform()),
            time(d.lastBoot()),
            time(d.firstSeen()),
            String.join(", ", d.tags()),
            status(d, byName),
            lines(byName),
            d.recentEvents().stream().map(DeviceDetailPage::eventRow).toList(),
            taskRows,
            taskRows.stream().anyMatch(TaskRow::open),
            REFRESH_SECONDS,
            ParameterTree.lines(new ArrayList<>(byName.values())),
            byName.size(),
            configuration(d),
            d.productClass() == null ? List.of() : upgrades.imagesFor(d.productClass()),
            backups.list(deviceKey).stream()
                .map(b -> new BackupRow(b, time(b.receivedAt())))
                .toList(),
            currentUser.principal().role().atLeast(Role.OPERATOR),
            DevicesPage.text(notice),
            DevicesPage.text(error)),
        Me.of(currentUser));
  }

  /**
   * Queues a SetParameterValues of one parameter, typed as the device last reported it, and asks
   * the device to call in for it.
   */
  @POST
  @Path("parameters")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response setParameter(
      @PathParam("deviceKey") String deviceKey,
      @FormParam("name") String name,
      @FormParam("value") String value,
      @FormParam("type") String type)
      throws SQLException {
    return act(
        deviceKey,
        () -> {
          if (name == null || name.isBlank() || name.endsWith(".")) {
            throw ApiException.badRequest("give the full name of one parameter to set");
          }
          ParameterType t = ParameterType.fromXsiType(type == null ? "string" : type);
          ObjectNode parameter =
              json.createObjectNode()
                  .put("name", name.strip())
                  .put("value", value == null ? "" : value)
                  .put("type", t.name());
          ObjectNode request = json.createObjectNode();
          request.putArray("parameters").add(parameter);
          TaskView task = queue(deviceKey, "SetParameterValues", request);
          return "Task " + task.id() + " queued: set " + name.strip() + " to '" + value + "'";
        });
  }

  /**
   * Reboot, factory reset, refresh parameters, push config, upload config backup, connection
   * request now.
   */
  @POST
  @Path("actions")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response action(
      @PathParam("deviceKey") String deviceKey, @FormParam("action") String action)
      throws SQLException {
    return act(
        deviceKey,
        () -> {
          switch (action == null ? "" : action) {
            case "reboot":
              return "Task " + queue(deviceKey, "Reboot", null).id() + " queued: reboot";
            case "factory-reset":
              return "Task "
                  + queue(deviceKey, "FactoryReset", null).id()
                  + " queued: factory reset";
            case "refresh":
              ObjectNode names = json.createObjectNode();
              names.putArray("names").add("Device.");
              return "Task "
                  + queue(deviceKey, "GetParameterValues", names).id()
                  + " queued: read every parameter";
            case "push-config":
              return "Task " + pushConfig(deviceKey) + " queued: push config";
            case "upload-config":
              return "Task " + uploadConfig(deviceKey).id() + " queued: upload config backup";
            case "connection-request":
              ConnectionRequestOutcome outcome = knock(deviceKey);
              if (!outcome.isOk()) {
                throw new ApiException(502, "connection request failed: " + outcome.text());
              }
              return "Connection request: " + outcome.text();
            default:
              throw ApiException.badRequest("unknown action '" + action + "'");
          }
        });
  }

  /**
   * Queues the firmware Download of a repository image of the device's model, and knocks. An image
   * of another model is refused with the reason.
   */
  @POST
  @Path("firmware")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response upgrade(
      @PathParam("deviceKey") String deviceKey, @FormParam("image") String image)
      throws SQLException {
    return act(
        deviceKey,
        () -> {
          long imageId;
          try {
            imageId = Long.parseLong(image == null ? "" : image.strip());
          } catch (NumberFormatException e) {
            throw ApiException.badRequest("pick a firmware image to upgrade to");
          }
          Task task =
              upgrades.upgrade(
                  currentUser.actor(),
                  deviceKey,
                  imageId,
                  PhoneUrls.base(firmwareConfig.downloadBase(), uri));
          connectionRequests.sendLater(List.of(task.deviceId));
          return "Task " + task.id + " queued: upgrade firmware";
        });
  }

  /** A stored backup as the file the phone uploaded (operators and admins only: it has secrets). */
  @GET
  @Path("backups/{id}")
  public Response backup(@PathParam("deviceKey") String deviceKey, @PathParam("id") long id) {
    ConfigBackup b = backups.get(deviceKey, id);
    return Response.ok(b.content, MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + b.fileName + "\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  private long pushConfig(String deviceKey) throws SQLException {
    Task task =
        templates.push(currentUser.actor(), deviceKey, PhoneUrls.base(templatesBaseUrl, uri));
    connectionRequests.sendLater(List.of(task.deviceId));
    return task.id;
  }

  private TaskView uploadConfig(String deviceKey) {
    ObjectNode upload =
        json.valueToTree(backups.uploadRequest(deviceKey, PhoneUrls.base(templatesBaseUrl, uri)));
    return queue(deviceKey, "Upload", upload);
  }

  private Configuration configuration(DeviceDetail d) throws SQLException {
    try {
      return new Configuration(templates.configOf(d.deviceKey()), null);
    } catch (ApiException e) {
      // Templates are matched by MAC: without one, the reason says how to give the device one.
      return new Configuration(null, e.getMessage());
    }
  }

  private TaskView queue(String deviceKey, String kind, ObjectNode request) {
    TaskView task =
        tasks.create(currentUser.actor(), deviceKey, new NewTask(kind, request, null, null, true));
    connectionRequests.sendLater(List.of(devices.idOf(deviceKey)));
    return task;
  }

  private ConnectionRequestOutcome knock(String deviceKey) {
    return devices.connectionRequest(currentUser.actor(), deviceKey);
  }

  /** An action of the page: what it did, in words. */
  @FunctionalInterface
  private interface Action {
    String run() throws SQLException;
  }

  /** Runs an action and goes back to the page with what it did, or the reason it did not. */
  private Response act(String deviceKey, Action action) throws SQLException {
    String page = Links.device(deviceKey);
    try {
      return DevicesPage.seeOther(Links.href(page, Links.query("notice", action.run())));
    } catch (ApiException e) {
      if (e.status() == 404) {
        throw e;
      }
      return DevicesPage.seeOther(Links.href(page, Links.query("error", e.getMessage())));
    } catch (IllegalArgumentException e) {
      return DevicesPage.seeOther(Links.href(page, Links.query("error", e.getMessage())));
    }
  }

  private static List<Fact> status(DeviceDetail d, Map<String, ParameterView> p) {
    List<Fact> facts = new ArrayList<>();
    Function<String, String> value =
        name -> Optional.ofNullable(p.get(name)).map(ParameterView::value).orElse(null);
    add(facts, "IP address", d.ipAddress());
    String battery = value.apply(FleetOverview.BATTERY_LEVEL);
    add(facts, "Battery", battery == null ? null : battery + " %");
    add(facts, "Charging", value.apply("Device.X_GRANDSTREAM_Battery.ChargingState"));
    add(facts, "Wi-Fi SSID", value.apply("Device.WiFi.SSID.1.SSID"));
    add(facts, "Wi-Fi AP (BSSID)", value.apply("Device.WiFi.SSID.1.BSSID"));
    String rssi = value.apply("Device.WiFi.EndPoint.1.Stats.SignalStrength");
    add(facts, "Wi-Fi RSSI", rssi == null ? null : rssi + " dBm");
    add(facts, "SAFE state", value.apply("Device.X_GRANDSTREAM_Safe.State"));
    add(facts, "Connection request", d.lastConnectionRequestOutcome());
    return facts;
  }

  private static void add(List<Fact> facts, String label, String value) {
    if (value != null && !value.isEmpty()) {
      facts.add(new Fact(label, value));
    }
  }

  private static List<SipLine> lines(Map<String, ParameterView> p) {
    String prefix = "Device.Services.VoiceService.1.VoiceProfile.";
    Map<String, SipLine> lines = new TreeMap<>();
    for (ParameterView v : p.values()) {
      if (v.name().startsWith(prefix) && v.name().endsWith(".Line.1.Status")) {
        String account =
            v.name().substring(prefix.length(), v.name().indexOf('.', prefix.length()));
        ParameterView user = p.get(prefix + account + ".Line.1.SIP.AuthUserName");
        lines.put(
            account,
            new SipLine(
                account, v.value(), user == null || user.value() == null ? "" : user.value()));
      }
    }
    return List.copyOf(lines.values());
  }

  private static EventRow eventRow(EventView e) {
    return new EventRow(time(e.at()), e.code(), e.commandKey());
  }

  private static TaskRow taskRow(TaskView t) {
    String outcome =
        t.faultCode() != null
            ? t.faultCode() + " " + (t.faultString() == null ? "" : t.faultString())
            : t.completedAt() == null ? "" : "at " + time(t.completedAt());
    return new TaskRow(
        t.id(),
        t.kind(),
        summary(t),
        t.status().name(),
        OPEN.contains(t.status()),
        time(t.createdAt()),
        outcome);
  }

  /** The request in a few words: which parameters a Set or Get names. */
  private static String summary(TaskView t) {
    if (t.request() == null) {
      return "";
    }
    if (t.request().has("parameters")) {
      List<String> set = new ArrayList<>();
      t.request()
          .get("parameters")
          .forEach(p -> set.add(p.path("name").asText() + " = " + p.path("value").asText()));
      return String.join(", ", set);
    }
    if (t.request().has("names")) {
      List<String> names = new ArrayList<>();
      t.request().get("names").forEach(n -> names.add(n.asText()));
      return String.join(", ", names);
    }
    return t.request().has("url") ? t.request().get("url").asText() : "";
  }

  static String time(Instant t) {
    return t == null ? "" : DevicesPage.TIME.format(t);
  }
}
