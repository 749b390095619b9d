package io.cradle.cpe.model;

import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live subsystems the WP820 model reads: the clock for UpTime, the network for the IP address,
 * the CWMP client for its connection request URL, and the SIP stack for line state (indexed by
 * VoiceProfile/account number). Placeholders stand in until those subsystems exist.
 *
 * @param connectionRequestUrl null to build {@code http://<ip>:<P4518>/} from the IP address and
 *     the connection request port P-value
 * @param softwareVersion null for the identity's fixed version; the running firmware slot of a
 *     phone that can be upgraded
 */
public record LiveValues(
    LongSupplier upTimeSeconds,
    Supplier<String> ipAddress,
    Supplier<String> connectionRequestUrl,
    IntFunction<String> lineStatus,
    IntFunction<String> callState,
    Supplier<String> softwareVersion) {

  public LiveValues {
    Objects.requireNonNull(upTimeSeconds);
    Objects.requireNonNull(ipAddress);
    Objects.requireNonNull(lineStatus);
    Objects.requireNonNull(callState);
  }

  /**
   * UpTime from {@code upTimeSeconds}; IP {@code 0.0.0.0} (no network yet); the connection request
   * URL built from the IP and P4518; every line {@code Up} and {@code Idle} — placeholders until
   * the SIP stack feeds Line.Status and Line.CallState.
   */
  public static LiveValues placeholders(LongSupplier upTimeSeconds) {
    return new LiveValues(upTimeSeconds, () -> "0.0.0.0", null, line -> "Up", line -> "Idle", null);
  }

  public LiveValues withIpAddress(Supplier<String> ip) {
    return new LiveValues(
        upTimeSeconds, ip, connectionRequestUrl, lineStatus, callState, softwareVersion);
  }

  public LiveValues withConnectionRequestUrl(Supplier<String> url) {
    return new LiveValues(upTimeSeconds, ipAddress, url, lineStatus, callState, softwareVersion);
  }

  public LiveValues withLineStatus(IntFunction<String> status) {
    return new LiveValues(
        upTimeSeconds, ipAddress, connectionRequestUrl, status, callState, softwareVersion);
  }

  public LiveValues withCallState(IntFunction<String> state) {
    return new LiveValues(
        upTimeSeconds, ipAddress, connectionRequestUrl, lineStatus, state, softwareVersion);
  }

  public LiveValues withSoftwareVersion(Supplier<String> version) {
    return new LiveValues(
        upTimeSeconds, ipAddress, connectionRequestUrl, lineStatus, callState, version);
  }
}
