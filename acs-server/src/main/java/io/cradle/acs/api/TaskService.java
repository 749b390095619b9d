package io.cradle.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskRequests;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterValues;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Creates, reads and cancels tasks for the API, checking each request the way an operator needs:
 * which kinds exist, which fields a kind has, whether a value fits its type.
 */
@ApplicationScoped
public class TaskService {

  /** A batch as created, and the devices it went to (for their Connection Requests). */
  public record CreatedBatch(BatchCreated created, List<Long> deviceIds) {}

  /**
   * How the task API answers a POST: status and JSON body, whether it is the replay of an earlier
   * answer (same {@code Idempotency-Key}), and the devices to knock on — none for a replay or a dry
   * run, whose work is done or not wanted.
   */
  public record Answer(int status, JsonNode body, boolean replayed, List<Long> knock) {}

  private static final String KNOWN_KINDS =
      Arrays.stream(AcsRequest.class.getPermittedSubclasses())
          .map(Class::getSimpleName)
          .sorted()
          .collect(Collectors.joining(", "));

  private final TaskQueue queue;
  private final TaskRequests requests;
  private final DeviceService devices;
  private final ObjectMapper json;
  private final MeterRegistry metrics;
  private final Audit audit;
  private final IdempotencyKeys idempotencyKeys;
  private final Clock clock;

  @Inject
  public TaskService(
      TaskQueue queue,
      TaskRequests requests,
      DeviceService devices,
      ObjectMapper json,
      MeterRegistry metrics,
      Audit audit,
      IdempotencyKeys idempotencyKeys,
      Clock clock) {
    this.queue = queue;
    this.requests = requests;
    this.devices = devices;
    this.json = json;
    this.metrics = metrics;
    this.audit = audit;
    this.idempotencyKeys = idempotencyKeys;
    this.clock = clock;
  }

  /** {@link #create(String, String, NewTask)} done once per {@code Idempotency-Key}. */
  @Transactional
  public Answer create(String actor, String deviceKey, NewTask body, Optional<String> key) {
    return once(
        actor,
        key,
        "POST /api/v1/devices/" + deviceKey + "/tasks",
        body,
        () -> {
          TaskView task = create(actor, deviceKey, body);
          return fresh(201, task, List.of(devices.idOf(deviceKey)));
        });
  }

  /**
   * {@link #createBatch(String, NewBatch)} done once per {@code Idempotency-Key}; a dry run only
   * counts the devices the selector matches (200 {@code {"dryRun": true, "devices": n}}), queues
   * nothing and uses no key.
   */
  @Transactional
  public Answer createBatch(String actor, NewBatch body, Optional<String> key) {
    if (body != null && Boolean.TRUE.equals(body.dryRun())) {
      Selector s = selectorOf(body);
      parse(body.kind(), body.request());
      int devices = this.devices.select(s.filter()).size();
      return fresh(200, new DryRun(true, devices), List.of());
    }
    return once(
        actor,
        key,
        "POST /api/v1/tasks",
        body,
        () -> {
          CreatedBatch batch = createBatch(actor, body);
          return fresh(201, batch.created(), batch.deviceIds());
        });
  }

  /** What a batch would touch. */
  public record DryRun(boolean dryRun, int devices) {}

  private Answer once(
      String actor, Optional<String> key, String request, Object body, Supplier<Answer> work) {
    if (key.isEmpty()) {
      return work.get();
    }
    Optional<IdempotencyKeys.Replay> replay =
        idempotencyKeys.claim(actor, key.get(), request, body);
    if (replay.isPresent()) {
      return new Answer(replay.get().status(), replay.get().body(), true, List.of());
    }
    Answer answer = work.get();
    idempotencyKeys.answer(actor, key.get(), answer.status(), answer.body());
    return answer;
  }

  private Answer fresh(int status, Object body, List<Long> knock) {
    return new Answer(status, json.valueToTree(body), false, knock);
  }

  private static Selector selectorOf(NewBatch body) {
    if (body == null || body.selector() == null) {
      throw ApiException.badRequest("a JSON body with \"selector\" and \"kind\" is required");
    }
    Selector s = body.selector();
    DeviceService.refuseWholeFleetByAccident(s.filter(), Boolean.TRUE.equals(s.all()));
    return s;
  }

  /** Audited as {@code task.create} with the task as created. */
  @Transactional
  public TaskView create(String actor, String deviceKey, NewTask body) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with at least \"kind\" is required");
    }
    Instant now = clock.instant();
    AcsRequest<?> request = parse(body.kind(), body.request());
    TaskOptions options = options(body.expiresAt(), body.maxAttempts(), null, now);
    long deviceId = devices.idOf(deviceKey);
    Task task = queue.enqueue(deviceId, request, options, now);
    counted(task.kind, 1);
    TaskView view = TaskView.of(task, deviceKey, json);
    audit.record(
        actor,
        "task.create",
        AuditTargets.task(task.id, deviceId),
        null,
        view,
        Boolean.TRUE.equals(body.connectionRequest()) ? "with a connection request" : null);
    return view;
  }

  /** Audited as {@code task.batch} with the selector, the request and every device's id. */
  @Transactional
  public CreatedBatch createBatch(String actor, NewBatch body) {
    Selector s = selectorOf(body);
    DeviceFilter filter = s.filter();
    Instant now = clock.instant();
    AcsRequest<?> request = parse(body.kind(), body.request());
    UUID batchId = UUID.randomUUID();
    TaskOptions options = options(body.expiresAt(), body.maxAttempts(), batchId, now);
    List<Long> deviceIds = devices.select(filter);
    int queued = queue.enqueueAll(deviceIds, request, options, now);
    counted(request.method(), queued);
    BatchCreated created = new BatchCreated(batchId, queued);
    java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
    after.put("kind", body.kind());
    after.put("request", body.request());
    after.put("selector", s);
    after.put("tasks", queued);
    after.put("connectionRequest", Boolean.TRUE.equals(body.connectionRequest()));
    audit.record(actor, "task.batch", AuditTargets.batch(batchId, deviceIds), null, after);
    return new CreatedBatch(created, deviceIds);
  }

  @Transactional
  public TaskView get(long id) {
    Task task = find(id);
    return TaskView.of(task, deviceKeyOf(task), json);
  }

  /**
   * Cancels a task that has not been sent yet; one already sent cannot be called back. Audited as
   * {@code task.cancel} with the status before and after.
   */
  @Transactional
  public TaskView cancel(String actor, long id) {
    // One conditional update, so a session that picks the task up at this moment wins or loses
    // cleanly instead of both acting on it.
    int cancelled =
        Task.update(
            "status = ?1, completedAt = ?2 where id = ?3 and status = ?4",
            TaskStatus.CANCELLED,
            clock.instant(),
            id,
            TaskStatus.QUEUED);
    Task task = find(id);
    if (cancelled == 0) {
      throw new ApiException(
          409, "task " + id + " is " + task.status + "; only a QUEUED task can be cancelled");
    }
    audit.record(
        actor,
        "task.cancel",
        AuditTargets.task(task.id, task.deviceId),
        java.util.Map.of("status", TaskStatus.QUEUED.name()),
        java.util.Map.of("status", task.status.name()));
    return TaskView.of(task, deviceKeyOf(task), json);
  }

  private AcsRequest<?> parse(String kind, JsonNode request) {
    if (kind == null || kind.isBlank()) {
      throw ApiException.badRequest("\"kind\" is required; one of: " + KNOWN_KINDS);
    }
    Class<?> type =
        TaskRequests.kind(kind)
            .orElseThrow(
                () ->
                    ApiException.badRequest("unknown kind '" + kind + "'; one of: " + KNOWN_KINDS));
    JsonNode fields = request == null || request.isNull() ? json.createObjectNode() : request;
    if (!fields.isObject()) {
      throw ApiException.badRequest("\"request\" must be a JSON object with the fields of " + kind);
    }
    Set<String> known =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(
          "unknown field(s) "
              + unknown
              + " in a "
              + kind
              + " request; its fields are "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    AcsRequest<?> parsed;
    try {
      parsed = requests.fromJson(kind, fields.toString());
    } catch (IllegalArgumentException e) {
      List<String> given = new ArrayList<>();
      fields.fieldNames().forEachRemaining(given::add);
      throw ApiException.badRequest(
          "%s; a %s takes %s, and was given %s"
              .formatted(
                  e.getMessage(),
                  kind,
                  String.join(", ", known),
                  given.isEmpty() ? "none" : String.join(", ", given)));
    }
    if (parsed instanceof SetParameterValues set) {
      for (ParameterValue p : set.parameters()) {
        Optional<String> invalid = p.type().validate(p.value());
        if (invalid.isPresent()) {
          throw ApiException.badRequest(
              "parameter %s: '%s' is not a valid %s (%s)"
                  .formatted(p.name(), p.value(), p.type().xsdName(), invalid.get()));
        }
      }
    }
    return parsed;
  }

  private static TaskOptions options(
      Instant expiresAt, Integer maxAttempts, UUID batchId, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ApiException.badRequest("expiresAt " + expiresAt + " is not in the future");
    }
    int attempts = maxAttempts == null ? TaskOptions.DEFAULT_MAX_ATTEMPTS : maxAttempts;
    if (attempts < 1) {
      throw ApiException.badRequest("maxAttempts must be at least 1, was " + attempts);
    }
    return new TaskOptions(expiresAt, attempts, batchId);
  }

  private void counted(String kind, int count) {
    metrics.counter("cradle.tasks.created", "kind", kind).increment(count);
  }

  private static Task find(long id) {
    return Task.<Task>findByIdOptional(id)
        .orElseThrow(() -> ApiException.notFound("no task with id " + id));
  }

  private static String deviceKeyOf(Task task) {
    return Device.<Device>findByIdOptional(task.deviceId).map(d -> d.deviceKey).orElse(null);
  }
}
