package io.cradle.cwmp.soap;

import io.cradle.cwmp.soap.MalformedMessageException.Kind;

/**
 * SOAP codec for CWMP envelopes. Liberal in what it accepts, strict in what it sends. Thread-safe.
 */
public final class SoapCodec {

  /** Bounds that make hostile input cheap to refuse. */
  public record Limits(int maxBytes, int maxDepth, int maxElements) {
    public static final Limits DEFAULT = new Limits(4 * 1024 * 1024, 64, 200_000);
  }

  private final Limits limits;
  private final XmlTreeReader reader;

  public SoapCodec() {
    this(Limits.DEFAULT);
  }

  public SoapCodec(Limits limits) {
    this.limits = limits;
    this.reader = new XmlTreeReader(limits);
  }

  /**
   * Decodes one envelope. Gzip bodies are recognised by their magic bytes; the charset comes from a
   * BOM or the XML declaration, else {@code declaredCharset} (from Content-Type), else UTF-8.
   */
  public Envelope decode(byte[] body, String declaredCharset) throws MalformedMessageException {
    try {
      byte[] xml = BodyBytes.unwrap(body, limits.maxBytes());
      return EnvelopeDecoder.decode(reader.read(xml, declaredCharset));
    } catch (RuntimeException bug) {
      // Callers rely on decode failing only with MalformedMessageException, whatever the input.
      throw new MalformedMessageException(Kind.NOT_SOAP, "unreadable message: " + bug);
    }
  }

  public Envelope decode(byte[] body) throws MalformedMessageException {
    return decode(body, null);
  }

  /** Encodes an envelope as UTF-8 XML, with exact array counts and xsi types on every value. */
  public byte[] encode(Envelope envelope) {
    return EnvelopeEncoder.encode(envelope);
  }
}
