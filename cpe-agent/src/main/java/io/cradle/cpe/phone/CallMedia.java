package io.cradle.cpe.phone;

import io.cradle.cpe.media.AudioSink;
import io.cradle.cpe.media.AudioSource;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.media.ConferenceMixer;
import io.cradle.cpe.media.MediaEngine;
import io.cradle.cpe.media.PortRange;
import io.cradle.cpe.media.RtpStream;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.Sdp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Real RTP for a phone's calls: each call gets a stream on the phone's address from the JVM's one
 * {@link MediaEngine}, sends what {@code microphone} gives and hands what it hears to {@code
 * speaker}.
 */
public final class CallMedia implements MediaPort {

  /** The WP820's default: 20 ms of audio per packet (Voice Frames per TX 2). */
  static final int PTIME_MS = 20;

  /** The telephone-event payload type the phone offers (admin guide default 101). */
  static final int DTMF_PAYLOAD_TYPE = 101;

  private final MediaEngine engine;
  private final InetAddress local;
  private final PortRange ports;
  private final Supplier<AudioSource> microphone;
  private final Supplier<AudioSink> speaker;
  private final Map<Integer, RtpStream> streams = new ConcurrentHashMap<>();

  /** The calls in a 3-way conference: each port's leg (0 or 1) of the one mixer. */
  private final Map<Integer, Integer> legs = new ConcurrentHashMap<>();

  private volatile ConferenceMixer mixer;

  public CallMedia(
      MediaEngine engine,
      InetAddress local,
      PortRange ports,
      Supplier<AudioSource> microphone,
      Supplier<AudioSink> speaker) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.local = Objects.requireNonNull(local, "local");
    this.ports = Objects.requireNonNull(ports, "ports");
    this.microphone = Objects.requireNonNull(microphone, "microphone");
    this.speaker = Objects.requireNonNull(speaker, "speaker");
  }

  @Override
  public int allocate() {
    try {
      RtpStream stream = engine.open(local, ports);
      int port = stream.localAddress().getPort();
      streams.put(port, stream);
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException("no RTP port free on " + local + " in " + ports, e);
    }
  }

  @Override
  public void connect(int localPort, Sdp remote) {
    RtpStream stream = streams.get(localPort);
    if (stream == null) {
      return;
    }
    Codec codec = Codec.ofPayloadType(remote.payloadType()).orElse(Codec.PCMU);
    stream.connect(
        new InetSocketAddress(remote.address(), remote.port()), codec, PTIME_MS, DTMF_PAYLOAD_TYPE);
    Integer leg = legs.get(localPort);
    ConferenceMixer m = mixer;
    if (leg != null && m != null) {
      stream.record(m.heardFrom(leg));
      stream.play(m.sentTo(leg));
    } else {
      stream.record(speaker.get());
      stream.play(microphone.get());
    }
  }

  @Override
  public void hold(int localPort, boolean held) {
    RtpStream stream = streams.get(localPort);
    if (stream != null) {
      // No local music on hold (P-value "Enable Local MOH" is not modelled): the far end hears
      // silence, still paced, so its RTP timeout does not hang up a held call.
      Integer leg = legs.get(localPort);
      ConferenceMixer m = mixer;
      stream.play(
          held
              ? AudioSource.silence()
              : leg != null && m != null ? m.sentTo(leg) : microphone.get());
    }
  }

  @Override
  public synchronized void conference(int firstPort, int secondPort) {
    RtpStream first = streams.get(firstPort);
    RtpStream second = streams.get(secondPort);
    if (first == null || second == null || firstPort == secondPort) {
      return;
    }
    ConferenceMixer m = new ConferenceMixer(microphone, speaker.get());
    mixer = m;
    legs.clear();
    legs.put(firstPort, 0);
    legs.put(secondPort, 1);
    first.record(m.heardFrom(0));
    first.play(m.sentTo(0));
    second.record(m.heardFrom(1));
    second.play(m.sentTo(1));
  }

  @Override
  public void release(int localPort) {
    RtpStream stream = streams.remove(localPort);
    if (stream != null) {
      stream.close();
    }
    endConference(localPort);
  }

  /** A conference call ended: the other goes on as a plain call with the phone's own audio. */
  private synchronized void endConference(int localPort) {
    if (legs.remove(localPort) == null) {
      return;
    }
    mixer = null;
    for (int other : legs.keySet()) {
      RtpStream left = streams.get(other);
      if (left != null) {
        left.record(speaker.get());
        left.play(microphone.get());
      }
    }
    legs.clear();
  }

  /** Every call loses its packets both ways for {@code gap}: the phone is roaming. */
  public void interrupt(Duration gap) {
    streams.values().forEach(stream -> stream.interrupt(gap));
  }

  /** The stream of the call on {@code localPort}, for its statistics. */
  public Optional<RtpStream> stream(int localPort) {
    return Optional.ofNullable(streams.get(localPort));
  }
}
