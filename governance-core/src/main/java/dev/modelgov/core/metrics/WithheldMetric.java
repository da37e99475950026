package dev.modelgov.core.metrics;

import java.util.Objects;

/**
 * A fairness metric that was not reported, and why (a group below the minimum size, fewer than two groups, no
 * declared privileged group, or an undefined rate).
 *
 * <pre>{@code
 * report.withheld().forEach(w -> log.info("{} {}: {}", w.attribute(), w.metric().tag(), w.reason()));
 * }</pre>
 *
 * @param attribute the protected attribute
 * @param metric the metric
 * @param reason a short explanation naming the group, never personal data
 */
public record WithheldMetric(String attribute, FairnessMetric metric, String reason) {

  /** Checks the fields are present. */
  public WithheldMetric {
    Objects.requireNonNull(attribute, "attribute must not be null");
    Objects.requireNonNull(metric, "metric must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }
}
