package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * One sub-expression and the value it had in the evaluation that decided, for example {@code size(approvals)} =
 * {@code 1}.
 *
 * <pre>{@code
 * new ObservedValue("manifest.lifecycle.approvals.size()", "1");
 * }</pre>
 *
 * @param expression the sub-expression's source text
 * @param value its value, rendered as CEL literal text and truncated to a bounded length
 */
public record ObservedValue(String expression, String value) {

  /** Checks both parts are present. */
  public ObservedValue {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(value, "value");
  }
}
