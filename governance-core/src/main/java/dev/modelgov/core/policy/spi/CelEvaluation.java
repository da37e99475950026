package dev.modelgov.core.policy.spi;

import java.util.Optional;

/**
 * One evaluation of a compiled policy's CEL parts, on one thread.
 *
 * <pre>{@code
 * CelRuleOutcome o = evaluation.evaluate("model.owner");
 * }</pre>
 */
public interface CelEvaluation {

  /**
   * Evaluates the match conditions in order.
   *
   * @return empty when all hold; else the name of the first that is false
   * @throws CelEvaluationError when a condition errors (the engine then treats every CEL and Java rule per its
   *     failure policy, as ValidatingAdmissionPolicy does)
   */
  Optional<String> failedMatchCondition() throws CelEvaluationError;

  /**
   * Evaluates one CEL rule: its expression, and on failure its message expression and explanation.
   *
   * @param ruleId the rule id (a CEL rule of the compiled policy)
   * @return the outcome; errors (including the time budget and the iteration cap) are returned, not thrown
   */
  CelRuleOutcome evaluate(String ruleId);
}
