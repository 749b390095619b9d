package io.cradle.cwmp.soap;

import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.SetParameterValuesFault;

/**
 * Writes a whole envelope: fixed prefixes ({@code soap-env}, {@code soap-enc}, {@code xsd}, {@code
 * xsi}, {@code cwmp} bound to the envelope's version), the header fields that are set, and the
 * body.
 */
final class EnvelopeEncoder {

  private static final String OPEN_ENVELOPE =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<soap-env:Envelope"
          + " xmlns:soap-env=\""
          + EnvelopeDecoder.SOAP_ENV_NS
          + "\" xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\""
          + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
          + " xmlns:xsi=\""
          + XmlTreeReader.XSI_NS
          + "\" xmlns:cwmp=\"";

  private EnvelopeEncoder() {}

  static byte[] encode(Envelope envelope) {
    XmlBuilder out = new XmlBuilder(1024);
    out.raw(OPEN_ENVELOPE).raw(envelope.version().namespace()).raw("\">");
    header(out, envelope.header());
    out.open("soap-env:Body");
    if (envelope.body() instanceof Fault fault) {
      fault(out, fault);
    } else {
      RpcEncoder.encode(out, envelope.body());
    }
    out.close("soap-env:Body").close("soap-env:Envelope");
    return out.toUtf8();
  }

  private static void header(XmlBuilder out, Header h) {
    if (h.id() == null
        && !h.holdRequests()
        && h.sessionTimeout() == null
        && h.supportedCwmpVersions() == null
        && h.useCwmpVersion() == null) {
      return;
    }
    out.open("soap-env:Header");
    if (h.id() != null) {
      headerField(out, "cwmp:ID", true, h.id());
    }
    if (h.holdRequests()) {
      headerField(out, "cwmp:HoldRequests", true, "1");
    }
    if (h.sessionTimeout() != null) {
      headerField(out, "cwmp:SessionTimeout", false, h.sessionTimeout().toString());
    }
    if (h.supportedCwmpVersions() != null) {
      headerField(out, "cwmp:SupportedCWMPVersions", false, h.supportedCwmpVersions());
    }
    if (h.useCwmpVersion() != null) {
      headerField(out, "cwmp:UseCWMPVersion", true, h.useCwmpVersion());
    }
    out.close("soap-env:Header");
  }

  private static void headerField(
      XmlBuilder out, String qname, boolean mustUnderstand, String value) {
    out.raw("<")
        .raw(qname)
        .raw(mustUnderstand ? " soap-env:mustUnderstand=\"1\">" : " soap-env:mustUnderstand=\"0\">")
        .text(value)
        .close(qname);
  }

  private static void fault(XmlBuilder out, Fault f) {
    out.open("soap-env:Fault")
        .element("faultcode", f.soapFaultCode())
        .element("faultstring", "CWMP fault")
        .open("detail")
        .open("cwmp:Fault")
        .element("FaultCode", f.code())
        .element("FaultString", f.message());
    for (SetParameterValuesFault p : f.parameterFaults()) {
      out.open("SetParameterValuesFault")
          .element("ParameterName", p.parameterName())
          .element("FaultCode", p.faultCode())
          .element("FaultString", p.faultString())
          .close("SetParameterValuesFault");
    }
    out.close("cwmp:Fault").close("detail").close("soap-env:Fault");
  }
}
