package io.cradle.acs.tasks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One RPC the ACS will run on one device in its next session, with its outcome. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "device_id")
  public Long deviceId;

  @Column(name = "batch_id")
  public UUID batchId;

  public String kind;

  @JdbcTypeCode(SqlTypes.JSON)
  public String request;

  @Column(name = "command_key")
  public String commandKey;

  @Enumerated(EnumType.STRING)
  public TaskStatus status;

  public int attempts;

  @Column(name = "max_attempts")
  public int maxAttempts;

  @Column(name = "not_before")
  public Instant notBefore;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "fault_code")
  public Integer faultCode;

  @Column(name = "fault_string")
  public String faultString;

  @JdbcTypeCode(SqlTypes.JSON)
  public String result;

  public static List<Task> ofDevice(long deviceId, int limit) {
    return find("deviceId = ?1 order by id desc", deviceId).page(0, limit).list();
  }
}
