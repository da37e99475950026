package dev.modelgov.core.metrics.internal;

import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.DriftStatistics;
import dev.modelgov.core.metrics.FeatureKind;
import dev.modelgov.core.metrics.LogBase;
import dev.modelgov.core.metrics.TestResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns per-bin counts into drift rows: the computation a monitor runs at each window close, O(features × bins).
 * For internal use only.
 */
public final class DriftEngine {

  /** One row position: a feature and a method. */
  public record Slot(int feature, FeatureBins bins, DriftMethod method) {}

  private final FeatureBins[] features;
  private final int[] offsets;
  private final int totalBins;
  private final List<Slot> slots;
  private final Map<DriftMethod, Integer> tested = new EnumMap<>(DriftMethod.class);
  private final DriftConfig config;
  private final int numericCount;
  private final int categoricalCount;
  private final int[] numericIndex;
  private final int[] categoricalIndex;

  /**
   * @param baseline the baseline
   * @param config the config
   */
  public DriftEngine(DriftBaseline baseline, DriftConfig config) {
    this.config = config;
    List<DriftBaseline.Feature> list = baseline.features();
    features = new FeatureBins[list.size()];
    offsets = new int[list.size()];
    int at = 0;
    int nNum = 0;
    int nCat = 0;
    for (int i = 0; i < list.size(); i++) {
      features[i] = new FeatureBins(list.get(i));
      offsets[i] = at;
      at += features[i].bins();
      if (features[i].kind() == FeatureKind.NUMERIC) {
        nNum++;
      } else {
        nCat++;
      }
    }
    totalBins = at;
    numericCount = nNum;
    categoricalCount = nCat;
    numericIndex = new int[nNum];
    categoricalIndex = new int[nCat];
    nNum = 0;
    nCat = 0;
    List<Slot> s = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      if (features[i].kind() == FeatureKind.NUMERIC) {
        numericIndex[nNum++] = i;
      } else {
        categoricalIndex[nCat++] = i;
      }
      for (DriftMethod m : config.methods(features[i].kind())) {
        s.add(new Slot(i, features[i], m));
        tested.merge(m, 1, Integer::sum);
      }
    }
    slots = List.copyOf(s);
  }

  /** @return the unpacked features, in baseline order */
  public FeatureBins[] features() {
    return features;
  }

  /** @return the offset of each feature's bins in a flat count array */
  public int[] offsets() {
    return offsets;
  }

  /** @return the length of a flat count array */
  public int totalBins() {
    return totalBins;
  }

  /** @return the row positions, in report order */
  public List<Slot> slots() {
    return slots;
  }

  /** @return how many numeric features there are */
  public int numericCount() {
    return numericCount;
  }

  /** @return how many categorical features there are */
  public int categoricalCount() {
    return categoricalCount;
  }

  /** @return the feature index of each numeric feature, in order */
  public int[] numericIndex() {
    return numericIndex;
  }

  /** @return the feature index of each categorical feature, in order */
  public int[] categoricalIndex() {
    return categoricalIndex;
  }

  /**
   * The threshold a slot's method is compared with (Bonferroni-corrected for tests when configured).
   *
   * @param method the method
   * @return the threshold
   */
  public double threshold(DriftMethod method) {
    return config.effectiveThreshold(method, tested.getOrDefault(method, 0));
  }

  /**
   * Splits flat counts per feature.
   *
   * @param counts the flat counts
   * @return feature name to its counts, in baseline order
   */
  public java.util.Map<String, long[]> split(long[] counts) {
    java.util.Map<String, long[]> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < features.length; i++) {
      long[] c = new long[features[i].bins()];
      System.arraycopy(counts, offsets[i], c, 0, c.length);
      out.put(features[i].name(), c);
    }
    return out;
  }

  /**
   * Computes every row from flat counts.
   *
   * @param counts the flat counts, {@link #totalBins()} long
   * @param windowSamples the samples in the window
   * @return the rows, in slot order
   */
  public List<DriftResult> compute(long[] counts, long windowSamples) {
    List<DriftResult> rows = new ArrayList<>(slots.size());
    long[][] perFeature = new long[features.length][];
    for (int i = 0; i < features.length; i++) {
      long[] c = new long[features[i].bins()];
      System.arraycopy(counts, offsets[i], c, 0, c.length);
      perFeature[i] = c;
    }
    for (Slot slot : slots) {
      rows.add(row(slot.bins(), slot.method(), perFeature[slot.feature()], windowSamples));
    }
    return rows;
  }

  /**
   * Computes one row from one feature's counts.
   *
   * @param f the feature
   * @param method the method
   * @param current the feature's current counts
   * @param windowSamples the samples in the window
   * @return the row
   */
  public DriftResult row(FeatureBins f, DriftMethod method, long[] current, long windowSamples) {
    double threshold = threshold(method);
    long[] ref = f.referenceCounts();
    double statistic;
    OptionalDouble p = OptionalDouble.empty();
    boolean empty = sum(current) == 0;
    switch (method) {
      case PSI -> statistic = empty ? Double.NaN : DriftStatistics.psi(ref, current, config.psiEpsilon());
      case JENSEN_SHANNON -> statistic = empty ? Double.NaN : DriftStatistics.jensenShannon(ref, current,
          LogBase.BASE_2);
      case JENSEN_SHANNON_NATURAL -> statistic = empty ? Double.NaN : DriftStatistics.jensenShannon(ref, current,
          LogBase.NATURAL);
      case HELLINGER -> statistic = empty ? Double.NaN : DriftStatistics.hellinger(ref, current);
      case L_INFINITY -> statistic = empty ? Double.NaN : DriftStatistics.lInfinity(ref, current);
      case CHI_SQUARE -> {
        if (empty) {
          statistic = Double.NaN;
          p = OptionalDouble.of(Double.NaN);
        } else {
          TestResult t = DriftStatistics.chiSquare(ref, current);
          statistic = t.statistic();
          p = OptionalDouble.of(t.pValue());
        }
      }
      case KOLMOGOROV_SMIRNOV -> {
        long m = valueSum(ref);
        long n = valueSum(current);
        if (n == 0) {
          statistic = Double.NaN;
          p = OptionalDouble.of(Double.NaN);
        } else {
          statistic = binnedKs(ref, current);
          p = OptionalDouble.of(DriftStatistics.ksPValue(statistic, m, n));
        }
      }
      case WASSERSTEIN, WASSERSTEIN_NORMED -> {
        if (valueSum(current) == 0) {
          statistic = Double.NaN;
        } else {
          double w = binnedWasserstein(ref, current, f.centroids());
          statistic = method == DriftMethod.WASSERSTEIN ? w
              : w / Math.max(f.feature().standardDeviation(), 0.001);
        }
      }
      default -> throw new IllegalStateException("unknown method " + method);
    }
    double value = method.isTest() ? p.orElse(Double.NaN) : statistic;
    boolean drift = windowSamples >= config.minWindowSamples() && !Double.isNaN(value)
        && (method.isTest() ? value < threshold : value >= threshold);
    return new DriftResult(f.name(), f.direction(), method, statistic, p, threshold, drift, windowSamples);
  }

  /** Max CDF gap over the value bins (the missing bin excluded), each side normalised over its values. */
  static double binnedKs(long[] ref, long[] cur) {
    double m = valueSum(ref);
    double n = valueSum(cur);
    double cr = 0;
    double cc = 0;
    double d = 0;
    for (int i = 0; i < ref.length - 1; i++) {
      cr += ref[i];
      cc += cur[i];
      d = Math.max(d, Math.abs(cr / m - cc / n));
    }
    return Math.min(d, 1.0);
  }

  /** W1 with each value bin's mass at the reference centroid of that bin. */
  static double binnedWasserstein(long[] ref, long[] cur, double[] centroids) {
    double m = valueSum(ref);
    double n = valueSum(cur);
    double cr = 0;
    double cc = 0;
    double w = 0;
    for (int i = 0; i < centroids.length - 1; i++) {
      cr += ref[i];
      cc += cur[i];
      w += Math.abs(cr / m - cc / n) * (centroids[i + 1] - centroids[i]);
    }
    return w;
  }

  private static long valueSum(long[] counts) {
    long s = 0;
    for (int i = 0; i < counts.length - 1; i++) {
      s += counts[i];
    }
    return s;
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
