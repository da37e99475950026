package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.DriftSignal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One feature's drift by one method over one window (or one offline comparison): a row of a {@link DriftReport}.
 *
 * <pre>{@code
 * for (DriftResult r : report.results()) {
 *   System.out.printf("%s %s %.4f drift=%s%n", r.feature(), r.method().tag(), r.value(), r.drift());
 * }
 * }</pre>
 *
 * @param feature the feature name
 * @param direction input or output
 * @param method the method
 * @param statistic the distance, or the test statistic (KS D, chi-square); NaN when the window had no value
 * @param pValue the p-value of a test; empty for distances
 * @param threshold the threshold compared: a distance threshold, or the (Bonferroni-corrected) significance level
 * @param drift whether drift is flagged: the window held at least the minimum samples and the value crossed the
 *     threshold
 * @param windowSamples the samples in the window (the current sample size offline)
 */
public record DriftResult(String feature, Direction direction, DriftMethod method, double statistic,
    OptionalDouble pValue, double threshold, boolean drift, long windowSamples) {

  /** Checks the fields are present. */
  public DriftResult {
    Objects.requireNonNull(feature, "feature must not be null");
    Objects.requireNonNull(direction, "direction must not be null");
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(pValue, "pValue must not be null");
  }

  /**
   * The value compared with the threshold: the p-value of a test, the statistic of a distance. This is what the
   * {@code model.drift.distance} and {@code model.drift.pvalue} gauges show.
   *
   * @return the value, NaN if unknown
   */
  public double value() {
    return method.isTest() ? pValue.orElse(Double.NaN) : statistic;
  }

  /**
   * The policy engine's view of this row.
   *
   * @return the signal
   */
  public DriftSignal toSignal() {
    return new DriftSignal(feature, method.tag(), value(), threshold, drift, windowSamples);
  }
}
