package io.cradle.cpe.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.model.DataModel;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.param.ParameterType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Device.X_GRANDSTREAM_Safe.}: live state for the ACS, settings bound to the P-values. */
class SafeParametersTest {

  static final String P = SafeParameters.PREFIX;

  final SafeFixture f =
      new SafeFixture(
          () -> new MotionSample(0.001, 5, 0),
          SafeFixture.settings(
              SafeSettings.NO_MOVEMENT_SENSITIVITY, "2",
              SafeSettings.NO_MOVEMENT_TIMEOUT, "30",
              SafeSettings.WARNING_TIMEOUT, "10"));
  final DataModel model = SafeParameters.addTo(DataModel.builder(f.store), f.monitor).build();

  String value(String name) {
    return model.value(P + name).orElseThrow();
  }

  @Test
  void liveValuesFollowTheMonitor() {
    assertEquals("Disabled", value("State"));
    assertEquals("", value("LastAlarmType"));
    assertEquals("0001-01-01T00:00:00Z", value("LastAlarmTime"));
    assertEquals("0", value("AlarmCount"));
    f.monitor.start();
    assertEquals("Monitoring", value("State"));
    f.runToSeconds(30);
    assertEquals("Warning", value("State"));
    f.runToSeconds(40);
    assertEquals("Alarm", value("State"));
    assertEquals("NoMovement", value("LastAlarmType"));
    assertEquals("2026-01-01T08:00:40Z", value("LastAlarmTime"));
    assertEquals("1", value("AlarmCount"));
    f.monitor.snooze();
    assertEquals("Snoozed", value("State"));
  }

  @Test
  void stateIsActivelyNotifiedWhenThePhoneChecksOnEachStateChange() {
    // The wiring the phone does: check live values on every SAFE state change.
    f.monitor.addListener(
        new SafeListener() {
          @Override
          public void stateChanged(SafeState state) {
            model.notifications().checkLiveValues();
          }
        });
    assertEquals(2, model.notifications().notification(P + "State"));
    f.monitor.start();
    model.notifications().takeChanged();
    f.monitor.panic();
    assertTrue(model.notifications().activeChangePending());
    assertEquals(Set.of(P + "State"), model.notifications().pendingActive());
    assertTrue(
        model.informParameters().contains(ParameterValue.string(P + "State", "Alarm")),
        model.informParameters().toString());
  }

  @Test
  void settingsAreWritableThroughTheDataModelAndReachTheMonitor() {
    assertTrue(
        model
            .setParameterValues(
                List.of(
                    ParameterValue.string(P + "NoMovementSensitivity", "Level7"),
                    new ParameterValue(P + "MonitoringEnable", "true", ParameterType.BOOLEAN),
                    new ParameterValue(P + "WarningTimeout", "0", ParameterType.UNSIGNED_INT),
                    ParameterValue.string(P + "MultiFunctionButton", "SAFE/Panic Call")),
                "k1")
            .isOk());
    assertEquals("7", f.store.get(SafeSettings.NO_MOVEMENT_SENSITIVITY).orElseThrow());
    assertEquals("1", f.store.get(MultiFunctionButton.MODE).orElseThrow());
    assertEquals("Level7", value("NoMovementSensitivity"));
    f.monitor.start();
    f.runToSeconds(30);
    assertEquals(Sensitivity.LEVEL7, f.monitor.settings().noMovementSensitivity());
    assertEquals("Alarm", value("State"));
  }

  @Test
  void outOfRangeSettingsAreRefused() {
    assertTrue(
        !model
            .setParameterValues(
                List.of(new ParameterValue(P + "SnoozeTimeout", "301", ParameterType.UNSIGNED_INT)),
                "k2")
            .isOk());
    assertTrue(
        !model
            .setParameterValues(
                List.of(ParameterValue.string(P + "TiltSensitivity", "Level8")), "k3")
            .isOk());
  }
}
