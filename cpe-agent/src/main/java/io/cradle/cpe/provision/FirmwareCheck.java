package io.cradle.cpe.provision;

import io.cradle.cpe.firmware.VerifiedImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.FaultCode;
import java.util.Objects;

/** The outcome of one firmware check against the firmware server (P192). */
public sealed interface FirmwareCheck {

  /** Nothing to do: the check was skipped (P238) or the server has no image for this phone. */
  record None(String reason) implements FirmwareCheck {
    public None {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The server's image is the version already running; nothing to flash. */
  record SameVersion(String url, FirmwareVersion version) implements FirmwareCheck {}

  /** A verified image of another version than the running one, for {@code FirmwareSlots}. */
  record Image(String url, VerifiedImage image) implements FirmwareCheck {
    public FirmwareVersion version() {
      return image.version();
    }
  }

  /** The check failed; {@code fault} is what a TransferComplete would report. */
  record Failed(String reason, FaultCode fault) implements FirmwareCheck {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(fault, "fault");
    }
  }
}
