package io.cradle.cpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Value change tracking: local changes notify, ACS changes do not. */
class NotificationsTest {

  static final String NTP = "Device.Time.NTPServer1";
  static final String IP = "Device.LAN.IPAddress";
  static final String UPTIME = "Device.DeviceInfo.UpTime";

  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final AtomicLong upTime = new AtomicLong(1);
  final AtomicReference<String> ip = new AtomicReference<>("10.0.0.7");
  final DataModel model =
      Wp820DataModel.create(
          DeviceIdentity.wp820("SN1", "V1.0A", "1.0.7.81", "C0:74:AD:00:00:01"),
          store,
          LiveValues.placeholders(upTime::get).withIpAddress(ip::get));
  final Notifications notifications = model.notifications();
  final AtomicInteger activeCalls = new AtomicInteger();

  {
    notifications.onActiveChange(activeCalls::incrementAndGet);
  }

  private void notify(String name, int level) {
    assertTrue(
        model
            .setParameterAttributes(
                List.of(new SetParameterAttribute(name, true, level, false, List.of())))
            .isOk());
  }

  @Test
  void localChangeWithActiveNotificationIsReportedActive() {
    notify(NTP, 2);
    store.set("P30", "ntp.example.org"); // e.g. a config file
    assertEquals(Set.of(NTP), notifications.pendingActive());
    assertEquals(Set.of(), notifications.pendingPassive());
    assertTrue(notifications.activeChangePending());
    assertEquals(1, activeCalls.get());
    assertTrue(
        model.informParameters().contains(ParameterValue.string(NTP, "ntp.example.org")),
        model.informParameters().toString());

    assertEquals(Set.of(NTP), notifications.takeChanged());
    assertFalse(notifications.activeChangePending());
    assertEquals(Set.of(), notifications.pendingActive());
    assertFalse(model.informParameters().stream().anyMatch(p -> p.name().equals(NTP)));
  }

  @Test
  void localChangeWithPassiveNotificationWaitsForTheNextInform() {
    notify(NTP, 1);
    store.set("P30", "ntp.example.org");
    assertEquals(Set.of(NTP), notifications.pendingPassive());
    assertEquals(Set.of(), notifications.pendingActive());
    assertFalse(notifications.activeChangePending());
    assertEquals(0, activeCalls.get());
    assertTrue(model.informParameters().stream().anyMatch(p -> p.name().equals(NTP)));
  }

  @Test
  void localChangeWithNotificationOffIsNotReported() {
    notify(NTP, 0);
    store.set("P30", "ntp.example.org");
    assertEquals(Set.of(), notifications.pendingChanged());
    assertFalse(notifications.activeChangePending());
    assertEquals(0, activeCalls.get());
  }

  @Test
  void acsChangeRaisesNoNotification() {
    notify(NTP, 2);
    assertTrue(
        model
            .setParameterValues(List.of(ParameterValue.string(NTP, "acs.example.org")), "k")
            .isOk());
    assertEquals("acs.example.org", store.get("P30").orElseThrow());
    assertEquals(Set.of(), notifications.pendingChanged());
    assertFalse(notifications.activeChangePending());
    assertEquals(0, activeCalls.get());

    // ...but the next local change does.
    store.set("P30", "local.example.org");
    assertEquals(Set.of(NTP), notifications.pendingActive());
  }

  @Test
  void onePValueChangeNotifiesEveryParameterBoundToIt() {
    String vp = "Device.Services.VoiceService.1.VoiceProfile.2.";
    notify(vp + "Enable", 1);
    notify(vp + "Line.1.Enable", 2);
    store.set("P401", "1");
    assertEquals(Set.of(vp + "Enable"), notifications.pendingPassive());
    assertEquals(Set.of(vp + "Line.1.Enable"), notifications.pendingActive());
  }

  @Test
  void liveValuesAreReportedWhenPolled() {
    notify(IP, 2);
    notify(UPTIME, 1);
    notifications.checkLiveValues();
    assertEquals(Set.of(), notifications.pendingChanged(), "no change since the model was built");

    ip.set("10.0.0.9");
    upTime.set(61);
    assertEquals(Set.of(), notifications.pendingChanged(), "only polling notices");
    notifications.checkLiveValues();
    // ConnectionRequestURL is built from the IP and notifies actively by default.
    assertEquals(
        Set.of("Device.ManagementServer.ConnectionRequestURL", IP), notifications.pendingActive());
    assertEquals(Set.of(UPTIME), notifications.pendingPassive());
    assertEquals(1, activeCalls.get());
    Map<String, String> inform = new java.util.HashMap<>();
    model.informParameters().forEach(p -> inform.put(p.name(), p.value()));
    assertEquals("61", inform.get(UPTIME));
    assertEquals("10.0.0.9", inform.get(IP));
  }

  @Test
  void connectionRequestUrlNotifiesActivelyByDefaultWhenTheAddressChanges() {
    ip.set("10.0.0.10");
    notifications.checkLiveValues();
    assertEquals(
        Set.of("Device.ManagementServer.ConnectionRequestURL"), notifications.pendingActive());
    assertTrue(notifications.activeChangePending());
  }

  @Test
  void acknowledgeKeepsChangesMadeAfterTheInformWasBuilt() {
    notify(NTP, 2);
    notify("Device.Time.LocalTimeZone", 1);
    store.set("P30", "one.example.org");
    store.set("P64", "Europe/Berlin");
    List<ParameterValue> sent = model.informParameters();
    store.set("P30", "two.example.org"); // changes again while the Inform is in flight
    notifications.acknowledge(sent);
    assertEquals(Set.of(NTP), notifications.pendingChanged());
    assertTrue(notifications.activeChangePending());

    notifications.acknowledge(model.informParameters());
    assertEquals(Set.of(), notifications.pendingChanged());
    assertFalse(notifications.activeChangePending());
  }
}
