package dev.modelgov.testkit;

import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.RuleResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a policy {@link Decision}. Every failure message ends with what the decision holds: each rule id with
 * its outcome and mode, and the waivers applied.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Decision d = engine.evaluate(BuiltinPolicy.deployGate(), manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 * assertThat(d).isDenied().denies("model.provenance.signed").passes("model.owner").hasNoErrors();
 * assertThat(d).isAllowed();
 * // fails: "Expected the decision to allow but it was DENY by modelgov-builtin@1.0.0: model.provenance.signed, ...
 * //   Rules: [model.image.digest=PASS, model.provenance.signed=FAIL(ENFORCE), ...]
 * //   Waivers applied: []"
 * }</pre>
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /**
   * Checks that the decision allows: its effect is {@link Effect#ALLOW} or {@link Effect#WARN}, as {@link
   * Decision#allowed()} says. Use {@link #hasEffect(Effect)} to rule warnings out.
   *
   * <pre>{@code
   * assertThat(signedAndWaived).isAllowed();   // passes
   * assertThat(unsigned).isAllowed();
   * // fails: "Expected the decision to allow but it was DENY by modelgov-builtin@1.0.0: model.provenance.signed ...
   * //   Rules: [...]
   * //   Waivers applied: []"
   * }</pre>
   *
   * @return this assertion
   */
  public DecisionAssert isAllowed() {
    isNotNull();
    if (!actual.allowed()) {
      failWithMessage("Expected the decision to allow but it was %s%s", actual.summaryText(), state());
    }
    return this;
  }

  /**
   * Checks that the decision denies (its effect is {@link Effect#DENY}).
   *
   * <pre>{@code
   * assertThat(unsigned).isDenied();   // passes
   * assertThat(signed).isDenied();
   * // fails: "Expected the decision to deny but it was ALLOW by modelgov-builtin@1.0.0
   * //   Rules: [...]
   * //   Waivers applied: []"
   * }</pre>
   *
   * @return this assertion
   */
  public DecisionAssert isDenied() {
    return hasEffect(Effect.DENY);
  }

  /**
   * Checks that the decision warns: no enforced rule failed, but a rule in {@code WARN} mode did.
   *
   * <pre>{@code
   * assertThat(decisionWithAWarningRule).isWarned();   // passes
   * assertThat(unsigned).isWarned();
   * // fails: "Expected the decision to warn but it was DENY by modelgov-builtin@1.0.0: model.provenance.signed ..."
   * }</pre>
   *
   * @return this assertion
   */
  public DecisionAssert isWarned() {
    return hasEffect(Effect.WARN);
  }

  /**
   * Checks the decision's effect exactly.
   *
   * <pre>{@code
   * assertThat(signed).hasEffect(Effect.ALLOW);   // passes
   * assertThat(unsigned).hasEffect(Effect.ALLOW);
   * // fails: "Expected the decision to allow but it was DENY by modelgov-builtin@1.0.0: ..."
   * }</pre>
   *
   * @param expected the effect, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert hasEffect(Effect expected) {
    Objects.requireNonNull(expected, "expected must not be null");
    isNotNull();
    if (actual.effect() != expected) {
      failWithMessage("Expected the decision to %s but it was %s%s", verb(expected), actual.summaryText(), state());
    }
    return this;
  }

  /**
   * Checks that this rule's failure makes the decision deny (it failed, in {@code ENFORCE} mode).
   *
   * <pre>{@code
   * assertThat(unsigned).denies("model.provenance.signed");   // passes
   * assertThat(unsigned).denies("model.owner");
   * // fails: "Expected rule <model.owner> to deny but its outcome was PASS (mode ENFORCE)
   * //   Rules: [...]
   * //   Waivers applied: []"
   * }</pre>
   *
   * @param ruleId the rule id, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert denies(String ruleId) {
    RuleResult r = result(ruleId, "deny");
    if (!r.denies()) {
      failWithMessage("Expected rule <%s> to deny but its outcome was %s%s", ruleId, describe(r), state());
    }
    return this;
  }

  /**
   * Checks that this rule failed in {@code WARN} mode, so that it warns without denying.
   *
   * <pre>{@code
   * assertThat(decision).warnsOn("model.monitoring.plan");   // passes when that rule runs in WARN mode and fails
   * assertThat(unsigned).warnsOn("model.provenance.signed");
   * // fails: "Expected rule <model.provenance.signed> to warn but its outcome was FAIL (mode ENFORCE) ..."
   * }</pre>
   *
   * @param ruleId the rule id, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert warnsOn(String ruleId) {
    RuleResult r = result(ruleId, "warn");
    if (!r.warns()) {
      failWithMessage("Expected rule <%s> to warn but its outcome was %s%s", ruleId, describe(r), state());
    }
    return this;
  }

  /**
   * Checks that this rule passed.
   *
   * <pre>{@code
   * assertThat(unsigned).passes("model.owner");   // passes
   * assertThat(unsigned).passes("model.provenance.signed");
   * // fails: "Expected rule <model.provenance.signed> to pass but its outcome was FAIL (mode ENFORCE):
   * //   no provenance ... Rules: [...]"
   * }</pre>
   *
   * @param ruleId the rule id, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert passes(String ruleId) {
    return hasOutcome(ruleId, Outcome.PASS);
  }

  /**
   * Checks one rule's outcome.
   *
   * <pre>{@code
   * assertThat(waived).hasOutcome("model.provenance.signed", Outcome.EXEMPTED);   // passes
   * assertThat(waived).hasOutcome("model.nonexistent", Outcome.PASS);
   * // fails: "Expected the decision to have a result for rule <model.nonexistent> to be PASS but it has none
   * //   Rules: [model.image.digest=PASS, ...]"
   * }</pre>
   *
   * @param ruleId the rule id, must not be {@code null}
   * @param expected the outcome, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert hasOutcome(String ruleId, Outcome expected) {
    Objects.requireNonNull(expected, "expected must not be null");
    RuleResult r = result(ruleId, "be " + expected);
    if (r.outcome() != expected) {
      failWithMessage(
          "Expected rule <%s> to %s but its outcome was %s%s", ruleId, verb(expected), describe(r), state());
    }
    return this;
  }

  /**
   * Checks that a waiver (an exception to a rule) was applied.
   *
   * <pre>{@code
   * assertThat(waived).appliesException("WVR-7");   // passes
   * assertThat(waived).appliesException("WVR-8");
   * // fails: "Expected waiver <WVR-8> to be applied but the decision applied [WVR-7 -> model.provenance.signed]
   * //   Rules: [...]"
   * }</pre>
   *
   * @param waiverId the waiver id, must not be {@code null}
   * @return this assertion
   */
  public DecisionAssert appliesException(String waiverId) {
    Objects.requireNonNull(waiverId, "waiverId must not be null");
    isNotNull();
    if (actual.waiversApplied().stream().noneMatch(w -> w.waiverId().equals(waiverId))) {
      failWithMessage(
          "Expected waiver <%s> to be applied but the decision applied %s%s", waiverId, waivers(), state());
    }
    return this;
  }

  /**
   * Checks that no rule ended in {@link Outcome#ERROR} (a check that threw, or a CEL expression that could not be
   * evaluated), whatever its failure policy.
   *
   * <pre>{@code
   * assertThat(unsigned).hasNoErrors();   // passes
   * assertThat(decisionWithABrokenRule).hasNoErrors();
   * // fails: "Expected no rule to end in ERROR but found [custom.check: no such key: owner]
   * //   Rules: [...]"
   * }</pre>
   *
   * @return this assertion
   */
  public DecisionAssert hasNoErrors() {
    isNotNull();
    List<String> errors = actual.results().stream().filter(r -> r.outcome() == Outcome.ERROR)
        .map(r -> r.ruleId() + ": " + r.message().orElse("(no message)")).collect(Collectors.toList());
    if (!errors.isEmpty()) {
      failWithMessage("Expected no rule to end in ERROR but found %s%s", errors, state());
    }
    return this;
  }

  private RuleResult result(String ruleId, String expectation) {
    Objects.requireNonNull(ruleId, "ruleId must not be null");
    isNotNull();
    Optional<RuleResult> r = actual.result(ruleId);
    if (r.isEmpty()) {
      failWithMessage(
          "Expected the decision to have a result for rule <%s> to %s but it has none%s", ruleId, expectation,
          state());
    }
    return r.orElseThrow();
  }

  private static String verb(Effect effect) {
    return switch (effect) {
      case ALLOW -> "allow";
      case WARN -> "warn";
      case DENY -> "deny";
    };
  }

  private static String verb(Outcome outcome) {
    return switch (outcome) {
      case PASS -> "pass";
      case FAIL -> "fail";
      case ERROR -> "end in ERROR";
      case NOT_APPLICABLE -> "be NOT_APPLICABLE";
      case EXEMPTED -> "be EXEMPTED";
    };
  }

  private static String describe(RuleResult r) {
    StringBuilder s = new StringBuilder().append(r.outcome()).append(" (mode ").append(r.mode()).append(')');
    r.waiverId().ifPresent(w -> s.append(" by waiver ").append(w));
    r.message().ifPresent(m -> s.append(": ").append(m));
    return s.toString();
  }

  private static String shortly(RuleResult r) {
    String outcome = r.outcome().toString();
    if (r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR) {
      outcome += "(" + r.mode() + ")";
    } else if (r.outcome() == Outcome.EXEMPTED) {
      outcome += "(" + r.waiverId().orElse("?") + ")";
    }
    return r.ruleId() + "=" + outcome;
  }

  private String waivers() {
    return actual.waiversApplied().stream().map(DecisionAssert::waiver).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String waiver(AppliedWaiver w) {
    return w.waiverId() + " -> " + w.ruleId();
  }

  private String state() {
    return "\nRules: " + actual.results().stream().map(DecisionAssert::shortly)
        .collect(Collectors.joining(", ", "[", "]")) + "\nWaivers applied: " + waivers();
  }
}
