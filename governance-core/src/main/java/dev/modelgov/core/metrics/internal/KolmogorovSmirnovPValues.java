package dev.modelgov.core.metrics.internal;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The asymptotic two-sample KS p-value from D and the two sample sizes alone, for binned (streaming) data: the
 * one-sample Kolmogorov distribution at the effective size {@code round(m·n/(m+n))}, as scipy's
 * {@code ks_2samp(method='asymp')} and whylogs compute it. Apache Commons Statistics evaluates that distribution; it
 * exposes it only through its one-sample test, so the test is run on a sample whose statistic against a constructed
 * CDF is exactly D. For internal use only.
 */
public final class KolmogorovSmirnovPValues {

  /** Effective sizes up to this use the exact one-sample distribution; larger ones its limiting form. */
  public static final int EXACT_LIMIT = 1_000;

  private KolmogorovSmirnovPValues() {}

  /**
   * The asymptotic p-value.
   *
   * @param d the statistic, in [0, 1]
   * @param m the reference sample size
   * @param n the current sample size
   * @return the p-value, 1 when either size is zero
   */
  public static double fromStatistic(double d, long m, long n) {
    if (Double.isNaN(d) || d < 0 || d > 1) {
      throw new IllegalArgumentException("D must be in [0, 1], got " + d);
    }
    if (m < 0 || n < 0) {
      throw new IllegalArgumentException("sample sizes must not be negative");
    }
    if (m == 0 || n == 0) {
      return 1.0;
    }
    long effective = Math.round((double) m * (double) n / ((double) m + (double) n));
    if (effective < 1) {
      return 1.0;
    }
    int size = (int) Math.min(effective, Integer.MAX_VALUE - 16L);
    // The one-sample statistic of any sample of this size is at least 1/(2 size): P(D >= d) = 1 below that.
    if (d <= 0.5 / size) {
      return 1.0;
    }
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = i + 1;
    }
    // F(x_i) = max(0, i/size - d): the largest gap i/size - F(x_i) is d (at i = size), and every other gap <= d.
    DoubleUnaryOperator cdf = v -> Math.max(0.0, Math.min(1.0, v / size - d));
    PValueMethod method = size <= EXACT_LIMIT ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC;
    return KolmogorovSmirnovTest.withDefaults().with(method).test(x, cdf).getPValue();
  }
}
