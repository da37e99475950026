package dev.modelgov.core.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How group fairness is computed and flagged. Immutable; part of {@link MetricsConfig}.
 *
 * <p>Defaults: metrics withheld while any group has fewer than 30 predictions (30 labelled predictions for the
 * label-based metrics); at most 20 groups per attribute (later groups share {@code __other__}); demographic parity
 * difference and ratio, equal opportunity difference, equalized odds difference and disparate impact; ratios breach
 * below 0.8 (four-fifths rule), differences above 0.1; disparate impact is one-sided; up to 10,000 predictions wait
 * for their label for at most 1 hour.
 *
 * <pre>{@code
 * FairnessConfig cfg = FairnessConfig.builder()
 *     .minGroupSize(50)
 *     .threshold(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.05)
 *     .twoSidedDisparateImpact(true)
 *     .build();
 * }</pre>
 */
public final class FairnessConfig {

  private static final FairnessConfig DEFAULTS = builder().build();

  private final long minGroupSize;
  private final int maxGroupsPerAttribute;
  private final Set<FairnessMetric> metrics;
  private final Map<FairnessMetric, Double> thresholds;
  private final boolean twoSidedDisparateImpact;
  private final int maxPendingOutcomes;
  private final Duration outcomeTtl;

  private FairnessConfig(Builder b) {
    this.minGroupSize = b.minGroupSize;
    this.maxGroupsPerAttribute = b.maxGroupsPerAttribute;
    this.metrics = Collections.unmodifiableSet(EnumSet.copyOf(b.metrics));
    this.thresholds = Collections.unmodifiableMap(new EnumMap<>(b.thresholds));
    this.twoSidedDisparateImpact = b.twoSidedDisparateImpact;
    this.maxPendingOutcomes = b.maxPendingOutcomes;
    this.outcomeTtl = b.outcomeTtl;
  }

  /**
   * The defaults described above.
   *
   * @return the default config
   */
  public static FairnessConfig defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this config.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minGroupSize = minGroupSize;
    b.maxGroupsPerAttribute = maxGroupsPerAttribute;
    b.metrics = EnumSet.copyOf(metrics);
    b.thresholds = new EnumMap<>(thresholds);
    b.twoSidedDisparateImpact = twoSidedDisparateImpact;
    b.maxPendingOutcomes = maxPendingOutcomes;
    b.outcomeTtl = outcomeTtl;
    return b;
  }

  /**
   * The fewest predictions (for label-based metrics: labelled predictions) every group needs before a metric is
   * reported.
   *
   * @return the minimum group size
   */
  public long minGroupSize() {
    return minGroupSize;
  }

  /**
   * The most distinct groups per attribute; later ones are counted in {@code __other__}. This caps the
   * {@code group} tag.
   *
   * @return the cap
   */
  public int maxGroupsPerAttribute() {
    return maxGroupsPerAttribute;
  }

  /**
   * The metrics reported (AIF360 ones only for attributes with declared privileged groups).
   *
   * @return the metrics
   */
  public Set<FairnessMetric> metrics() {
    return metrics;
  }

  /**
   * A metric's threshold.
   *
   * @param metric the metric
   * @return the threshold
   */
  public double threshold(FairnessMetric metric) {
    return thresholds.get(metric);
  }

  /**
   * Every threshold.
   *
   * @return metric to threshold
   */
  public Map<FairnessMetric, Double> thresholds() {
    return thresholds;
  }

  /**
   * Whether disparate impact breaches when {@code min(DI, 1/DI)} is below the threshold (two-sided) rather than
   * when DI is.
   *
   * @return true for two-sided
   */
  public boolean twoSidedDisparateImpact() {
    return twoSidedDisparateImpact;
  }

  /**
   * The most predictions that wait for a delayed label; older ones are evicted (and counted).
   *
   * @return the buffer size
   */
  public int maxPendingOutcomes() {
    return maxPendingOutcomes;
  }

  /**
   * How long a prediction waits for its label before it is evicted (and counted).
   *
   * @return the time to live
   */
  public Duration outcomeTtl() {
    return outcomeTtl;
  }

  /**
   * Whether a value breaches the metric's threshold, by the metric's shape.
   *
   * @param metric the metric
   * @param value its value
   * @return true if breached
   */
  public boolean breached(FairnessMetric metric, double value) {
    double t = threshold(metric);
    if (Double.isNaN(value)) {
      return false;
    }
    switch (metric.shape()) {
      case RATIO:
        if (metric == FairnessMetric.DISPARATE_IMPACT && twoSidedDisparateImpact) {
          return (value == 0 ? 0 : Math.min(value, 1 / value)) < t;
        }
        return value < t;
      case DIFFERENCE:
        return value > t;
      default:
        return Math.abs(value) > t;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FairnessConfig c && minGroupSize == c.minGroupSize
        && maxGroupsPerAttribute == c.maxGroupsPerAttribute && metrics.equals(c.metrics)
        && thresholds.equals(c.thresholds) && twoSidedDisparateImpact == c.twoSidedDisparateImpact
        && maxPendingOutcomes == c.maxPendingOutcomes && outcomeTtl.equals(c.outcomeTtl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(minGroupSize, maxGroupsPerAttribute, metrics, thresholds, twoSidedDisparateImpact,
        maxPendingOutcomes, outcomeTtl);
  }

  @Override
  public String toString() {
    return "FairnessConfig[minGroupSize=" + minGroupSize + ", maxGroupsPerAttribute=" + maxGroupsPerAttribute
        + ", metrics=" + metrics + ", thresholds=" + thresholds + ", twoSidedDisparateImpact="
        + twoSidedDisparateImpact + ", maxPendingOutcomes=" + maxPendingOutcomes + ", outcomeTtl=" + outcomeTtl + "]";
  }

  /**
   * Builds a {@link FairnessConfig}; {@link #build()} checks every field and names the bad one.
   *
   * <pre>{@code
   * FairnessConfig.builder().minGroupSize(1).metrics(FairnessMetric.values()).build();
   * }</pre>
   */
  public static final class Builder {

    private long minGroupSize = 30;
    private int maxGroupsPerAttribute = 20;
    private Set<FairnessMetric> metrics = EnumSet.of(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE,
        FairnessMetric.DEMOGRAPHIC_PARITY_RATIO, FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE,
        FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, FairnessMetric.DISPARATE_IMPACT);
    private Map<FairnessMetric, Double> thresholds = defaultThresholds();
    private boolean twoSidedDisparateImpact;
    private int maxPendingOutcomes = 10_000;
    private Duration outcomeTtl = Duration.ofHours(1);

    private Builder() {}

    private static Map<FairnessMetric, Double> defaultThresholds() {
      Map<FairnessMetric, Double> t = new EnumMap<>(FairnessMetric.class);
      for (FairnessMetric m : FairnessMetric.values()) {
        t.put(m, m.shape() == FairnessMetric.Shape.RATIO ? 0.8 : 0.1);
      }
      return t;
    }

    /**
     * The minimum group size (default 30).
     *
     * @param minGroupSize at least 1
     * @return this builder
     */
    public Builder minGroupSize(long minGroupSize) {
      this.minGroupSize = minGroupSize;
      return this;
    }

    /**
     * The most groups per attribute (default 20).
     *
     * @param maxGroupsPerAttribute 2 to 1,000
     * @return this builder
     */
    public Builder maxGroupsPerAttribute(int maxGroupsPerAttribute) {
      this.maxGroupsPerAttribute = maxGroupsPerAttribute;
      return this;
    }

    /**
     * The metrics to report.
     *
     * @param metrics at least one
     * @return this builder
     */
    public Builder metrics(FairnessMetric... metrics) {
      if (metrics == null) {
        this.metrics = null;
        return this;
      }
      Set<FairnessMetric> s = EnumSet.noneOf(FairnessMetric.class);
      for (FairnessMetric m : metrics) {
        s.add(Objects.requireNonNull(m, "metric must not be null"));
      }
      this.metrics = s;
      return this;
    }

    /**
     * One metric's threshold.
     *
     * @param metric the metric
     * @param threshold positive and finite
     * @return this builder
     */
    public Builder threshold(FairnessMetric metric, double threshold) {
      thresholds.put(Objects.requireNonNull(metric, "metric must not be null"), threshold);
      return this;
    }

    /**
     * Two-sided disparate impact (default false).
     *
     * @param twoSided true for {@code min(DI, 1/DI)}
     * @return this builder
     */
    public Builder twoSidedDisparateImpact(boolean twoSided) {
      this.twoSidedDisparateImpact = twoSided;
      return this;
    }

    /**
     * The label-join buffer size (default 10,000).
     *
     * @param maxPendingOutcomes 1 to 10,000,000
     * @return this builder
     */
    public Builder maxPendingOutcomes(int maxPendingOutcomes) {
      this.maxPendingOutcomes = maxPendingOutcomes;
      return this;
    }

    /**
     * How long a prediction waits for its label (default 1 hour).
     *
     * @param outcomeTtl positive
     * @return this builder
     */
    public Builder outcomeTtl(Duration outcomeTtl) {
      this.outcomeTtl = outcomeTtl;
      return this;
    }

    /**
     * Checks every field.
     *
     * @return the config
     * @throws IllegalArgumentException naming the first invalid field
     */
    public FairnessConfig build() {
      if (minGroupSize < 1) {
        throw new IllegalArgumentException("fairness.minGroupSize must be >= 1, got " + minGroupSize);
      }
      if (maxGroupsPerAttribute < 2 || maxGroupsPerAttribute > 1_000) {
        throw new IllegalArgumentException(
            "fairness.maxGroupsPerAttribute must be between 2 and 1000, got " + maxGroupsPerAttribute);
      }
      if (metrics == null || metrics.isEmpty()) {
        throw new IllegalArgumentException("fairness.metrics must name at least one metric");
      }
      for (Map.Entry<FairnessMetric, Double> e : thresholds.entrySet()) {
        Double t = e.getValue();
        if (t == null || !(t > 0) || !Double.isFinite(t)) {
          throw new IllegalArgumentException(
              "fairness.thresholds." + e.getKey().tag() + " must be positive and finite, got " + t);
        }
      }
      if (maxPendingOutcomes < 1 || maxPendingOutcomes > 10_000_000) {
        throw new IllegalArgumentException(
            "fairness.maxPendingOutcomes must be between 1 and 10000000, got " + maxPendingOutcomes);
      }
      if (outcomeTtl == null || outcomeTtl.isNegative() || outcomeTtl.isZero()) {
        throw new IllegalArgumentException("fairness.outcomeTtl must be positive");
      }
      return new FairnessConfig(this);
    }
  }
}
