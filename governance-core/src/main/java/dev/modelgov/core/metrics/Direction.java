package dev.modelgov.core.metrics;

/**
 * Whether a drift feature is a model input or a model output; the {@code direction} tag of the drift meters.
 *
 * <pre>{@code
 * DriftBaseline.builder().numeric("score", Direction.OUTPUT, trainingScores).build();
 * }</pre>
 */
public enum Direction {
  /** A feature the model reads. */
  INPUT("input"),
  /** A value the model produces (a score or a class). */
  OUTPUT("output");

  private final String tag;

  Direction(String tag) {
    this.tag = tag;
  }

  /**
   * The lowercase tag value.
   *
   * @return {@code input} or {@code output}
   */
  public String tag() {
    return tag;
  }

  /**
   * Looks up a direction by its tag.
   *
   * @param tag {@code input} or {@code output}
   * @return the direction
   * @throws IllegalArgumentException if the tag is unknown
   */
  public static Direction ofTag(String tag) {
    for (Direction d : values()) {
      if (d.tag.equals(tag)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown direction '" + tag + "' (expected input or output)");
  }
}
