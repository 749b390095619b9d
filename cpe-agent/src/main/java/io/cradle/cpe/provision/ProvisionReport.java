package io.cradle.cpe.provision;

import io.cradle.cwmp.message.FaultCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one config pass did: each URL tried, in order, and what became of it.
 *
 * @param processAll whether the pass applied every file found (P8467) or stopped at the first
 */
public record ProvisionReport(List<Attempt> attempts, boolean processAll) {

  /** What became of one config file URL. */
  public enum Outcome {
    /** The server has no such file (404, 410 or 403); provisioning goes on to the next name. */
    NOT_FOUND,
    /** Downloaded and applied. */
    APPLIED,
    /**
     * Downloaded but refused (cannot decrypt, not a config file, wrong MAC, P240 auth); nothing of
     * it changed.
     */
    REFUSED,
    /** The transfer failed (server unreachable, authentication, error status, too large...). */
    FAILED
  }

  /**
   * One URL tried.
   *
   * @param url the URL as text (it may not even be a valid URI when the server path is bad)
   * @param fault the CWMP fault for REFUSED and FAILED, null otherwise
   * @param detail why, for the log and the fleet report
   */
  public record Attempt(String url, Outcome outcome, FaultCode fault, String detail) {
    public Attempt {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }

    public Optional<FaultCode> faultCode() {
      return Optional.ofNullable(fault);
    }
  }

  public ProvisionReport {
    attempts = List.copyOf(attempts);
  }

  /** The URLs whose files were applied, in the order they were applied. */
  public List<String> applied() {
    return attempts.stream().filter(a -> a.outcome() == Outcome.APPLIED).map(Attempt::url).toList();
  }

  /** The attempts that went wrong (REFUSED or FAILED). */
  public List<Attempt> errors() {
    return attempts.stream()
        .filter(a -> a.outcome() == Outcome.REFUSED || a.outcome() == Outcome.FAILED)
        .toList();
  }

  /** The URLs tried, in order. */
  public List<String> tried() {
    return attempts.stream().map(Attempt::url).toList();
  }
}
