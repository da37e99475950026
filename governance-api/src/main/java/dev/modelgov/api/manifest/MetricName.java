package dev.modelgov.api.manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of an evaluation metric. An open catalogue: common metrics are constants, and {@link #of(String)} names any
 * other.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * MetricName.of("auc") == MetricName.AUC; // true
 * MetricName.of("brier_score");          // any lowercase snake_case name
 * }</pre>
 */
public final class MetricName {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /** Area under the ROC curve. */
  public static final MetricName AUC = new MetricName("auc");
  /** Accuracy. */
  public static final MetricName ACCURACY = new MetricName("accuracy");
  /** Precision. */
  public static final MetricName PRECISION = new MetricName("precision");
  /** Recall. */
  public static final MetricName RECALL = new MetricName("recall");
  /** F1 score. */
  public static final MetricName F1 = new MetricName("f1");
  /** Demographic parity ratio (the four-fifths rule compares it with 0.8). */
  public static final MetricName DEMOGRAPHIC_PARITY_RATIO = new MetricName("demographic_parity_ratio");
  /** Demographic parity difference. */
  public static final MetricName DEMOGRAPHIC_PARITY_DIFFERENCE = new MetricName("demographic_parity_difference");
  /** Equal opportunity difference (difference of true positive rates). */
  public static final MetricName EQUAL_OPPORTUNITY_DIFFERENCE = new MetricName("equal_opportunity_difference");
  /** Equalized odds difference. */
  public static final MetricName EQUALIZED_ODDS_DIFFERENCE = new MetricName("equalized_odds_difference");

  private static final MetricName[] KNOWN = {
    AUC, ACCURACY, PRECISION, RECALL, F1, DEMOGRAPHIC_PARITY_RATIO, DEMOGRAPHIC_PARITY_DIFFERENCE,
    EQUAL_OPPORTUNITY_DIFFERENCE, EQUALIZED_ODDS_DIFFERENCE
  };

  private final String name;

  private MetricName(String name) {
    this.name = name;
  }

  /**
   * The metric of that name: a constant when well known, a new value otherwise.
   *
   * @param name a lowercase name of 1-64 letters, digits, {@code _}, {@code .} or {@code -} starting with a letter;
   *     must not be {@code null}
   * @return the metric name
   * @throws IllegalArgumentException if the name is not of that form
   */
  public static MetricName of(String name) {
    Objects.requireNonNull(name, "name must not be null");
    for (MetricName known : KNOWN) {
      if (known.name.equals(name)) {
        return known;
      }
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "metric name must be 1-64 lowercase letters, digits, '_', '.' or '-', starting with a letter");
    }
    return new MetricName(name);
  }

  /**
   * The name as written on the wire.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricName other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
