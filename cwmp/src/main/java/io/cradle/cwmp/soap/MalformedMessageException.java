package io.cradle.cwmp.soap;

import java.util.Optional;

/**
 * A message that cannot be accepted, with the reason a peer's engineer needs. When the envelope was
 * readable enough, the {@code cwmp:ID} and the RPC name are kept so the ACS can answer with a
 * proper CWMP fault (e.g. 8000 for an unknown method) instead of a bare HTTP 400.
 */
public class MalformedMessageException extends Exception {

  /** Why the message was refused. */
  public enum Kind {
    /** Not well-formed XML, or not text at all. */
    NOT_XML,
    /** Larger or deeper than the codec's limits. */
    TOO_LARGE,
    /** A DOCTYPE or entity declaration: refused outright (XML bombs, XXE). */
    FORBIDDEN_DTD,
    /** Well-formed XML that is not a SOAP envelope with one body element. */
    NOT_SOAP,
    /** A SOAP envelope whose body names an RPC this codec does not know. */
    UNKNOWN_METHOD,
    /** A known RPC with a missing or unreadable argument. */
    INVALID_ARGUMENT
  }

  private final Kind kind;
  private final String cwmpId;
  private final String method;

  public MalformedMessageException(Kind kind, String message, String cwmpId, String method) {
    super(message);
    this.kind = kind;
    this.cwmpId = cwmpId;
    this.method = method;
  }

  public MalformedMessageException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  public Optional<String> cwmpId() {
    return Optional.ofNullable(cwmpId);
  }

  public Optional<String> method() {
    return Optional.ofNullable(method);
  }
}
