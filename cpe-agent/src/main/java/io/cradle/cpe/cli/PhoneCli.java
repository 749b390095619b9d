package io.cradle.cpe.cli;

import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Flash;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.phone.PhoneObserver;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.Timebase;
import io.cradle.cwmp.message.Event;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one WP820 against an ACS until interrupted, logging what it does: the smallest way to try a
 * phone against any ACS. Its settings and flash live in a directory, so a restarted phone is the
 * same phone.
 */
public final class PhoneCli {

  static final String USAGE =
      """
      Usage: phone [options]
        --acs URL              ACS URL (P4503)                  default http://127.0.0.1:8080/cwmp
        --acs-user NAME        ACS user name (P4504)            default cpe
        --acs-password PW      ACS password (P4505)             default cpe
        --cr-user NAME         connection request user (P4511)  default cradle
        --cr-password PW       connection request password      default cradle
        --mac MAC              the phone's MAC                  default 00:0B:82:00:00:01
        --serial SN            serial number                    default from the MAC
        --firmware VERSION     firmware out of the box          default 1.0.7.81
        --ip ADDRESS           IP to report and listen on       default 127.0.0.1
        --periodic SECONDS     periodic inform interval (P4507) default 300
        --config-server PATH   config and firmware server (P237/P192, HTTP), e.g. host:8080/prov
        --data-dir DIR         where the phone's flash lives    default phone-<mac>
      Settings apply when the flash is new; later runs keep what the phone has stored.
      """;

  private PhoneCli() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("phone: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options.containsKey("help")) {
      System.out.print(USAGE);
      return;
    }
    run(options, System.out);
  }

  /** Options by name (without dashes); {@code help} when asked for. */
  static Map<String, String> parse(String[] args) {
    List<String> known =
        List.of(
            "acs",
            "acs-user",
            "acs-password",
            "cr-user",
            "cr-password",
            "mac",
            "serial",
            "firmware",
            "ip",
            "periodic",
            "config-server",
            "data-dir");
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        options.put("help", "");
        continue;
      }
      String name = arg.startsWith("--") ? arg.substring(2) : "";
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      options.put(name, args[++i]);
    }
    String mac = options.getOrDefault("mac", "00:0B:82:00:00:01");
    if (!mac.matches("(?i)([0-9a-f]{2}[:-]?){5}[0-9a-f]{2}")) {
      throw new IllegalArgumentException("not a MAC address: " + mac);
    }
    try {
      long periodic = Long.parseLong(options.getOrDefault("periodic", "300"));
      if (periodic < 1) {
        throw new IllegalArgumentException("--periodic must be at least 1 second");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--periodic is not a number of seconds");
    }
    URI.create(options.getOrDefault("acs", "http://127.0.0.1:8080/cwmp"));
    return options;
  }

  /** The settings a new phone gets from its options. */
  static Map<String, String> factorySettings(Map<String, String> options) {
    Map<String, String> settings = new HashMap<>();
    settings.put("P4503", options.getOrDefault("acs", "http://127.0.0.1:8080/cwmp"));
    settings.put("P4504", options.getOrDefault("acs-user", "cpe"));
    settings.put("P4505", options.getOrDefault("acs-password", "cpe"));
    settings.put("P4511", options.getOrDefault("cr-user", "cradle"));
    settings.put("P4512", options.getOrDefault("cr-password", "cradle"));
    settings.put("P4506", "1");
    settings.put("P4507", options.getOrDefault("periodic", "300"));
    String server = options.get("config-server");
    // Without a server given, no one is asked: the factory's fm.grandstream.com is not reachable.
    settings.put("P212", "1");
    settings.put("P237", server == null ? "" : server);
    settings.put("P6767", "1");
    settings.put("P192", server == null ? "" : server);
    return settings;
  }

  private static void run(Map<String, String> options, PrintStream out)
      throws IOException, InterruptedException {
    String mac = options.getOrDefault("mac", "00:0B:82:00:00:01").toUpperCase();
    String digits = mac.replaceAll("[:-]", "");
    String serial = options.getOrDefault("serial", "WP" + digits.substring(6));
    Path dir = Path.of(options.getOrDefault("data-dir", "phone-" + digits.toLowerCase()));
    CountDownLatch stopped = new CountDownLatch(1);
    try (Timebase timebase = Timebase.realTime();
        ConnectionRequestServer server =
            ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("phone-cr"))) {
      Phone phone =
          Phone.builder(
                  DeviceIdentity.wp820(
                      serial,
                      "V1.2A",
                      options.getOrDefault("firmware", "1.0.7.81"),
                      String.join(":", digits.split("(?<=\\G..)"))),
                  timebase.scheduler(mac))
              .factorySettings(factorySettings(options))
              .flash(Flash.in(dir))
              .random(RandomStreams.of(System.nanoTime()).forPhone(mac).stream("tr069"))
              .ipAddress(options.getOrDefault("ip", "127.0.0.1"))
              .connectionRequests(server)
              .observer(new Log(out))
              .build();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    phone.shutdown();
                    stopped.countDown();
                  }));
      out.println(
          "WP820 "
              + serial
              + " ("
              + mac
              + ", firmware "
              + phone.softwareVersion()
              + ") → "
              + phone.store().get("P4503").orElse("")
              + "; flash in "
              + dir.toAbsolutePath());
      phone.boot();
      stopped.await();
    }
  }

  /** One line per thing the phone did. */
  private record Log(PrintStream out) implements PhoneObserver {
    @Override
    public void sessionSucceeded(List<Event> events) {
      out.println(Instant.now() + " session ok " + events.stream().map(Event::code).toList());
    }

    @Override
    public void sessionFailed(String reason) {
      out.println(Instant.now() + " session failed: " + reason);
    }

    @Override
    public void rpcAnswered(String method, int faultCode) {
      out.println(Instant.now() + " " + method + (faultCode == 0 ? " ok" : " fault " + faultCode));
    }

    @Override
    public void transferCompleted(String fileType, int faultCode) {
      out.println(
          Instant.now()
              + " transfer "
              + fileType
              + (faultCode == 0 ? " ok" : " fault " + faultCode));
    }
  }
}
