package io.cradle.cwmp.soap;

import io.cradle.cwmp.param.ParameterType;
import java.nio.charset.StandardCharsets;

/**
 * Appends XML to a StringBuilder with escaping. Characters XML 1.0 cannot carry (control
 * characters, lone surrogates) become U+FFFD so that a CPE's odd value can never make us send
 * broken XML.
 */
final class XmlBuilder {

  private static final char REPLACEMENT = '\uFFFD';

  private final StringBuilder out;

  XmlBuilder(int capacity) {
    out = new StringBuilder(capacity);
  }

  /** Appends markup that is already well-formed; never pass data here. */
  XmlBuilder raw(String markup) {
    out.append(markup);
    return this;
  }

  XmlBuilder open(String qname) {
    out.append('<').append(qname).append('>');
    return this;
  }

  XmlBuilder close(String qname) {
    out.append("</").append(qname).append('>');
    return this;
  }

  XmlBuilder element(String qname, String text) {
    return open(qname).text(text).close(qname);
  }

  XmlBuilder element(String qname, long number) {
    open(qname);
    out.append(number);
    return close(qname);
  }

  /** CWMP booleans go out as {@code 1}/{@code 0}, the form every CPE parser understands. */
  XmlBuilder element(String qname, boolean flag) {
    return open(qname).raw(flag ? "1" : "0").close(qname);
  }

  /** Opens a SOAP-encoded array with its exact item count, e.g. {@code xsd:string[3]}. */
  XmlBuilder openArray(String qname, String itemType, int count) {
    out.append('<')
        .append(qname)
        .append(" soap-enc:arrayType=\"")
        .append(itemType)
        .append('[')
        .append(count)
        .append("]\">");
    return this;
  }

  /** A ParameterValueStruct's {@code Value}, always with its xsi:type. */
  XmlBuilder value(String text, ParameterType type) {
    out.append("<Value xsi:type=\"xsd:").append(type.xsdName()).append("\">");
    return text(text).close("Value");
  }

  /** Escaped character data; null (a record field nobody set) is written as empty. */
  XmlBuilder text(String text) {
    if (text == null) {
      return this;
    }
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0xD800 && c != '&' && c != '<' && c != '>') {
        out.append(c);
      } else {
        i = appendSpecial(text, i, c);
      }
    }
    return this;
  }

  /** Appends the character at {@code i} that needs care; returns the index of its last char. */
  private int appendSpecial(String text, int i, char c) {
    switch (c) {
      case '&' -> out.append("&amp;");
      case '<' -> out.append("&lt;");
      case '>' -> out.append("&gt;");
      // A raw CR would be normalised to LF by the receiving parser.
      case '\r' -> out.append("&#13;");
      case '\t', '\n' -> out.append(c);
      default -> {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          out.append(c).append(text.charAt(i + 1));
          return i + 1;
        }
        boolean legal = c >= 0xE000 && c <= 0xFFFD;
        out.append(legal ? c : REPLACEMENT);
      }
    }
    return i;
  }

  byte[] toUtf8() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
