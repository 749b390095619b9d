package io.cradle.cwmp.soap;

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
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.message.Upload;
import io.cradle.cwmp.message.UploadResponse;
import io.cradle.cwmp.param.DateTimes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes an RPC element ({@code <cwmp:Method>} and its unqualified arguments) in TR-069 schema
 * order, with exact array counts.
 */
final class RpcEncoder {

  private static final String UNKNOWN_TIME = DateTimes.format(DateTimes.UNKNOWN);
  private static final Map<Class<?>, BiConsumer<XmlBuilder, CwmpMessage>> ENCODERS =
      new HashMap<>();

  static {
    on(Inform.class, RpcEncoder::inform);
    on(InformResponse.class, (out, m) -> out.element("MaxEnvelopes", m.maxEnvelopes()));
    on(GetRPCMethods.class, (out, m) -> {});
    on(GetRPCMethodsResponse.class, (out, m) -> strings(out, "MethodList", m.methods()));
    on(
        GetParameterNames.class,
        (out, m) ->
            out.element("ParameterPath", m.parameterPath()).element("NextLevel", m.nextLevel()));
    on(GetParameterNamesResponse.class, RpcEncoder::getParameterNamesResponse);
    on(GetParameterValues.class, (out, m) -> strings(out, "ParameterNames", m.names()));
    on(GetParameterValuesResponse.class, (out, m) -> parameterValues(out, m.parameters()));
    on(
        SetParameterValues.class,
        (out, m) -> parameterValues(out, m.parameters()).element("ParameterKey", m.parameterKey()));
    on(SetParameterValuesResponse.class, (out, m) -> out.element("Status", m.status()));
    on(GetParameterAttributes.class, (out, m) -> strings(out, "ParameterNames", m.names()));
    on(GetParameterAttributesResponse.class, RpcEncoder::getParameterAttributesResponse);
    on(SetParameterAttributes.class, RpcEncoder::setParameterAttributes);
    on(SetParameterAttributesResponse.class, (out, m) -> {});
    on(
        AddObject.class,
        (out, m) ->
            out.element("ObjectName", m.objectName()).element("ParameterKey", m.parameterKey()));
    on(
        AddObjectResponse.class,
        (out, m) ->
            out.element("InstanceNumber", m.instanceNumber()).element("Status", m.status()));
    on(
        DeleteObject.class,
        (out, m) ->
            out.element("ObjectName", m.objectName()).element("ParameterKey", m.parameterKey()));
    on(DeleteObjectResponse.class, (out, m) -> out.element("Status", m.status()));
    on(Reboot.class, (out, m) -> out.element("CommandKey", m.commandKey()));
    on(RebootResponse.class, (out, m) -> {});
    on(FactoryReset.class, (out, m) -> {});
    on(FactoryResetResponse.class, (out, m) -> {});
    on(Download.class, RpcEncoder::download);
    on(
        DownloadResponse.class,
        (out, m) -> transferStatus(out, m.status(), m.startTime(), m.completeTime()));
    on(Upload.class, RpcEncoder::upload);
    on(
        UploadResponse.class,
        (out, m) -> transferStatus(out, m.status(), m.startTime(), m.completeTime()));
    on(
        ScheduleInform.class,
        (out, m) ->
            out.element("DelaySeconds", m.delaySeconds()).element("CommandKey", m.commandKey()));
    on(ScheduleInformResponse.class, (out, m) -> {});
    on(TransferComplete.class, RpcEncoder::transferComplete);
    on(TransferCompleteResponse.class, (out, m) -> {});
    on(AutonomousTransferComplete.class, RpcEncoder::autonomousTransferComplete);
    on(AutonomousTransferCompleteResponse.class, (out, m) -> {});
    on(RequestDownload.class, RpcEncoder::requestDownload);
    on(RequestDownloadResponse.class, (out, m) -> {});
  }

  private RpcEncoder() {}

  private static <T extends CwmpMessage> void on(Class<T> type, BiConsumer<XmlBuilder, T> args) {
    ENCODERS.put(type, (out, message) -> args.accept(out, type.cast(message)));
  }

  static void encode(XmlBuilder out, CwmpMessage message) {
    BiConsumer<XmlBuilder, CwmpMessage> args = ENCODERS.get(message.getClass());
    if (args == null) {
      throw new IllegalArgumentException("no SOAP encoding for " + message.getClass().getName());
    }
    String element = "cwmp:" + message.method();
    out.open(element);
    args.accept(out, message);
    out.close(element);
  }

  private static void inform(XmlBuilder out, Inform m) {
    DeviceId id = m.deviceId();
    out.open("DeviceId")
        .element("Manufacturer", id.manufacturer())
        .element("OUI", id.oui())
        .element("ProductClass", id.productClass())
        .element("SerialNumber", id.serialNumber())
        .close("DeviceId");
    out.openArray("Event", "cwmp:EventStruct", m.events().size());
    for (Event e : m.events()) {
      out.open("EventStruct")
          .element("EventCode", e.code())
          .element("CommandKey", e.commandKey())
          .close("EventStruct");
    }
    out.close("Event")
        .element("MaxEnvelopes", m.maxEnvelopes())
        .element("CurrentTime", dateTime(m.currentTime()))
        .element("RetryCount", m.retryCount());
    parameterValues(out, m.parameters());
  }

  private static XmlBuilder parameterValues(XmlBuilder out, List<ParameterValue> values) {
    out.openArray("ParameterList", "cwmp:ParameterValueStruct", values.size());
    for (ParameterValue v : values) {
      out.open("ParameterValueStruct")
          .element("Name", v.name())
          .value(v.value(), v.type())
          .close("ParameterValueStruct");
    }
    return out.close("ParameterList");
  }

  private static void strings(XmlBuilder out, String arrayName, List<String> items) {
    out.openArray(arrayName, "xsd:string", items.size());
    for (String item : items) {
      out.element("string", item);
    }
    out.close(arrayName);
  }

  private static void getParameterNamesResponse(XmlBuilder out, GetParameterNamesResponse m) {
    out.openArray("ParameterList", "cwmp:ParameterInfoStruct", m.parameters().size());
    for (ParameterInfo p : m.parameters()) {
      out.open("ParameterInfoStruct")
          .element("Name", p.name())
          .element("Writable", p.writable())
          .close("ParameterInfoStruct");
    }
    out.close("ParameterList");
  }

  private static void getParameterAttributesResponse(
      XmlBuilder out, GetParameterAttributesResponse m) {
    out.openArray("ParameterList", "cwmp:ParameterAttributeStruct", m.parameters().size());
    for (ParameterAttribute p : m.parameters()) {
      out.open("ParameterAttributeStruct")
          .element("Name", p.name())
          .element("Notification", p.notification());
      strings(out, "AccessList", p.accessList());
      out.close("ParameterAttributeStruct");
    }
    out.close("ParameterList");
  }

  private static void setParameterAttributes(XmlBuilder out, SetParameterAttributes m) {
    out.openArray("ParameterList", "cwmp:SetParameterAttributesStruct", m.parameters().size());
    for (SetParameterAttribute p : m.parameters()) {
      out.open("SetParameterAttributesStruct")
          .element("Name", p.name())
          .element("NotificationChange", p.notificationChange())
          .element("Notification", p.notification())
          .element("AccessListChange", p.accessListChange());
      strings(out, "AccessList", p.accessList());
      out.close("SetParameterAttributesStruct");
    }
    out.close("ParameterList");
  }

  private static void download(XmlBuilder out, Download m) {
    out.element("CommandKey", m.commandKey())
        .element("FileType", m.fileType())
        .element("URL", m.url())
        .element("Username", m.username())
        .element("Password", m.password())
        .element("FileSize", m.fileSize())
        .element("TargetFileName", m.targetFileName())
        .element("DelaySeconds", m.delaySeconds())
        .element("SuccessURL", m.successUrl())
        .element("FailureURL", m.failureUrl());
  }

  private static void upload(XmlBuilder out, Upload m) {
    out.element("CommandKey", m.commandKey())
        .element("FileType", m.fileType())
        .element("URL", m.url())
        .element("Username", m.username())
        .element("Password", m.password())
        .element("DelaySeconds", m.delaySeconds());
  }

  private static void transferStatus(
      XmlBuilder out, int status, String startTime, String completeTime) {
    out.element("Status", status)
        .element("StartTime", dateTime(startTime))
        .element("CompleteTime", dateTime(completeTime));
  }

  private static void transferComplete(XmlBuilder out, TransferComplete m) {
    out.element("CommandKey", m.commandKey());
    faultStruct(out, m.fault());
    out.element("StartTime", dateTime(m.startTime()))
        .element("CompleteTime", dateTime(m.completeTime()));
  }

  private static void autonomousTransferComplete(XmlBuilder out, AutonomousTransferComplete m) {
    out.element("AnnounceURL", m.announceUrl())
        .element("TransferURL", m.transferUrl())
        .element("IsDownload", m.isDownload())
        .element("FileType", m.fileType())
        .element("FileSize", m.fileSize())
        .element("TargetFileName", m.targetFileName());
    faultStruct(out, m.fault());
    out.element("StartTime", dateTime(m.startTime()))
        .element("CompleteTime", dateTime(m.completeTime()));
  }

  private static void faultStruct(XmlBuilder out, FaultStruct f) {
    out.open("FaultStruct")
        .element("FaultCode", f.faultCode())
        .element("FaultString", f.faultString())
        .close("FaultStruct");
  }

  private static void requestDownload(XmlBuilder out, RequestDownload m) {
    out.element("FileType", m.fileType());
    out.openArray("FileTypeArg", "cwmp:ArgStruct", m.fileTypeArgs().size());
    for (Arg a : m.fileTypeArgs()) {
      out.open("ArgStruct")
          .element("Name", a.name())
          .element("Value", a.value())
          .close("ArgStruct");
    }
    out.close("FileTypeArg");
  }

  /** An empty dateTime is not valid xsd; the schema's way to say "unknown" is year 1. */
  private static String dateTime(String value) {
    return value == null || value.isBlank() ? UNKNOWN_TIME : value;
  }
}
