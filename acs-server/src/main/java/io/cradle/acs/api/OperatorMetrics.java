package io.cradle.acs.api;

import io.cradle.acs.cwmp.SessionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Gauges an operator watches that no single request updates: open CWMP sessions of this node. */
@ApplicationScoped
public class OperatorMetrics {

  void register(@Observes StartupEvent event, MeterRegistry registry, SessionStore sessions) {
    // Micrometer holds gauge objects weakly; the strong reference keeps the gauge reporting.
    Gauge.builder("cradle.cwmp.sessions.open", sessions, SessionStore::size)
        .description("CWMP sessions open on this node")
        .strongReference(true)
        .register(registry);
  }
}
