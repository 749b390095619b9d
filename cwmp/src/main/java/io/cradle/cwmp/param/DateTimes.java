package io.cradle.cwmp.param;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * CWMP dateTime values. Real CPEs send zone-less times, {@code 0000-00-00T00:00:00} and worse, so
 * parsing never throws: a value that cannot be read is simply unknown.
 */
public final class DateTimes {

  /** {@code 0001-01-01T00:00:00Z}: the CWMP way of saying "unknown time". */
  public static final Instant UNKNOWN = Instant.parse("0001-01-01T00:00:00Z");

  private DateTimes() {}

  /** Parses an xsd:dateTime; a missing zone is read as UTC. */
  public static Optional<Instant> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      return Optional.of(
          OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException withZone) {
      try {
        return Optional.of(
            LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException zoneless) {
        return Optional.empty();
      }
    }
  }

  /** Formats an instant the strict way we send it: UTC, seconds precision, {@code Z}. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
