package io.cradle.fleet.scenario;

import io.cradle.cpe.media.CallStats;
import io.cradle.cpe.media.RtpStream;
import io.cradle.cpe.phone.CallMedia;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * A scenario's phone-to-phone calls over SIP: the {@code calls} line's random load and the scripted
 * {@code kind=call} events. The caller dials the callee's SIP user (account 1) through the fleet's
 * SIP server; the callee's wearer answers once it has rung for {@link Scenario#answerAfter()}; the
 * caller hangs up after the call's length and counts how it went, with the RTP statistics its phone
 * measured, in {@link ScenarioStats}. Everything a phone does runs on its own scheduler.
 */
public final class CallTraffic {

  /** A phone that calls and is called: its SIP user agent lives on {@code scheduler}. */
  public record Party(Phone phone, Scheduler scheduler, CallMedia media) {}

  /** How often a ringing callee's wearer looks at the phone, as a share of answer-after. */
  private static final int ANSWER_CHECKS = 10;

  private final Scenario scenario;
  private final IntFunction<String> userOf;
  private final ScenarioStats stats;
  private final AtomicReferenceArray<Party> parties;

  /**
   * @param userOf the SIP user of phone {@code i}: what its callers dial
   */
  public CallTraffic(Scenario scenario, IntFunction<String> userOf, ScenarioStats stats) {
    this.scenario = scenario;
    this.userOf = userOf;
    this.stats = stats;
    this.parties = new AtomicReferenceArray<>(scenario.phoneCount());
  }

  /**
   * Phone {@code index} is built: it can be called from now on, and it places its scripted calls
   * and, with a {@code calls} line, its random ones (drawn from {@code random}) at their scenario
   * times from {@code origin}.
   */
  public void join(int index, Party party, RandomGenerator random, Instant origin) {
    parties.set(index, party);
    for (Scenario.ScriptedEvent e : scenario.events()) {
      if (e.kind() == Scenario.EventKind.CALL && e.phone() == index) {
        party
            .scheduler()
            .scheduleAt(
                origin.plus(e.at()),
                () -> {
                  stats.scriptedEvent();
                  place(index, e.callee(), e.length());
                });
      }
    }
    scenario.calls().ifPresent(load -> dialLater(index, load, random));
  }

  /** Books phone {@code index}'s next random call: exponential gaps, a Poisson process. */
  private void dialLater(int index, Scenario.CallLoad load, RandomGenerator random) {
    int phones = scenario.phoneCount();
    if (phones < 2) {
      return;
    }
    double meanSeconds = 3600 / load.perPhoneHour();
    Duration gap =
        Duration.ofNanos((long) (-Math.log(1 - random.nextDouble()) * meanSeconds * 1e9));
    parties
        .get(index)
        .scheduler()
        .schedule(
            gap,
            () -> {
              int callee = random.nextInt(phones - 1);
              place(index, callee >= index ? callee + 1 : callee, load.duration());
              dialLater(index, load, random);
            });
  }

  /** On the caller's scheduler: dials the callee and books the answer and the hang-up. */
  private void place(int caller, int callee, Duration length) {
    Party from = parties.get(caller);
    Optional<SipUserAgent> sip = from.phone().sip();
    if (sip.isEmpty() || !"Idle".equals(sip.get().callState(1))) {
      stats.callSkipped(); // on the phone already: the wearer does not dial
      return;
    }
    Call call;
    try {
      call = sip.get().dial(1, userOf.apply(callee));
    } catch (IllegalStateException e) {
      stats.callSkipped(); // SIP is down (phone off, out of coverage)
      return;
    }
    stats.callAttempted();
    Duration answerAfter = scenario.answerAfter();
    Instant hangUpAt = from.scheduler().now().plus(answerAfter).plus(length);
    Party to = parties.get(callee);
    if (to != null) {
      to.scheduler().schedule(answerAfter, () -> answerWhenRinging(to, hangUpAt));
    }
    from.scheduler().scheduleAt(hangUpAt, () -> hangUp(from, call));
  }

  /**
   * On the callee's scheduler: answers the call ringing on account 1 (call waiting is off, so there
   * is at most one); if the INVITE has not arrived yet, looks again a little later.
   */
  private void answerWhenRinging(Party to, Instant giveUpAt) {
    Optional<Call> ringing =
        to.phone()
            .sip()
            .flatMap(ua -> ua.call(1))
            .filter(
                c -> c.direction() == Call.Direction.INCOMING && c.state() == Call.State.RINGING);
    if (ringing.isPresent()) {
      ringing.get().answer();
      return;
    }
    Duration step = scenario.answerAfter().dividedBy(ANSWER_CHECKS);
    if (step.isZero()) {
      step = Duration.ofMillis(10);
    }
    if (to.scheduler().now().plus(step).isBefore(giveUpAt)) {
      to.scheduler().schedule(step, () -> answerWhenRinging(to, giveUpAt));
    }
  }

  /** On the caller's scheduler at the call's end: counts how it went and hangs up. */
  private void hangUp(Party from, Call call) {
    switch (call.state()) {
      case CONNECTED -> {
        Optional<CallStats> media = from.media().stream(call.localRtpPort()).map(RtpStream::stats);
        stats.callAnswered(media);
        call.hangup();
      }
      case ENDED ->
          stats.callFailed(
              call.endStatus() >= 300
                  ? call.endStatus() + " " + call.endReason()
                  : "ended before its time");
      default -> {
        stats.callFailed("not answered");
        call.hangup();
      }
    }
  }
}
