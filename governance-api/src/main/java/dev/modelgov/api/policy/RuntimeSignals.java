package dev.modelgov.api.policy;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What a serving model's metrics say right now: the input to the {@link EnforcementPoint#RUNTIME} re-check
 * ({@code runtime.drift}, {@code runtime.error-rate}). The metrics module produces it from its last closed windows.
 *
 * <pre>{@code
 * RuntimeSignals signals = new RuntimeSignals(OptionalDouble.of(0.012), 48_000, drift, fairness);
 * }</pre>
 *
 * @param errorRate errors divided by requests over the observed period, if any request was seen
 * @param requests how many requests the period held
 * @param drift per-feature drift
 * @param fairness per-attribute fairness measures
 */
public record RuntimeSignals(
    OptionalDouble errorRate, long requests, List<DriftSignal> drift, List<FairnessSignal> fairness) {

  private static final RuntimeSignals NONE = new RuntimeSignals(OptionalDouble.empty(), 0, List.of(), List.of());

  /** Copies the lists; {@code null} becomes empty. */
  public RuntimeSignals {
    errorRate = errorRate == null ? OptionalDouble.empty() : errorRate;
    drift = drift == null ? List.of() : List.copyOf(drift);
    fairness = fairness == null ? List.of() : List.copyOf(fairness);
    if (requests < 0) {
      throw new IllegalArgumentException("requests must be >= 0, got " + requests);
    }
  }

  /**
   * No signals (outside the runtime point).
   *
   * @return the empty signals
   */
  public static RuntimeSignals none() {
    return NONE;
  }
}
