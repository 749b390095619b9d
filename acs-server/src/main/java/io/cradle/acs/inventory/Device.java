package io.cradle.acs.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A CPE known to the ACS: its identity, what it last reported, and how to reach it. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

  /** A device counts as offline after missing this many periodic informs. */
  public static final int MISSED_INFORMS_BEFORE_OFFLINE = 2;

  /** Used when the device has not reported its PeriodicInformInterval. */
  public static final Duration DEFAULT_INFORM_INTERVAL = Duration.ofHours(1);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "device_key")
  public String deviceKey;

  public String oui;

  @Column(name = "product_class")
  public String productClass;

  @Column(name = "serial_number")
  public String serialNumber;

  public String manufacturer;
  public String mac;

  @Column(name = "software_version")
  public String softwareVersion;

  @Column(name = "hardware_version")
  public String hardwareVersion;

  @Column(name = "provisioning_code")
  public String provisioningCode;

  @Column(name = "ip_address")
  public String ipAddress;

  @Column(name = "connection_request_url")
  public String connectionRequestUrl;

  @Column(name = "parameter_key")
  public String parameterKey;

  @Column(name = "periodic_inform_interval")
  public Integer periodicInformInterval;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public String[] tags;

  /** This phone's POOR_WIFI threshold in dBm; null: the fleet's (cradle.alarms.poor-wifi-dbm). */
  @Column(name = "poor_wifi_dbm")
  public Integer poorWifiDbm;

  @Column(name = "cpe_username")
  public String cpeUsername;

  @Column(name = "cpe_password")
  public String cpePassword;

  @Column(name = "cr_username")
  public String crUsername;

  @Column(name = "cr_password")
  public String crPassword;

  @Column(name = "last_cr_at")
  public Instant lastCrAt;

  @Column(name = "last_cr_outcome")
  public String lastCrOutcome;

  @Column(name = "first_seen")
  public Instant firstSeen;

  @Column(name = "last_inform")
  public Instant lastInform;

  @Column(name = "last_boot")
  public Instant lastBoot;

  @Column(name = "last_events")
  public String lastEvents;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "session_expires")
  public Instant sessionExpires;

  public static Optional<Device> findByKey(String deviceKey) {
    return find("deviceKey", deviceKey).firstResultOptional();
  }

  /** Online while the next periodic inform is not overdue by more than the allowed misses. */
  public boolean isOnline(Instant now) {
    Duration interval =
        periodicInformInterval == null || periodicInformInterval <= 0
            ? DEFAULT_INFORM_INTERVAL
            : Duration.ofSeconds(periodicInformInterval);
    return lastInform != null
        && lastInform.plus(interval.multipliedBy(MISSED_INFORMS_BEFORE_OFFLINE)).isAfter(now);
  }
}
