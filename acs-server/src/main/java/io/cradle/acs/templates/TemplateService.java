package io.cradle.acs.templates;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.templates.TemplateViews.Applied;
import io.cradle.acs.templates.TemplateViews.Change;
import io.cradle.acs.templates.TemplateViews.DeviceConfig;
import io.cradle.acs.templates.TemplateViews.DeviceDrift;
import io.cradle.acs.templates.TemplateViews.DevicePreview;
import io.cradle.acs.templates.TemplateViews.Drift;
import io.cradle.acs.templates.TemplateViews.NewTemplate;
import io.cradle.acs.templates.TemplateViews.Preview;
import io.cradle.acs.templates.TemplateViews.Skipped;
import io.cradle.acs.templates.TemplateViews.TemplateView;
import io.cradle.cwmp.message.Download;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Templates: saved and checked, rendered per device (served at {@code /prov/cfg<mac>.xml}),
 * previewed against what each device was last given, applied as TR-069 Downloads of the rendered
 * file, and compared with what the phones report (drift). Every change is audited.
 */
@ApplicationScoped
public class TemplateService {

  /** An apply as shown, and the devices it queued for (for their Connection Requests). */
  public record ApplyOutcome(Applied applied, List<Long> deviceIds) {}

  static final Pattern MAC = Pattern.compile("[0-9A-F]{12}");

  private final TemplateStore store;
  private final TaskQueue tasks;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public TemplateService(TemplateStore store, TaskQueue tasks, Audit audit, Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.audit = audit;
    this.clock = clock;
  }

  // ---- templates

  public List<TemplateView> list() throws SQLException {
    return store.templates().stream().map(TemplateService::view).toList();
  }

  public TemplateView get(long id) throws SQLException {
    return view(find(id));
  }

  /** Audited as {@code template.create}. */
  @Transactional
  public TemplateView create(String actor, NewTemplate body) throws SQLException {
    Checked t = checked(body, Map.of());
    if (store.templateNameTaken(t.name, 0)) {
      throw new ApiException(409, "a template named '" + t.name + "' exists already");
    }
    if (store.templateScopeTaken(t.scope, t.match, 0)) {
      throw new ApiException(409, "there is already a " + describe(t.scope, t.match) + " template");
    }
    long id =
        store
            .insertTemplate(t.name, t.scope, t.match, t.pvalues, clock.instant(), actor)
            .orElseThrow(() -> new ApiException(409, "the template was created concurrently"));
    TemplateView view = view(find(id));
    audit.record(actor, "template.create", target(id), null, view);
    return view;
  }

  /** Replaces a template; audited as {@code template.update} with before and after. */
  @Transactional
  public TemplateView update(String actor, long id, NewTemplate body) throws SQLException {
    Template before = find(id);
    Checked t = checked(body, before.pvalues());
    if (store.templateNameTaken(t.name, id)) {
      throw new ApiException(409, "a template named '" + t.name + "' exists already");
    }
    if (store.templateScopeTaken(t.scope, t.match, id)) {
      throw new ApiException(409, "there is already a " + describe(t.scope, t.match) + " template");
    }
    store.updateTemplate(id, t.name, t.scope, t.match, t.pvalues, clock.instant(), actor);
    TemplateView view = view(find(id));
    audit.record(actor, "template.update", target(id), view(before), view);
    return view;
  }

  /** Audited as {@code template.delete}. What devices were given stays theirs. */
  @Transactional
  public void delete(String actor, long id) throws SQLException {
    Template before = find(id);
    store.deleteTemplate(id);
    audit.record(actor, "template.delete", target(id), view(before), null);
  }

  // ---- rendering

  /** The merged, resolved values for one device; errors when it cannot be rendered. */
  public Rendering.Rendered render(DeviceTarget device, List<Template> templates)
      throws SQLException {
    return Rendering.render(
        Rendering.chain(templates, device),
        Rendering.variables(device, store.accountsOf(device.mac())));
  }

  /**
   * The file a phone asking for {@code cfg<mac>.xml} gets: empty when no template applies to it or
   * its values cannot be rendered (then the file server's own file, if any, is served). What is
   * served is remembered as what the device was last given.
   */
  @Transactional
  public Optional<byte[]> fileFor(String mac) throws SQLException {
    Optional<DeviceTarget> device = store.target(mac.toUpperCase(java.util.Locale.ROOT));
    if (device.isEmpty()) {
      return Optional.empty();
    }
    List<Template> templates = store.templates();
    if (Rendering.chain(templates, device.get()).isEmpty()) {
      return Optional.empty();
    }
    Rendering.Rendered rendered = render(device.get(), templates);
    if (!rendered.ok()) {
      org.jboss.logging.Logger.getLogger(TemplateService.class)
          .warnf(
              "cannot render cfg%s.xml for %s: %s",
              device.get().fileMac(), device.get().label(), rendered.errors());
      return Optional.empty();
    }
    store.recordGiven(device.get().mac(), rendered.pvalues(), clock.instant(), "served");
    byte[] xml = GsProvisionFile.xml(device.get().fileMac(), rendered.pvalues());
    String password = device.get().configPassword();
    return Optional.of(
        password == null || password.isEmpty() ? xml : GsProvisionFile.encrypt(xml, password));
  }

  /** The rendered values of one device (MAC or device key), masked, with any errors. */
  public DevicePreview renderedFor(String device) throws SQLException {
    DeviceTarget target = targetOf(device);
    return preview(target, render(target, store.templates()));
  }

  /**
   * One device's configuration as its page shows it: the templates that apply to it, the values
   * they give it (masked) and which template each comes from, and its drift.
   *
   * @param device its MAC or device key
   */
  public DeviceConfig configOf(String device) throws SQLException {
    DeviceTarget target = targetOf(device);
    List<Template> templates = store.templates();
    List<Template> chain = Rendering.chain(templates, target);
    Rendering.Rendered r = render(target, templates);
    List<Drift> drift = List.of();
    if (target.inInventory() && !chain.isEmpty()) {
      Map<String, TemplateStore.Reported> reported =
          store
              .reported(List.of(target.deviceId()), MAPPED_PARAMETERS)
              .getOrDefault(target.deviceId(), Map.of());
      drift = drift(r, reported);
    }
    return new DeviceConfig(
        chain.stream().map(TemplateService::view).toList(), preview(target, r), r.sources(), drift);
  }

  private DevicePreview preview(DeviceTarget target, Rendering.Rendered r) throws SQLException {
    Map<String, String> old =
        store.given(List.of(target.mac())).getOrDefault(target.mac(), Map.of());
    return new DevicePreview(
        target.label(),
        target.mac(),
        target.inInventory(),
        r.errors(),
        changes(old, r.pvalues(), true));
  }

  // ---- preview and apply

  /**
   * Devices rendered a page at a time: 100,000 of them never sit in memory together, and a walk
   * over them is a few dozen statements, not thousands of round trips.
   */
  static final int CHUNK = 5000;

  /** Devices a preview or drift page lists unless told otherwise, and the most it lists. */
  public static final int DEFAULT_LIMIT = 100;

  public static final int MAX_LIMIT = 1000;

  /**
   * What the template would do: counts over every device it applies to, and the devices that would
   * change or cannot be rendered from the one labelled {@code after} on (null: the first), at most
   * {@code limit}, with {@code next} for the page after.
   */
  public Preview preview(long templateId, String after, int limit) throws SQLException {
    checkLimit(limit);
    Template template = find(templateId);
    List<Template> templates = store.templates();
    Scan all = scan(template, templates, null, after == null ? limit : 0, true);
    Scan page = after == null ? all : scan(template, templates, after, limit, false);
    return new Preview(
        template.id(),
        template.name(),
        all.affected,
        all.changing,
        all.errors,
        all.notYetSeen,
        page.shown,
        page.next);
  }

  /** One walk over the devices a template applies to: counts, and up to a page of them listed. */
  private static final class Scan {
    int affected;
    int changing;
    int errors;
    int notYetSeen;
    final List<DevicePreview> shown = new ArrayList<>();
    String next;
  }

  /**
   * Walks the devices from {@code after}, counting; lists up to {@code limit} that change or fail.
   * Without {@code countAll} it stops as soon as the page is full and known to have a successor.
   */
  private Scan scan(
      Template template, List<Template> templates, String after, int limit, boolean countAll)
      throws SQLException {
    Scan scan = new Scan();
    walk(
        after,
        false,
        countAll ? CHUNK : limit,
        page -> {
          List<RenderedTarget> rendered = rendered(page, template, templates);
          Set<String> changed = store.changing(okValues(rendered));
          List<RenderedTarget> listed = new ArrayList<>();
          for (RenderedTarget r : rendered) {
            scan.affected++;
            if (!r.device().inInventory()) {
              scan.notYetSeen++;
            }
            boolean failing = !r.rendered().ok();
            boolean changing = !failing && changed.contains(r.device().mac());
            if (failing) {
              scan.errors++;
            } else if (changing) {
              scan.changing++;
            }
            if ((failing || changing) && scan.next == null) {
              if (scan.shown.size() + listed.size() < limit) {
                listed.add(r);
              } else if (limit > 0) {
                scan.next =
                    listed.isEmpty()
                        ? scan.shown.get(scan.shown.size() - 1).device()
                        : listed.get(listed.size() - 1).device().label();
              }
            }
          }
          Map<String, Map<String, String>> given =
              store.given(listed.stream().map(r -> r.device().mac()).toList());
          for (RenderedTarget r : listed) {
            DeviceTarget d = r.device();
            scan.shown.add(
                new DevicePreview(
                    d.label(),
                    d.mac(),
                    d.inInventory(),
                    r.rendered().errors(),
                    changes(given.getOrDefault(d.mac(), Map.of()), r.rendered().pvalues(), false)));
          }
          return countAll || scan.next == null;
        });
    return scan;
  }

  /**
   * Queues a Download of its rendered {@code cfg<mac>.xml} for every device in the inventory the
   * template changes (every one it applies to with {@code all}), as one batch; devices that cannot
   * be rendered are left out and listed. Audited as {@code template.apply} with every device. Tasks
   * are queued and what each device is given recorded a page of devices per statement.
   *
   * @param baseUrl this ACS as the phones reach it, ending in '/'
   */
  @Transactional
  public ApplyOutcome apply(String actor, long templateId, String baseUrl, boolean all)
      throws SQLException {
    Template template = find(templateId);
    List<Template> templates = store.templates();
    Instant now = clock.instant();
    UUID batchId = UUID.randomUUID();
    TaskOptions options = new TaskOptions(null, TaskOptions.DEFAULT_MAX_ATTEMPTS, batchId);
    List<Skipped> skipped = new ArrayList<>();
    List<String> devices = new ArrayList<>();
    List<Long> deviceIds = new ArrayList<>();
    Map<String, List<String>> changedNumbers = new LinkedHashMap<>();
    walk(
        null,
        false,
        CHUNK,
        page -> {
          List<RenderedTarget> candidates = new ArrayList<>();
          for (RenderedTarget r : rendered(page, template, templates)) {
            DeviceTarget d = r.device();
            if (!d.inInventory()) {
              skipped.add(
                  new Skipped(
                      d.label(),
                      "not yet informed: gets cfg" + d.fileMac() + ".xml at its first boot"));
            } else if (!r.rendered().ok()) {
              skipped.add(new Skipped(d.label(), String.join("; ", r.rendered().errors())));
            } else {
              candidates.add(r);
            }
          }
          Map<String, Map<String, String>> values = okValues(candidates);
          Set<String> changed = store.changing(values);
          List<RenderedTarget> queued =
              candidates.stream().filter(r -> all || changed.contains(r.device().mac())).toList();
          Map<String, Map<String, String>> given =
              store.given(queued.stream().map(r -> r.device().mac()).toList());
          List<Long> ids = new ArrayList<>();
          List<Download> downloads = new ArrayList<>();
          Map<String, Map<String, String>> givenNow = new LinkedHashMap<>();
          for (RenderedTarget r : queued) {
            DeviceTarget d = r.device();
            ids.add(d.deviceId());
            downloads.add(configDownload(baseUrl, d));
            givenNow.put(d.mac(), r.rendered().pvalues());
            devices.add(d.label());
            changedNumbers.put(
                d.label(),
                changes(given.getOrDefault(d.mac(), Map.of()), r.rendered().pvalues(), false)
                    .stream()
                    .map(Change::number)
                    .toList());
          }
          tasks.enqueueEach(ids, downloads, options, now);
          store.recordGiven(givenNow, now, "apply");
          deviceIds.addAll(ids);
          return true;
        });
    Applied applied = new Applied(batchId, devices.size(), devices, skipped);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("template", template.name());
    after.put("tasks", devices.size());
    after.put("changed", changedNumbers);
    after.put("skipped", skipped);
    audit.record(actor, "template.apply", AuditTargets.batch(batchId, deviceIds), null, after);
    return new ApplyOutcome(applied, deviceIds);
  }

  /**
   * Queues the Download an apply would for one device in the inventory, whatever it was given
   * before: its rendered {@code cfg<mac>.xml}. Refused when no template applies to it or its values
   * cannot be rendered. Audited as {@code template.push} with the P-values that change.
   *
   * @param device its MAC or device key
   * @param baseUrl this ACS as the phones reach it, ending in '/'
   * @return the Download task
   */
  @Transactional
  public Task push(String actor, String device, String baseUrl) throws SQLException {
    DeviceTarget d = targetOf(device);
    if (!d.inInventory()) {
      throw ApiException.badRequest(
          d.label()
              + " has not informed yet: it gets cfg"
              + d.fileMac()
              + ".xml at its first boot");
    }
    List<Template> templates = store.templates();
    if (Rendering.chain(templates, d).isEmpty()) {
      throw ApiException.badRequest("no template applies to " + d.label() + ": nothing to push");
    }
    Rendering.Rendered r = render(d, templates);
    if (!r.ok()) {
      throw ApiException.badRequest(
          "cannot render the config of " + d.label() + ": " + String.join("; ", r.errors()));
    }
    Map<String, String> old = store.given(List.of(d.mac())).getOrDefault(d.mac(), Map.of());
    Instant now = clock.instant();
    Download download = configDownload(baseUrl, d);
    Task task = tasks.enqueue(d.deviceId(), download, TaskOptions.defaults(), now);
    store.recordGiven(d.mac(), r.pvalues(), now, "apply");
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("task", task.id);
    after.put("url", download.url());
    after.put("changed", changes(old, r.pvalues(), false).stream().map(Change::number).toList());
    audit.record(actor, "template.push", AuditTargets.task(task.id, d.deviceId()), null, after);
    return task;
  }

  /** The Download of a device's rendered file, as phones fetch it from {@code /prov}. */
  private static Download configDownload(String baseUrl, DeviceTarget d) {
    return new Download(
        "",
        Download.VENDOR_CONFIGURATION_FILE,
        baseUrl + "prov/cfg" + d.fileMac() + ".xml",
        "",
        "",
        0,
        "",
        0,
        "",
        "");
  }

  /** A device with what its templates render to. */
  private record RenderedTarget(DeviceTarget device, Rendering.Rendered rendered) {}

  /** The page's devices {@code template} applies to, each rendered with its whole chain. */
  private List<RenderedTarget> rendered(
      List<DeviceTarget> page, Template template, List<Template> templates) throws SQLException {
    List<DeviceTarget> affected =
        page.stream().filter(d -> Rendering.applies(template, d)).toList();
    Map<String, List<SipAccount>> accounts =
        store.assignedAccounts(affected.stream().map(DeviceTarget::mac).toList());
    List<RenderedTarget> out = new ArrayList<>();
    for (DeviceTarget d : affected) {
      out.add(
          new RenderedTarget(
              d,
              Rendering.render(
                  Rendering.chain(templates, d),
                  Rendering.variables(d, accounts.getOrDefault(d.mac(), List.of())))));
    }
    return out;
  }

  private static Map<String, Map<String, String>> okValues(List<RenderedTarget> rendered) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (RenderedTarget r : rendered) {
      if (r.rendered().ok()) {
        out.put(r.device().mac(), r.rendered().pvalues());
      }
    }
    return out;
  }

  /** What is done with each page of a walk; false ends the walk. */
  private interface PageVisitor {
    boolean visit(List<DeviceTarget> page) throws SQLException;
  }

  /**
   * Walks the devices to render for after {@code after} (null: all), {@code firstPage} of them
   * first and twice as many each page up to {@link #CHUNK}: a walk that may stop at its first page
   * (a page of drift) starts small, one over the whole fleet soon takes big steps.
   */
  private void walk(String after, boolean inventoryOnly, int firstPage, PageVisitor visitor)
      throws SQLException {
    String cursor = after;
    int size = Math.min(firstPage, CHUNK);
    while (true) {
      List<DeviceTarget> page = store.targetsAfter(cursor, inventoryOnly, size);
      if (page.isEmpty() || !visitor.visit(page)) {
        return;
      }
      cursor = page.get(page.size() - 1).label();
      size = Math.min(size * 2, CHUNK);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  // ---- drift

  /**
   * Devices whose last reported values of mapped parameters differ from what their templates say,
   * at most {@code limit} of them after the device key {@code after} (null: from the first); {@code
   * device} (MAC or device key) narrows it to one.
   */
  public List<DeviceDrift> drift(String device, String after, int limit) throws SQLException {
    checkLimit(limit);
    List<Template> templates = store.templates();
    List<DeviceDrift> out = new ArrayList<>();
    PageVisitor visitor =
        page -> {
          List<DeviceTarget> inInventory = page.stream().filter(DeviceTarget::inInventory).toList();
          Map<String, List<SipAccount>> accounts =
              store.assignedAccounts(inInventory.stream().map(DeviceTarget::mac).toList());
          Map<Long, Map<String, TemplateStore.Reported>> reported =
              store.reported(
                  inInventory.stream().map(DeviceTarget::deviceId).toList(), MAPPED_PARAMETERS);
          for (DeviceTarget d : inInventory) {
            List<Drift> drift =
                drift(
                    d,
                    templates,
                    accounts.getOrDefault(d.mac(), List.of()),
                    reported.get(d.deviceId()));
            if (!drift.isEmpty() && out.size() < limit) {
              out.add(new DeviceDrift(d.label(), d.mac(), drift));
            }
          }
          return out.size() < limit;
        };
    if (device == null || device.isBlank()) {
      walk(after, true, limit, visitor);
    } else {
      visitor.visit(List.of(targetOf(device)));
    }
    return out;
  }

  private static final List<String> MAPPED_PARAMETERS =
      ParameterMap.wp820().all().stream().map(ParameterMap.Mapping::parameter).toList();

  /** One device's drift: mapped parameters it reported otherwise than its templates say. */
  private static List<Drift> drift(
      DeviceTarget d,
      List<Template> templates,
      List<SipAccount> accounts,
      Map<String, TemplateStore.Reported> values) {
    List<Template> chain = Rendering.chain(templates, d);
    if (values == null || chain.isEmpty()) {
      return List.of();
    }
    return drift(Rendering.render(chain, Rendering.variables(d, accounts)), values);
  }

  /** The mapped parameters whose reported values differ from the rendered ones, by P-number. */
  private static List<Drift> drift(
      Rendering.Rendered r, Map<String, TemplateStore.Reported> values) {
    PValueCatalog catalog = PValueCatalog.wp820();
    List<Drift> drift = new ArrayList<>();
    for (ParameterMap.Mapping m : ParameterMap.wp820().all()) {
      String expected = r.pvalues().get(m.number());
      TemplateStore.Reported seen = values.get(m.parameter());
      if (expected == null || seen == null) {
        continue;
      }
      Optional<String> asPValue = m.toPValue(seen.value());
      if (asPValue.isPresent() && asPValue.get().equals(expected)) {
        continue;
      }
      boolean secret = catalog.isSecret(m.number());
      drift.add(
          new Drift(
              m.number(),
              catalog.nameOf(m.number()),
              m.parameter(),
              secret ? TemplateViews.MASK : expected,
              secret ? TemplateViews.MASK : seen.value(),
              seen.changedAt()));
    }
    drift.sort(java.util.Comparator.comparing(Drift::number, PValueCatalog.BY_NUMBER));
    return drift;
  }

  // ---- helpers

  /** A device by MAC (any separators, any case) or device key. */
  DeviceTarget targetOf(String device) throws SQLException {
    if (device == null || device.isBlank()) {
      throw ApiException.badRequest("give a device as its MAC or device key");
    }
    String mac = Macs.normalize(device);
    if (MAC.matcher(mac).matches()) {
      return store
          .target(mac)
          .orElseThrow(() -> ApiException.notFound("no device or profile with MAC " + mac));
    }
    return store
        .targetByKey(device.strip())
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "no device " + device + " with a known MAC (import a profile for it)"));
  }

  private static List<Change> changes(
      Map<String, String> old, Map<String, String> now, boolean includeUnchanged) {
    PValueCatalog catalog = PValueCatalog.wp820();
    List<Change> out = new ArrayList<>();
    now.forEach(
        (number, value) -> {
          String before = old.get(number);
          if (includeUnchanged || !value.equals(before)) {
            boolean secret = catalog.isSecret(number);
            out.add(
                new Change(
                    number,
                    catalog.nameOf(number),
                    before == null ? null : secret ? TemplateViews.MASK : before,
                    secret ? TemplateViews.MASK : value));
          }
        });
    return out;
  }

  private record Checked(String name, Scope scope, String match, Map<String, String> pvalues) {}

  /** Checks a template as sent; a masked secret keeps the value {@code stored} has. */
  private static Checked checked(NewTemplate body, Map<String, String> stored) {
    if (body == null) {
      throw ApiException.badRequest(
          "give a template as {\"name\", \"scope\": global|model|site|device, \"match\", \"pvalues\": {\"P47\": ...}}");
    }
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      throw ApiException.badRequest("a template needs a name of 1 to 100 characters");
    }
    Scope scope =
        Scope.parse(body.scope())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "scope must be global, model, site or device, not '" + body.scope() + "'"));
    String match = body.match() == null ? "" : body.match().strip();
    switch (scope) {
      case GLOBAL -> {
        if (!match.isEmpty()) {
          throw ApiException.badRequest(
              "a global template matches every device: leave match empty");
        }
      }
      case MODEL -> {
        if (match.isEmpty()) {
          throw ApiException.badRequest("a model template needs the model as match, e.g. WP820");
        }
        match = Rendering.normalizeModel(match);
      }
      case SITE -> {
        if (match.isEmpty()) {
          throw ApiException.badRequest("a site template needs the site's name as match");
        }
      }
      case DEVICE -> {
        String mac = match.replaceAll("[:\\-]", "").toUpperCase(java.util.Locale.ROOT);
        if (!MAC.matcher(mac).matches()) {
          throw ApiException.badRequest(
              "a device template needs the device's MAC as match (12 hex digits), not '"
                  + match
                  + "'");
        }
        match = mac;
      }
    }
    if (body.pvalues() == null) {
      throw ApiException.badRequest("\"pvalues\" is required, e.g. {\"P47\": \"sip.example.com\"}");
    }
    Map<String, String> pvalues = new LinkedHashMap<>();
    PValueCatalog catalog = PValueCatalog.wp820();
    body.pvalues()
        .forEach(
            (k, v) -> {
              String number = k == null ? "" : k.strip().toUpperCase(java.util.Locale.ROOT);
              String value = v;
              if (TemplateViews.MASK.equals(v)
                  && catalog.isSecret(number)
                  && stored.containsKey(number)) {
                value = stored.get(number);
              }
              pvalues.put(number, value);
            });
    List<String> errors = Rendering.check(pvalues);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", errors));
    }
    return new Checked(name, scope, match, TemplateStore.sorted(pvalues));
  }

  private static String describe(Scope scope, String match) {
    return scope == Scope.GLOBAL ? "global" : scope.wire() + " '" + match + "'";
  }

  private static AuditTargets target(long id) {
    return new AuditTargets("template", List.of(String.valueOf(id)), List.of());
  }

  private Template find(long id) throws SQLException {
    return store.template(id).orElseThrow(() -> ApiException.notFound("no template with id " + id));
  }

  static TemplateView view(Template t) {
    PValueCatalog catalog = PValueCatalog.wp820();
    Map<String, String> shown = new LinkedHashMap<>();
    // A secret given as a variable is shown: the variable's name reveals nothing.
    t.pvalues()
        .forEach(
            (k, v) ->
                shown.put(k, catalog.isSecret(k) && !v.contains("${") ? TemplateViews.MASK : v));
    return new TemplateView(
        t.id(), t.name(), t.scope().wire(), t.match(), shown, t.updatedAt(), t.updatedBy());
  }
}
