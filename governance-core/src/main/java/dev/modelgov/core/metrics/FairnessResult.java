package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.FairnessSignal;
import java.util.Objects;

/**
 * One fairness metric of one attribute.
 *
 * <pre>{@code
 * report.result("sex", FairnessMetric.DEMOGRAPHIC_PARITY_RATIO)
 *     .filter(FairnessResult::breached)
 *     .ifPresent(r -> log.warn("four-fifths screen failed: {}", r.value()));
 * }</pre>
 *
 * @param attribute the protected attribute
 * @param metric the metric
 * @param value its value
 * @param threshold the configured threshold
 * @param breached whether the value is on the wrong side of the threshold (by {@link FairnessMetric#shape()})
 */
public record FairnessResult(String attribute, FairnessMetric metric, double value, double threshold,
    boolean breached) {

  /** Checks the fields are present. */
  public FairnessResult {
    Objects.requireNonNull(attribute, "attribute must not be null");
    Objects.requireNonNull(metric, "metric must not be null");
  }

  /**
   * The policy engine's view of this result.
   *
   * @return the signal
   */
  public FairnessSignal toSignal() {
    return new FairnessSignal(attribute, metric.tag(), value, threshold, breached);
  }
}
