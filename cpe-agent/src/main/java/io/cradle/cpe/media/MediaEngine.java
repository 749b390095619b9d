package io.cradle.cpe.media;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTP/RTCP engine shared by all phones of a JVM: a few NIO selector threads receive for every
 * stream, and ONE pacer thread sends every stream's packets on its ptime schedule (plus playout,
 * RTCP and RTP-timeout checks), so 100 calls cost the same threads as one.
 *
 * <p>Usage: {@code MediaEngine.start(1)}, then per call leg {@link #open} an {@link RtpStream},
 * {@link RtpStream#connect} it once SDP is agreed, {@link RtpStream#play}/{@link RtpStream#record},
 * and {@link RtpStream#close} at hang-up. Media is real time by nature: the pacer uses {@link
 * System#nanoTime}, unlike the phone models which run on an injected scheduler.
 */
public final class MediaEngine implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MediaEngine.class.getName());
  private static final long EARLY_NANOS = 20_000;
  private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

  /**
   * How the engine runs.
   *
   * @param selectorThreads receiving threads (1 is plenty for hundreds of calls)
   * @param rtcpInterval between two RTCP reports of a stream (RFC 3550 suggests 5 s)
   * @param name thread name prefix
   * @param seed seeds SSRCs and initial sequence numbers and timestamps
   */
  public record Settings(int selectorThreads, Duration rtcpInterval, String name, long seed) {
    public Settings {
      Objects.requireNonNull(name, "name");
      if (selectorThreads < 1 || rtcpInterval.isNegative() || rtcpInterval.isZero()) {
        throw new IllegalArgumentException("media engine needs ≥ 1 thread and an RTCP interval");
      }
    }

    /** {@code threads} selector threads, RTCP every 5 s. */
    public static Settings defaults(int threads) {
      return new Settings(threads, Duration.ofSeconds(5), "media", System.nanoTime());
    }

    /** With another RTCP interval. */
    public Settings withRtcpInterval(Duration interval) {
      return new Settings(selectorThreads, interval, name, seed);
    }
  }

  private final Settings settings;
  private final Receiver[] receivers;
  private final AtomicInteger nextReceiver = new AtomicInteger();
  private final Thread pacer;
  private final Queue<Slot> newSlots = new ConcurrentLinkedQueue<>();
  private final Map<PortRange, AtomicInteger> portCursors = new ConcurrentHashMap<>();
  private final SplittableRandom random;
  private final long originNanos = System.nanoTime();
  private final long originUnixNanos = System.currentTimeMillis() * 1_000_000L;
  private final Histogram timing = new Histogram();
  private final AtomicInteger openStreams = new AtomicInteger();
  private volatile boolean running = true;

  private MediaEngine(Settings settings) throws IOException {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.receivers = new Receiver[settings.selectorThreads()];
    for (int i = 0; i < receivers.length; i++) {
      receivers[i] = new Receiver(Selector.open(), settings.name() + "-rx-" + i);
    }
    this.pacer = new Thread(this::pace, settings.name() + "-pacer");
    pacer.setDaemon(true);
    pacer.setPriority(Thread.MAX_PRIORITY);
    for (Receiver r : receivers) {
      r.thread.start();
    }
    pacer.start();
  }

  /** Starts an engine with {@code selectorThreads} receiving threads and RTCP every 5 s. */
  public static MediaEngine start(int selectorThreads) throws IOException {
    return start(Settings.defaults(selectorThreads));
  }

  /** Starts an engine. */
  public static MediaEngine start(Settings settings) throws IOException {
    return new MediaEngine(settings);
  }

  /**
   * Opens a call leg on {@code local}: RTP on the first free even port of {@code ports}, RTCP on
   * the next. It receives at once; it sends after {@link RtpStream#connect}.
   *
   * @throws BindException if every pair in the range is taken
   */
  public RtpStream open(InetAddress local, PortRange ports) throws IOException {
    if (!running) {
      throw new IllegalStateException("media engine closed");
    }
    AtomicInteger cursor = portCursors.computeIfAbsent(ports, r -> new AtomicInteger());
    for (int attempt = 0; attempt < ports.pairs(); attempt++) {
      int port = ports.first() + 2 * Math.floorMod(cursor.getAndIncrement(), ports.pairs());
      DatagramChannel rtp = null;
      DatagramChannel rtcp = null;
      try {
        rtp = DatagramChannel.open().bind(new InetSocketAddress(local, port));
        rtcp = DatagramChannel.open().bind(new InetSocketAddress(local, port + 1));
      } catch (BindException e) {
        closeQuietly(rtp);
        closeQuietly(rtcp);
        continue;
      }
      long ssrc;
      int seq;
      long ts;
      SplittableRandom streamRandom;
      synchronized (random) {
        ssrc = random.nextLong(1L << 32);
        seq = random.nextInt(1 << 15);
        ts = random.nextLong(1L << 31);
        streamRandom = random.split();
      }
      RtpStream stream = new RtpStream(this, rtp, rtcp, ssrc, seq, ts, streamRandom);
      Receiver r = receivers[Math.floorMod(nextReceiver.getAndIncrement(), receivers.length)];
      rtp.configureBlocking(false);
      rtcp.configureBlocking(false);
      rtp.register(r.selector, SelectionKey.OP_READ, new Endpoint(stream, false));
      rtcp.register(r.selector, SelectionKey.OP_READ, new Endpoint(stream, true));
      r.selector.wakeup();
      openStreams.incrementAndGet();
      return stream;
    }
    throw new BindException("no free RTP/RTCP port pair on " + local + " in " + ports);
  }

  /** Streams open now. */
  public int openStreams() {
    return openStreams.get();
  }

  /** The pacer's punctuality since start or the last {@link #resetSendTiming}. */
  public SendTiming sendTiming() {
    return timing.snapshot();
  }

  /** Starts measuring punctuality afresh (e.g. after a warm-up). */
  public void resetSendTiming() {
    timing.reset();
  }

  /** Stops the threads; streams still open are closed. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(pacer);
    for (Receiver r : receivers) {
      for (SelectionKey k : java.util.List.copyOf(r.selector.keys())) {
        if (k.attachment() instanceof Endpoint e) {
          e.stream.close();
        }
      }
      try {
        r.selector.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing selector", e);
      }
    }
    try {
      pacer.join(1000);
      for (Receiver r : receivers) {
        r.thread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Duration rtcpInterval() {
    return settings.rtcpInterval();
  }

  void streamClosed() {
    openStreams.decrementAndGet();
    // a channel registered with a selector keeps its port until the selector deregisters it
    for (Receiver r : receivers) {
      r.selector.wakeup();
    }
  }

  /** Starts pacing {@code stream}: its first packet goes one ptime from now. */
  void schedule(RtpStream stream, long ptimeNanos) {
    newSlots.add(new Slot(stream, System.nanoTime() + ptimeNanos));
    LockSupport.unpark(pacer);
  }

  /** The 64-bit NTP timestamp of a {@link System#nanoTime} value. */
  long ntp(long nanos) {
    long unixNanos = originUnixNanos + (nanos - originNanos);
    long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + NTP_UNIX_OFFSET;
    long fraction = (Math.floorMod(unixNanos, 1_000_000_000L) << 32) / 1_000_000_000L;
    return (seconds << 32) | fraction;
  }

  private void pace() {
    PriorityQueue<Slot> queue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    while (running) {
      for (Slot s; (s = newSlots.poll()) != null; ) {
        queue.add(s);
      }
      Slot next = queue.peek();
      if (next == null) {
        LockSupport.parkNanos(10_000_000L);
        continue;
      }
      long now = System.nanoTime();
      long wait = next.due - now;
      if (wait > EARLY_NANOS) {
        LockSupport.parkNanos(wait);
        continue;
      }
      queue.poll();
      if (next.stream.isClosed()) {
        continue;
      }
      timing.record(Math.abs(now - next.due) / 1000);
      try {
        next.stream.tick(now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "media stream " + next.stream.localAddress() + " tick failed", e);
      }
      timing.busy(System.nanoTime() - now);
      long ptime = next.stream.ptimeNanos();
      next.due += ptime;
      if (now - next.due > 5 * ptime) {
        next.due = now + ptime;
        timing.resynced();
      }
      queue.add(next);
    }
  }

  private static void closeQuietly(DatagramChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing channel", e);
      }
    }
  }

  private static final class Slot {
    final RtpStream stream;
    long due;

    Slot(RtpStream stream, long due) {
      this.stream = stream;
      this.due = due;
    }
  }

  private record Endpoint(RtpStream stream, boolean rtcp) {}

  private final class Receiver {
    final Selector selector;
    final Thread thread;
    final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    final byte[] bytes = new byte[2048];

    Receiver(Selector selector, String name) {
      this.selector = selector;
      this.thread = new Thread(this::run, name);
      thread.setDaemon(true);
    }

    void run() {
      while (running) {
        try {
          selector.select(100);
          Iterator<SelectionKey> it = selector.selectedKeys().iterator();
          while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            receive(key);
          }
        } catch (ClosedSelectorException e) {
          return;
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "media receiver", e);
        }
      }
    }

    private void receive(SelectionKey key) {
      Endpoint endpoint = (Endpoint) key.attachment();
      DatagramChannel channel = (DatagramChannel) key.channel();
      try {
        for (int i = 0; i < 64; i++) {
          buffer.clear();
          SocketAddress from = channel.receive(buffer);
          if (from == null) {
            return;
          }
          long now = System.nanoTime();
          buffer.flip();
          int n = buffer.remaining();
          buffer.get(bytes, 0, n);
          if (endpoint.rtcp) {
            endpoint.stream.onRtcp(bytes, n, (InetSocketAddress) from, now);
          } else {
            endpoint.stream.onRtp(bytes, n, (InetSocketAddress) from, now);
          }
        }
      } catch (CancelledKeyException | IOException e) {
        key.cancel(); // the stream was closed under us
      }
    }
  }

  /** Deviations in µs, 10 µs buckets up to 1 s; one writer (the pacer), snapshot under lock. */
  private static final class Histogram {
    private final long[] buckets = new long[100_001];
    private long count;
    private long max;
    private long resynced;
    private long busyNanos;
    private long since = System.nanoTime();

    synchronized void busy(long nanos) {
      busyNanos += nanos;
    }

    synchronized void record(long micros) {
      buckets[(int) Math.min(buckets.length - 1, micros / 10)]++;
      count++;
      max = Math.max(max, micros);
    }

    synchronized void resynced() {
      resynced++;
    }

    synchronized void reset() {
      java.util.Arrays.fill(buckets, 0);
      count = 0;
      max = 0;
      resynced = 0;
      busyNanos = 0;
      since = System.nanoTime();
    }

    synchronized SendTiming snapshot() {
      double busy = 100.0 * busyNanos / Math.max(1, System.nanoTime() - since);
      return new SendTiming(count, percentile(0.50), percentile(0.99), max, resynced, busy);
    }

    private long percentile(double q) {
      if (count == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * count);
      long seen = 0;
      for (int i = 0; i < buckets.length; i++) {
        seen += buckets[i];
        if (seen >= rank) {
          return i * 10L + 5;
        }
      }
      return max;
    }
  }
}
