package io.cradle.acs.rollouts;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rollout's settings and state; its targets are rows of {@code rollout_device}. */
@Entity
@Table(name = "rollout")
public class Rollout extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  @Column(name = "firmware_id")
  public Long firmwareId;

  @Column(name = "firmware_label")
  public String firmwareLabel;

  @Column(name = "download_base")
  public String downloadBase;

  @Enumerated(EnumType.STRING)
  public RolloutState state;

  @JdbcTypeCode(SqlTypes.JSON)
  public String selector;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public Integer[] waves;

  @Column(name = "window_start")
  public LocalTime windowStart;

  @Column(name = "window_end")
  public LocalTime windowEnd;

  @Column(name = "max_concurrent")
  public int maxConcurrent;

  @Column(name = "failure_threshold")
  public double failureThreshold;

  @Column(name = "gate_timeout_secs")
  public int gateTimeoutSecs;

  @Column(name = "auto_rollback")
  public boolean autoRollback;

  @Column(name = "state_reason")
  public String stateReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "after_rollback")
  public RolloutState afterRollback;

  @Column(name = "base_failed")
  public int baseFailed;

  @Column(name = "base_judged")
  public int baseJudged;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public List<Integer> waveList() {
    return Arrays.asList(waves);
  }

  public Optional<MaintenanceWindow> window() {
    return windowStart == null
        ? Optional.empty()
        : Optional.of(new MaintenanceWindow(windowStart, windowEnd));
  }

  /** The version the rollout installs: the label is "model version". */
  public String targetVersion() {
    return firmwareLabel.substring(firmwareLabel.lastIndexOf(' ') + 1);
  }

  RolloutPlanner.Campaign campaign() {
    return new RolloutPlanner.Campaign(
        state,
        targetVersion(),
        waveList(),
        window(),
        maxConcurrent,
        failureThreshold,
        Duration.ofSeconds(gateTimeoutSecs),
        autoRollback,
        afterRollback == null ? RolloutState.PAUSED : afterRollback,
        baseFailed,
        baseJudged);
  }
}
