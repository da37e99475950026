package dev.modelgov.core.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How drift is windowed, computed and flagged. Immutable; part of {@link MetricsConfig}, so the gauges and the alert
 * rules read the same thresholds.
 *
 * <p>Defaults (see {@code docs/metrics.md} for sources): tumbling windows of 1,000 samples or 5 minutes, whichever
 * comes first; no flag below 100 samples in the window; numeric features measured with PSI and KS, categorical ones
 * with PSI and chi-square; thresholds PSI 0.1 (severe 0.25), Jensen–Shannon 0.1 (both bases), normed Wasserstein 0.1,
 * Hellinger 0.15, L∞ 0.1, KS and chi-square p &lt; 0.05 with a Bonferroni correction over features. Raw Wasserstein is
 * in the feature's unit and has no default: enabling it needs an explicit threshold.
 *
 * <pre>{@code
 * DriftConfig cfg = DriftConfig.builder()
 *     .windowSamples(5_000)
 *     .windowDuration(Duration.ofMinutes(10))
 *     .numericMethods(DriftMethod.PSI, DriftMethod.JENSEN_SHANNON)
 *     .threshold(DriftMethod.PSI, 0.2)
 *     .build();
 * }</pre>
 */
public final class DriftConfig {

  private static final DriftConfig DEFAULTS = builder().build();

  private final long windowSamples;
  private final Duration windowDuration;
  private final long minWindowSamples;
  private final Set<DriftMethod> numericMethods;
  private final Set<DriftMethod> categoricalMethods;
  private final Map<DriftMethod, Double> thresholds;
  private final double psiSevereThreshold;
  private final PsiEpsilon psiEpsilon;
  private final boolean bonferroni;
  private final KsPValueMethod ksPValueMethod;

  private DriftConfig(Builder b) {
    this.windowSamples = b.windowSamples;
    this.windowDuration = b.windowDuration;
    this.minWindowSamples = b.minWindowSamples;
    this.numericMethods = Collections.unmodifiableSet(EnumSet.copyOf(b.numericMethods));
    this.categoricalMethods = Collections.unmodifiableSet(EnumSet.copyOf(b.categoricalMethods));
    this.thresholds = Collections.unmodifiableMap(new EnumMap<>(b.thresholds));
    this.psiSevereThreshold = b.psiSevereThreshold;
    this.psiEpsilon = b.psiEpsilon;
    this.bonferroni = b.bonferroni;
    this.ksPValueMethod = b.ksPValueMethod;
  }

  /**
   * The defaults described above.
   *
   * @return the default config
   */
  public static DriftConfig defaults() {
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
    b.windowSamples = windowSamples;
    b.windowDuration = windowDuration;
    b.minWindowSamples = minWindowSamples;
    b.numericMethods = EnumSet.copyOf(numericMethods);
    b.categoricalMethods = EnumSet.copyOf(categoricalMethods);
    b.thresholds = new EnumMap<>(thresholds);
    b.psiSevereThreshold = psiSevereThreshold;
    b.psiEpsilon = psiEpsilon;
    b.bonferroni = bonferroni;
    b.ksPValueMethod = ksPValueMethod;
    return b;
  }

  /**
   * The most samples a window holds before it closes; 0 when windows close on time only.
   *
   * @return N
   */
  public long windowSamples() {
    return windowSamples;
  }

  /**
   * The longest a window stays open; {@link Duration#ZERO} when windows close on sample count only.
   *
   * @return T
   */
  public Duration windowDuration() {
    return windowDuration;
  }

  /**
   * The fewest samples a window needs before any drift can be flagged (smaller windows still report values).
   *
   * @return the minimum
   */
  public long minWindowSamples() {
    return minWindowSamples;
  }

  /**
   * The methods computed for numeric features, in declaration order.
   *
   * @return the methods
   */
  public Set<DriftMethod> numericMethods() {
    return numericMethods;
  }

  /**
   * The methods computed for categorical features, in declaration order.
   *
   * @return the methods
   */
  public Set<DriftMethod> categoricalMethods() {
    return categoricalMethods;
  }

  /**
   * The methods computed for one kind of feature.
   *
   * @param kind the kind
   * @return the methods
   */
  public Set<DriftMethod> methods(FeatureKind kind) {
    return kind == FeatureKind.NUMERIC ? numericMethods : categoricalMethods;
  }

  /**
   * The threshold of a method: a distance at or above it flags drift; for a test, the significance level a p-value
   * must fall below (before any Bonferroni correction). NaN when unset (raw Wasserstein by default).
   *
   * @param method the method
   * @return the threshold
   */
  public double threshold(DriftMethod method) {
    return thresholds.getOrDefault(method, Double.NaN);
  }

  /**
   * Every configured threshold.
   *
   * @return method to threshold
   */
  public Map<DriftMethod, Double> thresholds() {
    return thresholds;
  }

  /**
   * The PSI above which drift is severe (0.25, industry practice; no upstream library encodes it). Alert rules use
   * it for {@code ModelDriftSevere}.
   *
   * @return the severe threshold
   */
  public double psiSevereThreshold() {
    return psiSevereThreshold;
  }

  /**
   * How PSI fills empty bins.
   *
   * @return the fill
   */
  public PsiEpsilon psiEpsilon() {
    return psiEpsilon;
  }

  /**
   * Whether a test's significance level is divided by the number of features it is applied to (Alibi Detect's
   * default). The reported threshold is then the corrected level.
   *
   * @return true if corrected
   */
  public boolean bonferroni() {
    return bonferroni;
  }

  /**
   * Which KS p-value offline comparisons ({@link DriftStatistics#compare}) return. Streaming monitors always use the
   * asymptotic p-value of the binned statistic.
   *
   * @return the method
   */
  public KsPValueMethod ksPValueMethod() {
    return ksPValueMethod;
  }

  /**
   * The significance level a test uses when {@code tested} features are tested with it.
   *
   * @param method a test method
   * @param tested how many features the method is applied to
   * @return the (possibly corrected) level; for a distance, its threshold
   */
  public double effectiveThreshold(DriftMethod method, int tested) {
    double t = threshold(method);
    return method.isTest() && bonferroni && tested > 1 ? t / tested : t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftConfig c && windowSamples == c.windowSamples && windowDuration.equals(c.windowDuration)
        && minWindowSamples == c.minWindowSamples && numericMethods.equals(c.numericMethods)
        && categoricalMethods.equals(c.categoricalMethods) && thresholds.equals(c.thresholds)
        && Double.compare(psiSevereThreshold, c.psiSevereThreshold) == 0 && psiEpsilon == c.psiEpsilon
        && bonferroni == c.bonferroni && ksPValueMethod == c.ksPValueMethod;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowSamples, windowDuration, minWindowSamples, numericMethods, categoricalMethods,
        thresholds, psiSevereThreshold, psiEpsilon, bonferroni, ksPValueMethod);
  }

  @Override
  public String toString() {
    return "DriftConfig[windowSamples=" + windowSamples + ", windowDuration=" + windowDuration
        + ", minWindowSamples=" + minWindowSamples + ", numeric=" + numericMethods + ", categorical="
        + categoricalMethods + ", thresholds=" + thresholds + ", psiSevere=" + psiSevereThreshold + ", psiEpsilon="
        + psiEpsilon + ", bonferroni=" + bonferroni + ", ksPValue=" + ksPValueMethod + "]";
  }

  /**
   * Builds a {@link DriftConfig}; {@link #build()} checks every field and names the bad one.
   *
   * <pre>{@code
   * DriftConfig.builder().windowSamples(0).windowDuration(Duration.ofMinutes(1)).build();  // time windows only
   * }</pre>
   */
  public static final class Builder {

    private long windowSamples = 1_000;
    private Duration windowDuration = Duration.ofMinutes(5);
    private long minWindowSamples = 100;
    private Set<DriftMethod> numericMethods = EnumSet.of(DriftMethod.PSI, DriftMethod.KOLMOGOROV_SMIRNOV);
    private Set<DriftMethod> categoricalMethods = EnumSet.of(DriftMethod.PSI, DriftMethod.CHI_SQUARE);
    private Map<DriftMethod, Double> thresholds = defaultThresholds();
    private double psiSevereThreshold = 0.25;
    private PsiEpsilon psiEpsilon = PsiEpsilon.EVIDENTLY;
    private boolean bonferroni = true;
    private KsPValueMethod ksPValueMethod = KsPValueMethod.AUTO;

    private Builder() {}

    private static Map<DriftMethod, Double> defaultThresholds() {
      Map<DriftMethod, Double> t = new EnumMap<>(DriftMethod.class);
      t.put(DriftMethod.PSI, 0.1);
      t.put(DriftMethod.JENSEN_SHANNON, 0.1);
      t.put(DriftMethod.JENSEN_SHANNON_NATURAL, 0.1);
      t.put(DriftMethod.WASSERSTEIN_NORMED, 0.1);
      t.put(DriftMethod.HELLINGER, 0.15);
      t.put(DriftMethod.L_INFINITY, 0.1);
      t.put(DriftMethod.KOLMOGOROV_SMIRNOV, 0.05);
      t.put(DriftMethod.CHI_SQUARE, 0.05);
      return t;
    }

    /**
     * Closes a window after this many samples (default 1,000); 0 for time-only windows.
     *
     * @param windowSamples N, not negative
     * @return this builder
     */
    public Builder windowSamples(long windowSamples) {
      this.windowSamples = windowSamples;
      return this;
    }

    /**
     * Closes a window after this long (default 5 minutes); {@link Duration#ZERO} for count-only windows.
     *
     * @param windowDuration T, not negative
     * @return this builder
     */
    public Builder windowDuration(Duration windowDuration) {
      this.windowDuration = windowDuration;
      return this;
    }

    /**
     * The fewest samples a window needs before drift can be flagged (default 100).
     *
     * @param minWindowSamples at least 1
     * @return this builder
     */
    public Builder minWindowSamples(long minWindowSamples) {
      this.minWindowSamples = minWindowSamples;
      return this;
    }

    /**
     * The methods for numeric features (default PSI and KS).
     *
     * @param methods at least one, each applicable to numeric features
     * @return this builder
     */
    public Builder numericMethods(DriftMethod... methods) {
      this.numericMethods = methods == null ? null : toSet(methods);
      return this;
    }

    /**
     * The methods for categorical features (default PSI and chi-square).
     *
     * @param methods at least one, each applicable to categorical features
     * @return this builder
     */
    public Builder categoricalMethods(DriftMethod... methods) {
      this.categoricalMethods = methods == null ? null : toSet(methods);
      return this;
    }

    private static Set<DriftMethod> toSet(DriftMethod... methods) {
      Set<DriftMethod> s = EnumSet.noneOf(DriftMethod.class);
      for (DriftMethod m : methods) {
        s.add(Objects.requireNonNull(m, "method must not be null"));
      }
      return s;
    }

    /**
     * Sets one method's threshold.
     *
     * @param method the method
     * @param threshold a distance threshold (positive) or a significance level (in (0, 1))
     * @return this builder
     */
    public Builder threshold(DriftMethod method, double threshold) {
      thresholds.put(Objects.requireNonNull(method, "method must not be null"), threshold);
      return this;
    }

    /**
     * The severe PSI threshold (default 0.25).
     *
     * @param psiSevereThreshold at least the PSI threshold
     * @return this builder
     */
    public Builder psiSevereThreshold(double psiSevereThreshold) {
      this.psiSevereThreshold = psiSevereThreshold;
      return this;
    }

    /**
     * How PSI fills empty bins (default {@link PsiEpsilon#EVIDENTLY}).
     *
     * @param psiEpsilon the fill
     * @return this builder
     */
    public Builder psiEpsilon(PsiEpsilon psiEpsilon) {
      this.psiEpsilon = psiEpsilon;
      return this;
    }

    /**
     * Whether test levels are Bonferroni-corrected over features (default true).
     *
     * @param bonferroni true to correct
     * @return this builder
     */
    public Builder bonferroni(boolean bonferroni) {
      this.bonferroni = bonferroni;
      return this;
    }

    /**
     * The KS p-value of offline comparisons (default {@link KsPValueMethod#AUTO}).
     *
     * @param ksPValueMethod the method
     * @return this builder
     */
    public Builder ksPValueMethod(KsPValueMethod ksPValueMethod) {
      this.ksPValueMethod = ksPValueMethod;
      return this;
    }

    /**
     * Checks every field.
     *
     * @return the config
     * @throws IllegalArgumentException naming the first invalid field
     */
    public DriftConfig build() {
      if (windowSamples < 0) {
        throw new IllegalArgumentException("drift.windowSamples must not be negative, got " + windowSamples);
      }
      if (windowDuration == null || windowDuration.isNegative()) {
        throw new IllegalArgumentException("drift.windowDuration must be set and not negative");
      }
      if (windowSamples == 0 && windowDuration.isZero()) {
        throw new IllegalArgumentException("drift: windowSamples or windowDuration must be positive");
      }
      if (minWindowSamples < 1) {
        throw new IllegalArgumentException("drift.minWindowSamples must be >= 1, got " + minWindowSamples);
      }
      if (windowSamples > 0 && minWindowSamples > windowSamples) {
        throw new IllegalArgumentException("drift.minWindowSamples (" + minWindowSamples
            + ") must not exceed drift.windowSamples (" + windowSamples + ")");
      }
      checkMethods(numericMethods, FeatureKind.NUMERIC, "drift.numericMethods");
      checkMethods(categoricalMethods, FeatureKind.CATEGORICAL, "drift.categoricalMethods");
      for (Map.Entry<DriftMethod, Double> e : thresholds.entrySet()) {
        double t = e.getValue() == null ? Double.NaN : e.getValue();
        String field = "drift.thresholds." + e.getKey().tag();
        if (e.getKey().isTest() ? !(t > 0 && t < 1) : !(t > 0 && Double.isFinite(t))) {
          throw new IllegalArgumentException(field + (e.getKey().isTest()
              ? " must be a significance level in (0, 1), got " : " must be positive and finite, got ") + t);
        }
      }
      for (DriftMethod m : EnumSet.copyOf(union())) {
        if (!thresholds.containsKey(m)) {
          throw new IllegalArgumentException("drift.thresholds." + m.tag() + " must be set to use " + m.tag()
              + (m == DriftMethod.WASSERSTEIN ? " (raw Wasserstein is in the feature's own unit)" : ""));
        }
      }
      double psi = thresholds.getOrDefault(DriftMethod.PSI, 0.1);
      if (!(psiSevereThreshold >= psi) || !Double.isFinite(psiSevereThreshold)) {
        throw new IllegalArgumentException(
            "drift.psiSevere must be finite and at least the PSI threshold " + psi + ", got " + psiSevereThreshold);
      }
      if (psiEpsilon == null) {
        throw new IllegalArgumentException("drift.psiEpsilon must be set");
      }
      if (ksPValueMethod == null) {
        throw new IllegalArgumentException("drift.ksPValue must be set");
      }
      return new DriftConfig(this);
    }

    private Set<DriftMethod> union() {
      Set<DriftMethod> all = EnumSet.noneOf(DriftMethod.class);
      all.addAll(numericMethods);
      all.addAll(categoricalMethods);
      return all;
    }

    private static void checkMethods(Set<DriftMethod> methods, FeatureKind kind, String field) {
      if (methods == null || methods.isEmpty()) {
        throw new IllegalArgumentException(field + " must name at least one method");
      }
      for (DriftMethod m : methods) {
        if (!m.appliesTo(kind)) {
          throw new IllegalArgumentException(field + ": " + m.tag() + " does not apply to " + kind.tag()
              + " features");
        }
      }
    }
  }
}
