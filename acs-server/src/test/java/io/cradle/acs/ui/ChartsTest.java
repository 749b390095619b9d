package io.cradle.acs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.api.ParameterView;
import io.cradle.acs.fleet.FleetSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-drawn charts and the parameter tree, without a server. */
class ChartsTest {

  @Test
  void axesEndOnRoundNumbers() {
    assertEquals(1, Charts.niceCeiling(0));
    assertEquals(5, Charts.niceCeiling(3));
    assertEquals(10, Charts.niceCeiling(10));
    assertEquals(20, Charts.niceCeiling(11));
    assertEquals(100_000, Charts.niceCeiling(98_765));
  }

  @Test
  void theHistoryChartPlotsOnePointPerSampleScaledToTheAxis() {
    Instant t = Instant.parse("2026-11-26T10:00:00Z");
    String svg =
        Charts.fleetHistory(
            List.of(
                new FleetSample(t, 0, 10, 0),
                new FleetSample(t.plusSeconds(60), 5, 5, 3),
                new FleetSample(t.plusSeconds(120), 10, 0, 10)));
    assertTrue(svg.startsWith("<svg"), svg);
    // Online: 0 at the bottom (y = 220 - 28), 10 = the axis top (y = 12), left to right.
    assertTrue(svg.contains("points=\"48.0,192.0 378.0,102.0 708.0,12.0\""), svg);
    assertTrue(svg.contains("11-26 10:00 UTC") && svg.contains("11-26 10:02 UTC"));
  }

  @Test
  void tooFewSamplesSaySoInsteadOfDrawingALine() {
    String svg = Charts.fleetHistory(List.of());
    assertTrue(svg.contains("collecting samples"));
    assertTrue(!svg.contains("polyline"));
  }

  @Test
  void theHistogramHasABarPerBucketTallestAtTheTop() {
    String svg = Charts.histogram("t", List.of("a", "b"), List.of(5L, 10L));
    assertEquals(2, svg.split("<rect").length - 1);
    assertTrue(svg.contains("y=\"12.0\" width=\"324.0\" height=\"180.0\""), svg);
  }

  @Test
  void theParameterTreeOpensAndClosesEachBranchOnce() {
    List<ParameterTree.Line> lines =
        ParameterTree.lines(
            List.of(p("Device.A.1.X"), p("Device.A.1.Y"), p("Device.A.2.X"), p("Device.B")));
    List<String> shape =
        lines.stream()
            .map(l -> l.isOpen() ? "+" + l.label() : l.isClose() ? "-" : l.label())
            .toList();
    assertEquals(
        List.of("+Device", "+A", "+1", "X", "Y", "-", "+2", "X", "-", "-", "B", "-"), shape);
    assertEquals("Device.A.2.", lines.get(6).path());
  }

  private static ParameterView p(String name) {
    return new ParameterView(name, "v", "string", true, Instant.EPOCH);
  }
}
