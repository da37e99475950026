package dev.modelgov.core.metrics.internal;

import dev.modelgov.core.metrics.Direction;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.FeatureKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One baseline feature unpacked for the hot path: edges or a category map, and the reference counts. For internal
 * use only.
 */
public final class FeatureBins {

  /** Up to this many edges a value is compared with every edge; above, a branch-free binary search is used. */
  static final int LINEAR_MAX = 16;

  private final DriftBaseline.Feature feature;
  private final String name;
  private final FeatureKind kind;
  private final double[] edges;
  private final double[] centroids;
  private final Map<String, Integer> categories;
  private final long[] referenceCounts;
  private final int bins;

  /**
   * @param feature the baseline feature
   */
  public FeatureBins(DriftBaseline.Feature feature) {
    this.feature = feature;
    this.name = feature.name();
    this.kind = feature.kind();
    this.edges = feature.edges();
    this.centroids = feature.centroids();
    this.referenceCounts = feature.counts();
    this.bins = referenceCounts.length;
    Map<String, Integer> map = new HashMap<>();
    List<String> cats = feature.categories();
    for (int i = 0; i < cats.size(); i++) {
      map.put(cats.get(i), i);
    }
    this.categories = map;
  }

  /** @return the baseline feature */
  public DriftBaseline.Feature feature() {
    return feature;
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return the kind */
  public FeatureKind kind() {
    return kind;
  }

  /** @return the direction */
  public Direction direction() {
    return feature.direction();
  }

  /** @return the bin count, missing included */
  public int bins() {
    return bins;
  }

  /** @return the reference counts (not copied: do not modify) */
  public long[] referenceCounts() {
    return referenceCounts;
  }

  /** @return the value-bin centroids of a numeric feature (not copied) */
  public double[] centroids() {
    return centroids;
  }

  /**
   * The bin of a numeric value: the number of edges ≤ value, missing for NaN.
   *
   * <p>Branch-free, so random values cause no branch mispredictions (a branching binary search mispredicts about
   * half its steps, which made it the largest per-feature cost of recording): up to 16 edges (the
   * default 10 bins have 9) every edge is compared and the comparisons are added, independent of one another; above,
   * a binary search runs a fixed ⌈log2(edges)⌉ steps whose comparison only selects the next base (a conditional
   * move).
   *
   * @param value the value
   * @return the bin
   */
  public int bin(double value) {
    if (value != value) {
      return bins - 1;
    }
    double[] e = edges;
    int n = e.length;
    if (n <= LINEAR_MAX) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        count += e[i] <= value ? 1 : 0;
      }
      return count;
    }
    // Invariant: the answer lies in [base, base + n].
    int base = 0;
    while (n > 1) {
      int half = n >>> 1;
      base = e[base + half] <= value ? base + half : base;
      n -= half;
    }
    return e[base] <= value ? base + 1 : base;
  }

  /**
   * The bin of a label: its category, other, or missing for {@code null}.
   *
   * @param value the label
   * @return the bin
   */
  public int bin(String value) {
    if (value == null) {
      return bins - 1;
    }
    Integer i = categories.get(value);
    return i != null ? i : bins - 2;
  }
}
