package io.cradle.acs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A real-size firmware upload through the API: its time, and the heap the JVM (ACS and test client
 * alike) used while it ran, sampled every 10 ms, against the heap in use before it. A benchmark,
 * not a test (its class name keeps it out of the normal run). Run it with
 *
 * <pre>
 * ./mvnw -B -pl acs-server -am verify -Dtest=FirmwareUploadBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Dbench.megabytes=N} for another size, default 200). The image is written to disk as it
 * is generated, never whole in memory, so with {@code -DargLine=-Xmx320m} the run shows that an
 * upload larger than the heap goes through.
 */
@QuarkusTest
@TestProfile(FirmwareUploadBench.RealCap.class)
class FirmwareUploadBench {

  /** The default cap of 512 MiB, not the tests' 24 MiB. */
  public static class RealCap implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("cradle.firmware.max-image-bytes", "536870912");
    }
  }

  private static final int MEGABYTES = Integer.getInteger("bench.megabytes", 200);

  @TestHTTPResource("/api/v1/firmware")
  URI upload;

  @Test
  void uploadOfARealSizeImage() throws Exception {
    Path file = Files.createTempFile(Path.of("target"), "bench-image", ".bin");
    try {
      writeImage(file, (long) MEGABYTES << 20);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.start();
      long t0 = System.nanoTime();
      HttpResponse<String> answer =
          // HTTP/1.1: the JDK client's default, an h2c upgrade, is not what is measured here.
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(upload)
                      .timeout(Duration.ofMinutes(10))
                      .header("Content-Type", "application/octet-stream")
                      .header(
                          "Authorization",
                          "Basic "
                              + Base64.getEncoder()
                                  .encodeToString(
                                      "admin:test-admin".getBytes(StandardCharsets.UTF_8)))
                      .POST(HttpRequest.BodyPublishers.ofFile(file))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      sampler.join();
      assertEquals(201, answer.statusCode(), answer.body());
      System.out.printf(
          "firmware upload: %d MB in %.1f s (%.0f MB/s); heap in use before %d MB, peak during"
              + " the upload %d MB (max heap %d MB)%n",
          Files.size(file) >> 20,
          seconds,
          (Files.size(file) >> 20) / seconds,
          before >> 20,
          peak.get() >> 20,
          memory.getHeapMemoryUsage().getMax() >> 20);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * A valid image of {@code payloadBytes} random bytes, streamed: the header as {@link
   * FirmwareImage#build} writes it (taken from an empty image, whose last 36 bytes are its payload
   * length and digest), then the length, the digest over header, length and payload, the payload.
   */
  private static void writeImage(Path file, long payloadBytes) throws IOException {
    byte[] empty = FirmwareImage.build("WP820", FirmwareVersion.parse("9.9.9.9"), new byte[0]);
    byte[] head = Arrays.copyOf(empty, empty.length - 32);
    ByteBuffer.wrap(head).putInt(head.length - 4, (int) payloadBytes);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(head);
    payload(payloadBytes, sha::update);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(head);
      out.write(sha.digest());
      payload(payloadBytes, out::write);
    }
  }

  private interface Sink {
    void accept(byte[] chunk) throws IOException;
  }

  /** The same pseudo-random bytes on every call, in 1 MiB chunks. */
  private static void payload(long bytes, Sink sink) throws IOException {
    Random random = new Random(1);
    byte[] chunk = new byte[1 << 20];
    for (long left = bytes; left > 0; left -= chunk.length) {
      random.nextBytes(chunk);
      sink.accept(left >= chunk.length ? chunk : Arrays.copyOf(chunk, (int) left));
    }
  }
}
