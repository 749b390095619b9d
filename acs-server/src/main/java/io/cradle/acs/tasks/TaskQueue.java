package io.cradle.acs.tasks;

import io.cradle.acs.session.QueuedRpc;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.CpeResponse;
import io.cradle.cwmp.message.DeleteObject;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.Upload;
import io.cradle.cwmp.message.UploadResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The task queue in PostgreSQL. A task survives any failure between being queued and being
 * answered: a task sent in a session that broke is reconciled at the device's next Inform, using
 * the CommandKey/ParameterKey the protocol echoes, so it is neither lost nor applied twice where
 * the protocol lets the ACS tell.
 */
@ApplicationScoped
public class TaskQueue {

  private static final Logger LOG = Logger.getLogger(TaskQueue.class);

  /**
   * Faults that retrying the same request cannot mend: bad requests, and transfers refused for the
   * file itself (wrong file-server credentials, a corrupt file, one that fails authentication).
   */
  private static final Set<Integer> PERMANENT_FAULTS =
      Set.of(8000, 8003, 9000, 9003, 9005, 9006, 9007, 9008, 9009, 9012, 9013, 9018, 9019);

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration LONGEST_RETRY = Duration.ofHours(1);

  private final TaskRequests requests;
  // Not the CWMP Event: CDI's, on which alarms and webhooks hear what became of a task.
  private final jakarta.enterprise.event.Event<TaskOutcome> outcomes;
  private final EntityManager em;

  @Inject
  public TaskQueue(
      TaskRequests requests,
      jakarta.enterprise.event.Event<TaskOutcome> outcomes,
      EntityManager em) {
    this.requests = requests;
    this.outcomes = outcomes;
    this.em = em;
  }

  @Transactional
  public Task enqueue(long deviceId, AcsRequest<?> request, TaskOptions options, Instant now) {
    Task task = new Task();
    task.deviceId = deviceId;
    task.batchId = options.batchId();
    task.kind = request.method();
    task.request = requests.toJson(request);
    task.commandKey = "";
    task.status = TaskStatus.QUEUED;
    task.maxAttempts = options.maxAttempts();
    task.notBefore = runnableFrom(now);
    task.expiresAt = options.expiresAt();
    task.createdAt = now;
    task.persistAndFlush();
    String key = TaskRequests.keyOf(request);
    task.commandKey = key.isEmpty() ? "cradle-" + task.id : key;
    return task;
  }

  /**
   * Queues a task on a plain JDBC connection, for callers inside the Inform's own transaction: a
   * device seen for the first time is not committed yet, so no other transaction could refer to it.
   *
   * @return the task's id
   */
  public long enqueue(
      Connection c, long deviceId, AcsRequest<?> request, TaskOptions options, Instant now)
      throws SQLException {
    long id;
    try (PreparedStatement s =
            c.prepareStatement("select nextval(pg_get_serial_sequence('task', 'id'))");
        ResultSet r = s.executeQuery()) {
      r.next();
      id = r.getLong(1);
    }
    String key = TaskRequests.keyOf(request);
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into task (id, device_id, batch_id, kind, request, command_key, status,"
                + " max_attempts, not_before, expires_at, created_at)"
                + " values (?, ?, ?, ?, ?::jsonb, ?, 'QUEUED', ?, ?, ?, ?)")) {
      s.setLong(1, id);
      s.setLong(2, deviceId);
      s.setObject(3, options.batchId());
      s.setString(4, request.method());
      s.setString(5, requests.toJson(request));
      s.setString(6, key.isEmpty() ? "cradle-" + id : key);
      s.setInt(7, options.maxAttempts());
      s.setTimestamp(8, Timestamp.from(runnableFrom(now)));
      s.setTimestamp(9, options.expiresAt() == null ? null : Timestamp.from(options.expiresAt()));
      s.setTimestamp(10, Timestamp.from(now));
      s.executeUpdate();
    }
    return id;
  }

  /** Whether any of these tasks is still to run or to be answered. */
  public boolean anyOpen(Connection c, List<Long> taskIds) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select exists(select 1 from task where id = any(?)"
                + " and status in ('QUEUED', 'SENT', 'AWAITING_TRANSFER'))")) {
      s.setArray(1, c.createArrayOf("bigint", taskIds.toArray()));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /**
   * A new task's not-before, as PostgreSQL will keep it: microseconds, rounded down. Rounded to the
   * nearest (as PostgreSQL does with the nanoseconds of Java's clock) it could lie after {@code
   * now}, and the session that queued the task would not run it.
   */
  static Instant runnableFrom(Instant now) {
    return now.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A request of its own for each device (say, a Download of the device's own file), all of one
   * kind, in one INSERT ... SELECT over the pairs, as {@link #enqueueAll} does for one request.
   * CommandKeys are given as there. Returns how many were queued.
   */
  @Transactional
  public int enqueueEach(
      List<Long> deviceIds, List<? extends AcsRequest<?>> each, TaskOptions options, Instant now) {
    if (deviceIds.size() != each.size()) {
      throw new IllegalArgumentException(
          deviceIds.size() + " devices but " + each.size() + " requests");
    }
    if (deviceIds.isEmpty()) {
      return 0;
    }
    String kind = each.get(0).method();
    if (each.stream().anyMatch(r -> !r.method().equals(kind))) {
      throw new IllegalArgumentException("requests of one kind only, not " + kind + " and others");
    }
    return em.unwrap(org.hibernate.Session.class)
        .doReturningWork(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "insert into task (id, device_id, batch_id, kind, request, command_key,"
                          + " status, attempts, max_attempts, not_before, expires_at, created_at)"
                          + " select n.id, n.device_id, ?, ?, n.request::jsonb,"
                          + " coalesce(nullif(n.key, ''), 'cradle-' || n.id), 'QUEUED', 0, ?, ?,"
                          + " ?, ? from (select nextval('task_id_seq') as id, r.device_id,"
                          + " r.request, r.key from unnest(?::bigint[], ?::text[], ?::text[])"
                          + " with ordinality as r(device_id, request, key, i) order by r.i) n")) {
                s.setObject(1, options.batchId());
                s.setString(2, kind);
                s.setInt(3, options.maxAttempts());
                s.setTimestamp(4, Timestamp.from(runnableFrom(now)));
                s.setTimestamp(
                    5, options.expiresAt() == null ? null : Timestamp.from(options.expiresAt()));
                s.setTimestamp(6, Timestamp.from(now));
                s.setArray(7, c.createArrayOf("bigint", deviceIds.toArray()));
                s.setArray(
                    8, c.createArrayOf("text", each.stream().map(requests::toJson).toArray()));
                s.setArray(
                    9, c.createArrayOf("text", each.stream().map(TaskRequests::keyOf).toArray()));
                return s.executeUpdate();
              }
            });
  }

  /**
   * The same task for every device, in one INSERT ... SELECT over the ids: 10,000 tasks are one
   * statement, not 10,000 round trips. Each task's CommandKey is the request's own key or {@code
   * cradle-<id>}, as {@link #enqueue} gives it. Returns how many were queued.
   */
  @Transactional
  public int enqueueAll(
      Collection<Long> deviceIds, AcsRequest<?> request, TaskOptions options, Instant now) {
    if (deviceIds.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery(
            "insert into task (id, device_id, batch_id, kind, request, command_key, status,"
                + " attempts, max_attempts, not_before, expires_at, created_at)"
                + " select n.id, n.device_id, cast(cast(:batchId as text) as uuid), :kind, cast(:request as jsonb),"
                + " coalesce(nullif(:key, ''), 'cradle-' || n.id), :status, 0, :maxAttempts,"
                + " :now, cast(cast(:expiresAt as text) as timestamptz), :now"
                + " from (select nextval('task_id_seq') as id, ids.device_id"
                + " from unnest(cast(:deviceIds as bigint[])) with ordinality as ids(device_id, i)"
                + " order by ids.i) n")
        .setParameter("batchId", options.batchId() == null ? null : options.batchId().toString())
        .setParameter("kind", request.method())
        .setParameter("request", requests.toJson(request))
        .setParameter("key", TaskRequests.keyOf(request))
        .setParameter("status", TaskStatus.QUEUED.name())
        .setParameter("maxAttempts", options.maxAttempts())
        .setParameter("now", runnableFrom(now))
        .setParameter(
            "expiresAt", options.expiresAt() == null ? null : options.expiresAt().toString())
        .setParameter(
            "deviceIds",
            deviceIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
        .executeUpdate();
  }

  /**
   * Called at the start of a session: settles tasks a broken session left open, using what the
   * Inform says, and returns the tasks to run now, in order.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<QueuedRpc> startSession(
      long deviceId, Inform inform, String reportedParameterKey, Instant now) {
    List<Task> open =
        Task.list(
            "deviceId = ?1 and status in ?2 order by id",
            deviceId,
            List.of(TaskStatus.QUEUED, TaskStatus.SENT, TaskStatus.AWAITING_TRANSFER));
    List<QueuedRpc> runnable = new ArrayList<>();
    for (Task task : open) {
      if (task.expiresAt != null && task.expiresAt.isBefore(now)) {
        close(task, TaskStatus.EXPIRED, now);
        continue;
      }
      if (task.status == TaskStatus.SENT) {
        settleUnanswered(task, inform, reportedParameterKey, now);
      }
      if (task.status == TaskStatus.QUEUED && !task.notBefore.isAfter(now)) {
        AcsRequest<?> request = requests.fromJson(task.kind, task.request);
        runnable.add(new QueuedRpc(task.id, TaskRequests.withKey(request, task.commandKey)));
      }
    }
    return runnable;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void sent(long taskId, String sessionId, Instant now) {
    Task task = Task.findById(taskId);
    if (task.status != TaskStatus.QUEUED) {
      // Cancelled after this session loaded it: the RPC still goes out, but the record stays
      // as the operator left it rather than coming back to life.
      LOG.warnf("task %d was %s when its session sent it", taskId, task.status);
      return;
    }
    task.status = TaskStatus.SENT;
    task.sessionId = sessionId;
    task.sentAt = now;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void answered(long taskId, CpeResponse response, Instant now) {
    Task task = Task.findById(taskId);
    task.result = requests.toJson(response);
    boolean transferPending =
        (response instanceof DownloadResponse d && d.status() == 1)
            || (response instanceof UploadResponse u && u.status() == 1);
    if (transferPending) {
      task.status = TaskStatus.AWAITING_TRANSFER;
    } else {
      close(task, TaskStatus.DONE, now);
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void faulted(long taskId, Fault fault, Instant now) {
    Task task = Task.findById(taskId);
    recordFault(task, fault.code(), fault.message(), now);
    if (!fault.parameterFaults().isEmpty()) {
      task.result = requests.toJson(fault.parameterFaults());
    }
  }

  /** A TransferComplete settles the Download/Upload task that carried its CommandKey. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Task> transferComplete(
      long deviceId, String commandKey, FaultStruct outcome, Instant now) {
    Optional<Task> task =
        Task.find(
                "deviceId = ?1 and commandKey = ?2 and status in ?3 order by id desc",
                deviceId,
                commandKey,
                List.of(TaskStatus.AWAITING_TRANSFER, TaskStatus.SENT, TaskStatus.QUEUED))
            .firstResultOptional();
    task.ifPresent(
        t -> {
          if (outcome.isSuccess()) {
            close(t, TaskStatus.DONE, now);
          } else {
            recordFault(t, outcome.faultCode(), outcome.faultString(), now);
          }
        });
    return task;
  }

  private void recordFault(Task task, int code, String message, Instant now) {
    task.attempts++;
    task.faultCode = code;
    task.faultString = message;
    if (PERMANENT_FAULTS.contains(code) || task.attempts >= task.maxAttempts) {
      close(task, TaskStatus.FAILED, now);
    } else {
      task.status = TaskStatus.QUEUED;
      task.notBefore = now.plus(backoff(task.attempts));
      fire(task, now);
    }
  }

  /** Doubling back-off after each faulted attempt, from 30 s up to an hour. */
  static Duration backoff(int attempts) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
    return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
  }

  /**
   * A task was sent in a session that ended before its answer was stored. The Inform tells for the
   * RPCs that carry a key; every other RPC is safe to send again.
   */
  private void settleUnanswered(
      Task task, Inform inform, String reportedParameterKey, Instant now) {
    AcsRequest<?> request = requests.fromJson(task.kind, task.request);
    String key = task.commandKey;
    boolean applied;
    if (request instanceof SetParameterValues
        || request instanceof AddObject
        || request instanceof DeleteObject) {
      applied = key.equals(reportedParameterKey);
    } else if (request instanceof Reboot) {
      applied = hasEvent(inform, Event.M_REBOOT, key);
    } else if (request instanceof ScheduleInform) {
      applied = hasEvent(inform, Event.M_SCHEDULE_INFORM, key);
    } else if (request instanceof FactoryReset) {
      applied = inform.hasEvent(Event.BOOTSTRAP);
    } else if (request instanceof Download || request instanceof Upload) {
      String event = request instanceof Download ? Event.M_DOWNLOAD : Event.M_UPLOAD;
      if (hasEvent(inform, event, key)) {
        task.status = TaskStatus.AWAITING_TRANSFER;
        return;
      }
      applied = false;
    } else {
      applied = false;
    }
    if (applied) {
      LOG.debugf("task %d (%s) was applied in a broken session; closing it", task.id, task.kind);
      close(task, TaskStatus.DONE, now);
    } else {
      task.status = TaskStatus.QUEUED;
    }
  }

  private static boolean hasEvent(Inform inform, String code, String commandKey) {
    return inform.events().stream()
        .anyMatch(e -> e.code().equals(code) && e.commandKey().equals(commandKey));
  }

  private void close(Task task, TaskStatus status, Instant now) {
    task.status = status;
    task.completedAt = now;
    fire(task, now);
  }

  private void fire(Task task, Instant now) {
    outcomes.fire(
        new TaskOutcome(
            task.id,
            task.deviceId,
            task.batchId,
            task.kind,
            requests.fromJson(task.kind, task.request),
            task.status,
            task.attempts,
            task.maxAttempts,
            task.faultCode,
            task.faultString,
            now));
  }
}
