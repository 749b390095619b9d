package io.cradle.cpe.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.transfer.TestFileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventNotifierTest {

  private static final String UA = "Grandstream Model HW WP820 SW 1.0.7.81 DevId 000b82123456";

  private TestFileServer server;
  private PValueStore store;
  private EventNotifier notifier;

  @BeforeEach
  void start() throws IOException {
    server = new TestFileServer();
    store = new PValueStore(PValueCatalog.wp820());
    notifier =
        new EventNotifier(
            store, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), UA);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyEventHasItsOwnPValueInTheCatalog() {
    PValueCatalog catalog = PValueCatalog.wp820();
    for (PhoneEvent event : PhoneEvent.values()) {
      assertTrue(catalog.find(event.pvalue()).isPresent(), event + " " + event.pvalue());
      assertEquals("", catalog.find(event.pvalue()).orElseThrow().defaultValue());
    }
    assertEquals(
        PhoneEvent.values().length,
        Arrays.stream(PhoneEvent.values()).map(PhoneEvent::pvalue).distinct().count());
  }

  @Test
  void longestVariableWinsAndValuesAreUrlEncoded() {
    String url =
        EventNotifier.substitute(
            "h/x?l=$local&dl=$display_local&r=$remote&dr=$display_remote&u=$active_user&z=$zip",
            Map.of(
                "local", "1001",
                "display_local", "Ward 3 & Co",
                "$remote", "+4930123",
                "display_remote", "Zoë"));
    assertEquals("h/x?l=1001&dl=Ward%203%20%26%20Co&r=%2B4930123&dr=Zo%C3%AB&u=&z=$zip", url);
  }

  @Test
  void guideStyleValueWithoutSchemeGetsHttp() {
    assertEquals("http://192.168.40.207/mac=x", EventNotifier.withScheme("192.168.40.207/mac=x"));
    assertEquals("https://h/p", EventNotifier.withScheme("https://h/p"));
  }

  @Test
  void eventSendsAGetWithTheVariablesSubstituted() throws Exception {
    store.set(
        PhoneEvent.INCOMING_CALL.pvalue(),
        server.hostPort() + "/notify/incoming?mac=$mac&local=$local&display_local=$display_local");

    notifier.notify(
        PhoneEvent.INCOMING_CALL,
        Map.of("mac", "000b82123456", "local", "1001", "display_local", "Ward 3"));

    List<TestFileServer.Seen> seen = server.awaitSeen(1);
    assertEquals(1, seen.size());
    assertEquals("GET", seen.get(0).method());
    assertEquals(
        "/notify/incoming?mac=000b82123456&local=1001&display_local=Ward%203",
        seen.get(0).target());
    assertEquals(UA, seen.get(0).userAgent());
    awaitCount(() -> notifier.failed(), 1); // 404 from the test server counts as failed
    assertEquals(0, notifier.sent());
  }

  @Test
  void answeredNotificationCountsAsSent() throws Exception {
    server.put("/ok", new byte[0]);
    store.set(PhoneEvent.BOOTUP_COMPLETED.pvalue(), server.base() + "/ok");
    notifier.notify(PhoneEvent.BOOTUP_COMPLETED, Map.of());
    awaitCount(() -> notifier.sent(), 1);
    assertEquals(0, notifier.failed());
  }

  @Test
  void unsetUrlSendsNothing() throws Exception {
    server.put("/ok", new byte[0]);
    store.set(PhoneEvent.DND_ON.pvalue(), server.base() + "/ok");
    notifier.notify(PhoneEvent.DND_OFF, Map.of("mac", "x"));
    notifier.notify(PhoneEvent.DND_ON, Map.of());
    awaitCount(() -> notifier.sent(), 1);
    assertEquals(1, server.seen().size(), "only DND On has a URL");
    assertEquals(0, notifier.failed());
  }

  @Test
  void unreachableServerIsCountedNotThrown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    store.set(PhoneEvent.SAFE_PANIC_CALL.pvalue(), "127.0.0.1:" + port + "/panic?mac=$mac");
    notifier.notify(PhoneEvent.SAFE_PANIC_CALL, Map.of("mac", "000b82123456"));
    awaitCount(() -> notifier.failed(), 1);
    assertEquals(0, notifier.sent());
  }

  @Test
  void unusableUrlIsCountedNotThrown() {
    store.set(PhoneEvent.REGISTER.pvalue(), "ftp://example.org/x");
    notifier.notify(PhoneEvent.REGISTER, Map.of());
    assertEquals(1, notifier.failed());
  }

  private static void awaitCount(java.util.function.LongSupplier counter, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, counter.getAsLong());
  }
}
