package dev.modelgov.api.manifest;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The acceptable range of a metric: a minimum, a maximum, or both.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Threshold.atLeast(new BigDecimal("0.8")).admits(new BigDecimal("0.91")); // true
 * }</pre>
 *
 * @param min the smallest acceptable value, if bounded below
 * @param max the largest acceptable value, if bounded above
 */
public record Threshold(Optional<BigDecimal> min, Optional<BigDecimal> max) {

  /** Normalises {@code null} optionals to empty and decimals to their canonical scale. */
  public Threshold {
    min = Values.optDecimal(min);
    max = Values.optDecimal(max);
  }

  /**
   * A lower bound.
   *
   * @param min the smallest acceptable value
   * @return the threshold
   */
  public static Threshold atLeast(BigDecimal min) {
    return new Threshold(Optional.of(Objects.requireNonNull(min, "min must not be null")), Optional.empty());
  }

  /**
   * An upper bound.
   *
   * @param max the largest acceptable value
   * @return the threshold
   */
  public static Threshold atMost(BigDecimal max) {
    return new Threshold(Optional.empty(), Optional.of(Objects.requireNonNull(max, "max must not be null")));
  }

  /**
   * Whether a value lies within the bounds (inclusive).
   *
   * @param value the value, must not be {@code null}
   * @return whether it is admitted
   */
  public boolean admits(BigDecimal value) {
    Objects.requireNonNull(value, "value must not be null");
    return min.map(m -> value.compareTo(m) >= 0).orElse(true) && max.map(m -> value.compareTo(m) <= 0).orElse(true);
  }
}
