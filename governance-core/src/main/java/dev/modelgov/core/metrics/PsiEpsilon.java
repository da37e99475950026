package dev.modelgov.core.metrics;

/**
 * How PSI fills an empty bin, whose fraction would make {@code ln(r/c)} infinite. Each side is filled separately and
 * the fractions are not renormalised.
 *
 * <pre>{@code
 * double psi = DriftStatistics.psi(referenceCounts, currentCounts, PsiEpsilon.EVIDENTLY);
 * }</pre>
 */
public enum PsiEpsilon {
  /**
   * Evidently's fill: a zero fraction becomes 0.0001, or the smallest non-zero fraction of that side divided by 10⁶
   * when that fraction is at most 0.0001.
   */
  EVIDENTLY,
  /** A zero fraction always becomes 0.0001. */
  FIXED
}
