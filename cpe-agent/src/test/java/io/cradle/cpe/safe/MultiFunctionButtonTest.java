package io.cradle.cpe.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multi-function button in each mode: short presses, holds, and the panic call. */
class MultiFunctionButtonTest {

  final SafeFixture f =
      new SafeFixture(
          () -> new MotionSample(0.06, 5, 0),
          SafeFixture.settings(SafeSettings.MONITORING_ENABLE, "0"));
  final List<String> actions = new ArrayList<>();
  final MultiFunctionButton button =
      new MultiFunctionButton(
          f.scheduler,
          f.store,
          f.monitor,
          new ButtonActions() {
            @Override
            public void pttStart() {
              actions.add(f.at() + " ptt start");
            }

            @Override
            public void pttStop() {
              actions.add(f.at() + " ptt stop");
            }

            @Override
            public void openPttSettings() {
              actions.add(f.at() + " ptt settings");
            }

            @Override
            public void openSafeStatus() {
              actions.add(f.at() + " safe status");
            }

            @Override
            public void openStatusPage() {
              actions.add(f.at() + " status page");
            }

            @Override
            public void toggleMute() {
              actions.add(f.at() + " mute");
            }

            @Override
            public void speedDial(int account, String number) {
              actions.add(f.at() + " dial " + account + " " + number);
            }
          });

  {
    f.monitor.start();
  }

  void mode(ButtonMode mode) {
    f.store.set(MultiFunctionButton.MODE, mode.pvalue());
    assertEquals(mode, button.mode());
  }

  @Test
  void defaultModeIsPttPaging() {
    assertEquals(ButtonMode.PTT_PAGING, button.mode());
  }

  @Test
  void safeModeLongPressRaisesThePanicAlarmAfterTheHoldTimeWhileStillHeld() {
    mode(ButtonMode.SAFE_PANIC);
    f.runToSeconds(10);
    button.press();
    f.runTo(Duration.ofSeconds(10).plus(MultiFunctionButton.PANIC_HOLD).minusMillis(1));
    assertEquals(SafeState.DISABLED, f.monitor.state());
    f.runTo(Duration.ofSeconds(10).plus(MultiFunctionButton.PANIC_HOLD));
    assertTrue(button.isDown());
    assertEquals(SafeState.ALARM, f.monitor.state());
    assertEquals(List.of("13s alarm PANIC"), f.events());
    button.release();
    assertEquals(List.of(), actions);
  }

  @Test
  void safeModeShortPressOnlyOpensTheStatusPage() {
    mode(ButtonMode.SAFE_PANIC);
    button.pressFor(MultiFunctionButton.PANIC_HOLD.minusMillis(100));
    f.runToSeconds(60);
    assertEquals(SafeState.DISABLED, f.monitor.state());
    assertEquals(List.of(), f.events());
    assertEquals(List.of("2900ms safe status"), actions);
  }

  @Test
  void pttModeTalksWhileHeldAndShortPressOpensSettings() {
    button.pressFor(Duration.ofMillis(300));
    f.runToSeconds(5);
    button.pressFor(Duration.ofSeconds(8));
    f.runToSeconds(20);
    assertEquals(List.of("300ms ptt settings", "6s ptt start", "13s ptt stop"), actions);
    assertEquals(0, f.monitor.alarmCount());
  }

  @Test
  void muteModeTogglesOnEveryPress() {
    mode(ButtonMode.MUTE);
    button.pressFor(Duration.ofMillis(200));
    f.runToSeconds(1);
    button.pressFor(Duration.ofSeconds(5));
    f.runToSeconds(10);
    assertEquals(List.of("200ms mute", "6s mute"), actions);
  }

  @Test
  void speedDialModeDialsOnHoldAndShowsStatusOnShortPress() {
    mode(ButtonMode.SPEED_DIAL);
    f.store.set(MultiFunctionButton.SPEED_DIAL_NUMBER, "2001");
    f.store.set(MultiFunctionButton.SPEED_DIAL_ACCOUNT, "2");
    button.pressFor(Duration.ofMillis(500));
    f.runToSeconds(2);
    button.pressFor(Duration.ofSeconds(2));
    f.runToSeconds(10);
    assertEquals(List.of("500ms status page", "3s dial 2 2001"), actions);
  }

  @Test
  void disabledModeDoesNothing() {
    mode(ButtonMode.DISABLED);
    button.pressFor(Duration.ofMillis(100));
    f.runToSeconds(1);
    button.pressFor(Duration.ofSeconds(10));
    f.runToSeconds(20);
    assertEquals(List.of(), actions);
    assertEquals(List.of(), f.events());
  }

  @Test
  void modeIsLatchedWhenTheButtonGoesDown() {
    button.press(); // PTT/Paging
    mode(ButtonMode.SAFE_PANIC);
    f.runToSeconds(5);
    button.release();
    assertEquals(List.of("1s ptt start", "5s ptt stop"), actions);
    assertEquals(0, f.monitor.alarmCount());
    assertFalse(button.isDown());
  }

  @Test
  void modesReadTheirStoredValues() {
    assertEquals(ButtonMode.SAFE_PANIC, ButtonMode.fromPValue("1"));
    assertEquals(ButtonMode.DISABLED, ButtonMode.fromPValue("4"));
    assertEquals(ButtonMode.PTT_PAGING, ButtonMode.fromPValue("9"));
    assertEquals(Sensitivity.LEVEL7, Sensitivity.fromPValue("7"));
    assertEquals(Sensitivity.DISABLED, Sensitivity.fromPValue("x"));
  }
}
