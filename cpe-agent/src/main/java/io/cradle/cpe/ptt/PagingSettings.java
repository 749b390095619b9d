package io.cradle.cpe.ptt;

import static io.cradle.cpe.ptt.PValues.flag;
import static io.cradle.cpe.ptt.PValues.number;
import static io.cradle.cpe.ptt.PValues.text;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.Codec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin guide's "Multicast Paging Function": up to 10 listen addresses whose position is their
 * priority (1 highest), Paging Priority Active, Paging Barge and the paging codec.
 *
 * @param barge 0 disabled; else a page of a priority number strictly below this holds the call
 * @param addresses the configured listen addresses, by priority
 */
public record PagingSettings(
    boolean enabled,
    boolean priorityActive,
    int barge,
    Codec codec,
    List<PagingAddress> addresses) {

  public static final String MULTICAST_ENABLE = "P22208";
  public static final String BARGE = "P1566";
  public static final String PRIORITY_ACTIVE = "P1567";
  public static final String CODEC = "P1568";

  /** The listen address P-value of priority {@code priority} (1-10): P1569, P1571, … P1587. */
  public static String addressPValue(int priority) {
    return "P" + (1567 + 2 * priority);
  }

  /** The label P-value of priority {@code priority} (1-10): P1570, P1572, … P1588. */
  public static String labelPValue(int priority) {
    return "P" + (1568 + 2 * priority);
  }

  /** One configured multicast paging address. */
  public record PagingAddress(int priority, InetSocketAddress address, String label) {}

  public PagingSettings {
    addresses = List.copyOf(addresses);
  }

  /** The current settings in {@code store}; blank or malformed addresses are skipped. */
  public static PagingSettings read(PValueStore store) {
    List<PagingAddress> addresses = new ArrayList<>();
    for (int p = 1; p <= 10; p++) {
      int priority = p;
      PValues.address(text(store, addressPValue(p)))
          .ifPresent(
              a ->
                  addresses.add(
                      new PagingAddress(priority, a, text(store, labelPValue(priority)))));
    }
    return new PagingSettings(
        flag(store, MULTICAST_ENABLE),
        flag(store, PRIORITY_ACTIVE),
        number(store, BARGE),
        Codec.ofPayloadType(number(store, CODEC)).orElse(Codec.PCMU),
        addresses);
  }

  /** The configured address of {@code priority}, if any. */
  public Optional<PagingAddress> address(int priority) {
    return addresses.stream().filter(a -> a.priority() == priority).findFirst();
  }
}
