package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * One fairness measure at the last closed window.
 *
 * <pre>{@code
 * new FairnessSignal("sex", "demographic_parity_ratio", 0.74, 0.8, true);
 * }</pre>
 *
 * @param attribute the protected attribute
 * @param metric the measure, for example {@code demographic_parity_ratio}
 * @param value its value
 * @param threshold the configured threshold
 * @param breached whether the value is on the wrong side of the threshold
 */
public record FairnessSignal(String attribute, String metric, double value, double threshold, boolean breached) {

  /** Checks the names are present. */
  public FairnessSignal {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(metric, "metric");
  }
}
