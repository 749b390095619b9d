package io.cradle.cpe.tr069;

import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Upload;
import java.time.Duration;
import java.util.Objects;

/**
 * Something the phone shell must do once the session is over, as the ACS asked during it. The
 * session only describes it; executing it is the shell's job.
 */
public sealed interface SessionEffect {

  /** Reboot; the next Inform carries {@code 1 BOOT} and {@code M Reboot} with this CommandKey. */
  record RebootAfterSession(String commandKey) implements SessionEffect {
    public RebootAfterSession {
      commandKey = Objects.requireNonNullElse(commandKey, "");
    }
  }

  /** Factory reset; the next Inform carries {@code 0 BOOTSTRAP} and {@code 1 BOOT}. */
  record FactoryResetAfterSession() implements SessionEffect {}

  /** Start the accepted Download (after its DelaySeconds), then report by TransferComplete. */
  record StartDownload(Download download) implements SessionEffect {
    public StartDownload {
      Objects.requireNonNull(download, "download");
    }
  }

  /** Start the accepted Upload (after its DelaySeconds), then report by TransferComplete. */
  record StartUpload(Upload upload) implements SessionEffect {
    public StartUpload {
      Objects.requireNonNull(upload, "upload");
    }
  }

  /** Open a {@code 3 SCHEDULED} + {@code M ScheduleInform} session after {@code delay}. */
  record ScheduleInform(Duration delay, String commandKey) implements SessionEffect {
    public ScheduleInform {
      Objects.requireNonNull(delay, "delay");
      commandKey = Objects.requireNonNullElse(commandKey, "");
    }
  }

  /**
   * The ACS acknowledged the TransferComplete for {@code commandKey}: forget the stored outcome so
   * it is not reported again (the session already cleared its events).
   */
  record TransferCompleteAcknowledged(String commandKey) implements SessionEffect {
    public TransferCompleteAcknowledged {
      commandKey = Objects.requireNonNullElse(commandKey, "");
    }
  }
}
