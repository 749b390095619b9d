package io.cradle.fleet.run;

import io.cradle.fleet.registrar.Registrar;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The phones' SIP account 1 at the end of a run, for the report: how many lines were Up (TR-104
 * {@code Line.Status}) or in Error and why, and what the embedded registrar counted.
 *
 * @param byStatus phones by their line's status (Up, Registering, Error, unknown…)
 * @param errors phones by the registrar's last refusal, e.g. {@code 403 Forbidden}
 * @param registrationsAccepted REGISTERs the phones saw accepted: first ones and refreshes
 * @param server where the phones registered
 * @param registrar the embedded registrar's own counts, when it ran
 * @param bindings the embedded registrar's live bindings (0 without it)
 */
public record SipLines(
    Map<String, Long> byStatus,
    Map<String, Long> errors,
    long registrationsAccepted,
    String server,
    Optional<Registrar.Counts> registrar,
    int bindings) {

  public SipLines {
    byStatus = Map.copyOf(byStatus);
    errors = Map.copyOf(errors);
  }

  /** Phones whose line was registered (Up). */
  public long registered() {
    return byStatus.getOrDefault("Up", 0L);
  }

  /** Phones whose registration had failed (Error). */
  public long failed() {
    return byStatus.getOrDefault("Error", 0L);
  }

  String toJson() {
    String own =
        registrar
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        ", \"registrar\": {\"registered\": %d, \"refused\": %d, \"forwarded\": %d,"
                            + " \"bindings\": %d}",
                        c.registered(),
                        c.refused(),
                        c.forwarded(),
                        bindings))
            .orElse("");
    return String.format(
        Locale.ROOT,
        "{\"server\": %s, \"registered\": %d, \"failed\": %d, \"lines\": %s, \"errors\": %s,"
            + " \"registrationsAccepted\": %d%s}",
        Json.string(server),
        registered(),
        failed(),
        Json.counts(new TreeMap<>(byStatus)),
        Json.counts(new TreeMap<>(errors)),
        registrationsAccepted,
        own);
  }

  String toText() {
    String why =
        errors.isEmpty()
            ? ""
            : " ("
                + new TreeMap<>(errors)
                    .entrySet().stream()
                        .map(e -> e.getKey() + " ×" + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    String own =
        registrar
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        " | embedded registrar: %d REGISTERs accepted, %d refused, %d requests"
                            + " forwarded",
                        c.registered(),
                        c.refused(),
                        c.forwarded()))
            .orElse("");
    return String.format(
        Locale.ROOT,
        "  sip      lines at %s: %d registered, %d failed%s, %d other | %d registrations"
            + " accepted%s%n",
        server,
        registered(),
        failed(),
        why,
        byStatus.values().stream().mapToLong(Long::longValue).sum() - registered() - failed(),
        registrationsAccepted,
        own);
  }
}
