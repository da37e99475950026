package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.CLOCK;
import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static dev.modelgov.core.policy.PolicyFixtures.waiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEngineWaiverTest {

  private static final String RULE = "model.fairness.thresholds";
  private static final Instant EXPIRY = NOW.plus(Duration.ofDays(3));

  private static final Policy POLICY = Policy.named("waivable").version("1.0.0")
      .rule(RULE).check(m -> false).message("fairness below threshold")
      .rule("model.fairness.report").check(m -> false)
      .rule("model.owner").check(m -> true)
      .build();

  private static PolicyEngine engine(Waiver... waivers) {
    return PolicyEngine.builder().clock(CLOCK).waivers(WaiverResolver.builder().addAll(java.util.List.of(waivers))
        .build()).build();
  }

  private static Decision evaluateAt(PolicyEngine engine, Instant now) throws PolicyCompileException {
    return engine.evaluate(POLICY, creditScoring(), EvaluationContext.builder().now(now).build());
  }

  @Test
  void an_unexpired_waiver_exempts_the_failing_rule_and_is_listed() throws Exception {
    // GIVEN a waiver for one of the failing rules, expiring in three days
    Waiver w = waiver("WVR-1", EXPIRY, WaiverMatch.any(), RULE);
    // WHEN evaluated a second before it expires
    Decision d = evaluateAt(engine(w), EXPIRY.minusSeconds(1));
    // THEN that rule is exempted with the waiver named, the other failure still denies
    RuleResult r = d.result(RULE).orElseThrow();
    assertThat(r.outcome()).isEqualTo(Outcome.EXEMPTED);
    assertThat(r.waiverId()).contains("WVR-1");
    assertThat(r.message()).contains("fairness below threshold");
    assertThat(d.waiversApplied()).containsExactly(
        new AppliedWaiver("WVR-1", RULE, w.ticket(), w.reason(), EXPIRY));
    assertThat(d.result("model.fairness.report").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void a_waiver_covering_every_failure_turns_a_denial_into_an_allow() throws Exception {
    // GIVEN a prefix waiver over both failing rules
    Waiver w = waiver("WVR-ALL", EXPIRY, WaiverMatch.any(), "model.fairness.*");
    // WHEN evaluated before expiry
    Decision d = evaluateAt(engine(w), NOW);
    // THEN both are exempted and the decision allows
    assertThat(d.effect()).isEqualTo(Effect.ALLOW);
    assertThat(d.summary().exempted()).isEqualTo(2);
    assertThat(d.waiversApplied()).extracting(AppliedWaiver::ruleId)
        .containsExactly(RULE, "model.fairness.report");
    assertThat(d.result("model.owner").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void a_waiver_stops_applying_at_its_expiry_instant_and_the_decision_warns() throws Exception {
    // GIVEN a waiver for both failing rules
    Waiver w = waiver("WVR-2", EXPIRY, WaiverMatch.any(), RULE, "model.fairness.report");
    // WHEN evaluated exactly at the expiry and a day after
    for (Instant now : new Instant[] {EXPIRY, EXPIRY.plus(Duration.ofDays(1))}) {
      Decision d = evaluateAt(engine(w), now);
      // THEN the rules are enforced again, nothing is applied, and one warning names the waiver once
      assertThat(d.result(RULE).orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
      assertThat(d.effect()).isEqualTo(Effect.DENY);
      assertThat(d.waiversApplied()).isEmpty();
      assertThat(d.warnings()).containsExactly(
          "waiver WVR-2 expired at 2026-12-04T12:00:00Z; rule " + RULE + " is enforced");
    }
  }

  @Test
  void an_expired_waiver_is_not_mentioned_when_a_live_waiver_applies() throws Exception {
    // GIVEN an expired and a live waiver for the same rule
    Waiver expired = waiver("WVR-OLD", NOW.minus(Duration.ofDays(1)), WaiverMatch.any(), RULE);
    Waiver live = waiver("WVR-NEW", EXPIRY, WaiverMatch.any(), RULE);
    // WHEN evaluated
    Decision d = evaluateAt(engine(expired, live), NOW);
    // THEN the live one applies and no warning is given
    assertThat(d.result(RULE).orElseThrow().waiverId()).contains("WVR-NEW");
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void the_waiver_that_expires_first_wins_and_ties_go_by_id() throws Exception {
    // GIVEN three live waivers: two expire together, one later
    Waiver later = waiver("WVR-A", EXPIRY.plus(Duration.ofDays(1)), WaiverMatch.any(), RULE);
    Waiver tieB = waiver("WVR-C", EXPIRY, WaiverMatch.any(), RULE);
    Waiver tieA = waiver("WVR-B", EXPIRY, WaiverMatch.any(), RULE);
    // WHEN evaluated
    Decision d = evaluateAt(engine(later, tieB, tieA), NOW);
    // THEN the earliest expiry with the lowest id applies
    assertThat(d.result(RULE).orElseThrow().waiverId()).contains("WVR-B");
  }

  static Stream<Arguments> matchParts() {
    EvaluationContext prodPromotion =
        EvaluationContext.builder().now(NOW).point(EnforcementPoint.PROMOTION).environment("prod").build();
    EvaluationContext noEnvironment = EvaluationContext.builder().now(NOW).point(EnforcementPoint.PROMOTION).build();
    return Stream.of(
        Arguments.of(WaiverMatch.models("risk/*"), prodPromotion, true),
        Arguments.of(WaiverMatch.models("risk/credit-scoring"), prodPromotion, true),
        Arguments.of(WaiverMatch.models("demo/*"), prodPromotion, false),
        Arguments.of(WaiverMatch.any().versions("2.4.*"), prodPromotion, true),
        Arguments.of(WaiverMatch.any().versions("2.5.*"), prodPromotion, false),
        Arguments.of(WaiverMatch.any().environments("prod"), prodPromotion, true),
        Arguments.of(WaiverMatch.any().environments("staging"), prodPromotion, false),
        Arguments.of(WaiverMatch.any().environments("prod"), noEnvironment, false),
        Arguments.of(WaiverMatch.any().points(EnforcementPoint.PROMOTION), prodPromotion, true),
        Arguments.of(WaiverMatch.any().points(EnforcementPoint.ADMISSION), prodPromotion, false),
        Arguments.of(WaiverMatch.models("risk/*").versions("2.4.*").environments("prod")
            .points(EnforcementPoint.PROMOTION), prodPromotion, true),
        Arguments.of(WaiverMatch.models("risk/*").versions("2.4.*").environments("prod")
            .points(EnforcementPoint.CI), prodPromotion, false));
  }

  @ParameterizedTest
  @MethodSource("matchParts")
  void every_non_empty_match_part_must_hold(WaiverMatch match, EvaluationContext ctx, boolean applies)
      throws Exception {
    // GIVEN a live waiver with the match
    PolicyEngine engine = engine(waiver("WVR-M", EXPIRY, match, RULE));
    // WHEN risk/credit-scoring 2.4.0 is evaluated in the context
    Decision d = engine.evaluate(POLICY, creditScoring(), ctx);
    // THEN the rule is exempted exactly when every part matches
    assertThat(d.result(RULE).orElseThrow().outcome()).isEqualTo(applies ? Outcome.EXEMPTED : Outcome.FAIL);
  }

  @Test
  void an_error_counts_as_a_failure_and_is_waived_only_under_failure_policy_fail() throws Exception {
    // GIVEN two throwing rules, one failing closed and one ignoring errors, both waived
    Policy policy = Policy.named("errors")
        .rule("r.fail-closed").check((m, c) -> {
          throw new IllegalStateException("feed down");
        })
        .rule("r.ignored").failurePolicy(FailurePolicy.IGNORE).check((m, c) -> {
          throw new IllegalStateException("feed down");
        })
        .build();
    PolicyEngine engine = engine(waiver("WVR-E", EXPIRY, WaiverMatch.any(), "r.fail-closed", "r.ignored"));
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the failing error is exempted and the ignored error stays an error, unwaived
    assertThat(d.result("r.fail-closed").orElseThrow().outcome()).isEqualTo(Outcome.EXEMPTED);
    RuleResult ignored = d.result("r.ignored").orElseThrow();
    assertThat(ignored.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(ignored.waiverId()).isEmpty();
    assertThat(d.waiversApplied()).extracting(AppliedWaiver::ruleId).containsExactly("r.fail-closed");
  }

  @Test
  void passing_rules_never_consume_a_waiver() throws Exception {
    // GIVEN a waiver for a passing rule
    PolicyEngine engine = engine(waiver("WVR-P", EXPIRY, WaiverMatch.any(), "model.owner"));
    // WHEN evaluated
    Decision d = evaluateAt(engine, NOW);
    // THEN it passes and nothing is applied
    assertThat(d.result("model.owner").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
    assertThat(d.waiversApplied()).isEmpty();
  }

  @Test
  void a_cel_match_expression_decides_through_the_backend() throws Exception {
    // GIVEN waivers whose expressions hold, do not hold and fail, on three rules
    Policy policy = Policy.named("cel-waivers")
        .rule("r.holds").check(m -> false)
        .rule("r.false").check(m -> false)
        .rule("r.errors").check(m -> false)
        .build();
    FakeCelBackend cel = new FakeCelBackend()
        .condition("manifest.risk['class'] == 'HIGH'", a -> "HIGH".equals(risk(a)));
    PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).celBackend(cel)
        .waivers(WaiverResolver.builder()
            .add(waiver("WVR-H", EXPIRY, WaiverMatch.any().expression("manifest.risk['class'] == 'HIGH'"), "r.holds"))
            .add(waiver("WVR-F", EXPIRY, WaiverMatch.any().expression("false"), "r.false"))
            .add(waiver("WVR-X", EXPIRY, WaiverMatch.any().expression("error:no such key: labels"), "r.errors"))
            .build())
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN only the holding expression exempts; the failing one is reported as a warning
    assertThat(d.result("r.holds").orElseThrow().outcome()).isEqualTo(Outcome.EXEMPTED);
    assertThat(d.result("r.false").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(d.result("r.errors").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(d.warnings()).singleElement().asString()
        .contains("waiver WVR-X").contains("no such key: labels").contains("rule r.errors is enforced");
    assertThat(cel.conditionCompiles).hasValue(3);
  }

  @SuppressWarnings("unchecked")
  private static Object risk(java.util.Map<String, Object> activation) {
    java.util.Map<String, Object> manifest = (java.util.Map<String, Object>) activation.get("manifest");
    return ((java.util.Map<String, Object>) manifest.get("risk")).get("class");
  }

  @Test
  void a_waiver_expression_without_a_cel_backend_does_not_compile() {
    // GIVEN a waiver with a match expression and no CEL backend anywhere
    PolicyEngine engine = engine(waiver("WVR-CEL", EXPIRY, WaiverMatch.any().expression("true"), RULE));
    // WHEN a Java-only policy is compiled THEN the error names the waiver
    assertThatThrownBy(() -> engine.compile(POLICY))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("waiver WVR-CEL")
        .hasMessageContaining("governance-cel");
  }

  @Test
  void a_waiver_expression_that_does_not_compile_fails_the_policy_compile() {
    // GIVEN a waiver whose expression the backend rejects
    PolicyEngine engine = PolicyEngine.builder().celBackend(new FakeCelBackend())
        .waivers(WaiverResolver.builder()
            .add(waiver("WVR-BAD", EXPIRY, WaiverMatch.any().expression("does-not-compile"), RULE)).build())
        .build();
    // WHEN compiled THEN the backend's error names the waiver expression
    assertThatThrownBy(() -> engine.compile(POLICY))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("waiver WVR-BAD match.expression");
  }
}
