package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * One feature's drift at the last closed window, as the metrics module measured it.
 *
 * <pre>{@code
 * new DriftSignal("income", "psi", 0.31, 0.1, true, 5_000);
 * }</pre>
 *
 * @param feature the feature (input or output) name
 * @param method the statistic, for example {@code psi}, {@code js}, {@code ks}
 * @param value the statistic's value (a distance, or a p-value for tests)
 * @param threshold the configured threshold it was compared with
 * @param detected whether the metrics module flagged drift (it applies the minimum window size)
 * @param windowSamples how many samples the window held
 */
public record DriftSignal(
    String feature, String method, double value, double threshold, boolean detected, long windowSamples) {

  /** Checks the names are present. */
  public DriftSignal {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(method, "method");
  }
}
