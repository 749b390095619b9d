package io.cradle.cwmp.soap;

import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The raw bytes of a body, made ready for the XML parser: size-checked, gunzipped (bounded, so a
 * gzip bomb costs at most {@code maxBytes}) and stripped of leading whitespace.
 */
final class BodyBytes {

  private BodyBytes() {}

  /** The XML bytes of {@code body}, never more than {@code maxBytes}. */
  static byte[] unwrap(byte[] body, int maxBytes) throws MalformedMessageException {
    if (body == null || body.length == 0) {
      throw new MalformedMessageException(Kind.NOT_XML, "empty body");
    }
    if (body.length > maxBytes) {
      throw tooLarge(body.length + " bytes", maxBytes);
    }
    byte[] xml = isGzip(body) ? gunzip(body, maxBytes) : body;
    return stripLeadingWhitespace(xml);
  }

  private static boolean isGzip(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }

  private static byte[] gunzip(byte[] body, int maxBytes) throws MalformedMessageException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(maxBytes, body.length * 8L));
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge("more than " + maxBytes + " bytes after gunzip", maxBytes);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new MalformedMessageException(Kind.NOT_XML, "corrupt gzip body: " + e.getMessage());
    }
  }

  /**
   * Some stacks put blank lines before {@code <?xml ...?>}, which XML forbids; drop them, but only
   * when the text clearly starts with '<' so UTF-16 bodies are left alone.
   */
  private static byte[] stripLeadingWhitespace(byte[] xml) throws MalformedMessageException {
    int i = 0;
    while (i < xml.length && isAsciiWhitespace(xml[i])) {
      i++;
    }
    if (i == xml.length) {
      throw new MalformedMessageException(Kind.NOT_XML, "body is only whitespace");
    }
    if (i == 0 || xml[i] != '<') {
      return xml;
    }
    byte[] rest = new byte[xml.length - i];
    System.arraycopy(xml, i, rest, 0, rest.length);
    return rest;
  }

  private static boolean isAsciiWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static MalformedMessageException tooLarge(String size, int maxBytes) {
    return new MalformedMessageException(
        Kind.TOO_LARGE, "body too large: " + size + " (limit " + maxBytes + " bytes)");
  }
}
