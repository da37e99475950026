package dev.modelgov.api.policy;

import java.util.List;
import java.util.Objects;

/**
 * Why a CEL rule failed, taken from the evaluation that decided: the smallest sub-expression that evaluated to
 * {@code false} on the failing path, and the values of the sub-expressions under it.
 *
 * <pre>{@code
 * decision.result("model.approval.high-risk").flatMap(RuleResult::explanation)
 *     .ifPresent(e -> System.out.println(e.failedExpression() + " with " + e.values()));
 * }</pre>
 *
 * @param failedExpression the failing sub-expression's source text
 * @param values values seen under it, outermost first
 */
public record Explanation(String failedExpression, List<ObservedValue> values) {

  /** Copies the values. */
  public Explanation {
    Objects.requireNonNull(failedExpression, "failedExpression");
    values = values == null ? List.of() : List.copyOf(values);
  }
}
