package io.cradle.acs.cwmp;

import io.cradle.acs.inventory.Inventory;
import io.cradle.acs.session.Effect;
import io.cradle.acs.session.SessionState;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Makes a session step's effects durable, in one transaction, before the reply goes out. */
@ApplicationScoped
public class SessionRecorder {

  private static final Logger LOG = Logger.getLogger(SessionRecorder.class);

  private final TaskQueue tasks;
  private final Inventory inventory;
  private final LeaseReleases leases;

  @Inject
  public SessionRecorder(TaskQueue tasks, Inventory inventory, LeaseReleases leases) {
    this.tasks = tasks;
    this.inventory = inventory;
    this.leases = leases;
  }

  public void record(SessionState state, List<Effect> effects, Instant now) {
    boolean work = effects.stream().anyMatch(e -> !(e instanceof Effect.Ended));
    if (work) {
      QuarkusTransaction.requiringNew().run(() -> effects.forEach(e -> apply(state, e, now)));
    }
    if (effects.stream().anyMatch(e -> e instanceof Effect.Ended)) {
      leases.release(state.deviceKey(), state.deviceId(), state.sessionId());
    }
  }

  private void apply(SessionState state, Effect effect, Instant now) {
    if (effect instanceof Effect.TaskSent e) {
      tasks.sent(e.taskId(), state.sessionId(), now);
    } else if (effect instanceof Effect.TaskAnswered e) {
      tasks.answered(e.taskId(), e.response(), now);
      if (e.response() instanceof GetParameterValuesResponse values) {
        recordValues(state, values, now);
      }
    } else if (effect instanceof Effect.TaskFaulted e) {
      tasks.faulted(e.taskId(), e.fault(), now);
    } else if (effect instanceof Effect.TransferCompleted e) {
      if (tasks
          .transferComplete(state.deviceId(), e.report().commandKey(), e.report().fault(), now)
          .isEmpty()) {
        LOG.infof(
            "%s reported TransferComplete for unknown CommandKey '%s'",
            state.deviceKey(), e.report().commandKey());
      }
    } else if (effect instanceof Effect.AutonomousTransferCompleted e) {
      LOG.infof(
          "%s finished an autonomous transfer of %s (fault %d)",
          state.deviceKey(), e.report().transferUrl(), e.report().fault().faultCode());
    } else if (effect instanceof Effect.DownloadRequested e) {
      LOG.infof("%s requests a download of '%s'", state.deviceKey(), e.request().fileType());
    }
  }

  private void recordValues(SessionState state, GetParameterValuesResponse values, Instant now) {
    try {
      inventory.recordValues(state.deviceId(), values.parameters(), now);
    } catch (SQLException e) {
      throw new IllegalStateException("could not store values of " + state.deviceKey(), e);
    }
  }
}
