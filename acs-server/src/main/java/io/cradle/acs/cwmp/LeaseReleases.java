package io.cradle.acs.cwmp;

import io.cradle.acs.inventory.Inventory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Frees the device leases of ended sessions in batches: one UPDATE every few milliseconds for all
 * of them, instead of a transaction of its own at the end of every session. A device that comes
 * back before its batch is written gets its release written first, so it never waits for it.
 */
@ApplicationScoped
public class LeaseReleases {

  private static final Logger LOG = Logger.getLogger(LeaseReleases.class);
  private static final long FLUSH_EVERY_MS = 20;

  @Inject Inventory inventory;

  private final Map<String, Inventory.Lease> pending = new ConcurrentHashMap<>();
  private ScheduledExecutorService flusher;

  @PostConstruct
  void start() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cradle-lease-releases");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(
        this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    flusher.shutdownNow();
    flush();
  }

  /** The session is over; its lease goes with the next batch. */
  public void release(String deviceKey, long deviceId, String sessionId) {
    pending.put(deviceKey, new Inventory.Lease(deviceId, sessionId));
  }

  /** Before admitting an Inform: a release still waiting for its batch is written now. */
  public void settle(String deviceKey) {
    Inventory.Lease lease = pending.get(deviceKey);
    if (lease != null) {
      write(Map.of(deviceKey, lease));
    }
  }

  /** Writes every pending release. If the database is down they wait for the next try. */
  public void flush() {
    if (!pending.isEmpty()) {
      write(Map.copyOf(pending));
    }
  }

  private void write(Map<String, Inventory.Lease> batch) {
    try {
      inventory.releaseLeases(new ArrayList<>(batch.values()));
      batch.forEach(pending::remove);
    } catch (Exception e) {
      // Leases also lapse on their own; nothing is lost by writing these later.
      LOG.warnf("could not release %d session leases yet: %s", batch.size(), e.getMessage());
    }
  }
}
