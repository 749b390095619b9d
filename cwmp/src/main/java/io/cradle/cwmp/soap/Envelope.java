package io.cradle.cwmp.soap;

import io.cradle.cwmp.message.CwmpMessage;
import java.util.Objects;

/** One SOAP envelope: the CWMP namespace it is written in, its header and its one message. */
public record Envelope(CwmpVersion version, Header header, CwmpMessage body) {

  public Envelope {
    Objects.requireNonNull(version, "version");
    header = Objects.requireNonNullElse(header, Header.NONE);
    Objects.requireNonNull(body, "body");
  }
}
