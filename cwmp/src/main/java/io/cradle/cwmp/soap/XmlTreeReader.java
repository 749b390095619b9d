package io.cradle.cwmp.soap;

import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML bytes into an {@link XmlNode} tree with StAX, refusing DTDs and entity declarations and
 * enforcing the depth and element limits. Thread-safe.
 */
final class XmlTreeReader {

  static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  private static final String CWMP_NS_PREFIX = "urn:dslforum-org:cwmp-";
  private static final byte[] GENIEACS_FAULT_QNAME =
      ":Body:Fault".getBytes(StandardCharsets.US_ASCII);
  private static final int DECLARATION_SCAN_LIMIT = 512;

  // The JDK's own implementation, whatever StAX provider the application's classpath brings: the
  // DTD refusal below is verified against it. Configured once; creating readers is thread-safe.
  private static final XMLInputFactory FACTORY = secureFactory();

  /** The parsed root element, and the first CWMP namespace declared anywhere in the document. */
  record Document(XmlNode root, String declaredCwmpNamespace) {}

  private final SoapCodec.Limits limits;

  XmlTreeReader(SoapCodec.Limits limits) {
    this.limits = limits;
  }

  Document read(byte[] xml, String declaredCharset) throws MalformedMessageException {
    try {
      return parse(xml, declaredCharset);
    } catch (MalformedMessageException notXml) {
      byte[] repaired = notXml.kind() == Kind.NOT_XML ? repairGenieAcsFault(xml) : null;
      if (repaired == null) {
        throw notXml;
      }
      try {
        return parse(repaired, declaredCharset);
      } catch (MalformedMessageException stillBroken) {
        throw notXml;
      }
    }
  }

  private Document parse(byte[] xml, String declaredCharset) throws MalformedMessageException {
    XMLStreamReader reader = null;
    try {
      reader = open(xml, declaredCharset);
      return buildTree(reader);
    } catch (XMLStreamException e) {
      throw new MalformedMessageException(Kind.NOT_XML, describe(e));
    } catch (RuntimeException e) {
      // StAX implementations throw unchecked exceptions for some encoding errors.
      throw new MalformedMessageException(Kind.NOT_XML, "unreadable XML: " + e);
    } finally {
      closeQuietly(reader);
    }
  }

  private Document buildTree(XMLStreamReader r)
      throws XMLStreamException, MalformedMessageException {
    List<XmlNode> open = new ArrayList<>(16);
    XmlNode root = null;
    String cwmpNamespace = null;
    int elements = 0;
    while (r.hasNext()) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          int line = lineOf(r.getLocation());
          if (++elements > limits.maxElements()) {
            throw tooLarge("more than " + limits.maxElements() + " elements", line);
          }
          if (open.size() >= limits.maxDepth()) {
            throw tooLarge("nesting deeper than " + limits.maxDepth() + " elements", line);
          }
          if (cwmpNamespace == null) {
            cwmpNamespace = declaredCwmpNamespace(r);
          }
          String xsiType = r.getAttributeCount() == 0 ? null : r.getAttributeValue(XSI_NS, "type");
          XmlNode node = new XmlNode(r.getNamespaceURI(), r.getLocalName(), xsiType, line);
          if (open.isEmpty()) {
            root = node;
          } else {
            open.get(open.size() - 1).add(node);
          }
          open.add(node);
        }
        case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!open.isEmpty()) {
            XmlNode current = open.get(open.size() - 1);
            // Text between child elements is layout; only leaves carry values.
            if (current.children().isEmpty()) {
              current.appendText(r.getText());
            }
          }
        }
        case XMLStreamConstants.DTD,
            XMLStreamConstants.ENTITY_DECLARATION,
            XMLStreamConstants.NOTATION_DECLARATION,
            XMLStreamConstants.ENTITY_REFERENCE ->
            throw new MalformedMessageException(
                Kind.FORBIDDEN_DTD,
                "DOCTYPE or entity declaration at line "
                    + lineOf(r.getLocation())
                    + ": refused (CWMP messages never need one)");
        default -> {
          // comments, processing instructions, document start/end
        }
      }
    }
    if (root == null) {
      throw new MalformedMessageException(Kind.NOT_XML, "no root element");
    }
    return new Document(root, cwmpNamespace);
  }

  private static String declaredCwmpNamespace(XMLStreamReader r) {
    for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
      String uri = r.getNamespaceURI(i);
      if (uri != null && uri.startsWith(CWMP_NS_PREFIX)) {
        return uri;
      }
    }
    return null;
  }

  private static XMLStreamReader open(byte[] xml, String declaredCharset)
      throws XMLStreamException {
    InputStream in = new ByteArrayInputStream(xml);
    Charset external = selfDescribing(xml) ? null : charsetOrNull(declaredCharset);
    if (external == null || external.equals(StandardCharsets.UTF_8)) {
      return FACTORY.createXMLStreamReader(in);
    }
    return FACTORY.createXMLStreamReader(new InputStreamReader(in, external));
  }

  /** True when a BOM or an XML declaration with an encoding tells the parser the charset. */
  private static boolean selfDescribing(byte[] xml) {
    if (xml.length >= 2) {
      int b0 = xml[0] & 0xff;
      int b1 = xml[1] & 0xff;
      if ((b0 == 0xEF && b1 == 0xBB) || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
        return true;
      }
      if ((b0 == 0 && b1 == '<') || (b0 == '<' && b1 == 0)) {
        return true; // UTF-16 without BOM: the parser detects it from the '<' pattern
      }
    }
    if (!startsWith(xml, "<?xml")) {
      return false;
    }
    int end = Math.min(xml.length, DECLARATION_SCAN_LIMIT);
    String head = new String(xml, 0, end, StandardCharsets.ISO_8859_1);
    int close = head.indexOf("?>");
    return close > 0 && head.substring(0, close).contains("encoding");
  }

  private static Charset charsetOrNull(String declared) {
    if (declared == null) {
      return null;
    }
    String name = declared.trim();
    if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '\'')) {
      name = name.substring(1, name.length() - 1).trim();
    }
    try {
      return name.isEmpty() ? null : Charset.forName(name);
    } catch (IllegalArgumentException unknownCharset) {
      return null; // an unknown Content-Type charset is no reason to refuse the body
    }
  }

  private static boolean startsWith(byte[] xml, String ascii) {
    if (xml.length < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (xml[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * GenieACS writes its faults as {@code <soap-env:Body:Fault>}, which is not a valid QName. When
   * such a body failed to parse, rewrite the element name to {@code soap-env:Fault}; null when the
   * body does not contain that name.
   */
  static byte[] repairGenieAcsFault(byte[] xml) {
    int first = indexOf(xml, GENIEACS_FAULT_QNAME, 0);
    if (first < 0) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length);
    int from = 0;
    for (int at = first; at >= 0; at = indexOf(xml, GENIEACS_FAULT_QNAME, from)) {
      out.write(xml, from, at - from);
      out.write(':');
      from = at + ":Body:".length();
    }
    out.write(xml, from, xml.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from, last = haystack.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private MalformedMessageException tooLarge(String what, int line) {
    return new MalformedMessageException(
        Kind.TOO_LARGE, "message too large: " + what + " (at line " + line + ")");
  }

  private static String describe(XMLStreamException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int detail = message.indexOf("Message: ");
    if (detail >= 0) {
      message = message.substring(detail + "Message: ".length());
    }
    Location at = e.getLocation();
    return at == null
        ? "not well-formed XML: " + message
        : "not well-formed XML at line "
            + at.getLineNumber()
            + ", column "
            + at.getColumnNumber()
            + ": "
            + message;
  }

  private static int lineOf(Location location) {
    return location == null ? -1 : location.getLineNumber();
  }

  private static void closeQuietly(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException | RuntimeException ignored) {
        // nothing was acquired that needs releasing: the input is an in-memory array
      }
    }
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entity refused: " + systemId);
        });
    return f;
  }
}
