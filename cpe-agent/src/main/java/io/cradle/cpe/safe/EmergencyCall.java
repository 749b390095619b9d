package io.cradle.cpe.safe;

/**
 * Dials the emergency number when the alarm is raised. The SIP user agent implements it once it
 * exists; until then the phone may pass {@link #NONE}.
 */
@FunctionalInterface
public interface EmergencyCall {

  /** Places no call. */
  EmergencyCall NONE = (account, number, forceSpeaker) -> {};

  /**
   * Calls {@code number} on SIP account {@code account} (1 or 2), on the speaker if {@code
   * forceSpeaker} (the guide's Emergency Dial Force Speaker).
   */
  void placeCall(int account, String number, boolean forceSpeaker);
}
