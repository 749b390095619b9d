package io.cradle.acs.api;

import java.util.List;

/**
 * One page of a device search. {@code total} counts the matches up to {@link
 * DeviceService#COUNT_CAP}; beyond that {@code totalCapped} is true and the count stops there, so a
 * page never counts the whole fleet. {@code next}/{@code previous} are cursors (a device key) for
 * {@code after=}/{@code before=}, null at either end.
 */
public record DevicePage(
    List<DeviceSummary> items,
    long total,
    boolean totalCapped,
    int limit,
    int offset,
    String next,
    String previous) {

  public boolean hasPrevious() {
    return previous != null;
  }

  public boolean hasNext() {
    return next != null;
  }
}
