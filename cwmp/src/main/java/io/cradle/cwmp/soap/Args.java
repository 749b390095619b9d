package io.cradle.cwmp.soap;

import io.cradle.cwmp.param.ParameterType;
import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads RPC arguments from child elements, liberally: children in any order and namespace,
 * whitespace around numbers and booleans, {@code 0/1/true/false} in any case, array sizes from the
 * children actually present. Unreadable values fail with {@link Kind#INVALID_ARGUMENT}.
 */
final class Args {

  private Args() {}

  static XmlNode required(XmlNode parent, String name) throws MalformedMessageException {
    XmlNode child = parent.child(name);
    if (child == null) {
      throw invalid("missing <" + name + "> in " + parent.where());
    }
    return child;
  }

  /** The text as sent, for opaque strings (keys, passwords, fault strings). */
  static String text(XmlNode parent, String name) {
    XmlNode child = parent.child(name);
    return child == null ? "" : child.text();
  }

  /** The text without surrounding whitespace, for names, URLs, codes and times. */
  static String trimmed(XmlNode parent, String name) {
    XmlNode child = parent.child(name);
    return child == null ? "" : child.text().trim();
  }

  static String requiredTrimmed(XmlNode parent, String name) throws MalformedMessageException {
    return required(parent, name).text().trim();
  }

  static long longValue(XmlNode parent, String name, long absent) throws MalformedMessageException {
    XmlNode child = parent.child(name);
    return child == null ? absent : parseLong(child);
  }

  static long requiredLong(XmlNode parent, String name) throws MalformedMessageException {
    return parseLong(required(parent, name));
  }

  static int intValue(XmlNode parent, String name, int absent) throws MalformedMessageException {
    XmlNode child = parent.child(name);
    return child == null ? absent : parseInt(child);
  }

  static int requiredInt(XmlNode parent, String name) throws MalformedMessageException {
    return parseInt(required(parent, name));
  }

  static boolean bool(XmlNode parent, String name, boolean absent)
      throws MalformedMessageException {
    XmlNode child = parent.child(name);
    return child == null ? absent : parseBoolean(child);
  }

  /** The items of a SOAP array; the arrayType count is ignored because CPEs get it wrong. */
  static List<XmlNode> items(XmlNode parent, String name) {
    XmlNode array = parent.child(name);
    return array == null ? List.of() : array.children();
  }

  /** The trimmed texts of a string array (names, methods, access list entries). */
  static List<String> strings(XmlNode parent, String name) {
    List<XmlNode> items = items(parent, name);
    List<String> out = new ArrayList<>(items.size());
    for (XmlNode item : items) {
      out.add(item.text().trim());
    }
    return out;
  }

  static boolean parseBoolean(XmlNode node) throws MalformedMessageException {
    Optional<Boolean> value = ParameterType.parseBoolean(node.text());
    if (value.isEmpty()) {
      throw invalid(node.where() + ": '" + node.text() + "' is not a boolean (0, 1, true, false)");
    }
    return value.get();
  }

  static int parseInt(XmlNode node) throws MalformedMessageException {
    long value = parseLong(node);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid(node.where() + ": " + value + " is out of range");
    }
    return (int) value;
  }

  static long parseLong(XmlNode node) throws MalformedMessageException {
    String text = node.text().trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(node.where() + ": '" + text + "' is not an integer");
    }
  }

  static MalformedMessageException invalid(String message) {
    return new MalformedMessageException(Kind.INVALID_ARGUMENT, message);
  }
}
