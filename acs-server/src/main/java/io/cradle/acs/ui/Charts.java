package io.cradle.acs.ui;

import io.cradle.acs.fleet.FleetSample;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG drawn on the server, so the dashboard needs no script and no CDN. Only numbers and our
 * own labels go into the markup.
 */
final class Charts {

  static final int WIDTH = 720;
  static final int HEIGHT = 220;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 28;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Charts() {}

  /** Online devices and sessions per minute over time; a note instead when there is no data. */
  static String fleetHistory(List<FleetSample> samples) {
    StringBuilder svg = open("Online devices and sessions per minute over time");
    if (samples.size() < 2) {
      text(svg, WIDTH / 2.0, HEIGHT / 2.0, "middle", "collecting samples (one a minute)");
      return svg.append("</svg>").toString();
    }
    long start = samples.get(0).at().getEpochSecond();
    long end = samples.get(samples.size() - 1).at().getEpochSecond();
    int max = 1;
    for (FleetSample s : samples) {
      max = Math.max(max, Math.max(s.online(), s.sessions()));
    }
    max = axisTop(max);
    axes(svg, max);
    StringBuilder online = new StringBuilder();
    StringBuilder sessions = new StringBuilder();
    for (FleetSample s : samples) {
      double x = x(s.at().getEpochSecond(), start, end);
      online.append(fmt(x)).append(',').append(fmt(y(s.online(), max))).append(' ');
      sessions.append(fmt(x)).append(',').append(fmt(y(s.sessions(), max))).append(' ');
    }
    svg.append(
            "<polyline class=\"line-online\" fill=\"none\" stroke=\"#17692b\" stroke-width=\"2\"")
        .append(" points=\"")
        .append(online.toString().strip())
        .append("\"/>");
    svg.append("<polyline class=\"line-sessions\" fill=\"none\" stroke=\"#1f5fa8\"")
        .append(" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" points=\"")
        .append(sessions.toString().strip())
        .append("\"/>");
    text(svg, LEFT, HEIGHT - 8, "start", CLOCK.format(samples.get(0).at()) + " UTC");
    text(
        svg,
        WIDTH - RIGHT,
        HEIGHT - 8,
        "end",
        CLOCK.format(samples.get(samples.size() - 1).at()) + " UTC");
    svg.append("<g font-size=\"11\">")
        .append("<line x1=\"")
        .append(LEFT + 140)
        .append("\" y1=\"")
        .append(HEIGHT - 12)
        .append("\" x2=\"")
        .append(LEFT + 160)
        .append("\" y2=\"")
        .append(HEIGHT - 12)
        .append("\" stroke=\"#17692b\" stroke-width=\"2\"/>");
    text(svg, LEFT + 164, HEIGHT - 8, "start", "online");
    svg.append("<line x1=\"")
        .append(LEFT + 220)
        .append("\" y1=\"")
        .append(HEIGHT - 12)
        .append("\" x2=\"")
        .append(LEFT + 240)
        .append("\" y2=\"")
        .append(HEIGHT - 12)
        .append("\" stroke=\"#1f5fa8\" stroke-dasharray=\"4 3\"/>");
    text(svg, LEFT + 244, HEIGHT - 8, "start", "sessions/min");
    svg.append("</g>");
    return svg.append("</svg>").toString();
  }

  /** One bar per bucket, labelled below with its lower bound. */
  static String histogram(String title, List<String> labels, List<Long> values) {
    StringBuilder svg = open(title);
    long max = 1;
    for (long v : values) {
      max = Math.max(max, v);
    }
    int top = axisTop(max);
    axes(svg, top);
    double slot = (double) (WIDTH - LEFT - RIGHT) / values.size();
    for (int i = 0; i < values.size(); i++) {
      double h = (HEIGHT - TOP - BOTTOM) * values.get(i) / (double) top;
      double x = LEFT + i * slot + 3;
      svg.append("<rect class=\"bar\" fill=\"#4a7ab5\" x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(HEIGHT - BOTTOM - h))
          .append("\" width=\"")
          .append(fmt(slot - 6))
          .append("\" height=\"")
          .append(fmt(h))
          .append("\"><title>")
          .append(labels.get(i))
          .append(": ")
          .append(values.get(i))
          .append("</title></rect>");
      text(svg, x + (slot - 6) / 2, HEIGHT - 10, "middle", labels.get(i));
    }
    return svg.append("</svg>").toString();
  }

  /** At least 4, so the axis's four steps are whole numbers apart. */
  private static int axisTop(long max) {
    return Math.max(4, niceCeiling(max));
  }

  /** The smallest 1, 2 or 5 × 10^n at or above {@code value}, so the axis reads well. */
  static int niceCeiling(long value) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * step >= value) {
          return (int) Math.min(Integer.MAX_VALUE, m * step);
        }
      }
      step *= 10;
    }
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"100%\" style=\"max-width:")
        .append(WIDTH)
        .append("px\" font-family=\"system-ui, sans-serif\" font-size=\"11\"><title>")
        .append(title)
        .append("</title>");
  }

  private static void axes(StringBuilder svg, int max) {
    svg.append("<g stroke=\"#ccc\">");
    for (int i = 0; i <= 4; i++) {
      double y = TOP + (HEIGHT - TOP - BOTTOM) * i / 4.0;
      svg.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\"/>");
    }
    svg.append("</g>");
    for (int i = 0; i <= 4; i++) {
      double y = TOP + (HEIGHT - TOP - BOTTOM) * i / 4.0;
      text(svg, LEFT - 6, y + 4, "end", Long.toString(Math.round(max * (4 - i) / 4.0)));
    }
  }

  private static double x(long t, long start, long end) {
    return LEFT + (WIDTH - LEFT - RIGHT) * (t - start) / (double) Math.max(1, end - start);
  }

  private static double y(int value, int max) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / (double) max;
  }

  private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
    svg.append("<text x=\"")
        .append(fmt(x))
        .append("\" y=\"")
        .append(fmt(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" fill=\"#444\">")
        .append(text)
        .append("</text>");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
