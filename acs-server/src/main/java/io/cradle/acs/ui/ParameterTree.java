package io.cradle.acs.ui;

import io.cradle.acs.api.ParameterView;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's parameters as a tree by path ({@code Device.WiFi.SSID.1.SSID}), flattened into the
 * sequence of lines a template draws: a branch opens, its children follow, it closes. Parameters
 * must come sorted by name.
 */
final class ParameterTree {

  /** One line: open a branch, close one, or a parameter (leaf) with its value. */
  public record Line(Kind kind, String label, String path, int depth, ParameterView parameter) {
    public boolean isOpen() {
      return kind == Kind.OPEN;
    }

    public boolean isClose() {
      return kind == Kind.CLOSE;
    }

    public boolean isLeaf() {
      return kind == Kind.LEAF;
    }
  }

  enum Kind {
    OPEN,
    CLOSE,
    LEAF
  }

  private ParameterTree() {}

  static List<Line> lines(List<ParameterView> sortedByName) {
    List<Line> lines = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (ParameterView p : sortedByName) {
      String[] parts = p.name().split("\\.");
      int common = 0;
      while (common < open.size()
          && common < parts.length - 1
          && open.get(common).equals(parts[common])) {
        common++;
      }
      while (open.size() > common) {
        open.remove(open.size() - 1);
        lines.add(new Line(Kind.CLOSE, "", "", open.size(), null));
      }
      for (int i = common; i < parts.length - 1; i++) {
        open.add(parts[i]);
        lines.add(new Line(Kind.OPEN, parts[i], String.join(".", open) + ".", i, null));
      }
      lines.add(new Line(Kind.LEAF, parts[parts.length - 1], p.name(), parts.length - 1, p));
    }
    while (!open.isEmpty()) {
      open.remove(open.size() - 1);
      lines.add(new Line(Kind.CLOSE, "", "", open.size(), null));
    }
    return lines;
  }
}
