package dev.modelgov.api.manifest;

/**
 * What a metric measures.
 *
 * <p>Written on the wire as the constant's name, for example {@code PERFORMANCE}.
 */
public enum MetricCategory {
  /** Predictive quality, such as AUC or accuracy. */
  PERFORMANCE,
  /** Differences between groups, such as a demographic parity ratio. */
  FAIRNESS,
  /** Behaviour under perturbation or shift. */
  ROBUSTNESS
}
