package dev.modelgov.core.policy.spi;

import dev.modelgov.api.policy.Explanation;
import java.util.Optional;

/**
 * What one CEL rule evaluated to.
 *
 * <pre>{@code
 * CelRuleOutcome.failed(Optional.of("model risk/x has 1 approval"), Optional.of(explanation));
 * }</pre>
 *
 * @param passed whether the expression yielded {@code true} (meaningless when {@code error} is present)
 * @param error why evaluation failed, if it did
 * @param message the message expression's value, when the rule failed and has one that evaluated to a one-line string
 * @param explanation the failing sub-expression and the values under it, when the rule failed
 */
public record CelRuleOutcome(
    boolean passed, Optional<String> error, Optional<String> message, Optional<Explanation> explanation) {

  private static final CelRuleOutcome PASSED =
      new CelRuleOutcome(true, Optional.empty(), Optional.empty(), Optional.empty());

  /** Normalises {@code null} optionals. */
  public CelRuleOutcome {
    error = error == null ? Optional.empty() : error;
    message = message == null ? Optional.empty() : message;
    explanation = explanation == null ? Optional.empty() : explanation;
  }

  /** @return the passing outcome */
  public static CelRuleOutcome pass() {
    return PASSED;
  }

  /**
   * @param message the message expression's value
   * @param explanation the explanation
   * @return a failing outcome
   */
  public static CelRuleOutcome fail(Optional<String> message, Optional<Explanation> explanation) {
    return new CelRuleOutcome(false, Optional.empty(), message, explanation);
  }

  /**
   * @param error why evaluation failed
   * @return an error outcome
   */
  public static CelRuleOutcome error(String error) {
    return new CelRuleOutcome(false, Optional.of(error), Optional.empty(), Optional.empty());
  }
}
