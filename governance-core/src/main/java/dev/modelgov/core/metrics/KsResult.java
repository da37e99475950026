package dev.modelgov.core.metrics;

import java.util.Objects;

/**
 * A two-sample Kolmogorov–Smirnov result.
 *
 * <pre>{@code
 * KsResult r = DriftStatistics.kolmogorovSmirnov(reference, current, KsPValueMethod.AUTO);
 * if (r.pValue() < 0.05) { ... }       // r.method() says EXACT or ASYMPTOTIC
 * }</pre>
 *
 * @param statistic D = sup |F_ref(x) − F_cur(x)|, in [0, 1]
 * @param pValue the two-sided p-value
 * @param method the p-value method actually used ({@link KsPValueMethod#EXACT} or {@link KsPValueMethod#ASYMPTOTIC})
 */
public record KsResult(double statistic, double pValue, KsPValueMethod method) {

  /** Checks the method is present. */
  public KsResult {
    Objects.requireNonNull(method, "method must not be null");
  }
}
