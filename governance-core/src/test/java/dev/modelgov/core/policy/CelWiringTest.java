package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.CLOCK;
import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static dev.modelgov.core.policy.PolicyFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CelWiringTest {

  private final FakeCelBackend cel = new FakeCelBackend();
  private final PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).celBackend(cel).build();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  @Test
  void the_manifest_is_bound_in_its_wire_form_with_long_and_double_numbers() throws Exception {
    // GIVEN a CEL policy
    Policy policy = Policy.named("shape").rule("r.cel").cel("true").build();
    // WHEN credit-scoring is evaluated
    engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the manifest map has the wire field names, integers as Long and decimals as Double
    Map<String, Object> manifest = map(cel.lastActivation().get("manifest"));
    assertThat(manifest.get("id")).isEqualTo("risk/credit-scoring");
    assertThat(map(manifest.get("risk")).get("class")).isEqualTo("HIGH");
    Map<String, Object> artifact = map(list(manifest.get("artifacts")).get(0));
    assertThat(artifact.get("size")).isInstanceOf(Long.class).isEqualTo(18273L);
    Map<String, Object> auc = map(list(map(manifest.get("evaluation")).get("metrics")).get(0));
    assertThat(auc.get("value")).isInstanceOf(Double.class).isEqualTo(0.912);
    assertThat(map(auc.get("threshold")).get("min")).isInstanceOf(Double.class).isEqualTo(0.85);
    assertThatThrownBy(() -> manifest.put("id", "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void absent_manifest_fields_are_left_out() throws Exception {
    // GIVEN a CEL policy and the minimal manifest (no serving image, no owner contact)
    Policy policy = Policy.named("absent").rule("r.cel").cel("true").build();
    // WHEN evaluated
    engine.evaluate(policy, minimal(), EvaluationContext.defaults());
    // THEN the absent keys are not in the maps, so has() is false
    Map<String, Object> manifest = map(cel.lastActivation().get("manifest"));
    assertThat(manifest).doesNotContainKey("servingImage").containsKey("owner");
    assertThat(map(manifest.get("owner"))).doesNotContainKey("contact").containsEntry("team", "ml-platform");
  }

  @Test
  void the_context_is_bound_with_wire_names_and_absent_values_left_out() throws Exception {
    // GIVEN a full context
    Digest signed = ManifestCodec.defaults().digest(creditScoring());
    EvaluationContext ctx = EvaluationContext.builder()
        .point(EnforcementPoint.PROMOTION)
        .environment("prod")
        .previousStage(LifecycleStage.STAGING)
        .provenance(ProvenanceFacts.verified(signed, "release-2026"))
        .deployedImages(List.of("registry.example/serve@sha256:" + "a".repeat(64)))
        .signals(new RuntimeSignals(OptionalDouble.of(0.012), 48_000,
            List.of(new DriftSignal("income", "psi", 0.31, 0.1, true, 5_000)),
            List.of(new FairnessSignal("sex", "demographic_parity_ratio", 0.74, 0.8, true))))
        .build();
    Policy policy = Policy.named("context").rule("r.cel").cel("true").build();
    // WHEN evaluated
    engine.evaluate(policy, creditScoring(), ctx);
    // THEN the context map has every value in CEL-friendly types
    Map<String, Object> c = map(cel.lastActivation().get("context"));
    assertThat(c).containsEntry("point", "promotion").containsEntry("environment", "prod")
        .containsEntry("previousStage", "STAGING").containsEntry("manifestDigest", signed.toString());
    assertThat(map(c.get("provenance"))).containsEntry("present", true).containsEntry("verified", true)
        .containsEntry("signedManifestDigest", signed.toString()).containsEntry("keyId", "release-2026")
        .doesNotContainKey("failure");
    assertThat(list(c.get("deployedImages"))).containsExactly("registry.example/serve@sha256:" + "a".repeat(64));
    Map<String, Object> signals = map(c.get("signals"));
    assertThat(signals.get("errorRate")).isEqualTo(0.012);
    assertThat(signals.get("requests")).isInstanceOf(Long.class).isEqualTo(48_000L);
    assertThat(map(list(signals.get("drift")).get(0))).containsEntry("feature", "income")
        .containsEntry("value", 0.31).containsEntry("detected", true).containsEntry("windowSamples", 5_000L);
    assertThat(map(list(signals.get("fairness")).get(0))).containsEntry("attribute", "sex")
        .containsEntry("breached", true).containsEntry("threshold", 0.8);
    assertThat(cel.lastActivation().get("now")).isEqualTo(NOW);
  }

  @Test
  void a_bare_context_leaves_out_what_it_does_not_know() throws Exception {
    // GIVEN the default context
    Policy policy = Policy.named("bare").rule("r.cel").cel("true").build();
    // WHEN evaluated
    engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN optional entries are absent
    Map<String, Object> c = map(cel.lastActivation().get("context"));
    assertThat(c).containsEntry("point", "ci").doesNotContainKeys("environment", "previousStage");
    assertThat(map(c.get("provenance"))).containsEntry("present", false)
        .doesNotContainKeys("signedManifestDigest", "keyId", "failure");
    assertThat(map(c.get("signals"))).doesNotContainKey("errorRate").containsEntry("requests", 0L);
  }

  @Test
  void params_are_normalised_and_the_context_overrides_the_policy() throws Exception {
    // GIVEN policy defaults of Java types and a context override
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("min", 1);
    nested.put("skip", null);
    Policy policy = Policy.named("params")
        .param("minApprovals", 2)
        .param("maxDrift", 0.25f)
        .param("threshold", new BigDecimal("0.80"))
        .param("envs", Arrays.asList("prod", null))
        .param("nested", nested)
        .rule("r.cel").cel("true")
        .build();
    EvaluationContext ctx = EvaluationContext.builder().param("minApprovals", 3).param("extra", (short) 7).build();
    // WHEN evaluated
    engine.evaluate(policy, creditScoring(), ctx);
    // THEN numbers are Long and Double, nulls are left out or NULL_VALUE, and the override wins
    Map<String, Object> params = map(cel.lastActivation().get("params"));
    assertThat(params.get("minApprovals")).isInstanceOf(Long.class).isEqualTo(3L);
    assertThat(params.get("maxDrift")).isInstanceOf(Double.class).isEqualTo(0.25);
    assertThat(params.get("threshold")).isEqualTo(0.8);
    assertThat(params.get("extra")).isEqualTo(7L);
    assertThat(list(params.get("envs"))).containsExactly("prod", FakeCelBackend.NULL);
    assertThat(map(params.get("nested"))).containsExactly(Map.entry("min", 1L));
  }

  @Test
  void an_unsupported_context_param_is_rejected_by_path() {
    // GIVEN a context parameter that is not JSON-like, nested in a list
    Policy policy = Policy.named("bad-param").rule("r.cel").cel("true").build();
    EvaluationContext ctx = EvaluationContext.builder()
        .param("windows", List.of(Map.of("length", Duration.ofDays(1)))).build();
    // WHEN evaluated THEN the error names the parameter path
    assertThatThrownBy(() -> engine.evaluate(policy, creditScoring(), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("params.windows[0].length")
        .hasMessageContaining("Duration");
  }

  @Test
  void an_unsupported_policy_param_fails_the_compile() {
    // GIVEN a policy default that is not JSON-like
    Policy policy = Policy.named("bad-default").param("since", Instant.EPOCH).rule("r.cel").cel("true").build();
    // WHEN compiled THEN the error names the policy and the parameter
    assertThatThrownBy(() -> engine.compile(policy))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("bad-default")
        .hasMessageContaining("params.since");
  }

  @Test
  void a_false_match_condition_makes_every_rule_not_applicable() throws Exception {
    // GIVEN a match condition that does not hold, over a Java and a CEL rule
    Policy policy = Policy.named("unmatched").matchCondition("governed", "false")
        .rule("r.java").check(m -> false)
        .rule("r.cel").cel("false")
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN nothing applies and the decision allows
    assertThat(d.results()).extracting(RuleResult::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    assertThat(d.effect()).isEqualTo(Effect.ALLOW);
  }

  @Test
  void an_erroring_match_condition_makes_every_rule_an_error_under_its_failure_policy() throws Exception {
    // GIVEN a match condition that errors, over a failing-closed rule and an ignoring rule
    Policy policy = Policy.named("broken-match").matchCondition("governed", "error:no such key: labels")
        .rule("r.closed").check(m -> true)
        .rule("r.open").failurePolicy(FailurePolicy.IGNORE).cel("true")
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN every rule is an error with the condition's message; only the failing-closed one denies
    assertThat(d.results()).extracting(RuleResult::outcome).containsOnly(Outcome.ERROR);
    assertThat(d.results()).extracting(r -> r.message().orElse("")).containsOnly("no such key: labels");
    assertThat(d.denials()).extracting(RuleResult::ruleId).containsExactly("r.closed");
  }

  @Test
  void a_holding_match_condition_lets_rules_run() throws Exception {
    // GIVEN a match condition that holds
    Policy policy = Policy.named("matched").matchCondition("governed", "true")
        .rule("r.java").check(m -> false).rule("r.cel").cel("true").build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the rules have their own outcomes
    assertThat(d.results()).extracting(RuleResult::outcome).containsExactly(Outcome.FAIL, Outcome.PASS);
  }

  @Test
  void cel_outcomes_map_to_rule_results() throws Exception {
    // GIVEN CEL rules scripted to pass, fail with and without a message, error, and throw
    Explanation why = new Explanation("size(a) >= 2", List.of(new ObservedValue("size(a)", "1")));
    cel.rule("r.fail-message", a -> CelRuleOutcome.fail(Optional.of("has 1 approval"), Optional.of(why)))
        .rule("r.fail-plain", a -> CelRuleOutcome.fail(Optional.empty(), Optional.empty()))
        .rule("r.error", a -> CelRuleOutcome.error("1:9: no such key: labels"))
        .rule("r.throws", a -> {
          throw new IllegalStateException("backend bug");
        });
    Policy policy = Policy.named("mapping")
        .rule("r.pass").cel("true")
        .rule("r.fail-message").cel("x", "'has ' + string(size(a))")
        .rule("r.fail-plain").cel("x").message("static text")
        .rule("r.error").cel("x")
        .rule("r.throws").cel("x")
        .build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN each outcome becomes the matching result
    assertThat(d.result("r.pass").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
    RuleResult withMessage = d.result("r.fail-message").orElseThrow();
    assertThat(withMessage.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(withMessage.message()).contains("has 1 approval");
    assertThat(withMessage.explanation()).contains(why);
    assertThat(d.result("r.fail-plain").orElseThrow().message()).contains("static text");
    RuleResult error = d.result("r.error").orElseThrow();
    assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(error.message()).contains("1:9: no such key: labels");
    RuleResult threw = d.result("r.throws").orElseThrow();
    assertThat(threw.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(threw.message()).contains("CEL evaluation threw IllegalStateException: backend bug");
  }

  @Test
  void a_warm_evaluation_reuses_the_converted_manifest() throws Exception {
    // GIVEN a CEL policy
    Policy policy = Policy.named("warm").rule("r.cel").cel("true").build();
    // WHEN the same manifest instance is evaluated twice, and an equal copy once
    engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    Object first = cel.lastActivation().get("manifest");
    engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    Object second = cel.lastActivation().get("manifest");
    engine.evaluate(policy, creditScoring().toBuilder().build(), EvaluationContext.defaults());
    Object copy = cel.lastActivation().get("manifest");
    // THEN the instance's tree is reused, and the copy gets an equal tree of its own
    assertThat(second).isSameAs(first);
    assertThat(copy).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void the_backend_gets_the_limits_and_a_deadline_within_the_budget() throws Exception {
    // GIVEN an engine with a 50 ms budget
    PolicyLimits limits = PolicyLimits.defaults().withEvaluationBudget(Duration.ofMillis(50));
    PolicyEngine budgeted = PolicyEngine.builder().clock(CLOCK).celBackend(cel).limits(limits).build();
    Policy policy = Policy.named("deadline").rule("r.cel").cel("true").build();
    // WHEN evaluated
    long before = System.nanoTime();
    budgeted.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    long after = System.nanoTime();
    // THEN the program was compiled under the limits and begun with a deadline 50 ms after the start
    assertThat(cel.limitsSeen).containsExactly(limits);
    long deadline = cel.lastDeadline.get();
    assertThat(deadline - before).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(deadline - after).isLessThanOrEqualTo(Duration.ofMillis(50).toNanos());
  }

  @Test
  void a_compile_error_of_the_backend_is_passed_on() {
    // GIVEN a CEL rule the backend rejects
    Policy policy = Policy.named("bad-cel").rule("r.bad").cel("does-not-compile").build();
    // WHEN compiled THEN the backend's error names the rule
    assertThatThrownBy(() -> engine.compile(policy))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("rule r.bad")
        .extracting(e -> ((PolicyCompileException) e).ruleId()).isEqualTo(Optional.of("r.bad"));
  }

  @Test
  void a_java_only_policy_never_builds_an_activation() throws Exception {
    // GIVEN a Java-only policy on an engine that has a CEL backend
    Policy policy = Policy.named("java-only").rule("r.java").check(m -> false).build();
    // WHEN evaluated
    Decision d = engine.evaluate(policy, creditScoring(), EvaluationContext.defaults());
    // THEN the backend was never used
    assertThat(d.result("r.java").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(cel.compiles).hasValue(0);
    assertThat(cel.activations).hasValue(0);
  }
}
