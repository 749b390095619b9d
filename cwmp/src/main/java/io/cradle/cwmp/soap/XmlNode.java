package io.cradle.cwmp.soap;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a parsed message: just what CWMP decoding needs (names, {@code xsi:type}, text,
 * children, line), so a message is read once by StAX and then mapped in any child order.
 */
final class XmlNode {

  private final String namespace;
  private final String localName;
  private final String xsiType;
  private final int line;
  private final List<XmlNode> children = new ArrayList<>(4);
  private String text;
  private StringBuilder moreText;

  XmlNode(String namespace, String localName, String xsiType, int line) {
    this.namespace = namespace == null ? "" : namespace;
    this.localName = localName;
    this.xsiType = xsiType;
    this.line = line;
  }

  String namespace() {
    return namespace;
  }

  String localName() {
    return localName;
  }

  /** The raw {@code xsi:type} attribute value, or null. */
  String xsiType() {
    return xsiType;
  }

  int line() {
    return line;
  }

  boolean is(String namespaceUri, String name) {
    return localName.equals(name) && namespace.equals(namespaceUri);
  }

  List<XmlNode> children() {
    return children;
  }

  /** The first child with this local name, whatever its namespace; null when absent. */
  XmlNode child(String name) {
    for (XmlNode c : children) {
      if (c.localName.equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The element's own character data, as sent (entities resolved); "" when none. */
  String text() {
    if (moreText != null) {
      text = moreText.toString();
      moreText = null;
    }
    return text == null ? "" : text;
  }

  /** Human-readable position for error messages. */
  String where() {
    return "<" + localName + "> at line " + line;
  }

  void add(XmlNode child) {
    children.add(child);
  }

  void appendText(String chars) {
    // Most elements get exactly one text event; only split text (entities, CDATA) needs a builder.
    if (text == null && moreText == null) {
      text = chars;
    } else {
      if (moreText == null) {
        moreText = new StringBuilder(text);
      }
      moreText.append(chars);
    }
  }
}
