package io.cradle.cpe.dialplan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One compiled rule of a dial plan: a sequence of {@link Element}s matched against the whole dialed
 * string, an exclusion mark ({@code ^}) and the T flag.
 */
final class Rule {

  /** The characters a dialed number may contain (letters upper-cased). */
  static final String DIAL_CHARACTERS = "0123456789*#+ABCD";

  static final int UNBOUNDED = Integer.MAX_VALUE;

  /** One step of a rule. */
  sealed interface Element permits Atom, Replace {}

  /**
   * Between {@code min} and {@code max} characters, each one of {@code accepted}: {@code x}, {@code
   * [2-9]}, a literal, {@code x+}, {@code x?}, the {@code .} wildcard.
   */
  record Atom(String accepted, int min, int max) implements Element {
    boolean accepts(char c) {
      return accepted.indexOf(c) >= 0;
    }
  }

  /**
   * {@code <from=to>}: matches {@code from} literally and dials {@code to} in its place. {@code
   * <=to>} adds, {@code <from=>} removes.
   */
  record Replace(String from, String to) implements Element {}

  /** What one rule says about one dialed string. */
  record Match(String output, boolean longer) {
    /** The number to dial if the whole string matches this rule, else null. */
    boolean full() {
      return output != null;
    }
  }

  private final String source;
  private final boolean exclusion;
  private final boolean waitFlag;
  private final List<Element> elements;
  // consumingFrom[i]: some element at index >= i can consume a character.
  private final boolean[] consumingFrom;

  Rule(String source, boolean exclusion, boolean waitFlag, List<Element> elements) {
    this.source = source;
    this.exclusion = exclusion;
    this.waitFlag = waitFlag;
    this.elements = List.copyOf(elements);
    this.consumingFrom = new boolean[this.elements.size() + 1];
    for (int i = this.elements.size() - 1; i >= 0; i--) {
      consumingFrom[i] = consumes(this.elements.get(i)) || consumingFrom[i + 1];
    }
  }

  private static boolean consumes(Element e) {
    if (e instanceof Replace) {
      return !((Replace) e).from().isEmpty();
    }
    return ((Atom) e).max() > 0;
  }

  String source() {
    return source;
  }

  boolean exclusion() {
    return exclusion;
  }

  boolean waitFlag() {
    return waitFlag;
  }

  List<Element> elements() {
    return elements;
  }

  /**
   * Matches the whole of {@code dialed} (already normalised): the number to dial if it matches,
   * with the replacements applied (the first match in greedy order if several paths match), and
   * whether a longer string could match this rule.
   */
  Match match(String dialed) {
    Search search = new Search(dialed);
    search.explore(0, 0, 0, "");
    return new Match(search.output, search.longer);
  }

  /**
   * A depth-first walk over the states (element, progress inside it, input position); each state is
   * visited once, so the walk is polynomial however many {@code x+} and {@code .} a rule has.
   */
  private final class Search {
    private final String input;
    private final Set<Long> visited = new HashSet<>();
    private String output;
    private boolean longer;

    Search(String input) {
      this.input = input;
    }

    void explore(int i, int k, int pos, String out) {
      if (!visited.add(key(i, k, pos))) {
        return;
      }
      if (i == elements.size()) {
        if (pos == input.length() && output == null) {
          output = out;
        }
        return;
      }
      Element e = elements.get(i);
      if (pos == input.length()) {
        if (canConsume(e, k) || consumingFrom[i + 1]) {
          longer = true;
        }
      } else {
        char c = input.charAt(pos);
        if (e instanceof Atom) {
          Atom a = (Atom) e;
          if (k < a.max() && a.accepts(c)) {
            explore(i, k + 1, pos + 1, out + c);
          }
        } else {
          Replace r = (Replace) e;
          if (k < r.from().length() && r.from().charAt(k) == c) {
            explore(i, k + 1, pos + 1, out);
          }
        }
      }
      if (e instanceof Atom) {
        if (k >= ((Atom) e).min()) {
          explore(i + 1, 0, pos, out);
        }
      } else {
        Replace r = (Replace) e;
        if (k == r.from().length()) {
          explore(i + 1, 0, pos, out + r.to());
        }
      }
    }

    private boolean canConsume(Element e, int k) {
      if (e instanceof Atom) {
        return k < ((Atom) e).max();
      }
      return k < ((Replace) e).from().length();
    }

    private long key(int i, int k, int pos) {
      // Beyond its minimum, the count inside an unbounded atom changes nothing.
      if (i < elements.size() && elements.get(i) instanceof Atom) {
        Atom a = (Atom) elements.get(i);
        if (a.max() == UNBOUNDED) {
          k = Math.min(k, a.min());
        }
      }
      return (((long) i << 24) | k) * (input.length() + 1) + pos;
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
