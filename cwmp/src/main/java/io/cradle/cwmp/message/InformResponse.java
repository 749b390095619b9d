package io.cradle.cwmp.message;

/** InformResponse: the ACS accepts the Inform; we always say MaxEnvelopes 1. */
public record InformResponse(int maxEnvelopes) implements AcsResponse {

  public InformResponse() {
    this(1);
  }
}
