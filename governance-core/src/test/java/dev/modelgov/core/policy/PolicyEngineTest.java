package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.CLOCK;
import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.atStage;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static dev.modelgov.core.policy.PolicyFixtures.minimal;
import static dev.modelgov.core.policy.PolicyFixtures.withRisk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Applicability;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.PolicyDeniedException;
import dev.modelgov.api.policy.PolicyRef;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.manifest.ManifestCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyEngineTest {

  private final PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).build();

  private static Map<String, Outcome> outcomes(Decision d) {
    return d.results().stream().collect(Collectors.toMap(RuleResult::ruleId, RuleResult::outcome));
  }

  @Test
  void every_outcome_is_reported_in_one_decision() throws Exception {
    // GIVEN a policy with a passing, failing, throwing, non-applicable and waived rule
    Policy policy = Policy.named("all-outcomes").version("1.0.0")
        .rule("r.pass").check(m -> true)
        .rule("r.fail").check(m -> false)
        .rule("r.error").check(m -> {
          throw new IllegalStateException("boom");
        })
        .rule("r.not-applicable").when(Applicability.always().stages(LifecycleStage.ARCHIVED)).check(m -> false)
        .rule("r.exempted").check(m -> false)
        .build();
    PolicyEngine withWaiver = PolicyEngine.builder().clock(CLOCK)
        .waivers(WaiverResolver.builder()
            .add(PolicyFixtures.waiver("WVR-1", NOW.plus(Duration.ofDays(5)), WaiverMatch.any(), "r.exempted"))
            .build())
        .build();
    // WHEN evaluated
    Decision d = withWaiver.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN each rule has its own outcome and the counts agree
    assertThat(outcomes(d)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "r.pass", Outcome.PASS, "r.fail", Outcome.FAIL, "r.error", Outcome.ERROR,
        "r.not-applicable", Outcome.NOT_APPLICABLE, "r.exempted", Outcome.EXEMPTED));
    assertThat(d.summary().pass()).isEqualTo(1);
    assertThat(d.summary().fail()).isEqualTo(1);
    assertThat(d.summary().error()).isEqualTo(1);
    assertThat(d.summary().notApplicable()).isEqualTo(1);
    assertThat(d.summary().exempted()).isEqualTo(1);
    assertThat(d.summary().denied()).isEqualTo(2);
    assertThat(d.result("r.pass").orElseThrow().message()).isEmpty();
    assertThat(d.result("r.not-applicable").orElseThrow().message()).isEmpty();
  }

  @Test
  void a_throwing_rule_does_not_stop_the_rules_after_it() throws Exception {
    // GIVEN a throwing rule followed by two more rules
    List<String> ran = new ArrayList<>();
    Policy policy = Policy.named("no-short-circuit")
        .rule("a.throws").check(m -> {
          ran.add("a.throws");
          throw new IllegalArgumentException("no such field");
        })
        .rule("b.fails").check(m -> {
          ran.add("b.fails");
          return false;
        })
        .rule("c.passes").check(m -> {
          ran.add("c.passes");
          return true;
        })
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN every rule ran and the error names the exception
    assertThat(ran).containsExactly("a.throws", "b.fails", "c.passes");
    RuleResult error = d.result("a.throws").orElseThrow();
    assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(error.message()).contains("check threw IllegalArgumentException: no such field");
    assertThat(d.result("b.fails").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(d.result("c.passes").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void results_are_in_declaration_order_every_time() throws Exception {
    // GIVEN rules declared out of alphabetical order
    Policy policy = Policy.named("order")
        .rule("z.last-letter").check(m -> true)
        .rule("a.first-letter").check(m -> false)
        .rule("m.middle").check(m -> true)
        .build();
    // WHEN evaluated twice
    Decision first = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    Decision second = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the results keep the declaration order
    List<String> expected = List.of("z.last-letter", "a.first-letter", "m.middle");
    assertThat(first.results()).extracting(RuleResult::ruleId).containsExactlyElementsOf(expected);
    assertThat(second.results()).isEqualTo(first.results());
  }

  @ParameterizedTest
  @CsvSource({"ENFORCE, DENY, 1, 0, 0", "WARN, WARN, 0, 1, 0", "AUDIT, ALLOW, 0, 0, 1"})
  void a_failing_rule_affects_the_effect_by_its_mode(
      EnforcementMode mode, Effect effect, int denied, int warned, int audited) throws Exception {
    // GIVEN a failing rule in the given mode next to a passing one
    Policy policy = Policy.named("modes")
        .rule("r.fails").mode(mode).check(m -> false)
        .rule("r.passes").check(m -> true)
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the effect and the summary follow the mode
    assertThat(d.effect()).isEqualTo(effect);
    assertThat(d.allowed()).isEqualTo(effect != Effect.DENY);
    assertThat(d.summary().denied()).isEqualTo(denied);
    assertThat(d.summary().warned()).isEqualTo(warned);
    assertThat(d.summary().audited()).isEqualTo(audited);
    assertThat(d.result("r.fails").orElseThrow().mode()).isEqualTo(mode);
  }

  @Test
  void a_policy_that_passes_allows() throws Exception {
    // GIVEN a policy whose rules all pass
    Policy policy = Policy.named("green").rule("r.one").check(m -> true).rule("r.two").check(m -> true).build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN it allows without warnings, and orThrow returns it
    assertThat(d.effect()).isEqualTo(Effect.ALLOW);
    assertThat(d.warnings()).isEmpty();
    assertThat(d.orThrow()).isSameAs(d);
  }

  @Test
  void a_point_capped_to_audit_turns_a_denial_into_an_audited_allow() throws Exception {
    // GIVEN an enforced failing rule and a policy that runs as a dry run at RUNTIME
    Policy policy = Policy.named("dry-run-at-runtime")
        .modeAt(EnforcementPoint.RUNTIME, EnforcementMode.AUDIT)
        .rule("runtime.error-rate").check(m -> false)
        .build();
    // WHEN evaluated at RUNTIME and at CI
    Decision runtime = engine.evaluate(policy, creditScoring(), EvaluationContext.at(EnforcementPoint.RUNTIME));
    Decision ci = engine.evaluate(policy, creditScoring(), EvaluationContext.at(EnforcementPoint.CI));
    // THEN RUNTIME allows and counts the failure as audited; CI denies
    assertThat(runtime.effect()).isEqualTo(Effect.ALLOW);
    assertThat(runtime.summary().audited()).isEqualTo(1);
    assertThat(runtime.summary().denied()).isZero();
    assertThat(runtime.result("runtime.error-rate").orElseThrow().mode()).isEqualTo(EnforcementMode.AUDIT);
    assertThat(runtime.result("runtime.error-rate").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(ci.effect()).isEqualTo(Effect.DENY);
    assertThatThrownBy(ci::orThrow).isInstanceOf(PolicyDeniedException.class)
        .hasMessageContaining("runtime.error-rate");
  }

  @Test
  void a_rule_can_warn_at_one_point_and_enforce_at_the_others() throws Exception {
    // GIVEN a failing rule that only warns at ADMISSION
    Policy policy = Policy.named("per-rule-point")
        .rule("model.image.digest").modeAt(EnforcementPoint.ADMISSION, EnforcementMode.WARN).check(m -> false)
        .build();
    // WHEN evaluated at ADMISSION and PROMOTION
    Decision admission = engine.evaluate(policy, creditScoring(), EvaluationContext.at(EnforcementPoint.ADMISSION));
    Decision promotion = engine.evaluate(policy, creditScoring(), EvaluationContext.at(EnforcementPoint.PROMOTION));
    // THEN it warns at ADMISSION and denies at PROMOTION
    assertThat(admission.effect()).isEqualTo(Effect.WARN);
    assertThat(admission.warningResults()).extracting(RuleResult::ruleId).containsExactly("model.image.digest");
    assertThat(promotion.effect()).isEqualTo(Effect.DENY);
  }

  @Test
  void a_point_cap_never_raises_a_rule_above_its_own_mode() throws Exception {
    // GIVEN a WARN rule in a policy that allows ENFORCE at CI
    Policy policy = Policy.named("cap-only-lowers")
        .modeAt(EnforcementPoint.CI, EnforcementMode.ENFORCE)
        .rule("r.warns").mode(EnforcementMode.WARN).check(m -> false)
        .build();
    // WHEN evaluated at CI
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.at(EnforcementPoint.CI));
    // THEN the rule still only warns
    assertThat(d.effect()).isEqualTo(Effect.WARN);
  }

  @ParameterizedTest
  @CsvSource({"FAIL, DENY", "IGNORE, ALLOW"})
  void the_failure_policy_decides_what_an_error_counts_as(FailurePolicy failurePolicy, Effect effect)
      throws Exception {
    // GIVEN an enforced rule whose check throws
    Policy policy = Policy.named("failure-policy")
        .rule("runtime.drift").failurePolicy(failurePolicy).check((m, c) -> {
          throw new java.io.IOException("drift feed unavailable");
        })
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the outcome stays ERROR and the failure policy decides the effect
    RuleResult r = d.result("runtime.drift").orElseThrow();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.failurePolicy()).isEqualTo(failurePolicy);
    assertThat(r.message()).contains("check threw IOException: drift feed unavailable");
    assertThat(d.effect()).isEqualTo(effect);
  }

  @Test
  void a_failed_rule_reports_its_message_function_output() throws Exception {
    // GIVEN a rule whose message function names the values that decided
    Policy policy = Policy.named("messages")
        .rule("model.approval.high-risk")
        .check(m -> m.lifecycle().approvals().size() >= 3)
        .messageFn(m -> "HIGH risk model needs 3 approvals, has " + m.lifecycle().approvals().size())
        .message("not enough approvals")
        .build();
    // WHEN evaluated on a model with two approvals
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the message is the function's output
    assertThat(d.result("model.approval.high-risk").orElseThrow().message())
        .contains("HIGH risk model needs 3 approvals, has 2");
  }

  @Test
  void a_message_function_sees_the_context() throws Exception {
    // GIVEN a rule whose message names the environment
    Policy policy = Policy.named("context-messages")
        .rule("r.env").check((m, c) -> false)
        .message((m, c) -> "not allowed in " + c.environment().orElse("?"))
        .build();
    // WHEN evaluated in prod
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.builder().environment("prod").build());
    // THEN the message names prod
    assertThat(d.result("r.env").orElseThrow().message()).contains("not allowed in prod");
  }

  @Test
  void a_throwing_message_function_falls_back_to_the_static_message() throws Exception {
    // GIVEN a failing rule whose message function throws
    Policy policy = Policy.named("bad-message")
        .rule("r.fails").check(m -> false)
        .messageFn(m -> {
          throw new IllegalStateException("cannot explain");
        })
        .message("static explanation")
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the rule still fails, with the static message
    RuleResult r = d.result("r.fails").orElseThrow();
    assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.message()).contains("static explanation");
  }

  @Test
  void long_messages_are_cut_to_500_characters() throws Exception {
    // GIVEN a check that throws with a very long message
    String longText = "x".repeat(5_000);
    Policy policy = Policy.named("long")
        .rule("r.long").check(m -> {
          throw new IllegalArgumentException(longText);
        })
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the message is cut
    String message = d.result("r.long").orElseThrow().message().orElseThrow();
    assertThat(message).hasSizeLessThanOrEqualTo(500).startsWith("check threw IllegalArgumentException: xxx");
  }

  @Test
  void applicability_selects_by_stage_risk_environment_and_point() throws Exception {
    // GIVEN rules that each apply only to one stage, risk class, environment or point
    Policy policy = Policy.named("applicability")
        .rule("r.production").when(Applicability.always().stages(LifecycleStage.PRODUCTION)).check(m -> true)
        .rule("r.high-risk").when(Applicability.always().riskClasses(RiskClass.HIGH)).check(m -> true)
        .rule("r.prod-env").when(Applicability.always().environments("prod")).check(m -> true)
        .rule("r.admission").when(Applicability.always().points(EnforcementPoint.ADMISSION)).check(m -> true)
        .build();
    ModelManifest highInProduction = creditScoring();
    ModelManifest limitedInStaging = withRisk(atStage(creditScoring(), LifecycleStage.STAGING), RiskClass.LIMITED);
    EvaluationContext prodAdmission =
        EvaluationContext.builder().point(EnforcementPoint.ADMISSION).environment("prod").build();
    EvaluationContext ciWithoutEnvironment = EvaluationContext.at(EnforcementPoint.CI);
    // WHEN evaluated for a matching and a non-matching model and context
    Decision matching = engine.evaluate(policy, highInProduction, prodAdmission);
    Decision other = engine.evaluate(policy, limitedInStaging, ciWithoutEnvironment);
    // THEN every rule applies to the first and none to the second
    assertThat(matching.results()).extracting(RuleResult::outcome).containsOnly(Outcome.PASS);
    assertThat(other.results()).extracting(RuleResult::outcome).containsOnly(Outcome.NOT_APPLICABLE);
  }

  @Test
  void a_check_that_outlasts_the_budget_turns_the_remaining_rules_into_errors() throws Exception {
    // GIVEN a 20 ms budget and a first rule that sleeps past it
    PolicyEngine tight = PolicyEngine.builder().clock(CLOCK)
        .limits(PolicyLimits.defaults().withEvaluationBudget(Duration.ofMillis(20)))
        .build();
    List<String> ran = new ArrayList<>();
    Policy policy = Policy.named("slow")
        .rule("r.slow").check((m, c) -> {
          Thread.sleep(60);
          ran.add("r.slow");
          return true;
        })
        .rule("r.after").check(m -> {
          ran.add("r.after");
          return true;
        })
        .rule("r.skipped").when(Applicability.always().stages(LifecycleStage.ARCHIVED)).check(m -> true)
        .rule("r.last").failurePolicy(FailurePolicy.IGNORE).check(m -> {
          ran.add("r.last");
          return true;
        })
        .build();
    // WHEN evaluated
    Decision d = tight.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the slow rule finished, later applicable rules are errors without running, non-applicable ones stay so
    assertThat(ran).containsExactly("r.slow");
    assertThat(d.result("r.slow").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
    for (String id : List.of("r.after", "r.last")) {
      RuleResult r = d.result(id).orElseThrow();
      assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(r.message()).contains("evaluation budget of 20 ms exceeded");
    }
    assertThat(d.result("r.skipped").orElseThrow().outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(d.effect()).isEqualTo(Effect.DENY);
  }

  @Test
  void a_policy_with_more_rules_than_the_limit_does_not_compile() {
    // GIVEN a limit of two rules and a policy with three
    PolicyEngine small = PolicyEngine.builder().limits(PolicyLimits.defaults().withMaxRules(2)).build();
    Policy policy = Policy.named("too-big")
        .rule("r.one").check(m -> true).rule("r.two").check(m -> true).rule("r.three").check(m -> true)
        .build();
    // WHEN compiled THEN the error names the policy and both counts
    assertThatThrownBy(() -> small.compile(policy))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("too-big")
        .hasMessageContaining("3 rules")
        .hasMessageContaining("limit of 2");
  }

  @Test
  void a_cel_policy_without_a_backend_names_the_missing_module() {
    // GIVEN a policy with a CEL rule and no governance-cel on the class path
    Policy policy = Policy.named("cel-gate")
        .rule("model.owner").check(m -> true)
        .rule("model.image.digest").cel("has(manifest.servingImage)")
        .build();
    // WHEN compiled THEN the error names the policy, the rule and the module to add
    assertThatThrownBy(() -> engine.compile(policy))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining(
            "policy cel-gate uses CEL (rule model.image.digest); add dev.modelgov:governance-cel to the classpath");
  }

  @Test
  void a_policy_with_only_cel_match_conditions_names_the_condition_when_cel_is_missing() {
    // GIVEN Java rules behind a CEL match condition
    Policy policy = Policy.named("cel-match").matchCondition("governed", "true").rule("r.java").check(m -> true)
        .build();
    // WHEN compiled THEN the error names the condition
    assertThatThrownBy(() -> engine.compile(policy))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("uses CEL (matchConditions[governed])");
  }

  @Test
  void evaluate_compiles_each_policy_instance_once() throws Exception {
    // GIVEN an engine with a counting CEL backend and two equal policy instances
    FakeCelBackend cel = new FakeCelBackend();
    PolicyEngine counting = PolicyEngine.builder().clock(CLOCK).celBackend(cel).build();
    Policy first = Policy.named("cached").rule("r.cel").cel("true").build();
    Policy second = Policy.named("cached").rule("r.cel").cel("true").build();
    // WHEN the first is evaluated three times and the second once
    for (int i = 0; i < 3; i++) {
      counting.evaluate(first, creditScoring(), EvaluationContext.defaults());
    }
    counting.evaluate(second, creditScoring(), EvaluationContext.defaults());
    // THEN each instance was compiled once
    assertThat(cel.compiles).hasValue(2);
  }

  @Test
  void a_decision_names_the_policy_the_model_and_the_context() throws Exception {
    // GIVEN a policy and a context with an environment
    Policy policy = Policy.named("fields").version("2.1.0").rule("r.fails").check(m -> false).build();
    EvaluationContext ctx = EvaluationContext.builder().point(EnforcementPoint.PROMOTION).environment("prod").build();
    // WHEN evaluated twice
    Decision d = engine.evaluate(policy, creditScoring(), ctx);
    Decision again = engine.evaluate(policy, creditScoring(), ctx);
    // THEN the decision carries the references, a fresh UUID and the clock's instant
    assertThat(d.policy()).isEqualTo(PolicyRef.of(policy));
    assertThat(d.model()).isEqualTo(ManifestCodec.defaults().ref(creditScoring()));
    assertThat(d.point()).isEqualTo(EnforcementPoint.PROMOTION);
    assertThat(d.environment()).contains("prod");
    assertThat(d.timestamp()).isEqualTo(NOW);
    assertThat(UUID.fromString(d.decisionId()).toString()).isEqualTo(d.decisionId());
    assertThat(again.decisionId()).isNotEqualTo(d.decisionId());
    assertThat(d.evaluationNanos()).isPositive();
  }

  @Test
  void the_context_instant_wins_over_the_clock() throws Exception {
    // GIVEN a context that fixes its own instant
    Instant fixed = Instant.parse("2027-01-01T00:00:00Z");
    Policy policy = Policy.named("instant").rule("r.ok").check(m -> true).build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.builder().now(fixed).build());
    // THEN the decision is stamped with the context's instant
    assertThat(d.timestamp()).isEqualTo(fixed);
  }

  @Test
  void java_checks_see_the_typed_manifest_and_context() throws Exception {
    // GIVEN a check that records what it was given
    AtomicReference<Object> seenManifest = new AtomicReference<>();
    AtomicReference<Object> seenContext = new AtomicReference<>();
    Policy policy = Policy.named("typed").rule("r.typed").check((m, c) -> {
      seenManifest.set(m);
      seenContext.set(c);
      return c.params().get("minApprovals") instanceof Integer;
    }).build();
    EvaluationContext ctx = EvaluationContext.builder().param("minApprovals", 2).build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, minimal(), ctx);
    // THEN the check saw the same objects, parameters unconverted
    assertThat(seenManifest.get()).isSameAs(minimal());
    assertThat(seenContext.get()).isSameAs(ctx);
    assertThat(d.result("r.typed").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
  }

  @ParameterizedTest
  @EnumSource(EnforcementPoint.class)
  void a_decision_records_the_point_it_was_evaluated_at(EnforcementPoint point) throws Exception {
    // GIVEN a trivial policy
    Policy policy = Policy.named("points").rule("r.ok").check(m -> true).build();
    // WHEN evaluated at the point
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.at(point));
    // THEN the decision records it and has no environment
    assertThat(d.point()).isEqualTo(point);
    assertThat(d.environment()).isEmpty();
  }

  @Test
  void the_builder_names_a_null_setting() {
    // GIVEN a builder with a null clock WHEN built THEN the error names the clock
    assertThatThrownBy(() -> PolicyEngine.builder().clock(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> PolicyEngine.builder().waivers(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("waivers");
  }
}
