package io.cradle.acs.testing;

import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A scripted CPE for ACS tests: real HTTP on one keep-alive connection, Digest authentication, and
 * a cookie it may or may not echo, as real CPEs differ.
 */
public final class TestCpe {

  /** One HTTP answer of the ACS. */
  public record Reply(int status, Envelope envelope, HttpResponse<byte[]> http) {
    public CwmpMessage body() {
      return envelope == null ? null : envelope.body();
    }
  }

  private final URI acs;
  private final String username;
  private final String password;
  private final boolean echoCookies;
  private final SoapCodec codec = new SoapCodec();
  private final DigestClient digest = new DigestClient(new Random(7));
  private final HttpClient http;
  private String cookie;
  private int nextId = 1;

  public TestCpe(URI acs, String username, String password, boolean echoCookies) {
    this(acs, username, password, echoCookies, newHttpClient());
  }

  /** A CPE whose requests go through {@code http}, e.g. one connection shared like a proxy's. */
  public TestCpe(URI acs, String username, String password, boolean echoCookies, HttpClient http) {
    this.http = http;
    this.acs = acs;
    this.username = username;
    this.password = password;
    this.echoCookies = echoCookies;
  }

  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  public static TestCpe fleet(URI acs) {
    return new TestCpe(acs, "cpe", "cpe", true);
  }

  /** A WP820 identity with the Device:1 forced parameters and the given ParameterKey. */
  public static Inform wp820Inform(String serial, String parameterKey, Event... events) {
    String mac = String.format("000B82%06X", Math.abs(serial.hashCode()) % 0xFFFFFF);
    List<ParameterValue> params = new ArrayList<>();
    params.add(ParameterValue.string("Device.DeviceSummary", "Device:1.0[](Baseline:1)"));
    params.add(ParameterValue.string("Device.DeviceInfo.HardwareVersion", "V1.0A"));
    params.add(ParameterValue.string("Device.DeviceInfo.SoftwareVersion", "1.0.7.81"));
    params.add(ParameterValue.string("Device.DeviceInfo.ProvisioningCode", ""));
    params.add(
        ParameterValue.string(
            "Device.ManagementServer.ConnectionRequestURL", "http://127.0.0.1:7547/" + serial));
    params.add(ParameterValue.string("Device.ManagementServer.ParameterKey", parameterKey));
    params.add(ParameterValue.string("Device.LAN.IPAddress", "10.0.0.7"));
    params.add(ParameterValue.string("Device.LAN.MACAddress", mac));
    return new Inform(
        new DeviceId("Grandstream", "000b82", "WP820", serial),
        List.of(events),
        1,
        "2026-11-26T10:00:00Z",
        0,
        params);
  }

  /** Posts the Inform, answering one Digest challenge as a CPE does. */
  public Reply inform(Inform inform) throws IOException, InterruptedException {
    cookie = null;
    Envelope envelope = new Envelope(CwmpVersion.V1_0, Header.withId("inform-" + nextId++), inform);
    byte[] body = codec.encode(envelope);
    Reply first = send(body, null);
    if (first.status() != 401) {
      return first;
    }
    DigestChallenge challenge =
        DigestChallenge.parse(first.http().headers().firstValue("WWW-Authenticate").orElseThrow())
            .orElseThrow();
    String authorization =
        digest.authorize("POST", acs.getRawPath(), username, password, challenge).toHeader();
    return send(body, authorization);
  }

  /** Posts a message (a response to the ACS, or a CPE request) with the given cwmp:ID. */
  public Reply post(CwmpMessage message, String id) throws IOException, InterruptedException {
    return send(codec.encode(new Envelope(CwmpVersion.V1_0, Header.withId(id), message)), null);
  }

  /** Posts a raw body as is: for malformed and hostile input. */
  public Reply postRaw(byte[] body) throws IOException, InterruptedException {
    return send(body, null);
  }

  public Reply emptyPost() throws IOException, InterruptedException {
    return send(new byte[0], null);
  }

  private Reply send(byte[] body, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(acs)
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (echoCookies && cookie != null) {
      request.header("Cookie", cookie);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .firstValue("Set-Cookie")
        .ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
    Envelope envelope = null;
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.body().length > 0 && type.contains("xml")) {
      try {
        envelope = codec.decode(response.body());
      } catch (Exception e) {
        throw new IOException(
            "ACS sent an undecodable envelope: " + new String(response.body()), e);
      }
    }
    return new Reply(response.statusCode(), envelope, response);
  }
}
