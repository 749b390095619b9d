package io.cradle.cpe.ptt;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.AudioSink;
import io.cradle.cpe.media.AudioSource;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.media.MalformedPacketException;
import io.cradle.cpe.media.RtpPacket;
import io.cradle.cpe.ptt.PttArbiter.Decision;
import io.cradle.cpe.ptt.PttArbiter.PhoneState;
import io.cradle.cpe.safe.ButtonActions;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One phone's Spectralink-compatible PTT and group paging on its {@link Scheduler}: the button held
 * transmits in the block's codec (G.711 µ-law, or G.722) on the default channel (or group, by the
 * paging mode P22193) or on one picked with {@link #talk}, released sends the END packets; received
 * talks go through the {@link PttArbiter} and are played to the speaker, with the {@link
 * PttListener} told. Wire format: {@link PttPacket}. Grandstream multicast paging is received on
 * the transports given to {@link #listenForPaging}, under the same arbiter, and sent there by
 * {@link #page}.
 *
 * <p>All state is touched on the scheduler's thread: datagrams from the transport are handed over
 * with {@code schedule(ZERO, …)}, and {@link #press()}/{@link #release()} must be called there (the
 * multi-function button is).
 */
public final class PttService implements ButtonActions {

  /** A talk whose packets stop for this long has ended (its END packets were lost). */
  public static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(1);

  /** Packet interval of a multicast page (the guide gives the paging address no ptime). */
  public static final Duration PAGING_PTIME = Duration.ofMillis(20);

  /** END packets sent when the button is released, against loss. */
  static final int END_PACKETS = 3;

  /** What the rest of the phone tells the arbiter. */
  public interface CallStatus {
    /** Nothing else going on: DND off, no call. */
    CallStatus IDLE =
        new CallStatus() {
          @Override
          public boolean dnd() {
            return false;
          }

          @Override
          public boolean inCall() {
            return false;
          }
        };

    boolean dnd();

    boolean inCall();
  }

  private final Scheduler scheduler;
  private final PValueStore store;
  private final PttTransport transport;
  private final Random random;
  private final AudioSource microphone;
  private final AudioSink speaker;
  private final CallStatus status;
  private final List<PttListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Integer, PttTransport> pagingTransports = new ConcurrentHashMap<>();

  // receiving
  private Talk receiving;
  private long receivingSsrc;
  private Instant lastHeard;
  private boolean callHeld;
  private Cancellable watchdog;
  private short[] playout = new short[0];
  private Codec playCodec;
  private Codec.Decoder playDecoder;

  // transmitting
  private Talk transmitting;
  private PttTransport txTransport;
  private Codec txCodec;
  private Codec.Encoder txEncoder;
  private long txSsrc = -1;
  private int txSequence;
  private long txTimestamp;
  private boolean txFirst;
  private String txCallerId;
  private short[] txFrame;
  private Cancellable txTimer;

  private long ignored;
  private long malformed;

  public PttService(
      Scheduler scheduler,
      PValueStore store,
      PttTransport transport,
      Random random,
      AudioSource microphone,
      AudioSink speaker,
      CallStatus status) {
    this.scheduler = Objects.requireNonNull(scheduler);
    this.store = Objects.requireNonNull(store);
    this.transport = Objects.requireNonNull(transport);
    this.random = Objects.requireNonNull(random);
    this.microphone = Objects.requireNonNull(microphone);
    this.speaker = Objects.requireNonNull(speaker);
    this.status = Objects.requireNonNull(status);
    transport.receiver(
        (datagram, length) -> {
          byte[] copy = Arrays.copyOf(datagram, length);
          scheduler.schedule(Duration.ZERO, () -> onDatagram(copy));
        });
  }

  public void addListener(PttListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** The talk playing, if any. */
  public Optional<Talk> receiving() {
    return Optional.ofNullable(receiving);
  }

  /** The channel this phone is transmitting on, if any. */
  public Optional<Talk> transmitting() {
    return Optional.ofNullable(transmitting);
  }

  /** Talk packets the arbiter ignored. */
  public long ignored() {
    return ignored;
  }

  /** Datagrams that were not Cradle PTT packets. */
  public long malformed() {
    return malformed;
  }

  @Override
  public void pttStart() {
    press();
  }

  @Override
  public void pttStop() {
    release();
  }

  /**
   * The PTT button is held: transmit on the default channel (PTT mode) or group (group paging
   * mode), or in multicast paging mode page the first configured paging address (the top of the
   * paging list).
   *
   * @return whether the phone is now transmitting
   */
  public boolean press() {
    PttSettings settings = PttSettings.read(store);
    return switch (settings.mode()) {
      case PTT -> talk(settings.ptt().defaultChannel());
      case GROUP_PAGING -> talk(settings.groupPaging().defaultChannel());
      case MULTICAST ->
          PagingSettings.read(store).addresses().stream()
              .findFirst()
              .map(a -> page(a.priority()))
              .orElse(false);
    };
  }

  /**
   * The user picked {@code channel} (PTT 1-25 or group 26-50) from the list and holds the button:
   * transmit if it is Available and Transmit and the phone is neither in a call nor playing a talk
   * of the same or a higher level.
   *
   * @return whether the phone is now transmitting (true if it already was)
   */
  public boolean talk(int channel) {
    if (transmitting != null) {
      return true;
    }
    PttSettings settings = PttSettings.read(store);
    ChannelPlan plan = settings.planOf(channel);
    if (settings.address().isEmpty() || !plan.canTransmit(channel) || status.inCall()) {
      return false;
    }
    Talk talk = Talk.spectralink(channel);
    if (!overridesPlaying(talk)) {
      return false;
    }
    startTransmitting(talk, transport, plan.ptime(), codecOf(plan), plan.callerId());
    return true;
  }

  /**
   * Pages the Multicast Paging address of {@code priority} (1-10): plain RTP in the Multicast
   * Paging Codec every {@link #PAGING_PTIME}, no END (listeners time out). Needs Multicast Paging
   * on, the address configured and joined through {@link #listenForPaging}, and no call.
   *
   * @return whether the phone is now transmitting (true if it already was)
   */
  public boolean page(int priority) {
    if (transmitting != null) {
      return true;
    }
    PagingSettings paging = PagingSettings.read(store);
    PttTransport group = pagingTransports.get(priority);
    if (!paging.enabled()
        || paging.address(priority).isEmpty()
        || group == null
        || status.inCall()) {
      return false;
    }
    Talk talk = Talk.multicast(priority);
    if (!overridesPlaying(talk)) {
      return false;
    }
    startTransmitting(talk, group, PAGING_PTIME, paging.codec(), "");
    return true;
  }

  /**
   * The plan's audio codec (P22180/P22197): G.722 if chosen, else G.711 µ-law (Opus is not here).
   */
  private static Codec codecOf(ChannelPlan plan) {
    return plan.codec() == ChannelPlan.CODEC_G722 ? Codec.G722 : Codec.PCMU;
  }

  /** Half duplex: talking over a talk playing needs a higher level; the talk then stops. */
  private boolean overridesPlaying(Talk talk) {
    if (receiving == null) {
      return true;
    }
    PttArbiter arbiter = new PttArbiter(PttSettings.read(store), PagingSettings.read(store));
    if (arbiter.level(talk).compareTo(arbiter.level(receiving)) <= 0) {
      return false;
    }
    endReceiving(true);
    return true;
  }

  private void startTransmitting(
      Talk talk, PttTransport to, Duration ptime, Codec codec, String callerId) {
    transmitting = talk;
    txTransport = to;
    txCodec = codec;
    txEncoder = codec.newEncoder();
    txSsrc = random.nextInt() & 0xFFFF_FFFFL;
    txSequence = random.nextInt(0x10000);
    txTimestamp = random.nextInt() & 0xFFFF_FFFFL;
    txFirst = true;
    txCallerId = callerId;
    txFrame = new short[(int) ptime.toMillis() * Codec.CLOCK_RATE / 1000];
    listeners.forEach(l -> l.transmitStarted(talk.channel()));
    sendFrame();
    txTimer = scheduler.every(ptime, this::sendFrame);
  }

  /** The PTT button is released: send the END packets and stop. */
  public void release() {
    if (transmitting != null) {
      stopTransmitting();
    }
  }

  /** Stops everything; the transport is closed by its owner. */
  public void close() {
    release();
    if (receiving != null) {
      endReceiving(true);
    }
  }

  private void sendFrame() {
    microphone.read(txFrame);
    send(txEncoder.encode(txFrame), false);
    txTimestamp = (txTimestamp + txFrame.length) & 0xFFFF_FFFFL;
  }

  private void send(byte[] payload, boolean end) {
    RtpPacket rtp =
        RtpPacket.of(txFirst, txCodec.payloadType(), txSequence, txTimestamp, txSsrc, payload);
    if (transmitting.kind() == Talk.Kind.MULTICAST_PAGE) {
      txTransport.send(rtp.encode());
    } else {
      txTransport.send(new PttPacket(transmitting.channel(), end, txCallerId, rtp).encode());
    }
    txFirst = false;
    txSequence = (txSequence + 1) & 0xFFFF;
  }

  private void stopTransmitting() {
    txTimer.cancel();
    if (transmitting.kind() != Talk.Kind.MULTICAST_PAGE) {
      for (int i = 0; i < END_PACKETS; i++) {
        send(new byte[0], true);
      }
    }
    int channel = transmitting.channel();
    transmitting = null;
    listeners.forEach(l -> l.transmitStopped(channel));
  }

  private void onDatagram(byte[] datagram) {
    PttPacket packet;
    try {
      packet = PttPacket.parse(datagram, 0, datagram.length);
    } catch (MalformedPacketException e) {
      malformed++;
      return;
    }
    long ssrc = packet.rtp().ssrc();
    if (ssrc == txSsrc) {
      return; // our own, looped back
    }
    if (receiving != null
        && receiving.kind() != Talk.Kind.MULTICAST_PAGE
        && ssrc == receivingSsrc) {
      if (packet.end()) {
        endReceiving(true);
      } else {
        lastHeard = scheduler.now();
        play(packet.rtp());
      }
      return;
    }
    if (packet.end()) {
      return;
    }
    admit(Talk.spectralink(packet.channel()), packet.callerId(), packet.rtp());
  }

  /**
   * Listens for Grandstream multicast paging of {@code priority} (1-10) on {@code transport}: plain
   * RTP (no PTT extension, no END: a page ends after {@link #RECEIVE_TIMEOUT} of silence), the
   * address's label shown as the caller.
   */
  public void listenForPaging(int priority, PttTransport transport) {
    pagingTransports.put(priority, transport);
    transport.receiver(
        (datagram, length) -> {
          byte[] copy = Arrays.copyOf(datagram, length);
          scheduler.schedule(Duration.ZERO, () -> onPage(priority, copy));
        });
  }

  private void onPage(int priority, byte[] datagram) {
    RtpPacket rtp;
    try {
      rtp = RtpPacket.parse(datagram);
    } catch (MalformedPacketException e) {
      malformed++;
      return;
    }
    if (rtp.ssrc() == txSsrc) {
      return; // our own page, looped back
    }
    Talk talk = Talk.multicast(priority);
    if (talk.equals(receiving) && rtp.ssrc() == receivingSsrc) {
      lastHeard = scheduler.now();
      play(rtp);
      return;
    }
    String label =
        PagingSettings.read(store)
            .address(priority)
            .map(PagingSettings.PagingAddress::label)
            .orElse("");
    admit(talk, label, rtp);
  }

  /** A new talk's first packet: the arbiter decides whether it plays. */
  private void admit(Talk talk, String callerId, RtpPacket rtp) {
    PttArbiter arbiter = new PttArbiter(PttSettings.read(store), PagingSettings.read(store));
    Decision decision =
        arbiter.decide(
            talk, new PhoneState(status.dnd(), status.inCall(), receiving, transmitting));
    switch (decision) {
      case IGNORE:
        ignored++;
        return;
      case PREEMPT:
        if (transmitting != null) {
          stopTransmitting();
        }
        if (receiving != null) {
          endReceiving(false);
        }
        break;
      case BARGE:
        callHeld = true;
        listeners.forEach(l -> l.callHeld());
        break;
      case PLAY:
      default:
        break;
    }
    receiving = talk;
    playCodec = null; // a new talk, a new decoder: G.722's state is per stream
    receivingSsrc = rtp.ssrc();
    lastHeard = scheduler.now();
    if (talk.kind() == Talk.Kind.MULTICAST_PAGE) {
      listeners.forEach(l -> l.multicastPageReceived(talk.channel(), callerId));
    } else {
      listeners.forEach(l -> l.pttReceived(talk.channel(), callerId));
    }
    play(rtp);
    watchdog = scheduler.schedule(RECEIVE_TIMEOUT, this::checkTimeout);
  }

  private void play(RtpPacket rtp) {
    Optional<Codec> codec = Codec.ofPayloadType(rtp.payloadType());
    if (codec.isEmpty() || rtp.payload().length == 0) {
      return;
    }
    if (playout.length < rtp.payload().length) {
      playout = new short[rtp.payload().length];
    }
    if (playCodec != codec.get()) {
      playCodec = codec.get();
      playDecoder = playCodec.newDecoder();
    }
    int n = playDecoder.decode(rtp.payload(), playout);
    speaker.write(playout, n);
  }

  private void checkTimeout() {
    if (receiving == null) {
      return;
    }
    Instant due = lastHeard.plus(RECEIVE_TIMEOUT);
    if (!scheduler.now().isBefore(due)) {
      endReceiving(true);
    } else {
      watchdog = scheduler.scheduleAt(due, this::checkTimeout);
    }
  }

  /** Ends the talk playing; {@code resume} tells a held call it may resume (not on preemption). */
  private void endReceiving(boolean resume) {
    Talk ended = receiving;
    receiving = null;
    watchdog.cancel();
    if (ended.kind() == Talk.Kind.MULTICAST_PAGE) {
      listeners.forEach(l -> l.multicastPageEnded(ended.channel()));
    } else {
      listeners.forEach(l -> l.pttEnded(ended.channel()));
    }
    if (resume && callHeld) {
      callHeld = false;
      listeners.forEach(l -> l.callResumed());
    }
  }
}
