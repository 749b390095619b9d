package io.cradle.cpe.connreq;

import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the Connection Request URLs of many phones from one selector thread, so a fleet of
 * thousands of simulated phones in one JVM costs one thread rather than one HTTP server each.
 *
 * <p>Each phone gets its own listening socket. A request is answered and the connection closed; an
 * accepted Connection Request is answered 200 with an empty body, and only once that answer is
 * handed to the kernel is the phone's {@link Listener} told, because ACSs break if the Inform
 * arrives before the answer.
 */
public final class ConnectionRequestServer implements AutoCloseable {

  /**
   * Told of each accepted Connection Request. It runs on the selector thread and must not block: it
   * should only schedule a session (for example on the phone's scheduler). Several calls before
   * that session starts must be coalesced by the phone into one session, as TR-069 asks; the server
   * cannot know when a session starts.
   */
  @FunctionalInterface
  public interface Listener {
    void onConnectionRequest();
  }

  /** One phone's Connection Request URL; {@link #close} frees its port. */
  public interface Registration extends AutoCloseable {

    /** The bound address, with the actual port when 0 was asked for. */
    InetSocketAddress address();

    /** The ConnectionRequestURL to publish, e.g. {@code http://127.0.1.7:40123/cr/3f9a}. */
    String url();

    @Override
    void close();
  }

  /**
   * How the server behaves.
   *
   * @param threadName the selector thread's name
   * @param realm the Digest realm presented to ACSs
   * @param minInterval at least this long between two accepted Connection Requests of one phone
   * @param connectionTimeout a connection is closed this long after it was accepted, whatever state
   *     it is in, so slow or silent clients cannot pile up
   * @param nonceLifetime after this a nonce is stale and the ACS is challenged again
   * @param clock the time nonces carry
   */
  public record Settings(
      String threadName,
      String realm,
      Duration minInterval,
      Duration connectionTimeout,
      Duration nonceLifetime,
      Clock clock) {

    public Settings {
      Objects.requireNonNull(threadName, "threadName");
      Objects.requireNonNull(realm, "realm");
      Objects.requireNonNull(minInterval, "minInterval");
      Objects.requireNonNull(clock, "clock");
      if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
        throw new IllegalArgumentException("connection timeout must be positive");
      }
    }

    /** Realm {@code WP820}, 5 s between accepted requests, 10 s per connection, 5 min nonces. */
    public static Settings defaults(String threadName) {
      return new Settings(
          threadName,
          "WP820",
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Clock.systemUTC());
    }
  }

  private static final Logger LOG = Logger.getLogger(ConnectionRequestServer.class.getName());
  private static final int BACKLOG = 16;

  private final Settings settings;
  private final Selector selector;
  private final NonceIssuer nonces;
  private final long sweepMillis;
  private final Thread thread;
  // Work for the selector thread: registering with a selector from another thread would block
  // until the current select() returns.
  private final Queue<FutureTask<?>> tasks = new ArrayDeque<>();
  private boolean stopped;
  private volatile boolean running = true;

  private ConnectionRequestServer(Settings settings) throws IOException {
    this.settings = settings;
    this.selector = Selector.open();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.nonces = new NonceIssuer(secret, settings.nonceLifetime(), settings.clock());
    this.sweepMillis = Math.max(10, Math.min(1000, settings.connectionTimeout().toMillis() / 4));
    this.thread = new Thread(this::loop, settings.threadName());
    thread.setDaemon(true);
  }

  /** Opens the selector and starts its thread. */
  public static ConnectionRequestServer start(Settings settings) throws IOException {
    ConnectionRequestServer server = new ConnectionRequestServer(settings);
    server.thread.start();
    return server;
  }

  /**
   * Listens for one phone's Connection Requests.
   *
   * @param bind the phone's address, port 0 for any free port
   * @param path the path of the phone's ConnectionRequestURL, e.g. {@code /cr/3f9a…}
   * @param credentials read on every request, so a change of ConnectionRequestUsername or
   *     ConnectionRequestPassword applies at once; called on the selector thread, so it must be
   *     thread-safe and fast
   * @throws IOException if the address cannot be bound
   * @throws IllegalStateException if the server is closed
   */
  public Registration register(
      InetSocketAddress bind, String path, Supplier<Credentials> credentials, Listener listener)
      throws IOException {
    Endpoint endpoint =
        new Endpoint(
            Objects.requireNonNull(path, "path"),
            new DigestServer(settings.realm(), nonces),
            Objects.requireNonNull(credentials, "credentials"),
            new RateLimiter(settings.minInterval()),
            Objects.requireNonNull(listener, "listener"));
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(bind, BACKLOG);
      channel.configureBlocking(false);
      SelectionKey key =
          onSelectorThread(() -> channel.register(selector, SelectionKey.OP_ACCEPT, endpoint));
      InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
      return new Registration() {
        @Override
        public InetSocketAddress address() {
          return bound;
        }

        @Override
        public String url() {
          String host = bound.getAddress().getHostAddress();
          if (bound.getAddress() instanceof Inet6Address) {
            host = "[" + host + "]";
          }
          return "http://" + host + ":" + bound.getPort() + path;
        }

        @Override
        public void close() {
          unregister(key, endpoint);
        }
      };
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The selector thread's name, to find it in thread dumps. */
  public String threadName() {
    return thread.getName();
  }

  /** Stops the selector thread and closes every socket. Waits for the thread to end. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void unregister(SelectionKey key, Endpoint endpoint) {
    boolean calledFromListener = Thread.currentThread() == thread;
    try {
      onSelectorThread(
          () -> {
            endpoint.close();
            key.cancel();
            key.channel().close();
            // A closed channel keeps its port until the selector drops the cancelled key; drop it
            // now so the caller can bind the port again as soon as close() returns. Not from a
            // listener, though: that runs while the selected keys are being iterated.
            if (!calledFromListener) {
              selector.selectNow();
            }
            return null;
          });
    } catch (IllegalStateException closedServer) {
      // The server closed every socket already.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A step run on the selector thread. */
  private interface SelectorTask<T> {
    T run() throws IOException;
  }

  private <T> T onSelectorThread(SelectorTask<T> task) throws IOException {
    FutureTask<T> future =
        new FutureTask<>(
            () -> {
              try {
                return task.run();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (Thread.currentThread() == thread) {
      future.run();
    } else {
      synchronized (tasks) {
        if (stopped) {
          throw new IllegalStateException("connection request server is closed");
        }
        tasks.add(future);
      }
      selector.wakeup();
    }
    try {
      return future.get();
    } catch (CancellationException e) {
      throw new IllegalStateException("connection request server is closed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the selector thread", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  private void loop() {
    long lastSweep = System.nanoTime();
    try {
      while (running) {
        runTasks();
        selector.select(sweepMillis);
        long now = System.nanoTime();
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
          SelectionKey key = selected.next();
          selected.remove();
          handle(key, now);
        }
        if (now - lastSweep >= sweepMillis * 1_000_000L) {
          closeExpired(now);
          lastSweep = now;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "connection request selector failed; no phone can be reached", e);
    } finally {
      shutdown();
    }
  }

  private void runTasks() {
    while (true) {
      FutureTask<?> task;
      synchronized (tasks) {
        task = tasks.poll();
      }
      if (task == null) {
        return;
      }
      task.run();
    }
  }

  private void handle(SelectionKey key, long now) {
    if (!key.isValid()) {
      return;
    }
    try {
      if (key.attachment() instanceof Endpoint endpoint) {
        accept(key, endpoint, now);
        return;
      }
      Connection connection = (Connection) key.attachment();
      boolean answered =
          key.isReadable() ? connection.onReadable(key, now) : connection.onWritable(key);
      if (answered) {
        notifyListener(connection.endpoint());
      }
    } catch (IOException | CancelledKeyException e) {
      // The client went away; nothing to answer.
      closeQuietly(key.channel());
    }
  }

  private void accept(SelectionKey key, Endpoint endpoint, long now) {
    ServerSocketChannel server = (ServerSocketChannel) key.channel();
    long deadline = now + settings.connectionTimeout().toNanos();
    while (true) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        // Typically out of file descriptors: keep listening, the phone must stay reachable.
        LOG.log(Level.WARNING, "accepting a connection request failed", e);
        return;
      }
      if (client == null) {
        return;
      }
      try {
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ, new Connection(endpoint, deadline));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private static void notifyListener(Endpoint endpoint) {
    try {
      endpoint.notifyListener();
    } catch (RuntimeException e) {
      // One phone's fault must not take down the thread serving the whole fleet.
      LOG.log(Level.WARNING, "connection request listener failed", e);
    }
  }

  private void closeExpired(long now) {
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Connection connection && connection.expired(now)) {
        closeQuietly(key.channel());
      }
    }
  }

  private void shutdown() {
    synchronized (tasks) {
      stopped = true;
      tasks.forEach(task -> task.cancel(false));
      tasks.clear();
    }
    for (SelectionKey key : selector.keys()) {
      closeQuietly(key.channel());
    }
    try {
      // Also drops the cancelled keys, which releases the ports.
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the connection request selector failed", e);
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a connection request socket failed", e);
    }
  }
}
