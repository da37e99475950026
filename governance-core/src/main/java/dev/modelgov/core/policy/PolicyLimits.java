package dev.modelgov.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on policy compilation and evaluation, so a policy from an untrusted author can neither hang nor exhaust the
 * process. The default evaluation budget matches the Kubernetes apiserver's per-binding CEL budget (about 1 s): a warm
 * evaluation of the 21-rule built-in pack takes tens of microseconds, but the first evaluation in a fresh JVM loads and
 * compiles the CEL runtime's classes, and a tighter default turned that cold first request into an ERROR.
 *
 * <pre>{@code
 * PolicyLimits limits = PolicyLimits.defaults().withEvaluationBudget(Duration.ofMillis(20));
 * }</pre>
 *
 * @param evaluationBudget wall-clock budget of one evaluation of a whole policy; rules not finished in time get
 *     {@code ERROR}
 * @param comprehensionMaxIterations most iterations of any one CEL comprehension ({@code all}, {@code exists},
 *     {@code map}, {@code filter})
 * @param maxExpressionLength most characters in one CEL expression
 * @param maxRules most rules in one policy
 * @param maxDocumentBytes most bytes in a policy, waiver or suite file
 */
public record PolicyLimits(
    Duration evaluationBudget,
    int comprehensionMaxIterations,
    int maxExpressionLength,
    int maxRules,
    int maxDocumentBytes) {

  private static final PolicyLimits DEFAULTS = new PolicyLimits(Duration.ofSeconds(1), 10_000, 10_000, 1_000, 4 << 20);

  /** Checks every bound is positive. */
  public PolicyLimits {
    Objects.requireNonNull(evaluationBudget, "evaluationBudget");
    if (evaluationBudget.isNegative() || evaluationBudget.isZero()) {
      throw new IllegalArgumentException("evaluationBudget must be positive");
    }
    if (comprehensionMaxIterations <= 0 || maxExpressionLength <= 0 || maxRules <= 0 || maxDocumentBytes <= 0) {
      throw new IllegalArgumentException("comprehensionMaxIterations, maxExpressionLength, maxRules and "
          + "maxDocumentBytes must be positive");
    }
  }

  /**
   * 1 s per evaluation, 10,000 iterations per comprehension, 10,000 characters per expression, 1,000 rules, 4 MiB
   * documents.
   *
   * @return the defaults
   */
  public static PolicyLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another evaluation budget.
   *
   * @param value the budget
   * @return the copy
   */
  public PolicyLimits withEvaluationBudget(Duration value) {
    return new PolicyLimits(value, comprehensionMaxIterations, maxExpressionLength, maxRules, maxDocumentBytes);
  }

  /**
   * A copy with another comprehension cap.
   *
   * @param value the cap
   * @return the copy
   */
  public PolicyLimits withComprehensionMaxIterations(int value) {
    return new PolicyLimits(evaluationBudget, value, maxExpressionLength, maxRules, maxDocumentBytes);
  }

  /**
   * A copy with another rule cap.
   *
   * @param value the most rules in one policy
   * @return the copy
   */
  public PolicyLimits withMaxRules(int value) {
    return new PolicyLimits(evaluationBudget, comprehensionMaxIterations, maxExpressionLength, value, maxDocumentBytes);
  }

  /**
   * A copy with another document size cap.
   *
   * @param value the most bytes in a policy, waiver or suite file
   * @return the copy
   */
  public PolicyLimits withMaxDocumentBytes(int value) {
    return new PolicyLimits(evaluationBudget, comprehensionMaxIterations, maxExpressionLength, maxRules, value);
  }
}
