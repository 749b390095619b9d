package io.cradle.cpe.config;

/** A config file was refused; says which file, which line and why. Nothing of it was applied. */
public final class ConfigFileException extends Exception {

  private final String source;
  private final int line;
  private final String reason;

  ConfigFileException(String source, int line, String reason, Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + reason, cause);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  ConfigFileException(String source, int line, String reason) {
    this(source, line, reason, null);
  }

  /** The file name or URL the content came from. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
