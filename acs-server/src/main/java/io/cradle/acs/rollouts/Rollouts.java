package io.cradle.acs.rollouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.api.ApiException;
import io.cradle.acs.api.DeviceFilter;
import io.cradle.acs.api.DeviceService;
import io.cradle.acs.api.Selector;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.firmware.StoredImage;
import io.cradle.acs.security.Times;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.webhooks.EventType;
import io.cradle.acs.webhooks.Webhooks;
import io.cradle.cwmp.message.Download;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rollouts: creation (targets resolved and split into waves at once), the operator's actions, and
 * {@link #tick} which carries out what the {@link RolloutPlanner} decides. Every state change is
 * audited in its own transaction and told to webhook subscribers in the same one ({@link
 * RolloutEvents}); the rollout row is locked while it changes, so two ACS nodes never act on one
 * rollout at once.
 */
@ApplicationScoped
public class Rollouts {

  /** The TR-104 line status the inventory keeps; "Up" is registered. */
  static final String LINE_STATUS = "Device.Services.VoiceService.%.VoiceProfile.%.Line.%.Status";

  static final List<Integer> DEFAULT_WAVES = List.of(1, 10, 50, 100);
  static final int DEFAULT_MAX_CONCURRENT = 50;
  static final double DEFAULT_FAILURE_THRESHOLD = 0.1;
  static final int DEFAULT_GATE_TIMEOUT_SECONDS = 1800;
  static final int MAX_DEVICES_SHOWN = 500;

  /** A refused image is the health gate's verdict, not something to retry with back-off. */
  private static final TaskOptions ONE_ATTEMPT = new TaskOptions(null, 1, null);

  private final EntityManager em;
  private final DeviceService devices;
  private final TaskQueue queue;
  private final Audit audit;
  private final Webhooks webhooks;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public Rollouts(
      EntityManager em,
      DeviceService devices,
      TaskQueue queue,
      Audit audit,
      Webhooks webhooks,
      ObjectMapper json,
      Clock clock) {
    this.em = em;
    this.devices = devices;
    this.queue = queue;
    this.audit = audit;
    this.webhooks = webhooks;
    this.json = json;
    this.clock = clock;
  }

  /** What a request would target; nothing is saved. */
  @Transactional
  public RolloutPreview preview(NewRollout body) {
    Settings s = settings(body);
    return targets(s).preview(s.waves());
  }

  /**
   * Creates a DRAFT rollout over the devices the selector matches that do not already run the
   * image's version. Audited as {@code rollout.create} with every target device.
   *
   * @param downloadBase where phones fetch {@code /firmware/<file>}: this ACS as the caller reached
   *     it, unless configured
   */
  @Transactional
  public RolloutView create(String actor, NewRollout body, String downloadBase) {
    Settings s = settings(body);
    if (body.name() == null || body.name().isBlank()) {
      throw ApiException.badRequest("\"name\" is required");
    }
    Targets targets = targets(s);
    if (targets.ids().isEmpty()) {
      throw ApiException.badRequest(
          "the selector matches no device that needs "
              + s.image().label()
              + " ("
              + targets.alreadyAtVersion()
              + " already run it)");
    }
    Instant now = clock.instant();
    Rollout r = new Rollout();
    r.name = body.name().strip();
    r.firmwareId = s.image().id;
    r.firmwareLabel = s.image().label();
    r.downloadBase = downloadBase;
    r.state = RolloutState.DRAFT;
    r.selector = write(s.selector());
    r.waves = s.waves().toArray(new Integer[0]);
    r.windowStart = s.window().map(MaintenanceWindow::start).orElse(null);
    r.windowEnd = s.window().map(MaintenanceWindow::end).orElse(null);
    r.maxConcurrent = s.maxConcurrent();
    r.failureThreshold = s.failureThreshold();
    r.gateTimeoutSecs = s.gateTimeoutSeconds();
    r.autoRollback = s.autoRollback();
    r.stateReason = "";
    r.createdAt = now;
    r.createdBy = actor;
    r.updatedAt = now;
    r.persistAndFlush();
    List<Integer> waveOf = Waves.assign(targets.ids().size(), s.waves());
    em.createNativeQuery(
            "insert into rollout_device (rollout_id, device_id, wave, step)"
                + " select ?1, unnest(cast(?2 as bigint[])), unnest(cast(?3 as integer[])),"
                + " 'PENDING'")
        .setParameter(1, r.id)
        .setParameter(2, array(targets.ids()))
        .setParameter(3, array(waveOf))
        .executeUpdate();
    RolloutView view = view(r);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("name", r.name);
    after.put("firmware", r.firmwareLabel);
    after.put("selector", s.selector());
    after.put("waves", s.waves());
    after.put("targets", targets.ids().size());
    audit.record(actor, "rollout.create", target(r, targets.ids()), null, after);
    return view;
  }

  @Transactional
  public List<RolloutView> list() {
    return Rollout.<Rollout>list("order by id desc").stream().map(r -> summary(r)).toList();
  }

  @Transactional
  public RolloutView get(long id) {
    return view(find(id));
  }

  /** DRAFT → RUNNING. */
  @Transactional
  public RolloutView start(String actor, long id) {
    return operate(actor, id, "start", RolloutState.RUNNING, Set.of(RolloutState.DRAFT), r -> {});
  }

  /** RUNNING → PAUSED; devices already upgrading are still judged. */
  @Transactional
  public RolloutView pause(String actor, long id) {
    return operate(actor, id, "pause", RolloutState.PAUSED, Set.of(RolloutState.RUNNING), r -> {});
  }

  /**
   * PAUSED → RUNNING. The failures so far count as weighed: the gate judges the devices that fail
   * from now on, or it would pause again at once.
   */
  @Transactional
  public RolloutView resume(String actor, long id) {
    return operate(
        actor,
        id,
        "resume",
        RolloutState.RUNNING,
        Set.of(RolloutState.PAUSED),
        r -> {
          Map<DeviceStep, Long> steps = stepCounts(r.id);
          r.baseJudged =
              (int)
                  steps.entrySet().stream()
                      .filter(e -> e.getKey().judged())
                      .mapToLong(e -> e.getValue())
                      .sum();
          r.baseFailed =
              (int)
                  steps.entrySet().stream()
                      .filter(e -> e.getKey().failed())
                      .mapToLong(e -> e.getValue())
                      .sum();
        });
  }

  /**
   * Stops for good. Upgrades not yet sent are cancelled and their devices are PENDING again; ones
   * already sent cannot be called back.
   */
  @Transactional
  public RolloutView abort(String actor, long id) {
    return operate(
        actor,
        id,
        "abort",
        RolloutState.ABORTED,
        Set.of(
            RolloutState.DRAFT,
            RolloutState.RUNNING,
            RolloutState.PAUSED,
            RolloutState.ROLLING_BACK),
        r -> {
          Instant now = clock.instant();
          em.createNativeQuery(
                  "with cancelled as (update task t set status = 'CANCELLED', completed_at = ?2"
                      + " from rollout_device rd where rd.rollout_id = ?1 and rd.task_id = t.id"
                      + " and rd.step = 'UPGRADING' and t.status = 'QUEUED' returning t.id)"
                      + " update rollout_device set step = 'PENDING', task_id = null,"
                      + " started_at = null, reason = 'aborted before its download was sent'"
                      + " where rollout_id = ?1 and task_id in (select id from cancelled)")
              .setParameter(1, r.id)
              .setParameter(2, now)
              .executeUpdate();
        });
  }

  /** Sends every FAILED device the image it ran before; then back to where the rollout was. */
  @Transactional
  public RolloutView rollback(String actor, long id) {
    return operate(
        actor,
        id,
        "rollback",
        RolloutState.ROLLING_BACK,
        Set.of(RolloutState.PAUSED, RolloutState.COMPLETED, RolloutState.ABORTED),
        r -> {
          if (stepCounts(r.id).getOrDefault(DeviceStep.FAILED, 0L) == 0) {
            throw new ApiException(409, "rollout " + r.id + " has no failed device to roll back");
          }
          r.afterRollback = RolloutPlanner.afterRollbackFrom(r.state);
        });
  }

  private interface Change {
    void apply(Rollout r);
  }

  private RolloutView operate(
      String actor,
      long id,
      String action,
      RolloutState to,
      Set<RolloutState> from,
      Change change) {
    Rollout r = lock(id).orElseThrow(() -> ApiException.notFound("no rollout with id " + id));
    if (!from.contains(r.state)) {
      throw new ApiException(
          409,
          "cannot " + action + " rollout " + id + ": it is " + r.state + "; that needs " + from);
    }
    RolloutState before = r.state;
    change.apply(r);
    moveTo(r, to, action + " by " + actor);
    audit.record(
        actor,
        "rollout." + action,
        target(r, List.of()),
        Map.of("state", before.name()),
        Map.of("state", to.name()));
    return view(r);
  }

  /** Rollouts the scheduler must look at. */
  @Transactional
  public List<Long> active() {
    return Rollout.<Rollout>list(
            "state in ?1 order by id",
            List.of(RolloutState.RUNNING, RolloutState.PAUSED, RolloutState.ROLLING_BACK))
        .stream()
        .map(r -> r.id)
        .toList();
  }

  /**
   * One step of one rollout: judges, starts and rolls back devices and changes its state as the
   * planner says. Skips a rollout another node is stepping (SKIP LOCKED). Returns the devices whose
   * new Download should be announced with a Connection Request once this commits.
   */
  @Transactional
  public List<Long> tick(long id) {
    @SuppressWarnings("unchecked")
    List<Object> locked =
        em.createNativeQuery(
                "select id from rollout where id = ?1"
                    + " and state in ('RUNNING', 'PAUSED', 'ROLLING_BACK') for update skip locked")
            .setParameter(1, id)
            .getResultList();
    if (locked.isEmpty()) {
      return List.of();
    }
    Rollout r = find(id);
    Instant now = clock.instant();
    Map<Long, Fact> facts = facts(r.id);
    List<RolloutPlanner.Target> targets = facts.values().stream().map(Fact::target).toList();
    RolloutPlanner.Plan plan = RolloutPlanner.plan(r.campaign(), targets, now);
    List<Long> upgraded = new ArrayList<>();
    List<Long> rolledBack = new ArrayList<>();
    StoredImage image = r.firmwareId == null ? null : StoredImage.findById(r.firmwareId);
    for (RolloutPlanner.Action action : plan.actions()) {
      if (action instanceof RolloutPlanner.Verdict v) {
        judge(r, v, now);
      } else if (action instanceof RolloutPlanner.StartUpgrade s) {
        if (image == null) {
          judge(
              r,
              new RolloutPlanner.Verdict(
                  s.deviceId(), DeviceStep.FAILED, "the rollout's image was deleted"),
              now);
          continue;
        }
        startUpgrade(r, image, s.deviceId(), now);
        upgraded.add(s.deviceId());
      } else if (action instanceof RolloutPlanner.StartRollback b) {
        Fact f = facts.get(b.deviceId());
        Optional<StoredImage> previous =
            StoredImage.of(f.productClass(), f.target().previousVersion());
        if (previous.isEmpty()) {
          judge(
              r,
              new RolloutPlanner.Verdict(
                  b.deviceId(),
                  DeviceStep.ROLLBACK_FAILED,
                  "the repository has no image of its previous version"),
              now);
          continue;
        }
        startRollback(r, previous.get(), b.deviceId(), now);
        rolledBack.add(b.deviceId());
      }
    }
    if (!upgraded.isEmpty()) {
      audit.record(
          Audit.SYSTEM,
          "rollout.upgrade",
          target(r, upgraded),
          null,
          Map.of("firmware", r.firmwareLabel, "devices", upgraded.size()));
    }
    if (!rolledBack.isEmpty()) {
      audit.record(
          Audit.SYSTEM,
          "rollout.rollback-devices",
          target(r, rolledBack),
          null,
          Map.of("devices", rolledBack.size()));
    }
    for (RolloutPlanner.WaveResult wave : plan.completedWaves()) {
      announce(EventType.ROLLOUT_WAVE_COMPLETED, r, null, wave);
    }
    plan.transition()
        .ifPresent(
            t -> {
              RolloutState before = r.state;
              if (t.to() == RolloutState.ROLLING_BACK) {
                r.afterRollback = RolloutPlanner.afterRollbackFrom(before);
              }
              moveTo(r, t.to(), t.reason());
              audit.record(
                  Audit.SYSTEM,
                  "rollout." + t.to().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                  target(r, List.of()),
                  Map.of("state", before.name()),
                  Map.of("state", t.to().name()),
                  t.reason());
            });
    List<Long> knock = new ArrayList<>(upgraded);
    knock.addAll(rolledBack);
    return knock;
  }

  private void moveTo(Rollout r, RolloutState to, String reason) {
    RolloutState from = r.state;
    r.state = to;
    r.stateReason = reason;
    r.updatedAt = clock.instant();
    RolloutEvents.of(from, to).ifPresent(type -> announce(type, r, from, null));
  }

  private void announce(
      EventType type, Rollout r, RolloutState previous, RolloutPlanner.WaveResult wave) {
    webhooks.publish(
        type,
        new RolloutEvents.RolloutData(
            r.id,
            r.name,
            r.firmwareLabel,
            r.state,
            previous,
            wave == null
                ? r.stateReason
                : "wave %d judged: %d passed, %d failed"
                    .formatted(wave.wave(), wave.passed(), wave.failed()),
            wave,
            stepCounts(r.id)),
        clock.instant());
  }

  private void judge(Rollout r, RolloutPlanner.Verdict v, Instant now) {
    // A device judged failed before its Download was sent must not upgrade when it turns up.
    if (v.step().failed()) {
      em.createNativeQuery(
              "update task t set status = 'CANCELLED', completed_at = ?3 from rollout_device rd"
                  + " where rd.rollout_id = ?1 and rd.device_id = ?2 and t.id = rd.task_id"
                  + " and t.status = 'QUEUED'")
          .setParameter(1, r.id)
          .setParameter(2, v.deviceId())
          .setParameter(3, now)
          .executeUpdate();
    }
    em.createNativeQuery(
            "update rollout_device set step = ?3, reason = ?4 where rollout_id = ?1 and device_id = ?2")
        .setParameter(1, r.id)
        .setParameter(2, v.deviceId())
        .setParameter(3, v.step().name())
        .setParameter(4, v.reason())
        .executeUpdate();
  }

  private void startUpgrade(Rollout r, StoredImage image, long deviceId, Instant now) {
    Task task = queue.enqueue(deviceId, download("rollout-" + r.id, r, image), ONE_ATTEMPT, now);
    // What the device runs now, and which lines are registered, are what the gate compares with.
    em.createNativeQuery(
            "update rollout_device set step = 'UPGRADING', task_id = ?3, started_at = ?4,"
                + " reason = '', previous_version = (select software_version from device where id = ?2),"
                + " registered_lines = coalesce((select array_agg(p.name order by p.name)"
                + " from device_parameter p where p.device_id = ?2 and p.name like ?5"
                + " and p.value = 'Up'), '{}')"
                + " where rollout_id = ?1 and device_id = ?2")
        .setParameter(1, r.id)
        .setParameter(2, deviceId)
        .setParameter(3, task.id)
        .setParameter(4, now)
        .setParameter(5, LINE_STATUS)
        .executeUpdate();
  }

  private void startRollback(Rollout r, StoredImage image, long deviceId, Instant now) {
    Task task =
        queue.enqueue(
            deviceId, download("rollout-" + r.id + "-rollback", r, image), ONE_ATTEMPT, now);
    em.createNativeQuery(
            "update rollout_device set step = 'ROLLING_BACK', task_id = ?3, started_at = ?4"
                + " where rollout_id = ?1 and device_id = ?2")
        .setParameter(1, r.id)
        .setParameter(2, deviceId)
        .setParameter(3, task.id)
        .setParameter(4, now)
        .executeUpdate();
  }

  /** A firmware Download whose CommandKey names the rollout, so the device's events tell. */
  private static Download download(String commandKey, Rollout r, StoredImage image) {
    return image.download(commandKey, r.downloadBase);
  }

  /** A target row with what the planner needs, and its product class for the rollback image. */
  private record Fact(RolloutPlanner.Target target, String productClass) {}

  private Map<Long, Fact> facts(long rolloutId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select rd.device_id, rd.wave, rd.step, rd.started_at, rd.previous_version,"
                    + " array_to_string(rd.registered_lines, E'\\n'),"
                    + " d.software_version, d.last_inform, d.product_class,"
                    + " t.status, t.fault_code, t.fault_string,"
                    + " case when rd.step = 'UPGRADING' then (select string_agg(p.name, E'\\n')"
                    + "   from device_parameter p where p.device_id = d.id and p.name like ?2"
                    + "   and p.value = 'Up') end,"
                    + " exists (select 1 from firmware_image f where f.model = d.product_class"
                    + "   and f.version = rd.previous_version)"
                    + " from rollout_device rd join device d on d.id = rd.device_id"
                    + " left join task t on t.id = rd.task_id"
                    + " where rd.rollout_id = ?1 order by rd.wave, rd.device_id")
            .setParameter(1, rolloutId)
            .setParameter(2, LINE_STATUS)
            .getResultList();
    Map<Long, Fact> facts = new LinkedHashMap<>();
    for (Object[] row : rows) {
      long deviceId = ((Number) row[0]).longValue();
      RolloutPlanner.Transfer transfer =
          row[9] == null
              ? null
              : new RolloutPlanner.Transfer(
                  TaskStatus.valueOf((String) row[9]),
                  row[10] == null ? null : ((Number) row[10]).intValue(),
                  (String) row[11]);
      facts.put(
          deviceId,
          new Fact(
              new RolloutPlanner.Target(
                  deviceId,
                  ((Number) row[1]).intValue(),
                  DeviceStep.valueOf((String) row[2]),
                  Times.instant(row[3]),
                  transfer,
                  (String) row[6],
                  Times.instant(row[7]),
                  lines(row[5]),
                  lines(row[12]),
                  (String) row[4],
                  Boolean.TRUE.equals(row[13])),
              (String) row[8]));
    }
    return facts;
  }

  private static Set<String> lines(Object joined) {
    return joined == null || ((String) joined).isEmpty()
        ? Set.of()
        : Set.copyOf(Arrays.asList(((String) joined).split("\n")));
  }

  private Map<DeviceStep, Long> stepCounts(long rolloutId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select step, count(*) from rollout_device where rollout_id = ?1 group by step")
            .setParameter(1, rolloutId)
            .getResultList();
    Map<DeviceStep, Long> counts = new EnumMap<>(DeviceStep.class);
    for (Object[] row : rows) {
      counts.put(DeviceStep.valueOf((String) row[0]), ((Number) row[1]).longValue());
    }
    return counts;
  }

  private RolloutView summary(Rollout r) {
    return view(r, stepCounts(r.id), List.of(), List.of());
  }

  private RolloutView view(Rollout r) {
    @SuppressWarnings("unchecked")
    List<Object[]> waves =
        em.createNativeQuery(
                "select wave, count(*), count(*) filter (where step = 'PENDING'),"
                    + " count(*) filter (where step = 'UPGRADING'),"
                    + " count(*) filter (where step = 'PASSED'),"
                    + " count(*) filter (where step not in ('PENDING', 'UPGRADING', 'PASSED'))"
                    + " from rollout_device where rollout_id = ?1 group by wave order by wave")
            .setParameter(1, r.id)
            .getResultList();
    Map<Integer, RolloutView.WaveProgress> byWave = new HashMap<>();
    for (Object[] w : waves) {
      int index = ((Number) w[0]).intValue();
      byWave.put(
          index,
          new RolloutView.WaveProgress(
              index + 1,
              r.waves[index],
              ((Number) w[1]).longValue(),
              ((Number) w[2]).longValue(),
              ((Number) w[3]).longValue(),
              ((Number) w[4]).longValue(),
              ((Number) w[5]).longValue()));
    }
    List<RolloutView.WaveProgress> progress = new ArrayList<>();
    for (int i = 0; i < r.waves.length; i++) {
      progress.add(
          byWave.getOrDefault(i, new RolloutView.WaveProgress(i + 1, r.waves[i], 0, 0, 0, 0, 0)));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select d.device_key, rd.wave, rd.step, rd.previous_version, rd.reason,"
                    + " rd.started_at from rollout_device rd join device d on d.id = rd.device_id"
                    + " where rd.rollout_id = ?1"
                    + " order by rd.step = 'PASSED', rd.step = 'PENDING', rd.wave, d.device_key"
                    + " limit ?2")
            .setParameter(1, r.id)
            .setParameter(2, MAX_DEVICES_SHOWN)
            .getResultList();
    List<RolloutView.TargetView> targets =
        rows.stream()
            .map(
                row ->
                    new RolloutView.TargetView(
                        (String) row[0],
                        ((Number) row[1]).intValue() + 1,
                        DeviceStep.valueOf((String) row[2]),
                        (String) row[3],
                        (String) row[4],
                        Times.instant(row[5])))
            .toList();
    return view(r, stepCounts(r.id), progress, targets);
  }

  private RolloutView view(
      Rollout r,
      Map<DeviceStep, Long> steps,
      List<RolloutView.WaveProgress> progress,
      List<RolloutView.TargetView> targets) {
    try {
      return new RolloutView(
          r.id,
          r.name,
          r.firmwareId,
          r.firmwareLabel,
          r.state,
          r.stateReason,
          json.readTree(r.selector),
          r.waveList(),
          r.windowStart == null ? null : r.windowStart.toString(),
          r.windowEnd == null ? null : r.windowEnd.toString(),
          r.maxConcurrent,
          r.failureThreshold,
          r.gateTimeoutSecs,
          r.autoRollback,
          steps,
          progress,
          targets,
          r.createdAt,
          r.createdBy,
          r.updatedAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rollout " + r.id + " has an unreadable selector", e);
    }
  }

  /** A request checked and completed with defaults. */
  private record Settings(
      StoredImage image,
      Selector selector,
      DeviceFilter filter,
      List<Integer> waves,
      Optional<MaintenanceWindow> window,
      int maxConcurrent,
      double failureThreshold,
      int gateTimeoutSeconds,
      boolean autoRollback) {}

  private Settings settings(NewRollout body) {
    if (body == null) {
      throw ApiException.badRequest(
          "a JSON body with \"name\", \"firmwareId\" and \"selector\" is required");
    }
    if (body.firmwareId() == null) {
      throw ApiException.badRequest(
          "\"firmwareId\" is required: the id of an image in /api/v1/firmware");
    }
    StoredImage image =
        StoredImage.<StoredImage>findByIdOptional(body.firmwareId())
            .orElseThrow(
                () -> ApiException.badRequest("no firmware image with id " + body.firmwareId()));
    Selector s = body.selector();
    if (s == null) {
      throw ApiException.badRequest(
          "\"selector\" is required (tag, productClass, softwareVersion, query, or all)");
    }
    DeviceFilter filter = s.filter();
    if (filter.selectsAll() && !Boolean.TRUE.equals(s.all())) {
      throw ApiException.badRequest(
          "the selector matches every device; give tag, productClass, softwareVersion or query,"
              + " or \"all\": true if every device is meant");
    }
    List<Integer> waves =
        body.waves() == null || body.waves().isEmpty() ? DEFAULT_WAVES : body.waves();
    Optional<String> badWaves = Waves.check(waves);
    if (badWaves.isPresent()) {
      throw ApiException.badRequest(badWaves.get());
    }
    Optional<MaintenanceWindow> window;
    try {
      window = MaintenanceWindow.parse(body.windowStart(), body.windowEnd());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    int maxConcurrent =
        body.maxConcurrent() == null ? DEFAULT_MAX_CONCURRENT : body.maxConcurrent();
    if (maxConcurrent < 1) {
      throw ApiException.badRequest("maxConcurrent must be at least 1, was " + maxConcurrent);
    }
    double threshold =
        body.failureThreshold() == null ? DEFAULT_FAILURE_THRESHOLD : body.failureThreshold();
    if (!(threshold >= 0 && threshold <= 1)) {
      throw ApiException.badRequest(
          "failureThreshold is a share between 0 and 1, was " + threshold);
    }
    int gate =
        body.gateTimeoutSeconds() == null
            ? DEFAULT_GATE_TIMEOUT_SECONDS
            : body.gateTimeoutSeconds();
    if (gate < 1) {
      throw ApiException.badRequest("gateTimeoutSeconds must be at least 1, was " + gate);
    }
    return new Settings(
        image,
        s,
        filter,
        List.copyOf(waves),
        window,
        maxConcurrent,
        threshold,
        gate,
        body.autoRollback() == null || body.autoRollback());
  }

  /** The selected devices that do not run the image's version yet, in id order. */
  private record Targets(List<Long> ids, int matched, int alreadyAtVersion, int otherModel) {
    RolloutPreview preview(List<Integer> waves) {
      return new RolloutPreview(
          matched, alreadyAtVersion, ids.size(), otherModel, Waves.sizes(ids.size(), waves));
    }
  }

  private Targets targets(Settings s) {
    List<Long> matched = devices.select(s.filter());
    if (matched.isEmpty()) {
      return new Targets(List.of(), 0, 0, 0);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, software_version is not distinct from ?2, product_class = ?3"
                    + " from device where id = any(cast(?1 as bigint[])) order by id")
            .setParameter(1, array(matched))
            .setParameter(2, s.image().version)
            .setParameter(3, s.image().model)
            .getResultList();
    List<Long> ids = new ArrayList<>();
    int already = 0;
    int otherModel = 0;
    for (Object[] row : rows) {
      if (Boolean.TRUE.equals(row[1])) {
        already++;
        continue;
      }
      ids.add(((Number) row[0]).longValue());
      otherModel += Boolean.TRUE.equals(row[2]) ? 0 : 1;
    }
    return new Targets(ids, matched.size(), already, otherModel);
  }

  private Optional<Rollout> lock(long id) {
    @SuppressWarnings("unchecked")
    List<Object> found =
        em.createNativeQuery("select id from rollout where id = ?1 for update")
            .setParameter(1, id)
            .getResultList();
    return found.isEmpty() ? Optional.empty() : Optional.of(find(id));
  }

  private static Rollout find(long id) {
    return Rollout.<Rollout>findByIdOptional(id)
        .orElseThrow(() -> ApiException.notFound("no rollout with id " + id));
  }

  private static AuditTargets target(Rollout r, List<Long> deviceIds) {
    return new AuditTargets("rollout", List.of(String.valueOf(r.id)), deviceIds);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value, e);
    }
  }

  private static String array(List<? extends Number> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }
}
