package io.cradle.acs.cwmp;

import io.cradle.acs.inventory.Device;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import io.cradle.cwmp.auth.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates the device that opens a session: HTTP Digest with the fleet credential or the
 * device's own, Basic only over TLS. A per-device credential is good for that device only.
 */
@ApplicationScoped
public class CpeAuthenticator {

  /** How the check ended, and who passed. */
  public sealed interface Outcome {}

  /**
   * Authenticated as {@code username}; {@code deviceKey} is set when it is a per-device credential.
   */
  public record Passed(String username, String deviceKey) implements Outcome {}

  /** Answer 401 with this WWW-Authenticate value. */
  public record Challenge(String wwwAuthenticate, String reason) implements Outcome {}

  private final CwmpConfig config;
  private final DigestServer digest;

  @Inject
  public CpeAuthenticator(CwmpConfig config, Clock clock) {
    this.config = config;
    byte[] secret =
        config
            .nonceSecret()
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .orElseGet(CpeAuthenticator::randomSecret);
    this.digest =
        new DigestServer(config.realm(), new NonceIssuer(secret, config.nonceLifetime(), clock));
  }

  public Outcome check(String method, String path, String authorization, boolean tls) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return tls && config.basicOverTls()
          ? basic(authorization)
          : challenge(false, "Basic refused without TLS");
    }
    if (authorization == null || authorization.isBlank()) {
      return challenge(false, "no credentials");
    }
    Verification v = digest.verify(method, path, authorization, this::passwordOf);
    return switch (v.outcome()) {
      case OK -> passed(v.username());
      case STALE -> challenge(true, v.reason());
      case BAD_CREDENTIALS, MALFORMED -> challenge(false, v.reason());
    };
  }

  /**
   * What a device authenticates with: its own credential if it has one, else the fleet's. The ACS
   * hands it back in a TR-069 Upload, so the phone's PUT to this ACS passes {@link #check}.
   */
  public BasicCredentials credentialOf(Device device) {
    return device.cpeUsername != null
        ? new BasicCredentials(device.cpeUsername, device.cpePassword)
        : new BasicCredentials(config.username(), config.password());
  }

  private Outcome basic(String authorization) {
    Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
    if (credentials.isEmpty()) {
      return challenge(false, "unreadable Basic credentials");
    }
    String user = credentials.get().username();
    boolean ok = passwordOf(user).map(p -> credentials.get().matches(user, p)).orElse(false);
    return ok ? passed(user) : challenge(false, "bad Basic credentials for " + user);
  }

  private Outcome passed(String username) {
    if (username.equals(config.username())) {
      return new Passed(username, null);
    }
    return new Passed(
        username, Device.<Device>find("cpeUsername", username).firstResult().deviceKey);
  }

  private Challenge challenge(boolean stale, String reason) {
    return new Challenge(digest.challenge(stale).toHeader(), reason);
  }

  private Optional<String> passwordOf(String username) {
    if (username.equals(config.username())) {
      return Optional.of(config.password());
    }
    return Device.<Device>find("cpeUsername", username)
        .firstResultOptional()
        .map(d -> d.cpePassword);
  }

  private static byte[] randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
