package io.cradle.cwmp.soap;

import static io.cradle.cwmp.soap.Args.bool;
import static io.cradle.cwmp.soap.Args.intValue;
import static io.cradle.cwmp.soap.Args.invalid;
import static io.cradle.cwmp.soap.Args.items;
import static io.cradle.cwmp.soap.Args.longValue;
import static io.cradle.cwmp.soap.Args.required;
import static io.cradle.cwmp.soap.Args.requiredInt;
import static io.cradle.cwmp.soap.Args.requiredLong;
import static io.cradle.cwmp.soap.Args.requiredTrimmed;
import static io.cradle.cwmp.soap.Args.strings;
import static io.cradle.cwmp.soap.Args.text;
import static io.cradle.cwmp.soap.Args.trimmed;
import static java.util.Map.entry;

import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.AddObjectResponse;
import io.cradle.cwmp.message.Arg;
import io.cradle.cwmp.message.AutonomousTransferComplete;
import io.cradle.cwmp.message.AutonomousTransferCompleteResponse;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeleteObject;
import io.cradle.cwmp.message.DeleteObjectResponse;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.FactoryResetResponse;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.GetParameterAttributes;
import io.cradle.cwmp.message.GetParameterAttributesResponse;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterNamesResponse;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterAttribute;
import io.cradle.cwmp.message.ParameterInfo;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.RequestDownload;
import io.cradle.cwmp.message.RequestDownloadResponse;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.ScheduleInformResponse;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterAttributes;
import io.cradle.cwmp.message.SetParameterAttributesResponse;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.SetParameterValuesFault;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.message.Upload;
import io.cradle.cwmp.message.UploadResponse;
import io.cradle.cwmp.param.ParameterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps an RPC element (the one child of the SOAP Body) to its message record. */
final class RpcDecoder {

  /** Decodes the arguments of one RPC element. */
  @FunctionalInterface
  interface Decoder {
    CwmpMessage decode(XmlNode rpc) throws MalformedMessageException;
  }

  private static final Map<String, Decoder> DECODERS =
      Map.ofEntries(
          entry("Inform", RpcDecoder::inform),
          entry("InformResponse", n -> new InformResponse(intValue(n, "MaxEnvelopes", 1))),
          entry("GetRPCMethods", n -> new GetRPCMethods()),
          entry("GetRPCMethodsResponse", n -> new GetRPCMethodsResponse(strings(n, "MethodList"))),
          entry(
              "GetParameterNames",
              n -> new GetParameterNames(text(n, "ParameterPath"), bool(n, "NextLevel", false))),
          entry("GetParameterNamesResponse", RpcDecoder::getParameterNamesResponse),
          entry("GetParameterValues", n -> new GetParameterValues(strings(n, "ParameterNames"))),
          entry(
              "GetParameterValuesResponse",
              n -> new GetParameterValuesResponse(parameterValues(n))),
          entry(
              "SetParameterValues",
              n -> new SetParameterValues(parameterValues(n), text(n, "ParameterKey"))),
          entry(
              "SetParameterValuesResponse",
              n -> new SetParameterValuesResponse(requiredInt(n, "Status"))),
          entry(
              "GetParameterAttributes",
              n -> new GetParameterAttributes(strings(n, "ParameterNames"))),
          entry("GetParameterAttributesResponse", RpcDecoder::getParameterAttributesResponse),
          entry("SetParameterAttributes", RpcDecoder::setParameterAttributes),
          entry("SetParameterAttributesResponse", n -> new SetParameterAttributesResponse()),
          entry(
              "AddObject",
              n -> new AddObject(requiredTrimmed(n, "ObjectName"), text(n, "ParameterKey"))),
          entry(
              "AddObjectResponse",
              n ->
                  new AddObjectResponse(
                      requiredLong(n, "InstanceNumber"), requiredInt(n, "Status"))),
          entry(
              "DeleteObject",
              n -> new DeleteObject(requiredTrimmed(n, "ObjectName"), text(n, "ParameterKey"))),
          entry("DeleteObjectResponse", n -> new DeleteObjectResponse(requiredInt(n, "Status"))),
          entry("Reboot", n -> new Reboot(text(n, "CommandKey"))),
          entry("RebootResponse", n -> new RebootResponse()),
          entry("FactoryReset", n -> new FactoryReset()),
          entry("FactoryResetResponse", n -> new FactoryResetResponse()),
          entry("Download", RpcDecoder::download),
          entry(
              "DownloadResponse",
              n ->
                  new DownloadResponse(
                      requiredInt(n, "Status"),
                      trimmed(n, "StartTime"),
                      trimmed(n, "CompleteTime"))),
          entry("Upload", RpcDecoder::upload),
          entry(
              "UploadResponse",
              n ->
                  new UploadResponse(
                      requiredInt(n, "Status"),
                      trimmed(n, "StartTime"),
                      trimmed(n, "CompleteTime"))),
          entry(
              "ScheduleInform",
              n -> new ScheduleInform(requiredLong(n, "DelaySeconds"), text(n, "CommandKey"))),
          entry("ScheduleInformResponse", n -> new ScheduleInformResponse()),
          entry("TransferComplete", RpcDecoder::transferComplete),
          entry("TransferCompleteResponse", n -> new TransferCompleteResponse()),
          entry("AutonomousTransferComplete", RpcDecoder::autonomousTransferComplete),
          entry(
              "AutonomousTransferCompleteResponse", n -> new AutonomousTransferCompleteResponse()),
          entry("RequestDownload", RpcDecoder::requestDownload),
          entry("RequestDownloadResponse", n -> new RequestDownloadResponse()),
          entry("Fault", RpcDecoder::fault));

  private RpcDecoder() {}

  /** The decoder for an RPC element's local name; null when the method is unknown. */
  static Decoder forMethod(String localName) {
    return DECODERS.get(localName);
  }

  private static Inform inform(XmlNode n) throws MalformedMessageException {
    XmlNode id = required(n, "DeviceId");
    DeviceId deviceId =
        new DeviceId(
            trimmed(id, "Manufacturer"),
            trimmed(id, "OUI"),
            trimmed(id, "ProductClass"),
            trimmed(id, "SerialNumber"));
    List<XmlNode> eventItems = items(n, "Event");
    List<Event> events = new ArrayList<>(eventItems.size());
    for (XmlNode e : eventItems) {
      events.add(new Event(requiredTrimmed(e, "EventCode"), text(e, "CommandKey")));
    }
    return new Inform(
        deviceId,
        events,
        intValue(n, "MaxEnvelopes", 1),
        trimmed(n, "CurrentTime"),
        longValue(n, "RetryCount", 0),
        parameterValues(n));
  }

  private static List<ParameterValue> parameterValues(XmlNode n) throws MalformedMessageException {
    List<XmlNode> structs = items(n, "ParameterList");
    List<ParameterValue> values = new ArrayList<>(structs.size());
    for (XmlNode s : structs) {
      XmlNode value = s.child("Value");
      ParameterType type = ParameterType.fromXsiType(value == null ? null : value.xsiType());
      String text = value == null ? "" : value.text();
      // Strings are kept byte for byte; typed lexical values tolerate surrounding whitespace.
      if (type != ParameterType.STRING && type != ParameterType.BASE64) {
        text = text.trim();
      }
      values.add(new ParameterValue(requiredTrimmed(s, "Name"), text, type));
    }
    return values;
  }

  private static GetParameterNamesResponse getParameterNamesResponse(XmlNode n)
      throws MalformedMessageException {
    List<XmlNode> structs = items(n, "ParameterList");
    List<ParameterInfo> infos = new ArrayList<>(structs.size());
    for (XmlNode s : structs) {
      infos.add(new ParameterInfo(requiredTrimmed(s, "Name"), writable(s)));
    }
    return new GetParameterNamesResponse(infos);
  }

  /**
   * Real CPEs send junk here (a Cisco femtocell answers {@code <Writable>30</Writable>}); refusing
   * a thousand-entry response for it helps nobody, so junk reads as not writable, as GenieACS does.
   */
  private static boolean writable(XmlNode struct) {
    XmlNode writable = struct.child("Writable");
    return writable != null && ParameterType.parseBoolean(writable.text()).orElse(false);
  }

  private static GetParameterAttributesResponse getParameterAttributesResponse(XmlNode n)
      throws MalformedMessageException {
    List<XmlNode> structs = items(n, "ParameterList");
    List<ParameterAttribute> attributes = new ArrayList<>(structs.size());
    for (XmlNode s : structs) {
      attributes.add(
          new ParameterAttribute(
              requiredTrimmed(s, "Name"),
              requiredInt(s, "Notification"),
              strings(s, "AccessList")));
    }
    return new GetParameterAttributesResponse(attributes);
  }

  private static SetParameterAttributes setParameterAttributes(XmlNode n)
      throws MalformedMessageException {
    List<XmlNode> structs = items(n, "ParameterList");
    List<SetParameterAttribute> attributes = new ArrayList<>(structs.size());
    for (XmlNode s : structs) {
      attributes.add(
          new SetParameterAttribute(
              requiredTrimmed(s, "Name"),
              bool(s, "NotificationChange", false),
              intValue(s, "Notification", 0),
              bool(s, "AccessListChange", false),
              strings(s, "AccessList")));
    }
    return new SetParameterAttributes(attributes);
  }

  private static Download download(XmlNode n) throws MalformedMessageException {
    return new Download(
        text(n, "CommandKey"),
        requiredTrimmed(n, "FileType"),
        requiredTrimmed(n, "URL"),
        text(n, "Username"),
        text(n, "Password"),
        longValue(n, "FileSize", 0),
        text(n, "TargetFileName"),
        longValue(n, "DelaySeconds", 0),
        trimmed(n, "SuccessURL"),
        trimmed(n, "FailureURL"));
  }

  private static Upload upload(XmlNode n) throws MalformedMessageException {
    return new Upload(
        text(n, "CommandKey"),
        requiredTrimmed(n, "FileType"),
        requiredTrimmed(n, "URL"),
        text(n, "Username"),
        text(n, "Password"),
        longValue(n, "DelaySeconds", 0));
  }

  private static TransferComplete transferComplete(XmlNode n) throws MalformedMessageException {
    return new TransferComplete(
        text(n, "CommandKey"),
        faultStruct(n.child("FaultStruct")),
        trimmed(n, "StartTime"),
        trimmed(n, "CompleteTime"));
  }

  private static AutonomousTransferComplete autonomousTransferComplete(XmlNode n)
      throws MalformedMessageException {
    return new AutonomousTransferComplete(
        trimmed(n, "AnnounceURL"),
        trimmed(n, "TransferURL"),
        bool(n, "IsDownload", false),
        trimmed(n, "FileType"),
        longValue(n, "FileSize", 0),
        text(n, "TargetFileName"),
        faultStruct(n.child("FaultStruct")),
        trimmed(n, "StartTime"),
        trimmed(n, "CompleteTime"));
  }

  private static FaultStruct faultStruct(XmlNode n) throws MalformedMessageException {
    if (n == null) {
      return FaultStruct.NONE;
    }
    return new FaultStruct(intValue(n, "FaultCode", 0), text(n, "FaultString"));
  }

  private static RequestDownload requestDownload(XmlNode n) {
    List<XmlNode> structs = items(n, "FileTypeArg");
    List<Arg> args = new ArrayList<>(structs.size());
    for (XmlNode s : structs) {
      args.add(new Arg(trimmed(s, "Name"), text(s, "Value")));
    }
    return new RequestDownload(trimmed(n, "FileType"), args);
  }

  /**
   * A SOAP Fault with a {@code detail/cwmp:Fault}; a bare {@code cwmp:Fault} placed directly in the
   * Body is accepted too.
   */
  private static Fault fault(XmlNode n) throws MalformedMessageException {
    XmlNode detail = n.child("detail");
    XmlNode cwmpFault = detail == null ? null : detail.child("Fault");
    if (cwmpFault == null && n.child("FaultCode") != null) {
      cwmpFault = n;
    }
    if (cwmpFault == null) {
      throw invalid(
          "SOAP Fault without a cwmp:Fault detail at line "
              + n.line()
              + " (faultcode '"
              + trimmed(n, "faultcode")
              + "', faultstring '"
              + trimmed(n, "faultstring")
              + "')");
    }
    List<SetParameterValuesFault> parameterFaults = new ArrayList<>();
    for (XmlNode c : cwmpFault.children()) {
      if (c.localName().equals("SetParameterValuesFault")) {
        parameterFaults.add(
            new SetParameterValuesFault(
                trimmed(c, "ParameterName"), requiredInt(c, "FaultCode"), text(c, "FaultString")));
      }
    }
    return new Fault(
        requiredInt(cwmpFault, "FaultCode"), text(cwmpFault, "FaultString"), parameterFaults);
  }
}
