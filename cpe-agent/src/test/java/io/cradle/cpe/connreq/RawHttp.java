package io.cradle.cpe.connreq;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A blocking one-shot HTTP client on a raw socket, so tests control every byte sent. */
final class RawHttp {

  /** A parsed response; header names are lower case. */
  record Reply(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  static Reply get(InetSocketAddress address, String path, String authorization)
      throws IOException {
    String auth = authorization == null ? "" : "Authorization: " + authorization + "\r\n";
    return send(address, "GET " + path + " HTTP/1.1\r\nHost: phone\r\n" + auth + "\r\n");
  }

  static Reply send(InetSocketAddress address, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, 5_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static Reply parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
  }
}
