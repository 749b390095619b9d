package io.cradle.cpe.phone;

import io.cradle.cpe.config.ConfigStoreException;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.TransferComplete;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What survives a power cycle: the settings, the firmware versions in the two slots, the ACS URL a
 * BOOTSTRAP was delivered to, and the outcomes of Downloads and Uploads the ACS has not yet
 * acknowledged. Kept in memory (a simulator run) or mirrored into a directory (a phone that must
 * survive a restart of its JVM). Not thread-safe: the phone's scheduler serialises its use.
 */
public final class Flash {

  private static final String STATE_FILE = "state.properties";
  private static final String SETTINGS_FILE = "settings.pv";

  static final String RUNNING_FIRMWARE = "firmware.running";
  static final String STAGED_FIRMWARE = "firmware.staged";
  static final String BOOTSTRAPPED_ACS = "tr069.bootstrappedAcsUrl";
  private static final String TRANSFERS = "transfers";

  /** A Download or Upload outcome waiting for the ACS's TransferCompleteResponse. */
  record PendingTransfer(boolean upload, TransferComplete outcome) {}

  private final Path dir;
  private final Properties state = new Properties();

  private Flash(Path dir) {
    this.dir = dir;
  }

  /** A flash that lasts as long as the object: for simulated fleets. */
  public static Flash inMemory() {
    return new Flash(null);
  }

  /**
   * A flash mirrored in {@code dir} (created if missing); what a previous run left there is read.
   *
   * @throws IOException if the directory cannot be created or its state file read
   */
  public static Flash in(Path dir) throws IOException {
    Flash flash = new Flash(Objects.requireNonNull(dir, "dir"));
    Files.createDirectories(dir);
    Path file = dir.resolve(STATE_FILE);
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        flash.state.load(in);
      }
    }
    return flash;
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(state.getProperty(key));
  }

  /** Sets ({@code value} non-null) or removes a fact and writes the state through. */
  void put(String key, String value) {
    if (value == null) {
      state.remove(key);
    } else {
      state.setProperty(key, value);
    }
    persist();
  }

  /** Loads the saved settings into {@code store}, if any were saved. */
  void loadSettings(PValueStore store) throws ConfigStoreException {
    if (dir != null && Files.exists(dir.resolve(SETTINGS_FILE))) {
      store.load(dir.resolve(SETTINGS_FILE));
    }
  }

  /** Saves the settings of {@code store}; a no-op in memory. */
  void saveSettings(PValueStore store) throws ConfigStoreException {
    if (dir != null) {
      store.save(dir.resolve(SETTINGS_FILE));
    }
  }

  List<PendingTransfer> pendingTransfers() {
    List<PendingTransfer> out = new ArrayList<>();
    int count = Integer.parseInt(state.getProperty(TRANSFERS, "0"));
    for (int i = 0; i < count; i++) {
      String p = TRANSFERS + "." + i + ".";
      out.add(
          new PendingTransfer(
              Boolean.parseBoolean(state.getProperty(p + "upload")),
              new TransferComplete(
                  state.getProperty(p + "commandKey"),
                  new FaultStruct(
                      Integer.parseInt(state.getProperty(p + "faultCode", "0")),
                      state.getProperty(p + "faultString")),
                  state.getProperty(p + "startTime"),
                  state.getProperty(p + "completeTime"))));
    }
    return out;
  }

  void pendingTransfers(List<PendingTransfer> transfers) {
    state.stringPropertyNames().stream()
        .filter(k -> k.startsWith(TRANSFERS + "."))
        .forEach(state::remove);
    state.setProperty(TRANSFERS, Integer.toString(transfers.size()));
    for (int i = 0; i < transfers.size(); i++) {
      String p = TRANSFERS + "." + i + ".";
      TransferComplete t = transfers.get(i).outcome();
      state.setProperty(p + "upload", Boolean.toString(transfers.get(i).upload()));
      state.setProperty(p + "commandKey", t.commandKey());
      state.setProperty(p + "faultCode", Integer.toString(t.fault().faultCode()));
      state.setProperty(p + "faultString", t.fault().faultString());
      state.setProperty(p + "startTime", t.startTime());
      state.setProperty(p + "completeTime", t.completeTime());
    }
    persist();
  }

  /** Forgets everything but the firmware, as a factory reset does. */
  void erase(PValueStore store) throws ConfigStoreException {
    String running = state.getProperty(RUNNING_FIRMWARE);
    state.clear();
    if (running != null) {
      state.setProperty(RUNNING_FIRMWARE, running);
    }
    persist();
    saveSettings(store);
  }

  private void persist() {
    if (dir == null) {
      return;
    }
    try {
      StringWriter text = new StringWriter();
      state.store(text, "Cradle WP820 flash");
      Path tmp = Files.createTempFile(dir, STATE_FILE, ".tmp");
      try {
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp,
              dir.resolve(STATE_FILE),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // A phone whose flash fails is broken hardware; let its scheduler report it.
      throw new UncheckedIOException("cannot write the flash in " + dir, e);
    }
  }
}
