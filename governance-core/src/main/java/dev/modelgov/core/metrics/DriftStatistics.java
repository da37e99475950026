package dev.modelgov.core.metrics;

import dev.modelgov.core.metrics.internal.AndersonDarling;
import dev.modelgov.core.metrics.internal.DriftEngine;
import dev.modelgov.core.metrics.internal.FeatureBins;
import dev.modelgov.core.metrics.internal.KolmogorovSmirnovPValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.GTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.apache.commons.statistics.inference.TTest;

/**
 * Offline drift statistics on arrays: distances on bin counts or fractions, and two-sample tests on raw samples.
 * Test p-values come from Apache Commons Statistics; the distances are plain sums. Thread-safe (stateless).
 *
 * <p>Which KS p-value each API returns:
 *
 * <ul>
 *   <li>{@link #kolmogorovSmirnov(double[], double[], KsPValueMethod)}: the one you ask for; {@code AUTO} is exact
 *       when the larger sample has fewer than 10,000 values (scipy's and Evidently's default), asymptotic above.</li>
 *   <li>{@link #ksPValue(double, long, long)} and every streaming monitor: the asymptotic p-value from D and the two
 *       sizes (scipy {@code method='asymp'}, Alibi Detect, whylogs).</li>
 *   <li>{@link #compare}: the one {@link DriftConfig#ksPValueMethod()} names (default {@code AUTO}).</li>
 * </ul>
 *
 * <pre>{@code
 * double psi = DriftStatistics.psi(new long[] {100, 50, 0}, new long[] {80, 60, 10}, PsiEpsilon.EVIDENTLY);
 * KsResult ks = DriftStatistics.kolmogorovSmirnov(reference, current, KsPValueMethod.EXACT);
 * List<DriftResult> rows = DriftStatistics.compare(
 *     Map.of("income", refIncome, "region", refRegion),
 *     Map.of("income", curIncome, "region", curRegion),
 *     DriftConfig.defaults());
 * }</pre>
 */
public final class DriftStatistics {

  private static final double LN2 = Math.log(2);

  private DriftStatistics() {}

  // ---------------------------------------------------------------- distances on bins

  /**
   * Population stability index Σ (r − c)·ln(r/c) over bins; a zero fraction is filled per {@code epsilon}; bins
   * empty on both sides carry no information and are skipped.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin, same length
   * @param epsilon the empty-bin fill
   * @return PSI ≥ 0
   */
  public static double psi(long[] referenceCounts, long[] currentCounts, PsiEpsilon epsilon) {
    checkCounts(referenceCounts, currentCounts);
    return psi(Histograms.fractions(referenceCounts), Histograms.fractions(currentCounts), epsilon);
  }

  /**
   * PSI over fractions (each side should sum to 1).
   *
   * @param reference the reference fraction per bin
   * @param current the current fraction per bin, same length
   * @param epsilon the empty-bin fill
   * @return PSI ≥ 0
   */
  public static double psi(double[] reference, double[] current, PsiEpsilon epsilon) {
    checkFractions(reference, current);
    Objects.requireNonNull(epsilon, "epsilon must not be null");
    double er = fill(reference, epsilon);
    double ec = fill(current, epsilon);
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] == 0 && current[i] == 0) {
        continue;
      }
      double r = reference[i] == 0 ? er : reference[i];
      double c = current[i] == 0 ? ec : current[i];
      psi += (r - c) * Math.log(r / c);
    }
    return psi;
  }

  private static double fill(double[] fractions, PsiEpsilon epsilon) {
    if (epsilon == PsiEpsilon.FIXED) {
      return 1e-4;
    }
    double min = Double.POSITIVE_INFINITY;
    for (double f : fractions) {
      if (f > 0) {
        min = Math.min(min, f);
      }
    }
    return min <= 1e-4 ? min / 1e6 : 1e-4;
  }

  /**
   * Jensen–Shannon distance over bin counts.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin
   * @param base the log base
   * @return the distance
   */
  public static double jensenShannon(long[] referenceCounts, long[] currentCounts, LogBase base) {
    checkCounts(referenceCounts, currentCounts);
    return jensenShannon(Histograms.fractions(referenceCounts), Histograms.fractions(currentCounts), base);
  }

  /**
   * Jensen–Shannon distance √(½KL(p‖m) + ½KL(q‖m)), m = (p+q)/2, after normalising p and q to sum 1 (as scipy's
   * {@code jensenshannon}); no epsilon fill.
   *
   * @param p one distribution
   * @param q the other, same length
   * @param base {@link LogBase#BASE_2} for [0, 1], {@link LogBase#NATURAL} for Evidently's value
   * @return the distance
   */
  public static double jensenShannon(double[] p, double[] q, LogBase base) {
    checkFractions(p, q);
    Objects.requireNonNull(base, "base must not be null");
    double sp = sum(p);
    double sq = sum(q);
    if (sp <= 0 || sq <= 0) {
      throw new IllegalArgumentException("both distributions must have positive mass");
    }
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = (a + b) / 2;
      if (a > 0) {
        js += a * Math.log(a / m);
      }
      if (b > 0) {
        js += b * Math.log(b / m);
      }
    }
    if (base == LogBase.BASE_2) {
      js /= LN2;
    }
    return Math.sqrt(Math.max(0, js / 2));
  }

  /**
   * Hellinger distance over bin counts.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin
   * @return the distance, in [0, 1]
   */
  public static double hellinger(long[] referenceCounts, long[] currentCounts) {
    checkCounts(referenceCounts, currentCounts);
    return hellinger(Histograms.fractions(referenceCounts), Histograms.fractions(currentCounts));
  }

  /**
   * Hellinger distance ‖√p − √q‖₂/√2.
   *
   * @param p one distribution (fractions)
   * @param q the other
   * @return the distance, in [0, 1]
   */
  public static double hellinger(double[] p, double[] q) {
    checkFractions(p, q);
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      s += d * d;
    }
    return Math.sqrt(s) / Math.sqrt(2);
  }

  /**
   * L∞ distance over bin counts.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin
   * @return the distance, in [0, 1]
   */
  public static double lInfinity(long[] referenceCounts, long[] currentCounts) {
    checkCounts(referenceCounts, currentCounts);
    return lInfinity(Histograms.fractions(referenceCounts), Histograms.fractions(currentCounts));
  }

  /**
   * L∞ distance max |p_i − q_i|.
   *
   * @param p one distribution (fractions)
   * @param q the other
   * @return the distance
   */
  public static double lInfinity(double[] p, double[] q) {
    checkFractions(p, q);
    double d = 0;
    for (int i = 0; i < p.length; i++) {
      d = Math.max(d, Math.abs(p[i] - q[i]));
    }
    return d;
  }

  // ---------------------------------------------------------------- tests on bins

  /**
   * Chi-square goodness of fit of the current counts to the reference proportions (Evidently's form: expected =
   * reference count × n_cur / n_ref), p-value from Commons Statistics. Bins empty on both sides are dropped; a
   * current count in a bin the reference never saw makes the statistic infinite and the p-value 0.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin
   * @return the statistic and p-value (0 and 1 when fewer than two bins remain)
   */
  public static TestResult chiSquare(long[] referenceCounts, long[] currentCounts) {
    double[][] eo = expectedObserved(referenceCounts, currentCounts);
    if (eo == null) {
      return new TestResult(Double.POSITIVE_INFINITY, 0.0);
    }
    if (eo[0].length < 2) {
      return new TestResult(0.0, 1.0);
    }
    SignificanceResult r = ChiSquareTest.withDefaults().test(eo[0], toLongs(eo[1]));
    return new TestResult(r.getStatistic(), r.getPValue());
  }

  /**
   * G-test (log-likelihood ratio) of the current counts against the reference proportions, same conventions as
   * {@link #chiSquare(long[], long[])}.
   *
   * @param referenceCounts the reference count per bin
   * @param currentCounts the current count per bin
   * @return the statistic and p-value
   */
  public static TestResult gTest(long[] referenceCounts, long[] currentCounts) {
    double[][] eo = expectedObserved(referenceCounts, currentCounts);
    if (eo == null) {
      return new TestResult(Double.POSITIVE_INFINITY, 0.0);
    }
    if (eo[0].length < 2) {
      return new TestResult(0.0, 1.0);
    }
    SignificanceResult r = GTest.withDefaults().test(eo[0], toLongs(eo[1]));
    return new TestResult(r.getStatistic(), r.getPValue());
  }

  private static double[][] expectedObserved(long[] ref, long[] cur) {
    checkCounts(ref, cur);
    long nr = 0;
    long nc = 0;
    for (int i = 0; i < ref.length; i++) {
      nr += ref[i];
      nc += cur[i];
    }
    if (nr == 0 || nc == 0) {
      throw new IllegalArgumentException("both samples must hold at least one count");
    }
    double[] e = new double[ref.length];
    double[] o = new double[ref.length];
    int k = 0;
    for (int i = 0; i < ref.length; i++) {
      if (ref[i] == 0 && cur[i] == 0) {
        continue;
      }
      if (ref[i] == 0) {
        return null;
      }
      e[k] = (double) ref[i] * nc / nr;
      o[k] = cur[i];
      k++;
    }
    return new double[][] {Arrays.copyOf(e, k), Arrays.copyOf(o, k)};
  }

  private static long[] toLongs(double[] d) {
    long[] l = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      l[i] = (long) d[i];
    }
    return l;
  }

  // ---------------------------------------------------------------- samples

  /**
   * Two-sample Kolmogorov–Smirnov test on raw samples (Commons Statistics {@code KolmogorovSmirnovTest},
   * two-sided). NaN values are not allowed.
   *
   * @param reference the reference sample, at least 2 values
   * @param current the current sample, at least 2 values
   * @param method which p-value to return
   * @return D, the p-value, and the method used
   */
  public static KsResult kolmogorovSmirnov(double[] reference, double[] current, KsPValueMethod method) {
    checkSamples(reference, current);
    Objects.requireNonNull(method, "method must not be null");
    KsPValueMethod used = method != KsPValueMethod.AUTO ? method
        : Math.max(reference.length, current.length) < 10_000 ? KsPValueMethod.EXACT : KsPValueMethod.ASYMPTOTIC;
    PValueMethod p = used == KsPValueMethod.EXACT ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC;
    KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults().with(p).test(reference, current);
    return new KsResult(r.getStatistic(), r.getPValue(), used);
  }

  /**
   * The asymptotic two-sample KS p-value from D and the sample sizes alone: the one-sample Kolmogorov distribution
   * of D at the effective size {@code round(m·n/(m+n))} (scipy {@code ks_2samp(method='asymp')}, whylogs). Computed
   * by Commons Statistics: its exact one-sample distribution up to an effective size of 1,000, its limiting
   * distribution above. Streaming monitors use it on the binned statistic.
   *
   * @param d the statistic, in [0, 1]
   * @param m the reference sample size
   * @param n the current sample size
   * @return the p-value (1 when either size is 0)
   */
  public static double ksPValue(double d, long m, long n) {
    return KolmogorovSmirnovPValues.fromStatistic(d, m, n);
  }

  /**
   * Wasserstein-1 distance ∫|F_ref − F_cur| between the empirical distributions (scipy's
   * {@code wasserstein_distance}).
   *
   * @param reference the reference sample, not empty, no NaN
   * @param current the current sample, not empty, no NaN
   * @return the distance, in the samples' unit
   */
  public static double wasserstein(double[] reference, double[] current) {
    return cdfDistance(reference, current, 1);
  }

  /**
   * Wasserstein-1 divided by the reference standard deviation (ddof 0, floored at 0.001): Evidently's
   * {@code wasserstein} statistic.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return the normed distance
   */
  public static double wassersteinNormed(double[] reference, double[] current) {
    return wasserstein(reference, current) / Math.max(standardDeviation(reference), 0.001);
  }

  /**
   * Energy distance √(2·∫(F_ref − F_cur)²) (scipy's {@code energy_distance}, used by Evidently).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return the distance
   */
  public static double energyDistance(double[] reference, double[] current) {
    return Math.sqrt(2) * cdfDistance(reference, current, 2);
  }

  private static double cdfDistance(double[] u, double[] v, int p) {
    Objects.requireNonNull(u, "reference must not be null");
    Objects.requireNonNull(v, "current must not be null");
    if (u.length == 0 || v.length == 0) {
      throw new IllegalArgumentException("both samples must hold at least one value");
    }
    double[] a = noNaN(u, "reference").clone();
    double[] b = noNaN(v, "current").clone();
    Arrays.sort(a);
    Arrays.sort(b);
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    double total = 0;
    int ia = 0;
    int ib = 0;
    for (int k = 0; k < all.length - 1; k++) {
      double x = all[k];
      while (ia < a.length && a[ia] <= x) {
        ia++;
      }
      while (ib < b.length && b[ib] <= x) {
        ib++;
      }
      double delta = all[k + 1] - x;
      if (delta == 0) {
        continue;
      }
      double diff = Math.abs((double) ia / a.length - (double) ib / b.length);
      total += p == 1 ? diff * delta : diff * diff * delta;
    }
    return p == 1 ? total : Math.sqrt(total);
  }

  /**
   * Student's two-sample t-test with equal variances (scipy's {@code ttest_ind} default, used by Evidently),
   * two-sided, from Commons Statistics.
   *
   * @param reference the reference sample, at least 2 values
   * @param current the current sample, at least 2 values
   * @return t and the p-value
   */
  public static TestResult tTest(double[] reference, double[] current) {
    checkSamples(reference, current);
    TTest.Result r = TTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC).test(reference, current);
    return new TestResult(r.getStatistic(), r.getPValue());
  }

  /**
   * Mann–Whitney U test from Commons Statistics (exact without ties for small samples, otherwise normal
   * approximation with continuity correction). Evidently's {@code mannw} uses {@link Alternative#LESS}.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @param alternative the alternative hypothesis, for (reference, current)
   * @return U (of the reference) and the p-value
   */
  public static TestResult mannWhitneyU(double[] reference, double[] current, Alternative alternative) {
    checkSamples(reference, current);
    Objects.requireNonNull(alternative, "alternative must not be null");
    AlternativeHypothesis h = switch (alternative) {
      case TWO_SIDED -> AlternativeHypothesis.TWO_SIDED;
      case LESS -> AlternativeHypothesis.LESS_THAN;
      case GREATER -> AlternativeHypothesis.GREATER_THAN;
    };
    MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().with(h).test(reference, current);
    return new TestResult(r.getStatistic(), r.getPValue());
  }

  /**
   * Two-sample Anderson–Darling test (Scholz and Stephens' k-sample form, midranks), as scipy's
   * {@code anderson_ksamp} used by Evidently: the standardized statistic and a p-value interpolated from the
   * published critical values, capped to [0.001, 0.25].
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return the statistic and p-value
   */
  public static TestResult andersonDarling(double[] reference, double[] current) {
    checkSamples(reference, current);
    double[] r = AndersonDarling.test(reference, current);
    return new TestResult(r[0], r[1]);
  }

  // ---------------------------------------------------------------- batch comparison

  /**
   * Compares two column sets feature by feature. Each column is a {@code double[]} (numeric) or a {@code String[]}
   * (categorical); the reference decides the features and their order, and the current set must hold a column of the
   * same type for each. A baseline is fitted from the reference with the default 10 bins and top 20 categories.
   *
   * @param reference feature name to reference column
   * @param current feature name to current column
   * @param config the methods and thresholds
   * @return one row per feature and configured method
   * @throws IllegalArgumentException naming a missing or mistyped column
   */
  public static List<DriftResult> compare(Map<String, ?> reference, Map<String, ?> current, DriftConfig config) {
    return compare(reference, current, config, 10, 20);
  }

  /**
   * Compares two column sets feature by feature, as {@link #compare(Map, Map, DriftConfig)}, with the baseline's
   * bin count and top-K given.
   *
   * <p>PSI, Jensen–Shannon, Hellinger, L∞ and chi-square are computed on the reference bins exactly as a monitor
   * computes them for one window. KS and Wasserstein are computed on the raw arrays (exact, not binned), with the
   * KS p-value method of the config. Drift is flagged only when the current column holds at least
   * {@link DriftConfig#minWindowSamples()} values.
   *
   * @param reference feature name to reference column
   * @param current feature name to current column
   * @param config the methods and thresholds
   * @param bins numeric bins
   * @param topK categories kept
   * @return one row per feature and configured method
   */
  public static List<DriftResult> compare(Map<String, ?> reference, Map<String, ?> current, DriftConfig config,
      int bins, int topK) {
    Objects.requireNonNull(reference, "reference must not be null");
    Objects.requireNonNull(current, "current must not be null");
    Objects.requireNonNull(config, "config must not be null");
    DriftBaseline.Builder b = DriftBaseline.builder().bins(bins).topK(topK);
    Map<String, Object> cur = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : reference.entrySet()) {
      String name = e.getKey();
      Object r = e.getValue();
      Object c = current.get(name);
      if (c == null) {
        throw new IllegalArgumentException("current: column '" + name + "' is missing");
      }
      if (r instanceof double[] rd) {
        if (!(c instanceof double[])) {
          throw new IllegalArgumentException("current: column '" + name + "' must be numeric (double[])");
        }
        b.numeric(name, rd);
      } else if (r instanceof String[] rs) {
        if (!(c instanceof String[])) {
          throw new IllegalArgumentException("current: column '" + name + "' must be categorical (String[])");
        }
        b.categorical(name, rs);
      } else {
        throw new IllegalArgumentException(
            "reference: column '" + name + "' must be a double[] or a String[]");
      }
      cur.put(name, c);
    }
    DriftBaseline baseline = b.build();
    DriftEngine engine = new DriftEngine(baseline, config);
    FeatureBins[] features = engine.features();
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (FeatureBins f : features) {
      long[] c = new long[f.bins()];
      Object column = cur.get(f.name());
      long n;
      if (column instanceof double[] d) {
        for (double v : d) {
          c[f.bin(v)]++;
        }
        n = d.length;
      } else {
        String[] s = (String[]) column;
        for (String v : s) {
          c[f.bin(v)]++;
        }
        n = s.length;
      }
      counts.put(f.name(), c);
      sizes.put(f.name(), n);
    }
    List<DriftResult> rows = new ArrayList<>();
    for (DriftEngine.Slot slot : engine.slots()) {
      FeatureBins f = slot.bins();
      long n = sizes.get(f.name());
      DriftMethod m = slot.method();
      if (m == DriftMethod.KOLMOGOROV_SMIRNOV || m == DriftMethod.WASSERSTEIN
          || m == DriftMethod.WASSERSTEIN_NORMED) {
        rows.add(exactRow(f, m, (double[]) reference.get(f.name()), (double[]) cur.get(f.name()), engine, config,
            n));
      } else {
        rows.add(engine.row(f, m, counts.get(f.name()), n));
      }
    }
    return rows;
  }

  private static DriftResult exactRow(FeatureBins f, DriftMethod m, double[] ref, double[] cur, DriftEngine engine,
      DriftConfig config, long n) {
    double[] r = withoutNaN(ref);
    double[] c = withoutNaN(cur);
    double threshold = engine.threshold(m);
    double statistic;
    OptionalDouble p = OptionalDouble.empty();
    if (m == DriftMethod.KOLMOGOROV_SMIRNOV) {
      if (r.length < 2 || c.length < 2) {
        statistic = Double.NaN;
        p = OptionalDouble.of(Double.NaN);
      } else {
        KsResult ks = kolmogorovSmirnov(r, c, config.ksPValueMethod());
        statistic = ks.statistic();
        p = OptionalDouble.of(ks.pValue());
      }
    } else if (c.length == 0) {
      statistic = Double.NaN;
    } else {
      statistic = m == DriftMethod.WASSERSTEIN ? wasserstein(r, c) : wassersteinNormed(r, c);
    }
    double value = m.isTest() ? p.orElse(Double.NaN) : statistic;
    boolean drift = n >= config.minWindowSamples() && !Double.isNaN(value)
        && (m.isTest() ? value < threshold : value >= threshold);
    return new DriftResult(f.name(), f.direction(), m, statistic, p, threshold, drift, n);
  }

  // ---------------------------------------------------------------- helpers

  static double standardDeviation(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / x.length);
  }

  private static double[] withoutNaN(double[] x) {
    return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static double[] noNaN(double[] x, String what) {
    for (double v : x) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException(what + " must not contain NaN");
      }
    }
    return x;
  }

  private static void checkSamples(double[] reference, double[] current) {
    Objects.requireNonNull(reference, "reference must not be null");
    Objects.requireNonNull(current, "current must not be null");
    if (reference.length < 2 || current.length < 2) {
      throw new IllegalArgumentException("both samples must hold at least 2 values");
    }
    noNaN(reference, "reference");
    noNaN(current, "current");
  }

  private static void checkCounts(long[] reference, long[] current) {
    Objects.requireNonNull(reference, "referenceCounts must not be null");
    Objects.requireNonNull(current, "currentCounts must not be null");
    if (reference.length != current.length || reference.length == 0) {
      throw new IllegalArgumentException("counts must have the same, non-zero length, got " + reference.length
          + " and " + current.length);
    }
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] < 0 || current[i] < 0) {
        throw new IllegalArgumentException("counts must not be negative (bin " + i + ")");
      }
    }
  }

  private static void checkFractions(double[] p, double[] q) {
    Objects.requireNonNull(p, "reference must not be null");
    Objects.requireNonNull(q, "current must not be null");
    if (p.length != q.length || p.length == 0) {
      throw new IllegalArgumentException("distributions must have the same, non-zero length, got " + p.length
          + " and " + q.length);
    }
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0) || !(q[i] >= 0) || Double.isInfinite(p[i]) || Double.isInfinite(q[i])) {
        throw new IllegalArgumentException("fractions must be finite and not negative (bin " + i + ")");
      }
    }
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}
