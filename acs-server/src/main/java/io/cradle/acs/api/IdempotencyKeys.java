package io.cradle.acs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} header of the task API: the first request with a key does the work
 * and its answer is kept; a retry with the same key and the same request gets that answer again and
 * does nothing; the same key with another request is refused (422). Keys belong to their caller and
 * live for {@link #KEPT}.
 *
 * <p>{@link #claim} runs in the caller's transaction, before the work: a concurrent retry with the
 * same key waits on the key's row until the first commits (and then replays its answer) or rolls
 * back (and then does the work itself). So exactly one batch is queued however the retries race.
 */
@ApplicationScoped
public class IdempotencyKeys {

  /** How long a key is remembered. */
  public static final Duration KEPT = Duration.ofHours(24);

  private static final int MAX_KEY_LENGTH = 255;

  /** An answer given before, to be given again. */
  public record Replay(int status, JsonNode body) {}

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public IdempotencyKeys(EntityManager em, ObjectMapper json, Clock clock) {
    this.em = em;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Takes {@code key} for {@code actor}'s request ({@code method path} and its body): empty when
   * the request is new and its work should be done (then {@link #answer} records the answer in the
   * same transaction), or the earlier answer to replay.
   *
   * @throws ApiException 400 for an unusable key, 422 when the key was used for another request
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Replay> claim(String actor, String key, String request, Object body) {
    check(key);
    byte[] fingerprint = fingerprint(request, body);
    Instant now = clock.instant();
    em.createNativeQuery(
            "delete from idempotency_key where actor = ?1 and key = ?2 and created_at < ?3")
        .setParameter(1, actor)
        .setParameter(2, key)
        .setParameter(3, now.minus(KEPT))
        .executeUpdate();
    int taken =
        em.createNativeQuery(
                "insert into idempotency_key (actor, key, fingerprint, created_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict (actor, key) do nothing")
            .setParameter(1, actor)
            .setParameter(2, key)
            .setParameter(3, fingerprint)
            .setParameter(4, now)
            .executeUpdate();
    if (taken == 1) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select fingerprint, status, response::text from idempotency_key"
                    + " where actor = ?1 and key = ?2")
            .setParameter(1, actor)
            .setParameter(2, key)
            .getResultList();
    Object[] row = rows.get(0);
    if (!Arrays.equals((byte[]) row[0], fingerprint)) {
      throw new ApiException(
          422,
          "Idempotency-Key \""
              + key
              + "\" was used for another request; use a new key for a new request");
    }
    return Optional.of(new Replay(((Number) row[1]).intValue(), parse((String) row[2])));
  }

  /** Records the answer to a request {@link #claim} let through. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void answer(String actor, String key, int status, Object body) {
    em.createNativeQuery(
            "update idempotency_key set status = ?3, response = cast(?4 as jsonb)"
                + " where actor = ?1 and key = ?2")
        .setParameter(1, actor)
        .setParameter(2, key)
        .setParameter(3, status)
        .setParameter(4, write(body))
        .executeUpdate();
  }

  @Scheduled(every = "1h", delayed = "10m")
  @Transactional
  void forgetOldKeys() {
    em.createNativeQuery("delete from idempotency_key where created_at < ?1")
        .setParameter(1, clock.instant().minus(KEPT))
        .executeUpdate();
  }

  private static void check(String key) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest(
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters (a UUID will do)");
    }
  }

  private byte[] fingerprint(String request, Object body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(request.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(json.writeValueAsBytes(body));
      return sha.digest();
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
