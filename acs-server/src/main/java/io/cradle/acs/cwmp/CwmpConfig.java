package io.cradle.acs.cwmp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the CWMP endpoint (prefix {@code cradle.cwmp}). */
@ConfigMapping(prefix = "cradle.cwmp")
public interface CwmpConfig {

  /** Digest realm the ACS challenges devices with. */
  @WithDefault("cradle")
  String realm();

  /** Fleet-wide (bootstrap) device credential; per-device credentials are kept on the device. */
  @WithDefault("cpe")
  String username();

  @WithDefault("cpe")
  String password();

  /** Store unknown devices on first Inform (zero-touch), or refuse them with 403. */
  @WithDefault("true")
  boolean autoRegister();

  /** Accept HTTP Basic instead of Digest, only on TLS connections. */
  @WithDefault("true")
  boolean basicOverTls();

  /** A session with no request for this long is abandoned and its device lease released. */
  @WithDefault("30S")
  Duration sessionIdleTimeout();

  /**
   * The longest a session may keep its device from another node if its own node dies without
   * releasing it; sessions that end normally release it at once.
   */
  @WithDefault("5M")
  Duration sessionLease();

  /** New sessions beyond this many open ones are answered 503 + Retry-After. */
  @WithDefault("256")
  int maxConcurrentSessions();

  /** Retry-After sent with 503. */
  @WithDefault("10S")
  Duration retryAfter();

  /**
   * Secret for Digest nonces; every node behind one load balancer needs the same. A random one is
   * made per start when unset (nonces then die with the process, and devices just re-authenticate).
   */
  Optional<String> nonceSecret();

  /** How long a Digest nonce stays valid. */
  @WithDefault("5M")
  Duration nonceLifetime();
}
