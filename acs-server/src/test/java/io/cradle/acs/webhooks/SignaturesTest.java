package io.cradle.acs.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  private static final byte[] BODY = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureIsHmacSha256OfTimeDotBody() {
    // Reference value: printf '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_k
    assertEquals(
        "t=1700000000,v1=22cc1a25d3807fd65fba123ded596829a280e6f1ea9e588913a3d6a3999c4c79",
        Signatures.sign("whsec_k", 1700000000, BODY));
    String header = Signatures.sign("whsec_k", 1700000000, BODY);
    assertTrue(Signatures.verify(header, "whsec_k", BODY, 1700000000, 300));
  }

  @Test
  void aChangedBodyTimeOrSecretDoesNotVerify() {
    String header = Signatures.sign("whsec_k", 1700000000, BODY);
    assertFalse(Signatures.verify(header, "whsec_other", BODY, 1700000000, 300));
    assertFalse(
        Signatures.verify(header, "whsec_k", "{\"id\":\"e2\"}".getBytes(), 1700000000, 300));
    assertFalse(
        Signatures.verify(
            header.replace("t=1700000000", "t=1700000001"), "whsec_k", BODY, 1700000000, 300));
    assertFalse(Signatures.verify(header, "whsec_k", BODY, 1700000000 + 301, 300), "too old");
    assertFalse(Signatures.verify(null, "whsec_k", BODY, 1700000000, 300));
    assertFalse(Signatures.verify("t=abc,v1=00", "whsec_k", BODY, 1700000000, 300));
    assertFalse(Signatures.verify("v1=00", "whsec_k", BODY, 1700000000, 300));
  }

  @Test
  void retriesBackOffFromTenSecondsDoublingToAnHour() {
    Duration first = Duration.ofSeconds(10);
    Duration longest = Duration.ofHours(1);
    assertEquals(Duration.ofSeconds(10), DeliveryWorker.backoff(1, first, longest));
    assertEquals(Duration.ofSeconds(20), DeliveryWorker.backoff(2, first, longest));
    assertEquals(Duration.ofSeconds(2560), DeliveryWorker.backoff(9, first, longest));
    assertEquals(longest, DeliveryWorker.backoff(10, first, longest));
    assertEquals(longest, DeliveryWorker.backoff(100, first, longest));
  }
}
