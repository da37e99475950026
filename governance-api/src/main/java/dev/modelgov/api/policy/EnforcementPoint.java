package dev.modelgov.api.policy;

import java.util.Locale;

/**
 * Where in a model's life a policy is evaluated. The same policy gives the same answer at every point; points differ
 * only in which rules apply ({@link Applicability#points()}) and in how strictly failures are enforced.
 *
 * <pre>{@code
 * EvaluationContext.at(EnforcementPoint.PROMOTION)
 * EnforcementPoint.parse("runtime"); // RUNTIME
 * }</pre>
 */
public enum EnforcementPoint {
  /** A CI gate before a model is registered. */
  CI,
  /** Promotion to a later lifecycle stage (registry promotion). */
  PROMOTION,
  /** Kubernetes admission of a workload that serves the model. */
  ADMISSION,
  /** Continuous re-check of a model that is serving, with runtime signals. */
  RUNTIME;

  /**
   * The lower-case name used in files, JSON and the CLI, for example {@code promotion}.
   *
   * @return the wire name
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @param text {@code ci}, {@code promotion}, {@code admission} or {@code runtime}
   * @return the point
   * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
   */
  public static EnforcementPoint parse(String text) {
    for (EnforcementPoint p : values()) {
      if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown enforcement point '" + text + "'; expected one of ci, promotion, admission, runtime");
  }
}
