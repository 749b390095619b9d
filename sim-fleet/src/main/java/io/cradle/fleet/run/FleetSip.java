package io.cradle.fleet.run;

import io.cradle.cpe.media.AudioSink;
import io.cradle.cpe.media.MediaEngine;
import io.cradle.cpe.media.PortRange;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.phone.CallMedia;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.Registration;
import io.cradle.cpe.sip.jain.JainSipHost;
import io.cradle.cpe.time.Scheduler;
import io.cradle.fleet.registrar.Registrar;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * The fleet's SIP side: one shared {@link JainSipHost} on 127.0.0.1 for all phones' SIP, one {@link
 * MediaEngine} for their calls' RTP (each phone's streams on its own loopback address), and — with
 * {@code --sip embedded} — the fleet's own {@link Registrar}. Gives each phone account 1 of the
 * {@link SipPlan}.
 */
final class FleetSip implements AutoCloseable {

  /** Each phone's RTP/RTCP ports, on its own address: room for a call and a waiting one. */
  private static final PortRange RTP_PORTS = new PortRange(50040, 50059);

  /** What a fleet phone's caller says: a steady tone, so the far end's packets carry audio. */
  private static final double TONE_HZ = 440;

  /** What a fleet phone hears: not kept; the call statistics measure it. */
  private static final AudioSink DISCARD = (frame, length) -> {};

  private final SipPlan plan;
  private final int phones;
  private final Registrar registrar;
  private final JainSipHost host;
  private final MediaEngine media;
  private final HostPort server;

  private FleetSip(
      SipPlan plan, int phones, Registrar registrar, JainSipHost host, MediaEngine media) {
    this.plan = plan;
    this.phones = phones;
    this.registrar = registrar;
    this.host = host;
    this.media = media;
    this.server = registrar != null ? registrar.address() : plan.server().orElseThrow();
  }

  /**
   * Starts the shared SIP parts: the registrar first when the plan wants the embedded one.
   *
   * @throws IOException if no loopback port is free
   */
  static FleetSip start(SipPlan plan, int phones, long seed) throws IOException {
    Registrar registrar = null;
    JainSipHost host = null;
    try {
      if (plan.server().isEmpty()) {
        registrar =
            Registrar.start(
                new HostPort("127.0.0.1", JainSipHost.freePort("127.0.0.1")),
                user -> plan.indexOf(user, phones).map(i -> plan.password()),
                Clock.systemUTC());
      }
      host = JainSipHost.shared(new HostPort("127.0.0.1", JainSipHost.freePort("127.0.0.1")));
      MediaEngine media =
          MediaEngine.start(
              new MediaEngine.Settings(1, Duration.ofSeconds(5), "fleet-media", seed));
      return new FleetSip(plan, phones, registrar, host, media);
    } catch (IOException | RuntimeException e) {
      if (host != null) {
        host.close();
      }
      if (registrar != null) {
        registrar.close();
      }
      throw e;
    }
  }

  /** Where the phones register. */
  HostPort server() {
    return server;
  }

  SipPlan plan() {
    return plan;
  }

  /** The embedded registrar, when the fleet runs its own. */
  Optional<Registrar> registrar() {
    return Optional.ofNullable(registrar);
  }

  /**
   * Phone {@code index}'s account 1: active (P271), the server (P47), user and password (P35, P34),
   * the user as display name (P3); call waiting off (P91), so a phone in a call answers a second
   * one 486 Busy Here, as the call statistics count it.
   */
  Map<String, String> settings(int index) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("P271", "1");
    s.put("P47", server.toString());
    s.put("P35", plan.user(index));
    s.put("P34", plan.password());
    s.put("P3", plan.user(index));
    s.put("P91", "1");
    return s;
  }

  /** Gives a phone the shared SIP stack and real RTP on its own address; returns its media. */
  CallMedia equip(Phone.Builder builder, String address) throws IOException {
    CallMedia calls =
        new CallMedia(
            media,
            InetAddress.getByName(address),
            RTP_PORTS,
            () -> ToneGenerator.sine(TONE_HZ),
            () -> DISCARD);
    builder.sip(host).media(calls);
    return calls;
  }

  /**
   * Where the phones' account 1 stands now, each read on its phone's scheduler (a phone not built,
   * or not answering within a second, counts as {@code unknown}).
   */
  SipLines lines(IntFunction<Phone> phone, IntFunction<Scheduler> scheduler) {
    Map<String, Long> byStatus = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    long accepted = 0;
    for (int i = 0; i < phones; i++) {
      Line line = read(phone.apply(i), scheduler.apply(i));
      byStatus.merge(line.status(), 1L, Long::sum);
      if (!line.error().isEmpty()) {
        errors.merge(line.error(), 1L, Long::sum);
      }
      accepted += line.registrations();
    }
    return new SipLines(
        byStatus,
        errors,
        accepted,
        server.toString(),
        registrar().map(Registrar::counts),
        registrar().map(Registrar::bindingCount).orElse(0));
  }

  /** Account 1 of one phone: Line.Status, why it last failed, REGISTERs accepted. */
  private record Line(String status, String error, long registrations) {
    static final Line UNKNOWN = new Line("unknown", "", 0);
  }

  private static Line read(Phone phone, Scheduler scheduler) {
    if (phone == null || scheduler == null) {
      return Line.UNKNOWN;
    }
    CompletableFuture<Line> line = new CompletableFuture<>();
    scheduler.schedule(
        Duration.ZERO,
        () ->
            line.complete(
                phone
                    .sip()
                    .map(
                        ua ->
                            new Line(
                                ua.lineStatus(1),
                                ua.registration(1).map(Registration::lastError).orElse(""),
                                ua.registration(1).map(Registration::successes).orElse(0L)))
                    .orElse(Line.UNKNOWN)));
    try {
      return line.get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Line.UNKNOWN;
    } catch (ExecutionException | TimeoutException notAnswered) {
      return Line.UNKNOWN;
    }
  }

  @Override
  public void close() {
    host.close();
    media.close();
    if (registrar != null) {
      registrar.close();
    }
  }
}
