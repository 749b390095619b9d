package io.cradle.cpe.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call leg's media: an RTP and an RTCP socket on the phone's address, sending the {@link
 * AudioSource}'s frames every ptime in the negotiated codec, receiving into a {@link JitterBuffer}
 * that plays out to an {@link AudioSink}, DTMF by RFC 2833 or in audio, RTCP SR/RR, the RTP
 * timeout, and {@link #stats}. Made by {@link MediaEngine#open}; safe to use from any thread.
 * {@link Listener} methods run on the engine's threads and must not block.
 */
public final class RtpStream implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RtpStream.class.getName());
  private static final int DTMF_VOLUME = 10;
  private static final int DTMF_END_PACKETS = 3;
  private static final int DTMF_GAP_PACKETS = 3;

  /** What a call leg tells the call layer. Runs on engine threads: do not block. */
  public interface Listener {
    /** A DTMF digit was received by RFC 2833 (reported once, at its end). */
    default void onDtmf(char digit, int durationMs) {}

    /** Nothing arrived for the RTP Timeout: the call should be hung up. Reported once. */
    default void onRtpTimeout() {}
  }

  private final MediaEngine engine;
  private final DatagramChannel rtp;
  private final DatagramChannel rtcp;
  private final InetSocketAddress local;
  private final long ssrc;
  private final String cname;
  private final byte[] sendBytes = new byte[1500];
  private final ByteBuffer sendBuffer = ByteBuffer.wrap(sendBytes);
  private final ArrayDeque<Digit> digits = new ArrayDeque<>();
  private final SplittableRandom random;
  private final ReceptionStats reception = new ReceptionStats(Codec.CLOCK_RATE);

  private MediaParameters params;
  private Codec.Encoder encoder;
  private final java.util.Map<Codec, Codec.Decoder> decoders = new java.util.EnumMap<>(Codec.class);
  private InetSocketAddress remoteRtp;
  private InetSocketAddress remoteRtcp;
  private AudioSource source = AudioSource.silence();
  private AudioSink sink;
  private Listener listener = new Listener() {};
  private JitterBuffer jitterBuffer;
  private short[] frame = new short[0];
  private short[] heard = new short[0];
  private boolean scheduled;
  private boolean closed;
  private int sequence;
  private long timestamp;
  private boolean firstPacket = true;
  private long packetsSent;
  private long octetsSent;
  private long sendErrors;
  private long malformed;
  private long rtcpSent;
  private long rtcpReceived;
  private long nextRtcpNanos;
  private long lastReceiveNanos;
  private long interruptedUntilNanos;
  private boolean interrupted;
  private boolean timedOut;
  private long remoteSsrc = -1;
  private long lastSrMiddle;
  private long lastSrArrivalNanos;
  private double farEndLoss = -1;
  private double farEndJitterMs = -1;
  private double roundTripMs = -1;
  // the digit being sent
  private char sendingDigit;
  private long eventTimestamp;
  private int eventDuration;
  private int eventTarget;
  private int endPacketsSent;
  private int gapPackets;
  private ToneGenerator inAudioTone;
  private int inAudioPacketsLeft;
  // the digit being received
  private long receivingEventTs = -1;
  private boolean receivingReported = true;
  private TelephoneEvent receivingEvent;

  RtpStream(
      MediaEngine engine,
      DatagramChannel rtp,
      DatagramChannel rtcp,
      long ssrc,
      int sequence,
      long timestamp,
      SplittableRandom random)
      throws IOException {
    this.engine = engine;
    this.random = random;
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.local = (InetSocketAddress) rtp.getLocalAddress();
    this.ssrc = ssrc;
    this.sequence = sequence;
    this.timestamp = timestamp;
    this.cname = Long.toHexString(ssrc) + "@" + local.getAddress().getHostAddress();
  }

  /** The local RTP address to put in SDP (RTCP is the next port). */
  public InetSocketAddress localAddress() {
    return local;
  }

  /** This leg's SSRC. */
  public long ssrc() {
    return ssrc;
  }

  /**
   * Starts (or, on a re-INVITE, changes) sending to {@code remoteRtp} (RTCP to its port + 1) with
   * the negotiated parameters.
   */
  public void connect(InetSocketAddress remoteRtp, MediaParameters parameters) {
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(parameters, "parameters");
    boolean schedule;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("stream " + local + " is closed");
      }
      boolean newTiming = params == null || params.ptime() != parameters.ptime();
      if (params == null || params.codec() != parameters.codec()) {
        encoder = parameters.codec().newEncoder();
      }
      this.params = parameters;
      this.remoteRtp = remoteRtp;
      this.remoteRtcp = new InetSocketAddress(remoteRtp.getAddress(), remoteRtp.getPort() + 1);
      if (newTiming) {
        jitterBuffer =
            new JitterBuffer(
                parameters.ptime(), parameters.jitterMinMs(), parameters.jitterMaxMs());
        frame = new short[parameters.samplesPerPacket()];
        heard = new short[parameters.samplesPerPacket()];
      }
      long now = System.nanoTime();
      lastReceiveNanos = now;
      timedOut = false;
      nextRtcpNanos = now + rtcpInterval() / 2; // RFC 3550 §6.2: the first one sooner
      schedule = !scheduled;
      scheduled = true;
    }
    if (schedule) {
      engine.schedule(this, parameters.ptime() * 1_000_000L);
    }
  }

  /** Plays {@code source} into the call from the next packet on (silence by default). */
  public synchronized void play(AudioSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** Sends what is heard to {@code sink} (null: to nowhere). */
  public synchronized void record(AudioSink sink) {
    this.sink = sink;
  }

  /** Sets who is told of DTMF and RTP timeouts. */
  public synchronized void listener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Sends a DTMF digit (0-9 * # A-D) of 100 ms after any still queued. */
  public void sendDtmf(char digit) {
    sendDtmf(digit, Duration.ofMillis(100));
  }

  /**
   * Sends a DTMF digit by RFC 2833 or in audio as the parameters say, after any still queued.
   *
   * @throws IllegalStateException before {@link #connect} or when DTMF goes by SIP INFO (the SIP
   *     layer's job)
   */
  public synchronized void sendDtmf(char digit, Duration duration) {
    TelephoneEvent.eventOf(digit);
    if (params == null) {
      throw new IllegalStateException("DTMF before the stream is connected");
    }
    if (params.dtmfMode() == DtmfMode.SIP_INFO) {
      throw new IllegalStateException("DTMF mode is SIP INFO: the SIP layer sends it");
    }
    digits.add(
        new Digit(digit, (int) Math.max(params.ptime(), Math.min(8000, duration.toMillis()))));
  }

  /**
   * Starts (or changes) sending to {@code remoteRtp} with {@code codec}, {@code ptime} ms and the
   * telephone-event payload type {@code dtmfPayloadType} (−1 for none), other settings at the
   * WP820's defaults ({@link MediaParameters#of(Codec, int, int)}).
   */
  public void connect(InetSocketAddress remoteRtp, Codec codec, int ptime, int dtmfPayloadType) {
    connect(remoteRtp, MediaParameters.of(codec, ptime, dtmfPayloadType));
  }

  /** A snapshot of this leg's statistics. */
  /**
   * The network drops this call's packets both ways for {@code gap} (a Wi-Fi roam): what is sent
   * meanwhile is lost on the way, what arrives is never heard, so both ends count the loss.
   */
  public synchronized void interrupt(Duration gap) {
    interruptedUntilNanos = System.nanoTime() + gap.toNanos();
    interrupted = true;
  }

  /** Whether packets are being lost to an {@link #interrupt}, as of {@code now}. */
  private boolean inGap(long now) {
    if (interrupted && now - interruptedUntilNanos >= 0) {
      interrupted = false;
    }
    return interrupted;
  }

  public synchronized CallStats stats() {
    return new CallStats(
        params == null ? null : params.codec(),
        params == null ? 0 : params.ptime(),
        packetsSent,
        octetsSent,
        reception.received(),
        reception.octets(),
        reception.cumulativeLost(),
        reception.jitterMillis(),
        farEndLoss,
        farEndJitterMs,
        roundTripMs,
        jitterBuffer == null ? 0 : jitterBuffer.delayNanos() / 1e6,
        jitterBuffer == null ? 0 : jitterBuffer.late(),
        jitterBuffer == null ? 0 : jitterBuffer.lost(),
        rtcpSent,
        rtcpReceived);
  }

  /** Packets refused as malformed, and sends that failed. */
  public synchronized long errors() {
    return malformed + sendErrors;
  }

  /** Where packets go now (moves with Symmetric RTP). */
  public synchronized InetSocketAddress remoteAddress() {
    return remoteRtp;
  }

  /** Stops sending and frees the ports; the stats stay readable. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      rtp.close();
      rtcp.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing " + local, e);
    }
    engine.streamClosed();
  }

  /** The RTCP interval randomised over [0.5, 1.5] of the engine's (RFC 3550 §6.3.1). */
  private long rtcpInterval() {
    return (long) (engine.rtcpInterval().toNanos() * (0.5 + random.nextDouble()));
  }

  private record Digit(char digit, int durationMs) {}

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized long ptimeNanos() {
    return params.ptime() * 1_000_000L;
  }

  /** One ptime on the pacer thread: send, play out, RTCP, timeout. */
  void tick(long now) {
    Listener timeout = null;
    synchronized (this) {
      if (closed || params == null) {
        return;
      }
      sendPacket();
      playOut(now);
      if (now - nextRtcpNanos >= 0) {
        sendRtcp(now);
        nextRtcpNanos = now + rtcpInterval();
      }
      long limit = params.rtpTimeout().toNanos();
      if (limit > 0 && !timedOut && now - lastReceiveNanos > limit) {
        timedOut = true;
        timeout = listener;
      }
    }
    if (timeout != null) {
      timeout.onRtpTimeout();
    }
  }

  private void sendPacket() {
    int samples = params.samplesPerPacket();
    if (params.rfc2833() && (sendingDigit != 0 || (!digits.isEmpty() && gapPackets == 0))) {
      sendEvent(samples);
    } else {
      if (gapPackets > 0) {
        gapPackets--;
      }
      if (inAudioTone == null && !digits.isEmpty() && gapPackets == 0 && !params.rfc2833()) {
        Digit d = digits.poll();
        inAudioTone = ToneGenerator.dtmf(d.digit());
        inAudioPacketsLeft = Math.max(1, d.durationMs() / params.ptime());
      }
      if (inAudioTone != null) {
        inAudioTone.read(frame);
        if (--inAudioPacketsLeft == 0) {
          inAudioTone = null;
          gapPackets = DTMF_GAP_PACKETS;
        }
      } else {
        source.read(frame);
      }
      send(firstPacket, params.codec().payloadType(), timestamp, encoder.encode(frame));
      firstPacket = false;
    }
    timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
  }

  private void sendEvent(int samples) {
    boolean start = sendingDigit == 0;
    if (start) {
      Digit d = digits.poll();
      sendingDigit = d.digit();
      eventTimestamp = timestamp;
      eventDuration = 0;
      eventTarget = d.durationMs() * 8;
      endPacketsSent = 0;
    }
    if (eventDuration < eventTarget) {
      eventDuration = Math.min(0xFFFF, eventDuration + samples);
    }
    boolean end = eventDuration >= eventTarget;
    TelephoneEvent event =
        new TelephoneEvent(TelephoneEvent.eventOf(sendingDigit), end, DTMF_VOLUME, eventDuration);
    send(start, params.dtmfPayloadType(), eventTimestamp, event.encode());
    if (end && ++endPacketsSent == DTMF_END_PACKETS) {
      sendingDigit = 0;
      gapPackets = DTMF_GAP_PACKETS;
    }
  }

  private void send(boolean marker, int payloadType, long ts, byte[] payload) {
    RtpPacket packet = RtpPacket.of(marker, payloadType, sequence, ts, ssrc, payload);
    sequence = (sequence + 1) & 0xFFFF;
    if (inGap(System.nanoTime())) {
      return; // sequence and timestamp move on: the far end sees the gap as loss
    }
    int n = packet.encodeInto(sendBytes);
    sendBuffer.clear().limit(n);
    try {
      if (rtp.send(sendBuffer, remoteRtp) == n) {
        packetsSent++;
        octetsSent += payload.length;
      } else {
        sendErrors++;
      }
    } catch (IOException e) {
      sendErrors++;
    }
  }

  private void playOut(long now) {
    JitterBuffer.Playout slot = jitterBuffer.poll(now);
    if (slot == null || sink == null) {
      return;
    }
    int n = heard.length;
    Codec codec =
        slot.lost() ? null : Codec.ofPayloadType(slot.packet().payloadType()).orElse(null);
    if (codec == null) {
      java.util.Arrays.fill(heard, (short) 0); // lost, or a DTMF event: silence (no concealment)
    } else {
      n = decoders.computeIfAbsent(codec, Codec::newDecoder).decode(slot.packet().payload(), heard);
    }
    sink.write(heard, n);
  }

  private void sendRtcp(long now) {
    Rtcp.SenderInfo info =
        packetsSent == 0
            ? null
            : new Rtcp.SenderInfo(engine.ntp(now), timestamp, packetsSent, octetsSent);
    java.util.List<Rtcp.ReportBlock> blocks = new java.util.ArrayList<>();
    if (reception.started()) {
      long dlsr =
          lastSrMiddle == 0 ? 0 : (long) ((now - lastSrArrivalNanos) * 65536.0 / 1_000_000_000L);
      blocks.add(reception.reportBlock(remoteSsrc, lastSrMiddle, dlsr));
    }
    byte[] packet = Rtcp.encode(new Rtcp.Report(ssrc, info, blocks), cname);
    try {
      rtcp.send(ByteBuffer.wrap(packet), remoteRtcp);
      rtcpSent++;
    } catch (IOException e) {
      sendErrors++;
    }
  }

  /** A datagram on the RTP port (selector thread). */
  void onRtp(byte[] data, int length, InetSocketAddress from, long now) {
    RtpPacket packet;
    try {
      packet = RtpPacket.parse(data, 0, length);
    } catch (MalformedPacketException e) {
      synchronized (this) {
        malformed++;
      }
      return;
    }
    Listener told = null;
    char digit = 0;
    int durationMs = 0;
    synchronized (this) {
      if (closed || params == null) {
        return;
      }
      if (inGap(now)) {
        return;
      }
      if (params.symmetricRtp() && !from.equals(remoteRtp)) {
        remoteRtp = from;
      }
      remoteSsrc = packet.ssrc();
      lastReceiveNanos = now;
      boolean event =
          params.dtmfPayloadType() != -1 && packet.payloadType() == params.dtmfPayloadType();
      reception.onPacket(packet, now, !event);
      jitterBuffer.offer(packet, now);
      if (event) {
        TelephoneEvent e;
        try {
          e = TelephoneEvent.parse(packet.payload());
        } catch (MalformedPacketException x) {
          malformed++;
          return;
        }
        if (packet.timestamp() != receivingEventTs) {
          if (!receivingReported && receivingEvent != null) {
            // the end packets of the previous event were all lost: report it now
            told = listener;
            digit = receivingEvent.digit();
            durationMs = receivingEvent.duration() / 8;
          }
          receivingEventTs = packet.timestamp();
          receivingReported = false;
        }
        receivingEvent = e;
        if (e.end() && !receivingReported) {
          receivingReported = true;
          if (told == null) {
            told = listener;
            digit = e.digit();
            durationMs = e.duration() / 8;
          }
        }
      }
    }
    if (told != null) {
      told.onDtmf(digit, durationMs);
    }
  }

  /** A datagram on the RTCP port (selector thread). */
  void onRtcp(byte[] data, int length, InetSocketAddress from, long now) {
    java.util.List<Rtcp.Report> reports;
    try {
      reports = Rtcp.parse(data, 0, length);
    } catch (MalformedPacketException e) {
      synchronized (this) {
        malformed++;
      }
      return;
    }
    synchronized (this) {
      if (closed || params == null) {
        return;
      }
      rtcpReceived++;
      if (params.symmetricRtp() && !from.equals(remoteRtcp)) {
        remoteRtcp = from;
      }
      for (Rtcp.Report r : reports) {
        if (r.senderInfo() != null) {
          lastSrMiddle = Rtcp.middle32(r.senderInfo().ntpTimestamp());
          lastSrArrivalNanos = now;
        }
        for (Rtcp.ReportBlock b : r.blocks()) {
          if (b.ssrc() == ssrc) {
            farEndLoss = b.fractionLost() / 256.0;
            farEndJitterMs = b.jitter() * 1000.0 / Codec.CLOCK_RATE;
            double rtt = Rtcp.roundTripMillis(b, engine.ntp(now));
            if (rtt >= 0) {
              roundTripMs = rtt;
            }
          }
        }
      }
    }
  }
}
