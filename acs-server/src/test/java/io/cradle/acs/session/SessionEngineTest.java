package io.cradle.acs.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.session.SessionState.Phase;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.RequestDownload;
import io.cradle.cwmp.message.RequestDownloadResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session state machine, without HTTP or a database. */
class SessionEngineTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Inform INFORM =
      new Inform(
          new DeviceId("Grandstream", "000B82", "WP820", "S1"),
          List.of(new Event(Event.PERIODIC)),
          1,
          "",
          0,
          List.of());

  private static Step open(List<QueuedRpc> queue, CwmpVersion version, Header header) {
    return SessionEngine.open(
        "s1", 7, "000B82-WP820-S1", new Envelope(version, header, INFORM), queue, T0);
  }

  @Test
  void informResponseEchoesIdAndNamespace() {
    Step step = open(List.of(), CwmpVersion.V1_2, Header.withId("abc"));
    assertInstanceOf(InformResponse.class, step.reply().body());
    assertEquals(CwmpVersion.V1_2, step.reply().version());
    assertEquals("abc", step.reply().header().id());
    assertEquals(Phase.CPE_REQUESTS, step.state().phase());
    assertTrue(step.effects().isEmpty());
  }

  @Test
  void cwmp14CpeIsToldTheHighestVersionItListed() {
    Step step = open(List.of(), CwmpVersion.V1_2, new Header("x", false, 30L, "1.0,1.2,1.4", null));
    assertEquals("1.4", step.reply().header().useCwmpVersion());
    Step older = open(List.of(), CwmpVersion.V1_2, new Header("x", false, null, "1.0, 1.1", null));
    assertEquals("1.1", older.reply().header().useCwmpVersion());
    assertNull(open(List.of(), CwmpVersion.V1_0, Header.NONE).reply().header().useCwmpVersion());
  }

  @Test
  void emptyPostWithNothingQueuedEndsTheSession() {
    Step step =
        SessionEngine.onEmptyPost(open(List.of(), CwmpVersion.V1_0, Header.NONE).state(), T0);
    assertTrue(step.endsSession());
    assertEquals(List.of(new Effect.Ended()), step.effects());
    assertEquals(Phase.ENDED, step.state().phase());
  }

  @Test
  void queuedRpcsGoOutOneAtATimeAndEachAnswerIsRecorded() {
    QueuedRpc gpv = new QueuedRpc(1, new GetParameterValues(List.of("Device.")));
    QueuedRpc reboot = new QueuedRpc(2, new Reboot("k"));
    SessionState s = open(List.of(gpv, reboot), CwmpVersion.V1_0, Header.NONE).state();

    Step first = SessionEngine.onEmptyPost(s, T0);
    assertEquals(gpv.request(), first.reply().body());
    assertEquals(List.of(new Effect.TaskSent(1)), first.effects());
    String id = first.reply().header().id();

    GetParameterValuesResponse values = new GetParameterValuesResponse(List.of());
    Step second =
        SessionEngine.onMessage(
            first.state(), new Envelope(CwmpVersion.V1_0, Header.withId(id), values), T0);
    assertEquals(reboot.request(), second.reply().body());
    assertEquals(
        List.of(new Effect.TaskAnswered(1, values), new Effect.TaskSent(2)), second.effects());

    Step end =
        SessionEngine.onMessage(
            second.state(), new Envelope(CwmpVersion.V1_0, Header.NONE, new RebootResponse()), T0);
    assertTrue(end.endsSession());
    assertEquals(
        List.of(new Effect.TaskAnswered(2, new RebootResponse()), new Effect.Ended()),
        end.effects());
  }

  @Test
  void faultAndWrongAnswerFaultTheTaskAndTheQueueGoesOn() {
    QueuedRpc gpn = new QueuedRpc(1, new GetParameterNames("Device.", true));
    QueuedRpc gpv = new QueuedRpc(2, new GetParameterValues(List.of("Device.")));
    SessionState s = open(List.of(gpn, gpv), CwmpVersion.V1_0, Header.NONE).state();
    Step sent = SessionEngine.onEmptyPost(s, T0);

    Fault fault = new Fault(FaultCode.CPE_INVALID_ARGUMENTS, "no");
    Step next =
        SessionEngine.onMessage(
            sent.state(), new Envelope(CwmpVersion.V1_0, Header.NONE, fault), T0);
    assertEquals(new Effect.TaskFaulted(1, fault), next.effects().get(0));
    assertEquals(gpv.request(), next.reply().body());

    Step wrong =
        SessionEngine.onMessage(
            next.state(), new Envelope(CwmpVersion.V1_0, Header.NONE, new RebootResponse()), T0);
    Effect.TaskFaulted mismatch =
        assertInstanceOf(Effect.TaskFaulted.class, wrong.effects().get(0));
    assertEquals(2, mismatch.taskId());
    assertTrue(mismatch.fault().message().contains("RebootResponse"));
  }

  @Test
  void anEmptyPostInsteadOfAnAnswerEndsWithoutSettlingTheTask() {
    QueuedRpc gpv = new QueuedRpc(5, new GetParameterValues(List.of("Device.")));
    Step sent =
        SessionEngine.onEmptyPost(open(List.of(gpv), CwmpVersion.V1_0, Header.NONE).state(), T0);
    Step dropped = SessionEngine.onEmptyPost(sent.state(), T0);
    assertTrue(dropped.endsSession());
    assertEquals(List.of(new Effect.Ended()), dropped.effects(), "the next Inform settles it");
  }

  @Test
  void abandoningASessionLeavesItsInFlightTaskToTheNextInform() {
    QueuedRpc gpv = new QueuedRpc(9, new GetParameterValues(List.of("Device.")));
    Step sent =
        SessionEngine.onEmptyPost(open(List.of(gpv), CwmpVersion.V1_0, Header.NONE).state(), T0);
    assertEquals(List.of(new Effect.Ended()), SessionEngine.abandon(sent.state()));
  }

  @Test
  void cpeRequestsAreAnsweredAndRecorded() {
    SessionState s = open(List.of(), CwmpVersion.V1_0, Header.NONE).state();
    TransferComplete tc = new TransferComplete("k", null, "", "");
    Step step =
        SessionEngine.onMessage(s, new Envelope(CwmpVersion.V1_0, Header.withId("t"), tc), T0);
    assertInstanceOf(TransferCompleteResponse.class, step.reply().body());
    assertEquals("t", step.reply().header().id());
    assertEquals(List.of(new Effect.TransferCompleted(tc)), step.effects());
    assertEquals(Phase.CPE_REQUESTS, step.state().phase(), "the CPE may send more requests");

    RequestDownload rd = new RequestDownload("1 Firmware Upgrade Image", List.of());
    Step asked =
        SessionEngine.onMessage(step.state(), new Envelope(CwmpVersion.V1_0, Header.NONE, rd), T0);
    assertInstanceOf(RequestDownloadResponse.class, asked.reply().body());
    assertEquals(List.of(new Effect.DownloadRequested(rd)), asked.effects());
  }

  @Test
  void aSecondInformInTheSessionIsRefused() {
    SessionState s = open(List.of(), CwmpVersion.V1_0, Header.NONE).state();
    Step step = SessionEngine.onMessage(s, new Envelope(CwmpVersion.V1_0, Header.NONE, INFORM), T0);
    Fault fault = assertInstanceOf(Fault.class, step.reply().body());
    assertEquals(8001, fault.code());
  }
}
