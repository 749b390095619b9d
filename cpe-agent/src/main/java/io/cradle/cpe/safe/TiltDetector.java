package io.cradle.cpe.safe;

/**
 * Tilt (man down): the phone's long axis is at least the level's angle from vertical.
 *
 * <table>
 *   <caption>Tilt from vertical (degrees) from which a second counts as tilted</caption>
 *   <tr><th>Level</th><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr>
 *   <tr><th>°</th><td>80</td><td>75</td><td>70</td><td>65</td><td>60</td><td>55</td><td>50</td></tr>
 * </table>
 *
 * <p>5° per level: Level 1 wants the phone nearly flat (a wearer on the floor), Level 7 fires for a
 * wearer slumped half-way; walking and running lean (≤ 25°) never count.
 */
public final class TiltDetector implements Detector {

  static final double[] TILTED_FROM_DEGREES = {80, 75, 70, 65, 60, 55, 50};

  @Override
  public AlarmKind kind() {
    return AlarmKind.TILT;
  }

  /** The tilt from vertical (degrees) from which a second counts as tilted at {@code level}. */
  public static double threshold(Sensitivity level) {
    return TILTED_FROM_DEGREES[NoMovementDetector.index(level)];
  }

  @Override
  public boolean detects(MotionSample sample, Sensitivity level) {
    return level.enabled() && sample.tiltDegrees() >= threshold(level);
  }
}
