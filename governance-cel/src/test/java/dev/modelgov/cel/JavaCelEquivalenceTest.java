package dev.modelgov.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.ManifestGenerators;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * The built-in pack written in Java and the same pack written in CEL give equal decisions: the same outcome for every
 * rule and the same effect, on generated manifests and generated evaluation contexts.
 */
class JavaCelEquivalenceTest {

  private static final String PINNED = "registry.example/serve@sha256:" + "5".repeat(64);
  private static final String[] IMAGES = {
    PINNED,
    "registry.example:5000/team/serve@sha256:" + "a".repeat(64),
    "registry.example/serve:1.0",
    "registry.example/serve:1.0@sha256:" + "b".repeat(64),
    "serve@sha256:" + "c".repeat(64),
    "registry.example/serve@sha256:" + "C".repeat(64),
    "registry.example/serve",
  };

  private static CompiledPolicy javaPack;
  private static CompiledPolicy celPack;

  @BeforeAll
  static void compileBothForms() throws Exception {
    // A generous budget: this test is about equal answers, not speed, on a loaded CI machine.
    PolicyEngine engine = PolicyEngine.builder()
        .limits(dev.modelgov.core.policy.PolicyLimits.defaults().withEvaluationBudget(Duration.ofSeconds(30)))
        .build();
    javaPack = engine.compile(BuiltinPolicy.deployGate());
    celPack = engine.compile(CelPolicies.builtin());
  }

  @Test
  void java_and_cel_packs_give_equal_decisions_on_generated_manifests_and_contexts() {
    // GIVEN generated manifests (some with approvals shaped to pass) and generated contexts at every point
    qt().withExamples(400)
        .forAll(manifests(), contexts())
        .checkAssert((manifest, contextBuilder) -> {
          EvaluationContext context = contextBuilder.apply(manifest);
          // WHEN both forms evaluate the same input
          Decision j = javaPack.evaluate(manifest, context);
          Decision c = celPack.evaluate(manifest, context);
          // THEN every rule has the same outcome (never ERROR) and the effect is the same
          assertThat(outcomes(c)).as("CEL vs Java outcomes for %s", context).isEqualTo(outcomes(j));
          assertThat(c.results()).noneMatch(r -> r.outcome() == Outcome.ERROR);
          assertThat(c.effect()).isEqualTo(j.effect());
        });
  }

  @Test
  void the_generators_reach_both_pass_and_fail_for_every_rule() {
    // GIVEN a fixed number of generated inputs WHEN the Java pack evaluates them
    Map<String, Set<Outcome>> seen = new LinkedHashMap<>();
    qt().withExamples(400)
        .forAll(manifests(), contexts())
        .checkAssert((manifest, contextBuilder) -> {
          for (RuleResult r : javaPack.evaluate(manifest, contextBuilder.apply(manifest)).results()) {
            seen.computeIfAbsent(r.ruleId(), k -> EnumSet.noneOf(Outcome.class)).add(r.outcome());
          }
        });
    // THEN every rule was seen passing and failing, so the equivalence property is not vacuous
    for (String id : BuiltinPolicy.RULE_IDS) {
      assertThat(seen.get(id)).as(id).contains(Outcome.PASS, Outcome.FAIL);
    }
  }

  private static Map<String, Outcome> outcomes(Decision d) {
    return d.results().stream()
        .collect(Collectors.toMap(RuleResult::ruleId, RuleResult::outcome, (a, b) -> a, LinkedHashMap::new));
  }

  /**
   * Generated manifests; half of them get approvals drawn from a small pool (so the approval rule can pass) and a
   * license from a pool of edge cases.
   */
  private static Gen<ModelManifest> manifests() {
    Gen<ModelManifest> base = ManifestGenerators.manifests();
    return in -> {
      ModelManifest m = base.generate(in);
      if (in.next(Constraint.between(0, 1)) == 0) {
        return m;
      }
      String[] people = {"a@x", "b@x", "c@x"};
      String[] roles = {"risk-officer", "model-owner", "auditor"};
      List<Approval> approvals = new ArrayList<>();
      int n = (int) in.next(Constraint.between(0, 3));
      for (int i = 0; i < n; i++) {
        approvals.add(Approval.of(
            people[(int) in.next(Constraint.between(0, 2))],
            roles[(int) in.next(Constraint.between(0, 2))],
            in.next(Constraint.between(0, 4)) == 0 ? ApprovalDecision.REJECTED : ApprovalDecision.APPROVED,
            in.next(Constraint.between(0, 3)) == 0 ? LifecycleStage.STAGING : LifecycleStage.PRODUCTION,
            Instant.parse("2026-11-20T10:00:00Z")));
      }
      LifecycleStage stage = m.lifecycle().stage();
      dev.modelgov.api.manifest.RiskAssessment risk = m.risk();
      if (in.next(Constraint.between(0, 2)) == 0) {
        // a high-risk production model with a complete, passing set of approvals
        stage = LifecycleStage.PRODUCTION;
        risk = new dev.modelgov.api.manifest.RiskAssessment(dev.modelgov.api.manifest.RiskClass.HIGH, risk.scheme(),
            risk.regulatoryContext(), risk.standards(), risk.personalData(), risk.risks());
        approvals = List.of(
            Approval.of("a@x", "risk-officer", ApprovalDecision.APPROVED, LifecycleStage.PRODUCTION,
                Instant.parse("2026-11-20T10:00:00Z")),
            Approval.of("b@x", "model-owner", ApprovalDecision.APPROVED, LifecycleStage.PRODUCTION,
                Instant.parse("2026-11-20T11:00:00Z")));
      }
      String[] licenses = {"NOASSERTION", "none", " Unknown ", "MIT", "LicenseRef-Proprietary", "NOASSERTION-X"};
      Lifecycle l = m.lifecycle();
      return m.toBuilder()
          .license(licenses[(int) in.next(Constraint.between(0, licenses.length - 1))])
          .risk(risk)
          .lifecycle(new Lifecycle(stage, l.aliases(), approvals, l.monitoringPlan(), l.supersedes(), l.createdAt()))
          .build();
    };
  }

  /** Generated contexts; provenance may name the manifest's own digest, so they are built per manifest. */
  private static Gen<Function<ModelManifest, EvaluationContext>> contexts() {
    return in -> {
      EnforcementPoint point = EnforcementPoint.values()[(int) in.next(Constraint.between(0, 3))];
      int stage = (int) in.next(Constraint.between(0, LifecycleStage.values().length));
      int provenance = (int) in.next(Constraint.between(0, 4));
      List<String> images = new ArrayList<>();
      int imageCount = (int) in.next(Constraint.between(0, 2));
      for (int i = 0; i < imageCount; i++) {
        images.add(IMAGES[(int) in.next(Constraint.between(0, IMAGES.length - 1))]);
      }
      OptionalDouble errorRate = in.next(Constraint.between(0, 2)) == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(in.next(Constraint.between(0, 300)) / 1000.0);
      List<DriftSignal> drift = new ArrayList<>();
      for (int i = 0; i < in.next(Constraint.between(0, 2)); i++) {
        drift.add(new DriftSignal("f" + i, "psi", 0.2, 0.1, in.next(Constraint.between(0, 1)) == 1, 500));
      }
      List<FairnessSignal> fairness = new ArrayList<>();
      for (int i = 0; i < in.next(Constraint.between(0, 2)); i++) {
        fairness.add(new FairnessSignal("a" + i, "demographic_parity_ratio", 0.7, 0.8,
            in.next(Constraint.between(0, 1)) == 1));
      }
      long maxErrorRateOverride = in.next(Constraint.between(0, 2));
      long roleOverride = in.next(Constraint.between(0, 2));
      return manifest -> {
        EvaluationContext.Builder b = EvaluationContext.builder()
            .point(point)
            .deployedImages(images)
            .signals(new RuntimeSignals(errorRate, 100, drift, fairness));
        if (stage < LifecycleStage.values().length) {
          b.previousStage(LifecycleStage.values()[stage]);
        }
        Digest own = ManifestCodec.defaults().digest(manifest);
        switch (provenance) {
          case 0 -> b.provenance(ProvenanceFacts.absent());
          case 1 -> b.provenance(ProvenanceFacts.failed("SIGNATURE_INVALID"));
          case 2 -> b.provenance(ProvenanceFacts.verified(own, "k1"));
          case 3 -> b.provenance(ProvenanceFacts.verified(Digest.parse("sha256:" + "0".repeat(64)), "k1"));
          default -> b.provenance(ProvenanceFacts.verified(null, "k1"));
        }
        if (maxErrorRateOverride == 1) {
          b.param("maxErrorRate", 0.15);
        } else if (maxErrorRateOverride == 2) {
          b.param("maxErrorRate", 1);
        }
        if (roleOverride == 1) {
          b.param("riskOfficerRole", "auditor");
        }
        return b.build();
      };
    };
  }
}
