package io.cradle.cpe.wifi;

/** A point on the floor plan, in metres. Single floor: walls and floors are left out. */
public record Position(double x, double y) {

  public Position {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("position must be finite: " + x + ", " + y);
    }
  }

  public static Position of(double x, double y) {
    return new Position(x, y);
  }

  /** Euclidean distance in metres. */
  public double distanceTo(Position other) {
    return Math.hypot(x - other.x, y - other.y);
  }
}
