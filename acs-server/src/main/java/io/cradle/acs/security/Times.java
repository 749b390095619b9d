package io.cradle.acs.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps as native queries return them. */
public final class Times {

  private Times() {}

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }
}
