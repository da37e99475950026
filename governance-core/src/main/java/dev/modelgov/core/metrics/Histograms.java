package dev.modelgov.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Binning helpers for offline drift: reference-quantile edges (this project's convention), numpy's Sturges and Doane
 * edges (Evidently's and NannyML's conventions), numpy-compatible histograms, and category alignment.
 *
 * <pre>{@code
 * double[] edges = Histograms.sturgesEdges(reference, current);       // Evidently: edges on ref+cur combined
 * long[] ref = Histograms.histogram(reference, edges);
 * long[] cur = Histograms.histogram(current, edges);
 * double psi = DriftStatistics.psi(ref, cur, PsiEpsilon.EVIDENTLY);
 * }</pre>
 */
public final class Histograms {

  private Histograms() {}

  /**
   * Interior bin edges at the reference quantiles {@code 1/bins, 2/bins, ..., (bins-1)/bins}, computed as numpy's
   * default ("linear") quantile; equal edges are merged. NaN values are ignored. With these edges a value goes to bin
   * "number of edges ≤ value", so the outer bins are open to ±∞.
   *
   * @param reference the reference sample, must not be {@code null} and must hold a non-NaN value
   * @param bins the number of bins wanted, at least 2
   * @return the strictly increasing interior edges (at most {@code bins - 1})
   * @throws IllegalArgumentException if the sample has no value or {@code bins < 2}
   */
  public static double[] quantileEdges(double[] reference, int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("bins must be >= 2, got " + bins);
    }
    double[] sorted = sortedFinite(Objects.requireNonNull(reference, "reference must not be null"), "reference");
    double[] edges = new double[bins - 1];
    int count = 0;
    for (int j = 1; j < bins; j++) {
      double e = quantile(sorted, (double) j / bins);
      if (count == 0 || e > edges[count - 1]) {
        edges[count++] = e;
      }
    }
    return Arrays.copyOf(edges, count);
  }

  /**
   * numpy's "linear" quantile of a sorted array.
   *
   * @param sorted ascending values, not empty
   * @param q the probability, in [0, 1]
   * @return the quantile
   */
  static double quantile(double[] sorted, double q) {
    int n = sorted.length;
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double t = h - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /**
   * numpy's {@code histogram_bin_edges(concat(samples), "sturges")}: equal-width bins over the combined range, their
   * number {@code ceil(range / (range / (log2(n) + 1)))}. Evidently bins numeric PSI and Jensen–Shannon this way.
   *
   * @param samples the samples to combine (NaN ignored), at least one value in all
   * @return the edges, first and last included
   */
  public static double[] sturgesEdges(double[]... samples) {
    double[] all = sortedFinite(concat(samples), "samples");
    double width = (all[all.length - 1] - all[0]) / (log2(all.length) + 1.0);
    return equalWidthEdges(all[0], all[all.length - 1], width);
  }

  /**
   * numpy's {@code histogram_bin_edges(sample, "doane")}, which NannyML uses for continuous Jensen–Shannon.
   *
   * @param sample the sample (NaN ignored), at least one value
   * @return the edges, first and last included
   */
  public static double[] doaneEdges(double[] sample) {
    double[] x = sortedFinite(Objects.requireNonNull(sample, "sample must not be null"), "sample");
    int n = x.length;
    double lo = x[0];
    double hi = x[n - 1];
    double width = 0;
    if (n > 2) {
      double sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
      double mean = 0;
      for (double v : x) {
        mean += v;
      }
      mean /= n;
      double var = 0;
      for (double v : x) {
        var += (v - mean) * (v - mean);
      }
      double sigma = Math.sqrt(var / n);
      if (sigma > 0) {
        double g1 = 0;
        for (double v : x) {
          double z = (v - mean) / sigma;
          g1 += z * z * z;
        }
        g1 /= n;
        width = (hi - lo) / (1.0 + log2(n) + log2(1.0 + Math.abs(g1) / sg1));
      }
    }
    return equalWidthEdges(lo, hi, width);
  }

  private static double[] equalWidthEdges(double lo, double hi, double width) {
    if (hi == lo) {
      return new double[] {lo - 0.5, hi + 0.5};
    }
    int bins = width > 0 ? (int) Math.ceil((hi - lo) / width) : 1;
    bins = Math.max(bins, 1);
    double[] edges = new double[bins + 1];
    double step = (hi - lo) / bins;
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + i * step;
    }
    edges[bins] = hi;
    return edges;
  }

  /**
   * numpy's {@code histogram(values, edges)}: bin {@code i} holds {@code edges[i] <= x < edges[i+1]}, the last bin
   * also holds {@code x == edges[last]}; values outside the edges and NaN are dropped.
   *
   * @param values the values, must not be {@code null}
   * @param edges at least two increasing edges
   * @return {@code edges.length - 1} counts
   */
  public static long[] histogram(double[] values, double[] edges) {
    long[] counts = new long[checkEdges(edges) - 1];
    for (double v : Objects.requireNonNull(values, "values must not be null")) {
      int bin = closedBin(edges, v);
      if (bin >= 0) {
        counts[bin]++;
      }
    }
    return counts;
  }

  /**
   * A histogram with an extra last "leftover" bin for the values outside the edges (NannyML's convention for mass the
   * reference bins do not cover). NaN values are dropped.
   *
   * @param values the values, must not be {@code null}
   * @param edges at least two increasing edges
   * @return {@code edges.length} counts, the last one the leftover
   */
  public static long[] histogramWithLeftover(double[] values, double[] edges) {
    int bins = checkEdges(edges) - 1;
    long[] counts = new long[bins + 1];
    for (double v : Objects.requireNonNull(values, "values must not be null")) {
      if (Double.isNaN(v)) {
        continue;
      }
      int bin = closedBin(edges, v);
      counts[bin >= 0 ? bin : bins]++;
    }
    return counts;
  }

  private static int closedBin(double[] edges, double v) {
    int last = edges.length - 1;
    if (Double.isNaN(v) || v < edges[0] || v > edges[last]) {
      return -1;
    }
    if (v == edges[last]) {
      return last - 1;
    }
    return upperBound(edges, v) - 1;
  }

  /**
   * The number of edges less than or equal to {@code value}: the bin of {@code value} for interior edges with open
   * outer bins.
   *
   * @param edges increasing edges
   * @param value the value (not NaN)
   * @return the bin, in {@code [0, edges.length]}
   */
  public static int binOf(double[] edges, double value) {
    return upperBound(edges, value);
  }

  static int upperBound(double[] edges, double value) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Counts both samples over the union of their categories, sorted by name; {@code null} labels are dropped.
   * NannyML's L∞ and Evidently's categorical tests compare this way.
   *
   * @param reference the reference labels, must not be {@code null}
   * @param current the current labels, must not be {@code null}
   * @return the aligned counts
   */
  public static AlignedCounts alignCategories(String[] reference, String[] current) {
    Map<String, long[]> counts = new TreeMap<>();
    count(Objects.requireNonNull(reference, "reference must not be null"), counts, 0);
    count(Objects.requireNonNull(current, "current must not be null"), counts, 1);
    return toAligned(counts);
  }

  /**
   * Counts both samples over the union of their distinct values, in numeric order; NaN is dropped. Evidently bins a
   * numeric column with at most 20 distinct reference values this way.
   *
   * @param reference the reference values, must not be {@code null}
   * @param current the current values, must not be {@code null}
   * @return the aligned counts, bins named by {@link Double#toString(double)}
   */
  public static AlignedCounts alignValues(double[] reference, double[] current) {
    TreeSet<Double> values = new TreeSet<>();
    for (double v : Objects.requireNonNull(reference, "reference must not be null")) {
      if (!Double.isNaN(v)) {
        values.add(v);
      }
    }
    for (double v : Objects.requireNonNull(current, "current must not be null")) {
      if (!Double.isNaN(v)) {
        values.add(v);
      }
    }
    Map<Double, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Double v : values) {
      index.put(v, names.size());
      names.add(Double.toString(v));
    }
    long[] r = new long[names.size()];
    long[] c = new long[names.size()];
    for (double v : reference) {
      if (!Double.isNaN(v)) {
        r[index.get(v)]++;
      }
    }
    for (double v : current) {
      if (!Double.isNaN(v)) {
        c[index.get(v)]++;
      }
    }
    return new AlignedCounts(names, r, c);
  }

  private static void count(String[] labels, Map<String, long[]> counts, int side) {
    for (String s : labels) {
      if (s != null) {
        counts.computeIfAbsent(s, k -> new long[2])[side]++;
      }
    }
  }

  private static AlignedCounts toAligned(Map<String, long[]> counts) {
    List<String> names = new ArrayList<>(counts.keySet());
    long[] r = new long[names.size()];
    long[] c = new long[names.size()];
    int i = 0;
    for (long[] rc : counts.values()) {
      r[i] = rc[0];
      c[i] = rc[1];
      i++;
    }
    return new AlignedCounts(names, r, c);
  }

  /**
   * Counts divided by their sum.
   *
   * @param counts non-negative counts, must not be {@code null}
   * @return the fractions; all zero when the sum is zero
   * @throws IllegalArgumentException if a count is negative
   */
  public static double[] fractions(long[] counts) {
    Objects.requireNonNull(counts, "counts must not be null");
    long total = 0;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("counts must not be negative, got " + c);
      }
      total += c;
    }
    double[] f = new double[counts.length];
    if (total > 0) {
      for (int i = 0; i < counts.length; i++) {
        f[i] = (double) counts[i] / total;
      }
    }
    return f;
  }

  private static int checkEdges(double[] edges) {
    Objects.requireNonNull(edges, "edges must not be null");
    if (edges.length < 2) {
      throw new IllegalArgumentException("edges must hold at least two values, got " + edges.length);
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] < edges[i - 1])) {
        throw new IllegalArgumentException("edges must be finite and increasing; edge " + i + " is not");
      }
    }
    return edges.length;
  }

  private static double[] concat(double[]... samples) {
    Objects.requireNonNull(samples, "samples must not be null");
    int n = 0;
    for (double[] s : samples) {
      n += Objects.requireNonNull(s, "sample must not be null").length;
    }
    double[] all = new double[n];
    int at = 0;
    for (double[] s : samples) {
      System.arraycopy(s, 0, all, at, s.length);
      at += s.length;
    }
    return all;
  }

  static double[] sortedFinite(double[] values, String what) {
    double[] out = new double[values.length];
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        out[n++] = v;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(what + " must hold at least one value that is not NaN");
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
