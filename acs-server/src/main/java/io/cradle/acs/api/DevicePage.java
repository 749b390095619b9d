package io.cradle.acs.api;

import java.util.List;

/** One page of a device search; {@code total} counts every match, not just this page. */
public record DevicePage(List<DeviceSummary> items, long total, int limit, int offset) {

  public boolean hasPrevious() {
    return offset > 0;
  }

  public boolean hasNext() {
    return offset + items.size() < total;
  }
}
