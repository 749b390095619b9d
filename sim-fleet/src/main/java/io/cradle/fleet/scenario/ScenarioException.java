package io.cradle.fleet.scenario;

/** A scenario file that cannot be used, with the file and line to fix and the reason. */
public final class ScenarioException extends IllegalArgumentException {

  private final String source;
  private final int line;
  private final String reason;

  public ScenarioException(String source, int line, String reason) {
    super(source + ":" + line + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /** The file (or other source) the scenario came from. */
  public String source() {
    return source;
  }

  /** The 1-based line number of the offending line; 0 when the file as a whole is wrong. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
