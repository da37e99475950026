package dev.modelgov.core.metrics;

/**
 * A drift statistic: a distance between the reference and current distributions, or a two-sample test whose p-value
 * is compared with a significance level. The {@link #tag()} is the {@code method} tag of the drift meters and the
 * {@code method} of a {@link dev.modelgov.api.policy.DriftSignal}.
 *
 * <p>Distances flag drift when {@code statistic >= threshold}; tests flag drift when {@code pValue < alpha} (alpha
 * divided by the number of features tested when Bonferroni is on). See {@code docs/metrics.md} for the formulas.
 *
 * <pre>{@code
 * DriftConfig cfg = DriftConfig.builder()
 *     .numericMethods(DriftMethod.PSI, DriftMethod.KOLMOGOROV_SMIRNOV)
 *     .threshold(DriftMethod.PSI, 0.2)
 *     .build();
 * }</pre>
 */
public enum DriftMethod {
  /** Population stability index, Σ (r − c)·ln(r/c), empty bins filled with an epsilon. */
  PSI("psi", false, true, true),
  /** Jensen–Shannon distance with log base 2, in [0, 1] (NannyML's convention). */
  JENSEN_SHANNON("js", false, true, true),
  /** Jensen–Shannon distance with the natural log, in [0, √ln2] (Evidently's convention). */
  JENSEN_SHANNON_NATURAL("js_natural", false, true, true),
  /** Wasserstein-1 (earth mover's) distance, in the feature's own unit. Numeric only. */
  WASSERSTEIN("wasserstein", false, true, false),
  /** Wasserstein-1 divided by the reference standard deviation (floored at 0.001), as Evidently. Numeric only. */
  WASSERSTEIN_NORMED("wasserstein_norm", false, true, false),
  /** Hellinger distance ‖√p − √q‖₂/√2, in [0, 1]. */
  HELLINGER("hellinger", false, true, true),
  /** L-infinity distance, the largest difference of one bin's fractions, in [0, 1]. */
  L_INFINITY("linf", false, true, true),
  /** Two-sample Kolmogorov–Smirnov test: statistic D, p-value. Numeric only. */
  KOLMOGOROV_SMIRNOV("ks", true, true, false),
  /** Chi-square goodness of fit of the current counts to the reference fractions: p-value. Categorical only. */
  CHI_SQUARE("chi2", true, false, true);

  private final String tag;
  private final boolean test;
  private final boolean numeric;
  private final boolean categorical;

  DriftMethod(String tag, boolean test, boolean numeric, boolean categorical) {
    this.tag = tag;
    this.test = test;
    this.numeric = numeric;
    this.categorical = categorical;
  }

  /**
   * The {@code method} tag value, for example {@code psi}.
   *
   * @return the tag
   */
  public String tag() {
    return tag;
  }

  /**
   * Whether this is a hypothesis test, reported as a p-value ({@code model.drift.pvalue}), rather than a distance
   * ({@code model.drift.distance}).
   *
   * @return true for {@link #KOLMOGOROV_SMIRNOV} and {@link #CHI_SQUARE}
   */
  public boolean isTest() {
    return test;
  }

  /**
   * Whether the method can be computed for a feature of this kind.
   *
   * @param kind the feature kind, must not be {@code null}
   * @return true if it applies
   */
  public boolean appliesTo(FeatureKind kind) {
    return kind == FeatureKind.NUMERIC ? numeric : categorical;
  }

  /**
   * Looks up a method by its tag.
   *
   * @param tag for example {@code psi} or {@code wasserstein_norm}
   * @return the method
   * @throws IllegalArgumentException if the tag is unknown
   */
  public static DriftMethod ofTag(String tag) {
    for (DriftMethod m : values()) {
      if (m.tag.equals(tag)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown drift method '" + tag + "'");
  }
}
