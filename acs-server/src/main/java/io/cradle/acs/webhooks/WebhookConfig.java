package io.cradle.acs.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How webhooks are delivered. */
@ConfigMapping(prefix = "cradle.webhooks")
public interface WebhookConfig {

  /** How often the delivery worker looks for due deliveries ({@code off} stops it). */
  @WithDefault("2s")
  String deliverEvery();

  /** Deliveries one worker run claims at most. */
  @WithDefault("50")
  int batchSize();

  /** Connect and response timeout of one attempt. */
  @WithDefault("10s")
  Duration timeout();

  /** Wait after the first failed attempt; it doubles after each further one. */
  @WithDefault("10s")
  Duration firstRetry();

  /** The longest wait between attempts. */
  @WithDefault("1h")
  Duration longestRetry();

  /** Attempts before a delivery is given up (status FAILED). */
  @WithDefault("12")
  int maxAttempts();

  /**
   * How long sent and given-up events are kept, with their delivery log; events still pending are
   * kept whatever their age.
   */
  @WithDefault("30d")
  Duration keep();
}
