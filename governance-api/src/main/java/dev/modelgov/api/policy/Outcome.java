package dev.modelgov.api.policy;

/**
 * The result of one rule in one evaluation.
 *
 * <pre>{@code
 * decision.result("model.owner").orElseThrow().outcome(); // PASS
 * }</pre>
 */
public enum Outcome {
  /** The check held. */
  PASS,
  /** The check did not hold. */
  FAIL,
  /** The check could not be evaluated; its {@link FailurePolicy} says whether this counts as a failure. */
  ERROR,
  /** The rule does not apply to this model, stage, environment or point. */
  NOT_APPLICABLE,
  /** The check did not hold, but an unexpired waiver covers it. */
  EXEMPTED
}
