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
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
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
import java.util.List;

/** One message of every CWMP type, filled with values that are awkward to serialise. */
final class SampleMessages {

  /** Markup characters, quotes, non-Latin text, an astral-plane emoji and a CDATA terminator. */
  static final String AWKWARD = "a<b>&c\"d'e ]]> é ü € 日本 😀";

  static final String PREFIX = "Device.Services.VoiceService.1.VoiceProfile.1.";
  static final String T1 = "2024-05-01T10:00:00Z";
  static final String T2 = "2024-05-01T10:02:30+02:00";

  private SampleMessages() {}

  static List<ParameterValue> values() {
    return List.of(
        new ParameterValue(PREFIX + "Line.1.SIP.AuthPassword", AWKWARD, ParameterType.STRING),
        new ParameterValue(PREFIX + "Line.1.SIP.URI", "  padded string\r\nwith CRLF  ", null),
        new ParameterValue(PREFIX + "MaxSessions", "-2", ParameterType.INT),
        new ParameterValue(PREFIX + "SIP.RegistrarServerPort", "5060", ParameterType.UNSIGNED_INT),
        new ParameterValue("Device.X_GRANDSTREAM_Counter", "-9007199254740993", ParameterType.LONG),
        new ParameterValue(
            "Device.X_GRANDSTREAM_Bytes", "18446744073709551615", ParameterType.UNSIGNED_LONG),
        new ParameterValue(PREFIX + "Line.1.Enable", "true", ParameterType.BOOLEAN),
        new ParameterValue(
            "Device.DeviceInfo.FirstUseDate", "0000-00-00T00:00:00", ParameterType.DATE_TIME),
        new ParameterValue("Device.X_GRANDSTREAM_Blob", "3q2+7w==", ParameterType.BASE64),
        new ParameterValue("Device.X_GRANDSTREAM_Hex", "DEADbeef", ParameterType.HEX_BINARY),
        new ParameterValue("Device.DeviceInfo.ProvisioningCode", "", ParameterType.STRING),
        new ParameterValue(
            PREFIX + "Line.1.SIP.URI", "duplicate name, kept", ParameterType.STRING));
  }

  static List<CwmpMessage> all() {
    return List.of(
        new Inform(
            new DeviceId("Grandstream <&> \"Networks\"", "000b82", "WP820", "SN'123\"é"),
            List.of(
                new Event(Event.BOOT),
                new Event(Event.M_REBOOT, AWKWARD),
                new Event("X 000B82 Custom", "")),
            1,
            T2,
            4294967295L,
            values()),
        new Inform(
            new DeviceId("", "", "", ""), List.of(), 2, "2019-03-05T11:54::14", 0, List.of()),
        new InformResponse(),
        new GetRPCMethods(),
        new GetRPCMethodsResponse(List.of("Inform", "TransferComplete", "X_VENDOR_<&>")),
        new GetParameterNames("Device.Services.", true),
        new GetParameterNames("", false),
        new GetParameterNamesResponse(
            List.of(
                new ParameterInfo("Device.", false),
                new ParameterInfo(PREFIX + "Line.", true),
                new ParameterInfo("Device.X_<&>\"'", true))),
        new GetParameterValues(List.of(PREFIX, "Device.DeviceInfo.SoftwareVersion", "X<&>'\"")),
        new GetParameterValuesResponse(values()),
        new SetParameterValues(values(), AWKWARD),
        new SetParameterValuesResponse(1),
        new GetParameterAttributes(List.of("Device.", PREFIX + "Line.1.Enable")),
        new GetParameterAttributesResponse(
            List.of(
                new ParameterAttribute(PREFIX + "Line.1.Enable", 2, List.of("Subscriber")),
                new ParameterAttribute("Device.X_<&>", 6, List.of()),
                new ParameterAttribute("Device.LAN.IPAddress", 0, List.of("Subscriber", "X<&>")))),
        new SetParameterAttributes(
            List.of(
                new SetParameterAttribute(PREFIX + "Line.1.Enable", true, 2, false, List.of()),
                new SetParameterAttribute(
                    "Device.LAN.", false, 0, true, List.of("Subscriber", AWKWARD)))),
        new SetParameterAttributesResponse(),
        new AddObject(PREFIX + "Line.", "key <&> 1"),
        new AddObjectResponse(4294967295L, 1),
        new DeleteObject(PREFIX + "Line.3.", AWKWARD),
        new DeleteObjectResponse(1),
        new Reboot(AWKWARD),
        new RebootResponse(),
        new FactoryReset(),
        new FactoryResetResponse(),
        new Download(
            AWKWARD,
            Download.FIRMWARE_UPGRADE_IMAGE,
            "https://fw.example.com/wp820.bin?a=1&b=<2>",
            "user\"name",
            "p<&>ss'word",
            123_456_789_012L,
            "wp820fw.bin",
            30,
            "https://ok.example.com/?x=1&y=2",
            "https://fail.example.com/"),
        new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        new Upload(
            "upload-1",
            Upload.VENDOR_LOG_FILE,
            "https://logs.example.com/put?id=<1>",
            "u",
            "p&",
            5),
        new UploadResponse(0, T1, T2),
        new ScheduleInform(86_400, AWKWARD),
        new ScheduleInformResponse(),
        new TransferComplete(AWKWARD, new FaultStruct(9010, AWKWARD), T1, T2),
        new TransferComplete("ok", FaultStruct.NONE, "0001-01-01T00:00:00Z", T2),
        new TransferCompleteResponse(),
        new AutonomousTransferComplete(
            "https://announce.example.com/",
            "https://transfer.example.com/a?b=1&c=2",
            true,
            Download.VENDOR_CONFIGURATION_FILE,
            4096,
            "cfg<&>.xml",
            new FaultStruct(9019, "file authentication failure"),
            T1,
            T2),
        new AutonomousTransferCompleteResponse(),
        new RequestDownload(
            Download.WEB_CONTENT, List.of(new Arg("Version", "1.0 <&>"), new Arg("Empty", ""))),
        new RequestDownloadResponse(),
        new Fault(
            FaultCode.CPE_INVALID_ARGUMENTS.code(),
            "Invalid arguments <&>",
            List.of(
                new SetParameterValuesFault(PREFIX + "Line.1.Enable", 9007, AWKWARD),
                new SetParameterValuesFault("Device.DeviceInfo.SerialNumber", 9008, "read-only"))),
        new Fault(FaultCode.METHOD_NOT_SUPPORTED, "Method not supported: Kicked"),
        new Fault(9876, "vendor fault 日本", List.of()));
  }
}
