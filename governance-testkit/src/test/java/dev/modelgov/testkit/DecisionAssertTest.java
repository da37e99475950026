package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.WaiverResolver;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionAssertTest {

  private static final ModelManifest CREDIT = Examples.creditScoring();
  private static final String SIGNED = "model.provenance.signed";
  private static final String DIGEST_MATCH = "model.manifest.digest-match";

  /** A promotion from STAGING, so that only the provenance rules depend on the test. */
  private static EvaluationContext.Builder promotion() {
    return EvaluationContext.builder().point(EnforcementPoint.PROMOTION).previousStage(LifecycleStage.STAGING);
  }

  private static Decision evaluate(PolicyEngine engine, Policy policy, EvaluationContext context) throws Exception {
    return engine.evaluate(policy, CREDIT, context);
  }

  private static Decision unsigned() throws Exception {
    return evaluate(PolicyEngine.builder().clock(Examples.CLOCK).build(), BuiltinPolicy.deployGate(),
        promotion().build());
  }

  private static Decision signed() throws Exception {
    ProvenanceFacts verified = ProvenanceFacts.verified(ManifestCodec.defaults().digest(CREDIT), "release");
    return evaluate(PolicyEngine.builder().clock(Examples.CLOCK).build(), BuiltinPolicy.deployGate(),
        promotion().provenance(verified).build());
  }

  private static Decision waived() throws Exception {
    Waiver waiver = Waiver.builder("WVR-7")
        .rules(SIGNED, DIGEST_MATCH)
        .match(WaiverMatch.any())
        .reason("signing service outage; re-sign after restore")
        .ticket("GOV-7")
        .approver("r.okafor@bank.example")
        .createdAt(Examples.NOW.minus(Duration.ofDays(1)))
        .expiresAt(Examples.NOW.plus(Duration.ofDays(6)))
        .build();
    PolicyEngine engine = PolicyEngine.builder().clock(Examples.CLOCK)
        .waivers(WaiverResolver.builder().add(waiver).build()).build();
    return evaluate(engine, BuiltinPolicy.deployGate(), promotion().build());
  }

  /** The built-in rules capped at WARN for promotions: a dry run. */
  private static Decision dryRun() throws Exception {
    Policy.Builder b = Policy.named("deploy-gate-dry-run").version("1.0.0")
        .addAll(BuiltinPolicy.deployGate().rules())
        .modeAt(EnforcementPoint.PROMOTION, EnforcementMode.WARN);
    BuiltinPolicy.deployGate().params().forEach(b::param);
    return evaluate(PolicyEngine.builder().clock(Examples.CLOCK).build(), b.build(), promotion().build());
  }

  @Test
  void an_unsigned_model_is_denied_by_the_provenance_rules() throws Exception {
    // GIVEN the built-in deploy gate evaluated without provenance
    Decision d = unsigned();
    // THEN the decision denies, on the provenance rules, and the others pass
    assertThat(d)
        .isDenied()
        .hasEffect(Effect.DENY)
        .denies(SIGNED)
        .denies(DIGEST_MATCH)
        .passes("model.owner")
        .hasOutcome("model.retired", Outcome.NOT_APPLICABLE)
        .hasNoErrors();
  }

  @Test
  void is_allowed_fails_listing_every_rule_with_its_outcome() throws Exception {
    // GIVEN a denial
    Decision d = unsigned();
    // WHEN asserted allowed THEN the message gives the summary, every rule with its outcome, and the waivers
    assertThatThrownBy(() -> assertThat(d).isAllowed())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the decision to allow but it was " + d.summaryText() + "\nRules: [")
        .hasMessageContaining("model.image.digest=PASS, " + SIGNED + "=FAIL(ENFORCE), " + DIGEST_MATCH
            + "=FAIL(ENFORCE), ")
        .hasMessageContaining("model.retired=NOT_APPLICABLE")
        .hasMessageEndingWith("]\nWaivers applied: []");
  }

  @Test
  void a_signed_model_is_allowed_and_the_denial_assertions_fail() throws Exception {
    // GIVEN verified provenance for exactly this manifest
    Decision d = signed();
    // THEN it is allowed with no warning, and the provenance rules pass
    assertThat(d).isAllowed().hasEffect(Effect.ALLOW).passes(SIGNED).passes(DIGEST_MATCH);
    // AND the assertions that expect a denial fail, saying what the decision was
    assertThatThrownBy(() -> assertThat(d).isDenied())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the decision to deny but it was ALLOW by modelgov-builtin@1.0.0\nRules: [");
    assertThatThrownBy(() -> assertThat(d).denies(SIGNED))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected rule <" + SIGNED + "> to deny but its outcome was PASS (mode ENFORCE)\n");
  }

  @Test
  void passes_and_has_outcome_fail_with_the_rule_outcome_and_message() throws Exception {
    Decision d = unsigned();
    assertThatThrownBy(() -> assertThat(d).passes(SIGNED))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected rule <" + SIGNED + "> to pass but its outcome was FAIL (mode ENFORCE): "
            + d.result(SIGNED).orElseThrow().message().orElseThrow() + "\nRules: [");
    assertThatThrownBy(() -> assertThat(d).hasOutcome("model.owner", Outcome.EXEMPTED))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected rule <model.owner> to be EXEMPTED but its outcome was PASS (mode ENFORCE)");
  }

  @Test
  void an_unknown_rule_id_fails_listing_the_rules_of_the_decision() throws Exception {
    Decision d = unsigned();
    assertThatThrownBy(() -> assertThat(d).denies("model.image.pinned"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the decision to have a result for rule <model.image.pinned> to deny but it "
            + "has none\nRules: [model.image.digest=PASS, ");
  }

  @Test
  void a_waiver_exempts_the_provenance_rules_and_is_reported_as_applied() throws Exception {
    // GIVEN a live waiver for both provenance rules
    Decision d = waived();
    // THEN the decision allows, the rules are exempted by the waiver, and the waiver is applied
    assertThat(d)
        .isAllowed()
        .appliesException("WVR-7")
        .hasOutcome(SIGNED, Outcome.EXEMPTED)
        .hasOutcome(DIGEST_MATCH, Outcome.EXEMPTED);
    // AND another waiver id fails, listing the waivers applied and the exemptions among the rules
    assertThatThrownBy(() -> assertThat(d).appliesException("WVR-8"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected waiver <WVR-8> to be applied but the decision applied [WVR-7 -> " + SIGNED
            + ", WVR-7 -> " + DIGEST_MATCH + "]\nRules: [")
        .hasMessageContaining(SIGNED + "=EXEMPTED(WVR-7)")
        .hasMessageEndingWith("\nWaivers applied: [WVR-7 -> " + SIGNED + ", WVR-7 -> " + DIGEST_MATCH + "]");
    // AND an exempted rule does not deny
    assertThatThrownBy(() -> assertThat(d).denies(SIGNED))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected rule <" + SIGNED + "> to deny but its outcome was EXEMPTED (mode ENFORCE) "
            + "by waiver WVR-7");
  }

  @Test
  void a_dry_run_warns_instead_of_denying() throws Exception {
    // GIVEN the built-in rules capped at WARN for promotions
    Decision d = dryRun();
    // THEN the unsigned model warns on the provenance rules without being denied
    assertThat(d).isWarned().isAllowed().warnsOn(SIGNED).warnsOn(DIGEST_MATCH);
    // AND the warning assertions fail on an enforced denial, and isWarned on an allowed decision
    Decision enforced = unsigned();
    assertThatThrownBy(() -> assertThat(enforced).warnsOn(SIGNED))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected rule <" + SIGNED + "> to warn but its outcome was FAIL (mode ENFORCE)");
    assertThatThrownBy(() -> assertThat(signed()).isWarned())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the decision to warn but it was ALLOW by modelgov-builtin@1.0.0");
    assertThatThrownBy(() -> assertThat(d).hasEffect(Effect.ALLOW))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the decision to allow but it was WARN by deploy-gate-dry-run@1.0.0: "
            + SIGNED);
  }

  @Test
  void has_no_errors_fails_naming_the_rule_that_could_not_be_evaluated() throws Exception {
    // GIVEN a policy with a check that throws, counted as a pass when it errors
    Policy policy = Policy.named("team-rules").version("1.0.0")
        .rule("team.cost-centre").check(m -> m.tags().get(99).isEmpty()).failurePolicy(FailurePolicy.IGNORE)
        .rule("team.owner").check(m -> true)
        .build();
    Decision d = evaluate(PolicyEngine.builder().clock(Examples.CLOCK).build(), policy, promotion().build());
    // THEN the decision allows, but hasNoErrors fails naming the rule and its error
    assertThat(d).isAllowed().hasOutcome("team.cost-centre", Outcome.ERROR).passes("team.owner");
    assertThatThrownBy(() -> assertThat(d).hasNoErrors())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected no rule to end in ERROR but found [team.cost-centre: "
            + d.result("team.cost-centre").orElseThrow().message().orElseThrow()
            + "]\nRules: [team.cost-centre=ERROR(");
  }

  @Test
  void a_null_decision_fails() {
    assertThatThrownBy(() -> assertThat((Decision) null).isAllowed()).isInstanceOf(AssertionError.class);
  }
}
