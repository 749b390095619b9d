package io.cradle.cpe.safe;

/** The phone's speaker as SAFE uses it; the media stack implements it, tests record it. */
public interface TonePlayer {

  /** A player that plays nothing. */
  TonePlayer NONE =
      new TonePlayer() {
        @Override
        public void playWarning(int tone) {}

        @Override
        public void playAlarm(int tone) {}

        @Override
        public void stop() {}
      };

  /** Starts the warning tone {@code tone} (Tone1-Tone6), looping until {@link #stop()}. */
  void playWarning(int tone);

  /** Starts the alarm tone {@code tone} (Tone1-Tone6), looping until {@link #stop()}. */
  void playAlarm(int tone);

  /** Stops whichever SAFE tone plays. */
  void stop();
}
