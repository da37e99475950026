package dev.modelgov.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule's result in a {@link Decision}.
 *
 * <pre>{@code
 * RuleResult r = decision.result("model.image.digest").orElseThrow();
 * if (r.failing()) System.out.println(r.message().orElse("") + " -> " + r.remediation());
 * }</pre>
 *
 * @param ruleId the rule
 * @param title its title
 * @param severity its severity
 * @param category its category
 * @param outcome the outcome
 * @param mode the effective enforcement mode at the evaluation's point
 * @param failurePolicy what an {@link Outcome#ERROR} counts as
 * @param message the failure message (from the rule's message function or message expression when it has one), or
 *     the error text; empty for passing and not-applicable rules
 * @param explanation the failing CEL sub-expression and the values it saw, for failed CEL rules
 * @param remediation how to fix it
 * @param references the rule's references
 * @param waiverId the waiver that exempted it, for {@link Outcome#EXEMPTED}
 */
public record RuleResult(
    String ruleId,
    String title,
    Severity severity,
    String category,
    Outcome outcome,
    EnforcementMode mode,
    FailurePolicy failurePolicy,
    Optional<String> message,
    Optional<Explanation> explanation,
    String remediation,
    List<String> references,
    Optional<String> waiverId) {

  /** Checks the required parts and copies the lists. */
  public RuleResult {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(failurePolicy, "failurePolicy");
    message = message == null ? Optional.empty() : message;
    explanation = explanation == null ? Optional.empty() : explanation;
    Objects.requireNonNull(remediation, "remediation");
    references = references == null ? List.of() : List.copyOf(references);
    waiverId = waiverId == null ? Optional.empty() : waiverId;
    if (outcome == Outcome.EXEMPTED && waiverId.isEmpty()) {
      throw new IllegalArgumentException("rule " + ruleId + ": an EXEMPTED result must name its waiver");
    }
  }

  /**
   * Whether the rule counts as failed: {@link Outcome#FAIL}, or {@link Outcome#ERROR} under {@link FailurePolicy#FAIL}.
   * The mode decides what a failure does.
   *
   * @return {@code true} when failing
   */
  public boolean failing() {
    return outcome == Outcome.FAIL || (outcome == Outcome.ERROR && failurePolicy == FailurePolicy.FAIL);
  }

  /**
   * Whether this result makes the decision deny: failing under {@link EnforcementMode#ENFORCE}.
   *
   * @return {@code true} when it denies
   */
  public boolean denies() {
    return failing() && mode == EnforcementMode.ENFORCE;
  }

  /**
   * Whether this result adds a warning: failing under {@link EnforcementMode#WARN}.
   *
   * @return {@code true} when it warns
   */
  public boolean warns() {
    return failing() && mode == EnforcementMode.WARN;
  }
}
