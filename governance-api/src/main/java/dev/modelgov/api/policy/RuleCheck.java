package dev.modelgov.api.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * How a rule is checked: a {@link Java} check, or a {@link Cel} expression compiled by the {@code governance-cel}
 * module. CEL checks can be exported to Kubernetes ValidatingAdmissionPolicy; Java checks cannot.
 *
 * <pre>{@code
 * RuleCheck.cel("has(manifest.servingImage)");
 * RuleCheck.java((m, c) -> m.servingImage().isPresent());
 * }</pre>
 */
public sealed interface RuleCheck permits RuleCheck.Java, RuleCheck.Cel {

  /**
   * A Java check.
   *
   * @param check the check
   * @return the rule check
   */
  static RuleCheck java(JavaCheck check) {
    return new Java(check);
  }

  /**
   * A CEL check without a message expression.
   *
   * @param expression a CEL expression that yields a bool
   * @return the rule check
   */
  static RuleCheck cel(String expression) {
    return new Cel(expression, Optional.empty());
  }

  /**
   * A check in Java.
   *
   * @param check the check
   */
  record Java(JavaCheck check) implements RuleCheck {
    /** Checks the check is present. */
    public Java {
      Objects.requireNonNull(check, "check");
    }
  }

  /**
   * A check in CEL, with an optional CEL message expression evaluated when it fails (as in ValidatingAdmissionPolicy's
   * {@code messageExpression}).
   *
   * @param expression a CEL expression that yields a bool
   * @param messageExpression a CEL expression that yields the failure message
   */
  record Cel(String expression, Optional<String> messageExpression) implements RuleCheck {
    /** Checks the expression is present and not blank. */
    public Cel {
      Objects.requireNonNull(expression, "expression");
      if (expression.isBlank()) {
        throw new IllegalArgumentException("expression must not be blank");
      }
      messageExpression = messageExpression == null ? Optional.empty() : messageExpression;
    }
  }
}
