package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.SetParameterValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpeResponderTest {

  private final Wp820Identity phone = new Wp820Identity(3);

  @Test
  void acknowledgesStatelessRequests() {
    assertInstanceOf(RebootResponse.class, CpeResponder.answer(new Reboot("k"), phone));
    GetRPCMethodsResponse methods =
        assertInstanceOf(
            GetRPCMethodsResponse.class, CpeResponder.answer(new GetRPCMethods(), phone));
    assertEquals(CpeResponder.METHODS, methods.methods());
  }

  @Test
  void refusesWhatItCannotDoWithFault9000() {
    CwmpMessage m =
        CpeResponder.answer(
            new SetParameterValues(
                List.of(ParameterValue.string("Device.LAN.IPAddress", "10.9.9.9")), "key"),
            phone);
    assertEquals(9000, assertInstanceOf(Fault.class, m).code());
  }

  @Test
  void readsBackInformParametersByFullNameAndPartialPath() {
    GetParameterValuesResponse r =
        assertInstanceOf(
            GetParameterValuesResponse.class,
            CpeResponder.answer(
                new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion", "Device.LAN.")),
                phone));
    assertEquals(
        List.of(
            "Device.DeviceInfo.SoftwareVersion", "Device.LAN.IPAddress", "Device.LAN.MACAddress"),
        r.parameters().stream().map(ParameterValue::name).toList());
    assertEquals("10.0.0.4", r.parameters().get(1).value());

    GetParameterValuesResponse all =
        assertInstanceOf(
            GetParameterValuesResponse.class,
            CpeResponder.answer(new GetParameterValues(List.of("Device.")), phone));
    assertEquals(phone.informParameters(), all.parameters());
  }

  @Test
  void unknownNameIsFault9005() {
    CwmpMessage m =
        CpeResponder.answer(
            new GetParameterValues(List.of("Device.LAN.", "Device.Nope.Missing")), phone);
    Fault f = assertInstanceOf(Fault.class, m);
    assertEquals(9005, f.code());
    assertEquals("Invalid parameter name: Device.Nope.Missing", f.message());
  }
}
