package dev.modelgov.core.metrics;

import java.util.Objects;

/**
 * One group's prediction and confusion counts, and the rates fairness metrics compare. Rates are NaN when their
 * denominator is zero.
 *
 * <pre>{@code
 * GroupRates women = report.group("sex", "female").orElseThrow();
 * double tpr = women.truePositiveRate();
 * }</pre>
 *
 * @param attribute the protected attribute
 * @param group the group value
 * @param predictions predictions made for the group
 * @param selected predictions that were positive (ŷ = 1)
 * @param truePositives labelled predictions with ŷ = 1, y = 1
 * @param falsePositives labelled predictions with ŷ = 1, y = 0
 * @param trueNegatives labelled predictions with ŷ = 0, y = 0
 * @param falseNegatives labelled predictions with ŷ = 0, y = 1
 */
public record GroupRates(String attribute, String group, long predictions, long selected, long truePositives,
    long falsePositives, long trueNegatives, long falseNegatives) {

  /** Checks the names are present and the counts consistent. */
  public GroupRates {
    Objects.requireNonNull(attribute, "attribute must not be null");
    Objects.requireNonNull(group, "group must not be null");
    if (predictions < 0 || selected < 0 || truePositives < 0 || falsePositives < 0 || trueNegatives < 0
        || falseNegatives < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * Labelled predictions: TP + FP + TN + FN.
   *
   * @return the count
   */
  public long labelled() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  /**
   * P(ŷ = 1): selected / predictions.
   *
   * @return the selection rate, NaN without predictions
   */
  public double selectionRate() {
    return predictions == 0 ? Double.NaN : (double) selected / predictions;
  }

  /**
   * TP / (TP + FN).
   *
   * @return the true positive rate, NaN without actual positives
   */
  public double truePositiveRate() {
    long p = truePositives + falseNegatives;
    return p == 0 ? Double.NaN : (double) truePositives / p;
  }

  /**
   * FP / (FP + TN).
   *
   * @return the false positive rate, NaN without actual negatives
   */
  public double falsePositiveRate() {
    long n = falsePositives + trueNegatives;
    return n == 0 ? Double.NaN : (double) falsePositives / n;
  }

  /**
   * FN / (TP + FN).
   *
   * @return the false negative rate, NaN without actual positives
   */
  public double falseNegativeRate() {
    long p = truePositives + falseNegatives;
    return p == 0 ? Double.NaN : (double) falseNegatives / p;
  }

  /**
   * Adds two groups' counts (the pooling AIF360 does over privileged or unprivileged groups).
   *
   * @param other another group of the same attribute
   * @param name the pooled group's name
   * @return the sum
   */
  public GroupRates plus(GroupRates other, String name) {
    return new GroupRates(attribute, name, predictions + other.predictions, selected + other.selected,
        truePositives + other.truePositives, falsePositives + other.falsePositives,
        trueNegatives + other.trueNegatives, falseNegatives + other.falseNegatives);
  }
}
