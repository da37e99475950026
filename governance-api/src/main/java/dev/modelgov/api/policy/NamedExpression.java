package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * A named CEL expression: a policy's {@code matchConditions} and {@code variables} entries, as in Kubernetes
 * ValidatingAdmissionPolicy.
 *
 * <pre>{@code
 * new NamedExpression("highRisk", "manifest.risk['class'] == 'HIGH'");
 * }</pre>
 *
 * @param name the name (a CEL identifier for variables)
 * @param expression the CEL source
 */
public record NamedExpression(String name, String expression) {

  /** Checks both parts are present and not blank. */
  public NamedExpression {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
    if (name.isBlank() || expression.isBlank()) {
      throw new IllegalArgumentException("name and expression must not be blank");
    }
  }
}
