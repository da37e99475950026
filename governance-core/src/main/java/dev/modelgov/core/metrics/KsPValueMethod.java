package dev.modelgov.core.metrics;

/**
 * Which p-value the offline two-sample Kolmogorov–Smirnov test returns. Both are computed by Apache Commons
 * Statistics ({@code KolmogorovSmirnovTest}).
 *
 * <p>For the same 8-vs-8 sample the exact p-value is 0.0870 (scipy's default, used by Evidently) while the asymptotic
 * one is 0.0493 (Alibi Detect, whylogs). Streaming monitors always report the asymptotic form, see
 * {@link DriftStatistics#ksPValue(double, long, long)}.
 *
 * <pre>{@code
 * KsResult r = DriftStatistics.kolmogorovSmirnov(reference, current, KsPValueMethod.EXACT);
 * }</pre>
 */
public enum KsPValueMethod {
  /** The exact distribution of D for the two sample sizes (ties in the data are ignored, as scipy does). */
  EXACT,
  /**
   * The asymptotic p-value: the one-sample Kolmogorov distribution of D at the effective size
   * {@code round(m·n/(m+n))}, as scipy's {@code method='asymp'}.
   */
  ASYMPTOTIC,
  /** {@link #EXACT} when the larger sample has fewer than 10,000 values, else {@link #ASYMPTOTIC} (Commons' rule). */
  AUTO
}
