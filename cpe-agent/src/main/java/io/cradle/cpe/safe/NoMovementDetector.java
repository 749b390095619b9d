package io.cradle.cpe.safe;

/**
 * No movement: the second's intensity is below the level's stillness threshold.
 *
 * <table>
 *   <caption>Intensity (g) below which a second counts as still</caption>
 *   <tr><th>Level</th><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr>
 *   <tr><th>g</th><td>0.004</td><td>0.006</td><td>0.009</td><td>0.013</td><td>0.020</td>
 *       <td>0.030</td><td>0.045</td></tr>
 * </table>
 *
 * <p>Roughly ×1.5 per level: Level 1 fires only for a phone at rest (lying wearer, a desk), Level 7
 * also for a wearer who hardly moves but still sways (0.045 g); a standing wearer (≥ 0.05 g) never
 * counts as still.
 */
public final class NoMovementDetector implements Detector {

  static final double[] STILL_BELOW_G = {0.004, 0.006, 0.009, 0.013, 0.020, 0.030, 0.045};

  @Override
  public AlarmKind kind() {
    return AlarmKind.NO_MOVEMENT;
  }

  /** The intensity (g) below which a second counts as still at {@code level}. */
  public static double threshold(Sensitivity level) {
    return STILL_BELOW_G[index(level)];
  }

  @Override
  public boolean detects(MotionSample sample, Sensitivity level) {
    return level.enabled() && sample.intensity() < threshold(level);
  }

  static int index(Sensitivity level) {
    if (!level.enabled()) {
      throw new IllegalArgumentException("a disabled detector has no threshold");
    }
    return level.level() - 1;
  }
}
