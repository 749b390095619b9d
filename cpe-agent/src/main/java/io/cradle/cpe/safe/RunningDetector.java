package io.cradle.cpe.safe;

/**
 * Running (the guide's "waggle"): both the step cadence and the intensity reach the level's
 * thresholds, so neither a brisk walk (cadence ≤ 2.0/s, ≤ 0.35 g) nor shaking the phone in place
 * (no cadence) counts.
 *
 * <table>
 *   <caption>Cadence (steps/s) and intensity (g) from which a second counts as running</caption>
 *   <tr><th>Level</th><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr>
 *   <tr><th>steps/s</th><td>2.60</td><td>2.52</td><td>2.44</td><td>2.36</td><td>2.28</td>
 *       <td>2.20</td><td>2.12</td></tr>
 *   <tr><th>g</th><td>0.85</td><td>0.77</td><td>0.69</td><td>0.61</td><td>0.53</td>
 *       <td>0.47</td><td>0.41</td></tr>
 * </table>
 *
 * <p>Level 1 wants a clear run (the {@link Activity#RUNNING} band starts at 2.7/s and 0.9 g), Level
 * 7 a jog; the walking band stays below Level 7 on both features.
 */
public final class RunningDetector implements Detector {

  static final double[] CADENCE_FROM = {2.60, 2.52, 2.44, 2.36, 2.28, 2.20, 2.12};
  static final double[] INTENSITY_FROM_G = {0.85, 0.77, 0.69, 0.61, 0.53, 0.47, 0.41};

  @Override
  public AlarmKind kind() {
    return AlarmKind.RUNNING;
  }

  /** The cadence (steps/s) from which a second can count as running at {@code level}. */
  public static double cadenceThreshold(Sensitivity level) {
    return CADENCE_FROM[NoMovementDetector.index(level)];
  }

  /** The intensity (g) from which a second can count as running at {@code level}. */
  public static double intensityThreshold(Sensitivity level) {
    return INTENSITY_FROM_G[NoMovementDetector.index(level)];
  }

  @Override
  public boolean detects(MotionSample sample, Sensitivity level) {
    return level.enabled()
        && sample.cadence() >= cadenceThreshold(level)
        && sample.intensity() >= intensityThreshold(level);
  }
}
