package io.cradle.cpe.sip;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What the SIP state machines' tests share: a {@link SipUserAgent} at 192.0.2.2 on a virtual clock,
 * whose SIP ports are {@link FakeSipPort}s. A test sets P-values in {@link #store}, makes and
 * starts the agent, and plays the far end through {@link #port}.
 */
abstract class AgentOnFakePortTest {

  final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  FakeSipPort port;
  SipUserAgent ua;

  /** Makes {@link #ua}, not started yet: its port opens at start. */
  SipUserAgent newAgent(MediaPort media, SipEvents events) {
    ua =
        new SipUserAgent(
            store,
            (address, transport, deliverOn) -> port = new FakeSipPort(address),
            "192.0.2.2",
            scheduler,
            new SplittableRandom(1),
            "1.0.7.81",
            media,
            events);
    return ua;
  }
}
