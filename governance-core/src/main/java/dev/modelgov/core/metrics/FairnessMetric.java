package dev.modelgov.core.metrics;

/**
 * A group-fairness measure, in one of two conventions.
 *
 * <ul>
 *   <li><b>Fairlearn</b> (unsigned, over all groups of an attribute): a difference is max − min, a ratio is min/max;
 *       the equalized-odds forms take the worse of the TPR and FPR values.</li>
 *   <li><b>AIF360</b> (signed, needs declared privileged groups): unprivileged − privileged, or unprivileged /
 *       privileged, with all privileged groups pooled and all other groups pooled.</li>
 * </ul>
 *
 * <p>Ratios breach when below their threshold (four-fifths rule: 0.8); unsigned differences when above theirs (0.1);
 * signed differences when their absolute value is above theirs. Fairlearn's documentation calls the four-fifths rule
 * "often misapplied": it is a screening signal, not a legal safe harbour.
 *
 * <pre>{@code
 * FairnessConfig cfg = FairnessConfig.builder()
 *     .metrics(FairnessMetric.DEMOGRAPHIC_PARITY_RATIO, FairnessMetric.DISPARATE_IMPACT)
 *     .threshold(FairnessMetric.DEMOGRAPHIC_PARITY_RATIO, 0.8)
 *     .build();
 * }</pre>
 */
public enum FairnessMetric {
  /** Fairlearn: max − min selection rate P(ŷ=1 | group). */
  DEMOGRAPHIC_PARITY_DIFFERENCE("demographic_parity_difference", Convention.FAIRLEARN, Shape.DIFFERENCE, false),
  /** Fairlearn: min / max selection rate. */
  DEMOGRAPHIC_PARITY_RATIO("demographic_parity_ratio", Convention.FAIRLEARN, Shape.RATIO, false),
  /** Fairlearn: max − min true positive rate. */
  EQUAL_OPPORTUNITY_DIFFERENCE("equal_opportunity_difference", Convention.FAIRLEARN, Shape.DIFFERENCE, true),
  /** Fairlearn: min / max true positive rate. */
  EQUAL_OPPORTUNITY_RATIO("equal_opportunity_ratio", Convention.FAIRLEARN, Shape.RATIO, true),
  /** Fairlearn: the larger of the TPR and FPR differences (worst case). */
  EQUALIZED_ODDS_DIFFERENCE("equalized_odds_difference", Convention.FAIRLEARN, Shape.DIFFERENCE, true),
  /** Fairlearn: the smaller of the TPR and FPR ratios (worst case). */
  EQUALIZED_ODDS_RATIO("equalized_odds_ratio", Convention.FAIRLEARN, Shape.RATIO, true),
  /** AIF360: selection rate of the unprivileged minus that of the privileged. */
  STATISTICAL_PARITY_DIFFERENCE("statistical_parity_difference", Convention.AIF360, Shape.SIGNED_DIFFERENCE, false),
  /** AIF360: selection rate of the unprivileged over that of the privileged (four-fifths flag below 0.8). */
  DISPARATE_IMPACT("disparate_impact", Convention.AIF360, Shape.RATIO, false),
  /** AIF360: TPR of the unprivileged minus TPR of the privileged. */
  SIGNED_EQUAL_OPPORTUNITY_DIFFERENCE(
      "signed_equal_opportunity_difference", Convention.AIF360, Shape.SIGNED_DIFFERENCE, true),
  /** AIF360: the mean of the FPR and TPR differences (unprivileged − privileged). */
  AVERAGE_ODDS_DIFFERENCE("average_odds_difference", Convention.AIF360, Shape.SIGNED_DIFFERENCE, true),
  /** AIF360: FNR of the unprivileged minus FNR of the privileged. */
  FALSE_NEGATIVE_RATE_DIFFERENCE(
      "false_negative_rate_difference", Convention.AIF360, Shape.SIGNED_DIFFERENCE, true);

  /**
   * Which library's convention a metric follows.
   *
   * <pre>{@code
   * boolean signed = metric.convention() == FairnessMetric.Convention.AIF360;
   * }</pre>
   */
  public enum Convention {
    /** Unsigned, over all groups. */
    FAIRLEARN,
    /** Signed, unprivileged against privileged. */
    AIF360
  }

  /**
   * How a metric's value is compared with its threshold.
   *
   * <pre>{@code
   * boolean lowIsBad = metric.shape() == FairnessMetric.Shape.RATIO;
   * }</pre>
   */
  public enum Shape {
    /** Breached below the threshold. */
    RATIO,
    /** Breached above the threshold. */
    DIFFERENCE,
    /** Breached when the absolute value is above the threshold. */
    SIGNED_DIFFERENCE
  }

  private final String tag;
  private final Convention convention;
  private final Shape shape;
  private final boolean needsOutcomes;

  FairnessMetric(String tag, Convention convention, Shape shape, boolean needsOutcomes) {
    this.tag = tag;
    this.convention = convention;
    this.shape = shape;
    this.needsOutcomes = needsOutcomes;
  }

  /**
   * The {@code metric} tag value, for example {@code demographic_parity_ratio}.
   *
   * @return the tag
   */
  public String tag() {
    return tag;
  }

  /**
   * Fairlearn or AIF360.
   *
   * @return the convention
   */
  public Convention convention() {
    return convention;
  }

  /**
   * Ratio, difference or signed difference.
   *
   * @return the shape
   */
  public Shape shape() {
    return shape;
  }

  /**
   * Whether the metric needs labels (true and false positive rates), not just predictions.
   *
   * @return true for the opportunity and odds metrics
   */
  public boolean needsOutcomes() {
    return needsOutcomes;
  }

  /**
   * Looks up a metric by its tag.
   *
   * @param tag for example {@code disparate_impact}
   * @return the metric
   * @throws IllegalArgumentException if the tag is unknown
   */
  public static FairnessMetric ofTag(String tag) {
    for (FairnessMetric m : values()) {
      if (m.tag.equals(tag)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown fairness metric '" + tag + "'");
  }
}
