package io.cradle.acs.rollouts;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A UTC time-of-day range in which upgrades may start, such as 22:00-05:00 (past midnight is fine).
 * Devices already upgrading finish outside it; rollbacks are repairs and ignore it.
 */
public record MaintenanceWindow(LocalTime start, LocalTime end) {

  public MaintenanceWindow {
    if (start.equals(end)) {
      throw new IllegalArgumentException(
          "a maintenance window needs different start and end times; leave it out for any time");
    }
  }

  /**
   * Reads {@code HH:mm} start and end; both empty means no window. Throws {@link
   * IllegalArgumentException} naming the bad field.
   */
  public static Optional<MaintenanceWindow> parse(String start, String end) {
    boolean noStart = start == null || start.isBlank();
    boolean noEnd = end == null || end.isBlank();
    if (noStart && noEnd) {
      return Optional.empty();
    }
    if (noStart || noEnd) {
      throw new IllegalArgumentException(
          "a maintenance window needs both windowStart and windowEnd (HH:mm, UTC)");
    }
    return Optional.of(new MaintenanceWindow(time("windowStart", start), time("windowEnd", end)));
  }

  private static LocalTime time(String field, String text) {
    try {
      return LocalTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a UTC time HH:mm, was '" + text + "'");
    }
  }

  /** Start inclusive, end exclusive. */
  public boolean contains(Instant now) {
    LocalTime t = LocalTime.ofInstant(now, ZoneOffset.UTC);
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  @Override
  public String toString() {
    return start + "-" + end + " UTC";
  }
}
