package io.cradle.cpe.ptt;

/** Told by {@link PttService} what the phone plays and sends; every method has a no-op default. */
public interface PttListener {

  /** A PTT/page on {@code channel} (PTT 1-25, group 26-50) is playing, from {@code callerId}. */
  default void pttReceived(int channel, String callerId) {}

  /** The PTT/page on {@code channel} stopped playing (ended, timed out or preempted). */
  default void pttEnded(int channel) {}

  /** A multicast page is playing from the listen address of {@code priority} (1-10). */
  default void multicastPageReceived(int priority, String label) {}

  /** The multicast page of {@code priority} stopped playing (timed out or preempted). */
  default void multicastPageEnded(int priority) {}

  /** An incoming PTT/page barged in: the active call must be put on hold. */
  default void callHeld() {}

  /** The PTT/page that barged in ended: the held call may be resumed. */
  default void callResumed() {}

  /** This phone started transmitting on {@code channel}. */
  default void transmitStarted(int channel) {}

  /**
   * This phone stopped transmitting on {@code channel} (released, or preempted by a higher one).
   */
  default void transmitStopped(int channel) {}
}
