package io.cradle.cpe.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX reader for {@code <gs_provision>} files. A file comes from the network, so DTDs are refused
 * outright (no entity expansion, no external fetches), and any unexpected structure is an error
 * rather than something silently skipped.
 */
final class ConfigFileReader {

  private static final XMLInputFactory FACTORY = secureFactory();

  private final String source;
  private final XMLStreamReader xml;
  private final ConfigAliases aliases;
  private final List<ConfigFile.Setting> settings = new ArrayList<>();
  private final Map<String, String> unmapped = new LinkedHashMap<>();

  private ConfigFileReader(String source, XMLStreamReader xml, ConfigAliases aliases) {
    this.source = source;
    this.xml = xml;
    this.aliases = aliases;
  }

  private static XMLInputFactory secureFactory() {
    // newDefaultFactory: the JDK parser, whatever StAX implementation is on the classpath.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return f;
  }

  static ConfigFile read(String source, byte[] content, ConfigAliases aliases)
      throws ConfigFileException {
    if (new String(content, StandardCharsets.ISO_8859_1).isBlank()) {
      throw new ConfigFileException(source, 0, "empty file");
    }
    if (ConfigCrypto.isEncrypted(content)) {
      throw new ConfigFileException(
          source, 0, "file is encrypted; decrypt it with the XML config password (P1359) first");
    }
    XMLStreamReader xml = null;
    try {
      xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(content));
      return new ConfigFileReader(source, xml, aliases).document();
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      throw new ConfigFileException(source, line, "malformed XML: " + parserMessage(e), e);
    } finally {
      close(xml);
    }
  }

  private ConfigFile document() throws XMLStreamException, ConfigFileException {
    nextElement();
    if (!xml.getLocalName().equals("gs_provision")) {
      throw error("not a Grandstream config file: root is <" + xml.getLocalName() + ">");
    }
    Optional<String> mac = Optional.empty();
    boolean sawConfig = false;
    while (nextChild()) {
      switch (xml.getLocalName()) {
        case "mac" -> {
          String text = text().strip();
          mac = text.isEmpty() ? Optional.empty() : Optional.of(ConfigFile.normalizeMac(text));
        }
        case "config" -> {
          config();
          sawConfig = true;
        }
        default -> throw unexpected("<gs_provision>");
      }
    }
    if (!sawConfig) {
      throw error("no <config> element");
    }
    while (xml.hasNext()) {
      xml.next(); // reaches the end, so junk after </gs_provision> is reported too
    }
    return new ConfigFile(source, mac, settings, unmapped);
  }

  private void config() throws XMLStreamException, ConfigFileException {
    String version = xml.getAttributeValue(null, "version");
    if (version == null || version.equals("1")) {
      while (nextChild()) {
        String name = xml.getLocalName();
        if (!PValueCatalog.isPValueNumber(name)) {
          throw unexpected("<config version=\"1\">");
        }
        int line = line();
        settings.add(new ConfigFile.Setting(name, text(), line));
      }
    } else if (version.equals("2")) {
      while (nextChild()) {
        if (!xml.getLocalName().equals("item")) {
          throw unexpected("<config version=\"2\">");
        }
        item();
      }
    } else {
      throw error("unsupported <config version=\"" + version + "\">");
    }
  }

  /** {@code <item name="a">v</item>}, or with {@code <part name="b">v</part>} children: a.b=v. */
  private void item() throws XMLStreamException, ConfigFileException {
    String name = requiredName("item");
    int line = line();
    StringBuilder text = new StringBuilder();
    boolean hasParts = false;
    for (int event = xml.next(); event != XMLStreamConstants.END_ELEMENT; event = xml.next()) {
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (!xml.getLocalName().equals("part")) {
          throw unexpected("<item name=\"" + name + "\">");
        }
        String part = requiredName("part");
        int partLine = line();
        alias(name + "." + part, text(), partLine);
        hasParts = true;
      } else if (isText(event)) {
        text.append(xml.getText());
      }
    }
    if (!hasParts) {
      alias(name, text.toString(), line);
    } else if (!text.toString().isBlank()) {
      throw new ConfigFileException(
          source, line, "<item name=\"" + name + "\"> mixes text and parts");
    }
  }

  private void alias(String alias, String value, int line) {
    Optional<Map.Entry<String, String>> p = aliases.translate(alias, value);
    if (p.isPresent()) {
      settings.add(new ConfigFile.Setting(p.get().getKey(), p.get().getValue(), line));
    } else {
      unmapped.put(alias, value);
    }
  }

  private String requiredName(String element) throws ConfigFileException {
    String name = xml.getAttributeValue(null, "name");
    if (name == null || name.isBlank()) {
      throw error("<" + element + "> without a name attribute");
    }
    return name;
  }

  /** The text of a text-only element, verbatim (values may have meaningful spaces). */
  private String text() throws XMLStreamException, ConfigFileException {
    String element = xml.getLocalName();
    StringBuilder sb = new StringBuilder();
    for (int event = xml.next(); event != XMLStreamConstants.END_ELEMENT; event = xml.next()) {
      if (event == XMLStreamConstants.START_ELEMENT) {
        throw error("<" + element + "> must hold text only, found <" + xml.getLocalName() + ">");
      }
      if (isText(event)) {
        sb.append(xml.getText());
      }
    }
    return sb.toString();
  }

  /** Moves to the root element, refusing a DTD on the way. */
  private void nextElement() throws XMLStreamException, ConfigFileException {
    for (int event = xml.next(); event != XMLStreamConstants.START_ELEMENT; event = xml.next()) {
      if (event == XMLStreamConstants.DTD) {
        throw error("DOCTYPE is not allowed in a config file");
      }
    }
  }

  /** Moves to the next child element; false at the parent's end. Stray text is an error. */
  private boolean nextChild() throws XMLStreamException, ConfigFileException {
    while (true) {
      int before = line();
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          return true;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          return false;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!xml.isWhiteSpace()) {
            throw strayText(before);
          }
        }
        default -> {
          // comments, processing instructions and ignorable space carry no settings
        }
      }
    }
  }

  /** The parser reports a text's end; errors should name the line where the text starts. */
  private ConfigFileException strayText(int lineBefore) {
    String text = xml.getText();
    String leading = text.substring(0, text.length() - text.stripLeading().length());
    int line = lineBefore + (int) leading.chars().filter(c -> c == '\n').count();
    return new ConfigFileException(source, line, "unexpected text \"" + text.strip() + "\"");
  }

  private static boolean isText(int event) {
    return event == XMLStreamConstants.CHARACTERS
        || event == XMLStreamConstants.CDATA
        || event == XMLStreamConstants.SPACE;
  }

  private int line() {
    return xml.getLocation().getLineNumber();
  }

  private ConfigFileException unexpected(String parent) {
    return error("unexpected element <" + xml.getLocalName() + "> in " + parent);
  }

  private ConfigFileException error(String reason) {
    return new ConfigFileException(source, line(), reason);
  }

  /** The JDK prefixes "ParseError at [row,col]:[3,5] Message:"; the line is reported separately. */
  private static String parserMessage(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("Message: ");
    return i < 0 ? m : m.substring(i + "Message: ".length());
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // nothing left to release that matters once parsing has ended
      }
    }
  }
}
