package io.cradle.cwmp.soap;

import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.param.ParameterType;
import io.cradle.cwmp.soap.MalformedMessageException.Kind;
import java.util.Optional;

/**
 * Turns a parsed document into an {@link Envelope}: checks the SOAP structure, reads the CWMP
 * header, finds the CWMP version and hands the RPC element to {@link RpcDecoder}.
 */
final class EnvelopeDecoder {

  static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  private EnvelopeDecoder() {}

  static Envelope decode(XmlTreeReader.Document document) throws MalformedMessageException {
    XmlNode envelope = document.root();
    if (!envelope.is(SOAP_ENV_NS, "Envelope")) {
      throw new MalformedMessageException(
          Kind.NOT_SOAP,
          "root element "
              + envelope.where()
              + " in namespace '"
              + envelope.namespace()
              + "' is not a SOAP 1.1 Envelope");
    }
    XmlNode headerNode = envelope.child("Header");
    XmlNode body = envelope.child("Body");
    if (body == null) {
      throw new MalformedMessageException(Kind.NOT_SOAP, "SOAP Envelope without a Body");
    }
    if (body.children().size() != 1) {
      throw new MalformedMessageException(
          Kind.NOT_SOAP,
          "SOAP " + body.where() + " has " + body.children().size() + " elements, expected 1");
    }
    XmlNode rpc = body.children().get(0);
    String method = rpc.localName();
    String id = headerNode == null ? null : headerId(headerNode);
    RpcDecoder.Decoder decoder = RpcDecoder.forMethod(method);
    if (decoder == null) {
      throw new MalformedMessageException(
          Kind.UNKNOWN_METHOD, "unknown CWMP method " + rpc.where(), id, method);
    }
    try {
      Header header = headerNode == null ? Header.NONE : header(headerNode, id);
      CwmpMessage message = decoder.decode(rpc);
      return new Envelope(version(rpc, headerNode, document), header, message);
    } catch (MalformedMessageException e) {
      throw new MalformedMessageException(e.kind(), method + ": " + e.getMessage(), id, method);
    } catch (RuntimeException e) {
      // Record constructors reject bad arguments with unchecked exceptions.
      throw new MalformedMessageException(
          Kind.INVALID_ARGUMENT,
          method + ": invalid arguments in " + rpc.where() + ": " + e,
          id,
          method);
    }
  }

  private static String headerId(XmlNode header) {
    XmlNode id = header.child("ID");
    return id == null ? null : id.text().trim();
  }

  private static Header header(XmlNode h, String id) throws MalformedMessageException {
    XmlNode hold = h.child("HoldRequests");
    return new Header(
        id,
        hold != null && Args.parseBoolean(hold),
        sessionTimeout(h),
        trimmedOrNull(h.child("SupportedCWMPVersions")),
        trimmedOrNull(h.child("UseCWMPVersion")));
  }

  /** Optional (mustUnderstand 0), so an unreadable value is dropped rather than refused. */
  private static Long sessionTimeout(XmlNode h) {
    XmlNode timeout = h.child("SessionTimeout");
    if (timeout == null) {
      timeout = h.child("sessionTimeout"); // the spelling GenieACS reads
    }
    if (timeout == null || ParameterType.UNSIGNED_INT.validate(timeout.text()).isPresent()) {
      return null;
    }
    return Long.valueOf(timeout.text().trim());
  }

  private static String trimmedOrNull(XmlNode node) {
    return node == null ? null : node.text().trim();
  }

  /**
   * The namespace of the RPC element, else of the header elements or of a fault's cwmp:Fault, else
   * one declared in the document; CWMP 1.0 when nothing says.
   */
  private static CwmpVersion version(XmlNode rpc, XmlNode header, XmlTreeReader.Document document) {
    Optional<CwmpVersion> version = CwmpVersion.fromNamespace(rpc.namespace());
    if (version.isEmpty() && header != null) {
      for (XmlNode h : header.children()) {
        version = CwmpVersion.fromNamespace(h.namespace());
        if (version.isPresent()) {
          break;
        }
      }
    }
    if (version.isEmpty()) {
      XmlNode detail = rpc.child("detail");
      XmlNode cwmpFault = detail == null ? null : detail.child("Fault");
      if (cwmpFault != null) {
        version = CwmpVersion.fromNamespace(cwmpFault.namespace());
      }
    }
    if (version.isEmpty() && document.declaredCwmpNamespace() != null) {
      version = CwmpVersion.fromNamespace(document.declaredCwmpNamespace());
    }
    return version.orElse(CwmpVersion.V1_0);
  }
}
