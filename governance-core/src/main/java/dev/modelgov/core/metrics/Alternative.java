package dev.modelgov.core.metrics;

/**
 * The alternative hypothesis of a one- or two-sided test, stated for (reference, current) in that order.
 *
 * <pre>{@code
 * // Evidently's "mannw" test: reference stochastically less than current
 * TestResult r = DriftStatistics.mannWhitneyU(reference, current, Alternative.LESS);
 * }</pre>
 */
public enum Alternative {
  /** The distributions differ. */
  TWO_SIDED,
  /** The reference is stochastically less than the current sample. */
  LESS,
  /** The reference is stochastically greater than the current sample. */
  GREATER
}
