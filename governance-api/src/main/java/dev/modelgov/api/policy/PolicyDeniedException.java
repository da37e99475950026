package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * Thrown by {@link Decision#orThrow()} when a decision denies; carries the decision. Its message names the policy and
 * the denying rule ids, never manifest contents.
 *
 * <pre>{@code
 * try {
 *   engine.evaluate(policy, manifest, ctx).orThrow();
 * } catch (PolicyDeniedException e) {
 *   e.decision().denials().forEach(r -> System.err.println(r.ruleId() + " -> " + r.remediation()));
 * }
 * }</pre>
 */
public final class PolicyDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  /**
   * Wraps a denying decision.
   *
   * @param decision the decision
   */
  public PolicyDeniedException(Decision decision) {
    super(Objects.requireNonNull(decision, "decision").summaryText());
    this.decision = decision;
  }

  /** @return the decision that denied */
  public Decision decision() {
    return decision;
  }
}
