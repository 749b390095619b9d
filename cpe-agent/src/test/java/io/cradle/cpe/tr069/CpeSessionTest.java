package io.cradle.cpe.tr069;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.model.LiveValues;
import io.cradle.cpe.model.Wp820DataModel;
import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.FactoryResetResponse;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.ScheduleInformResponse;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.param.ParameterType;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.MalformedMessageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPE session state machine driven by pure calls (cwmp-digest §4, §9). */
class CpeSessionTest {

  static final String MS = "Device.ManagementServer.";
  static final Instant NOW = Instant.parse("2026-11-26T16:00:00Z");

  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final DeviceIdentity identity =
      DeviceIdentity.wp820("132113FFF00402B8", "V1.0A", "1.0.7.81", "C0:74:AD:12:34:56");
  final DataModel model =
      Wp820DataModel.create(
          identity, store, LiveValues.placeholders(() -> 42).withIpAddress(() -> "10.0.0.7"));
  final PendingEvents events = new PendingEvents();
  final CpeSession session =
      new CpeSession(
          CpeSession.deviceIdOf(identity), model, events, Clock.fixed(NOW, ZoneOffset.UTC));

  static Envelope acs(String id, CwmpMessage body) {
    return new Envelope(CwmpVersion.V1_0, Header.withId(id), body);
  }

  static Envelope held(String id, CwmpMessage body) {
    return new Envelope(CwmpVersion.V1_0, new Header(id, true, null, null, null), body);
  }

  static Envelope posted(SessionAction action) {
    return assertInstanceOf(SessionAction.Post.class, action).envelope();
  }

  static Inform inform(SessionAction action) {
    return assertInstanceOf(Inform.class, posted(action).body());
  }

  static <T> T answer(SessionAction action, String id, Class<T> type) {
    Envelope e = posted(action);
    assertEquals(id, e.header().id(), "answers copy the request's cwmp:ID");
    assertEquals(CwmpVersion.V1_0, e.version());
    return assertInstanceOf(type, e.body());
  }

  SessionAction informAcknowledged() {
    return session.onResponse(acs(null, new InformResponse()));
  }

  @Test
  void aWholeSessionScript() {
    events.add(new Event(Event.PERIODIC));

    Envelope informEnvelope = posted(session.start());
    assertEquals(CwmpVersion.V1_0, informEnvelope.version());
    assertNotNull(informEnvelope.header().id());
    Inform inform = assertInstanceOf(Inform.class, informEnvelope.body());
    assertEquals(
        new DeviceId("Grandstream", "000B82", "WP820", "132113FFF00402B8"), inform.deviceId());
    assertEquals(List.of(new Event(Event.PERIODIC)), inform.events());
    assertEquals(1, inform.maxEnvelopes());
    assertEquals("2026-11-26T16:00:00Z", inform.currentTime());
    assertEquals(0, inform.retryCount());
    assertEquals(model.informParameters(), inform.parameters());
    assertTrue(inform.parameters().stream().anyMatch(p -> p.name().equals(MS + "ParameterKey")));
    assertTrue(session.inSession());

    assertInstanceOf(SessionAction.PostEmpty.class, informAcknowledged());
    assertTrue(events.isEmpty(), "InformResponse delivers the events");

    GetParameterValuesResponse gpv =
        answer(
            session.onResponse(
                acs("acs-1", new GetParameterValues(List.of(MS + "PeriodicInformInterval")))),
            "acs-1",
            GetParameterValuesResponse.class);
    assertEquals(MS + "PeriodicInformInterval", gpv.parameters().get(0).name());

    SetParameterValuesResponse spv =
        answer(
            session.onResponse(
                acs(
                    "acs-2",
                    new SetParameterValues(
                        List.of(
                            new ParameterValue(
                                MS + "PeriodicInformInterval", "600", ParameterType.UNSIGNED_INT)),
                        "key-7"))),
            "acs-2",
            SetParameterValuesResponse.class);
    assertEquals(0, spv.status());
    assertEquals("key-7", model.parameterKey());
    assertEquals("600", model.value(MS + "PeriodicInformInterval").orElseThrow());

    SessionAction end = session.onEmptyResponse();
    assertEquals(new SessionAction.End(List.of()), end);
    assertFalse(session.inSession());
    assertEquals(0, session.retryCount());
  }

  @Test
  void theNextInformCarriesTheNewParameterKey() {
    session.start();
    informAcknowledged();
    session.onResponse(acs("1", new SetParameterValues(List.of(), "after-spv")));
    session.onEmptyResponse();
    Inform next = inform(session.start());
    assertTrue(next.parameters().contains(ParameterValue.string(MS + "ParameterKey", "after-spv")));
  }

  @Test
  void spvWithABadParameterAnswersTheModels9003AndChangesNothing() {
    session.start();
    informAcknowledged();
    Fault fault =
        answer(
            session.onResponse(
                acs(
                    "bad",
                    new SetParameterValues(
                        List.of(
                            new ParameterValue(
                                MS + "PeriodicInformInterval", "600", ParameterType.UNSIGNED_INT),
                            ParameterValue.string("Device.NoSuchThing", "x")),
                        "k"))),
            "bad",
            Fault.class);
    assertEquals(9003, fault.code());
    assertEquals(1, fault.parameterFaults().size());
    assertEquals("Device.NoSuchThing", fault.parameterFaults().get(0).parameterName());
    assertEquals(9005, fault.parameterFaults().get(0).faultCode());
    assertEquals("", model.parameterKey());
  }

  @Test
  void rebootIsAnsweredAndReturnedAsAnEffectAtTheEnd() {
    session.start();
    informAcknowledged();
    answer(session.onResponse(acs("r", new Reboot("rk"))), "r", RebootResponse.class);
    SessionAction.End end = assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
    assertEquals(List.of(new SessionEffect.RebootAfterSession("rk")), end.effects());
  }

  @Test
  void downloadIsAcceptedAsPendingAndStartsAfterTheSession() {
    Download download =
        new Download(
            "fw-1",
            Download.FIRMWARE_UPGRADE_IMAGE,
            "http://fw.example.org/wp820fw.bin",
            null,
            null,
            1000,
            null,
            0,
            null,
            null);
    session.start();
    informAcknowledged();
    DownloadResponse r =
        answer(session.onResponse(acs("d", download)), "d", DownloadResponse.class);
    assertEquals(new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"), r);
    SessionAction.End end = assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
    assertEquals(List.of(new SessionEffect.StartDownload(download)), end.effects());
  }

  @Test
  void downloadOverAnUnsupportedProtocolIsRefusedWith9013() {
    Download download =
        new Download(
            "x",
            Download.FIRMWARE_UPGRADE_IMAGE,
            "gopher://x/y",
            null,
            null,
            0,
            null,
            0,
            null,
            null);
    session.start();
    informAcknowledged();
    Fault f = answer(session.onResponse(acs("d", download)), "d", Fault.class);
    assertEquals(9013, f.code());
    assertEquals(
        new SessionAction.End(List.of()), session.onEmptyResponse(), "no download started");
  }

  @Test
  void factoryResetAndScheduleInformBecomeEffects() {
    session.start();
    informAcknowledged();
    answer(
        session.onResponse(acs("s", new ScheduleInform(30, "sk"))),
        "s",
        ScheduleInformResponse.class);
    answer(session.onResponse(acs("f", new FactoryReset())), "f", FactoryResetResponse.class);
    SessionAction.End end = assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
    assertEquals(
        List.of(
            new SessionEffect.ScheduleInform(Duration.ofSeconds(30), "sk"),
            new SessionEffect.FactoryResetAfterSession()),
        end.effects());
  }

  @Test
  void scheduleInformWithoutADelayIsInvalid() {
    session.start();
    informAcknowledged();
    Fault f = answer(session.onResponse(acs("s", new ScheduleInform(0, "sk"))), "s", Fault.class);
    assertEquals(9003, f.code());
  }

  @Test
  void getRpcMethodsListsWhatTheCpeAnswers() {
    session.start();
    informAcknowledged();
    GetRPCMethodsResponse r =
        answer(session.onResponse(acs("g", new GetRPCMethods())), "g", GetRPCMethodsResponse.class);
    assertTrue(r.methods().containsAll(List.of("GetParameterValues", "Reboot", "Download")));
    assertFalse(r.methods().contains("Inform"));
  }

  @Test
  void unknownAcsMethodIsAnsweredWith9000AndTheSessionGoesOn() {
    session.start();
    informAcknowledged();
    MalformedMessageException unknown =
        new MalformedMessageException(
            MalformedMessageException.Kind.UNKNOWN_METHOD,
            "unknown CWMP method X_Frobnicate",
            "u-1",
            "X_Frobnicate");
    Fault f = answer(session.onUndecodable(unknown), "u-1", Fault.class);
    assertEquals(FaultCode.CPE_METHOD_NOT_SUPPORTED.code(), f.code());
    assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
  }

  @Test
  void addObjectOnTheFixedModelIs9005() {
    session.start();
    informAcknowledged();
    Fault f =
        answer(
            session.onResponse(
                acs("a", new AddObject("Device.Services.VoiceService.1.VoiceProfile.", "k"))),
            "a",
            Fault.class);
    assertEquals(9005, f.code());
  }

  @Test
  void acsFaultToTheInformFailsTheSessionAndCountsARetry() {
    events.add(new Event(Event.BOOTSTRAP));
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.CONNECTION_REQUEST));
    session.start();
    SessionAction.Failed failed =
        assertInstanceOf(
            SessionAction.Failed.class,
            session.onResponse(acs(null, new Fault(FaultCode.RETRY_REQUEST, "busy"))));
    assertEquals(1, failed.retryCount());
    assertTrue(failed.reason().contains("8005"), failed.reason());
    assertFalse(session.inSession());

    Inform retry = inform(session.start());
    assertEquals(1, retry.retryCount());
    assertEquals(List.of(new Event(Event.BOOTSTRAP), new Event(Event.BOOT)), retry.events());

    session.onTransportFailure("timeout");
    assertEquals(2, inform(session.start()).retryCount());
    informAcknowledged();
    session.onEmptyResponse();
    assertEquals(0, session.retryCount(), "a successful session resets RetryCount");
    assertEquals(0, inform(session.start()).retryCount());
  }

  @Test
  void bootstrapIsKeptWhenTheSessionFailsAfterTheInformResponse() {
    events.add(new Event(Event.BOOTSTRAP));
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.CONNECTION_REQUEST));
    session.start();
    informAcknowledged();
    session.onTransportFailure("connection reset");
    assertEquals(List.of(new Event(Event.BOOTSTRAP)), events.all());
    session.start();
    informAcknowledged();
    session.onEmptyResponse();
    assertTrue(events.isEmpty());
  }

  @Test
  void transferCompleteGoesBeforeTheEmptyPostAndItsEventsClearOnItsAcknowledgement() {
    TransferComplete tc =
        new TransferComplete(
            "fw-1", FaultStruct.NONE, "2026-11-26T15:00:00Z", "2026-11-26T15:01:00Z");
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(Event.M_DOWNLOAD, "fw-1"));

    Inform inform = inform(session.start(List.of(tc)));
    assertTrue(inform.hasEvent(Event.TRANSFER_COMPLETE));
    Envelope tcPost = posted(informAcknowledged());
    assertEquals(tc, tcPost.body());
    assertNotNull(tcPost.header().id());
    assertTrue(events.contains(Event.TRANSFER_COMPLETE), "kept until the TC is acknowledged");
    assertTrue(events.contains(new Event(Event.M_DOWNLOAD, "fw-1")));

    assertInstanceOf(
        SessionAction.PostEmpty.class,
        session.onResponse(acs(tcPost.header().id(), new TransferCompleteResponse())));
    assertTrue(events.isEmpty());
    SessionAction.End end = assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
    assertEquals(List.of(new SessionEffect.TransferCompleteAcknowledged("fw-1")), end.effects());
  }

  @Test
  void anUnacknowledgedTransferCompleteKeepsItsEventsForTheRetry() {
    TransferComplete tc = new TransferComplete("fw-1", FaultStruct.NONE, "", "");
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(Event.M_DOWNLOAD, "fw-1"));
    session.start(List.of(tc));
    informAcknowledged();
    assertInstanceOf(SessionAction.Failed.class, session.onTransportFailure("timeout"));
    Inform retry = inform(session.start(List.of(tc)));
    assertEquals(
        List.of(new Event(Event.TRANSFER_COMPLETE), new Event(Event.M_DOWNLOAD, "fw-1")),
        retry.events());
  }

  @Test
  void holdRequestsDefersTheTransferCompleteUntilTheAcsIsDone() {
    TransferComplete tc = new TransferComplete("fw-1", FaultStruct.NONE, "", "");
    session.start(List.of(tc));
    assertInstanceOf(
        SessionAction.PostEmpty.class, session.onResponse(held(null, new InformResponse())));
    answer(
        session.onResponse(held("g", new GetParameterValues(List.of(MS + "ParameterKey")))),
        "g",
        GetParameterValuesResponse.class);
    assertEquals(tc, posted(session.onEmptyResponse()).body(), "sent once the ACS lets go");
    assertInstanceOf(
        SessionAction.PostEmpty.class,
        session.onResponse(acs("x", new TransferCompleteResponse())));
    assertInstanceOf(SessionAction.End.class, session.onEmptyResponse());
  }

  @Test
  void emptyResponseToTheInformFailsTheSession() {
    session.start();
    assertInstanceOf(SessionAction.Failed.class, session.onEmptyResponse());
    assertEquals(1, session.retryCount());
  }

  @Test
  void anAcsRequestBeforeTheInformResponseFailsTheSession() {
    session.start();
    assertInstanceOf(SessionAction.Failed.class, session.onResponse(acs("x", new GetRPCMethods())));
  }

  @Test
  void startingTwiceIsABug() {
    session.start();
    assertThrows(IllegalStateException.class, session::start);
    assertThrows(
        IllegalStateException.class,
        () ->
            new CpeSession(CpeSession.deviceIdOf(identity), model, events, Clock.systemUTC())
                .onEmptyResponse());
  }

  @Test
  void valueChangesReportedInTheInformAreAcknowledgedByTheInformResponse() {
    String url = MS + "URL";
    model.setParameterAttributes(
        List.of(new SetParameterAttribute(url, true, 1, false, List.of())));
    store.set("P4503", "http://other-acs.example.org/"); // changed on the phone
    assertEquals(java.util.Set.of(url), model.notifications().pendingChanged());
    Inform inform = inform(session.start());
    assertTrue(
        inform.parameters().contains(ParameterValue.string(url, "http://other-acs.example.org/")));
    informAcknowledged();
    assertTrue(model.notifications().pendingChanged().isEmpty());
  }
}
