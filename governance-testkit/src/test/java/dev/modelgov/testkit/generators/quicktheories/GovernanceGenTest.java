package dev.modelgov.testkit.generators.quicktheories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import dev.modelgov.testkit.generators.Defect;
import dev.modelgov.testkit.generators.ManifestGenerator;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The QuickTheories adapters draw what the seed-based generators draw. */
class GovernanceGenTest {

  private static final PolicyEngine ENGINE = PolicyEngine.builder().build();

  private static Decision evaluate(ModelManifest m) {
    try {
      return ENGINE.evaluate(BuiltinPolicy.deployGate(), m, ManifestGenerator.promotionContext(m));
    } catch (PolicyCompileException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void valid_manifests_are_allowed() {
    // GIVEN the valid-manifest generator
    // WHEN QuickTheories draws from it
    // THEN the built-in policy allows every manifest
    qt().withExamples(100).forAll(GovernanceGen.validManifests())
        .checkAssert(m -> assertThat(evaluate(m).failures()).isEmpty());
  }

  /** A drawn defect with a manifest carrying it. */
  private record Case(Defect defect, ModelManifest manifest) {}

  @Test
  void manifests_with_a_drawn_defect_fail_exactly_its_rule() {
    // GIVEN a drawn defect and a manifest drawn with it
    Gen<Case> cases = GovernanceGen.defects()
        .flatMap(defect -> GovernanceGen.manifestsWith(defect).map(m -> new Case(defect, m)));
    qt().withExamples(200).forAll(cases).checkAssert(c -> {
      // WHEN the manifest is evaluated
      Decision d = evaluate(c.manifest());

      // THEN only the defect's rule fails
      assertThat(d.failures()).extracting(RuleResult::ruleId).containsExactly(c.defect().ruleId());
    });
  }

  @Test
  void manifests_with_a_defect_respect_the_generator_options() {
    // GIVEN a generator of HIGH risk PRODUCTION models
    ManifestGenerator gen = ManifestGenerator.builder().riskClasses(RiskClass.HIGH).stages(LifecycleStage.PRODUCTION)
        .build();

    // WHEN manifests without a monitoring plan are drawn
    // THEN each is HIGH risk in PRODUCTION and fails the monitoring rule only
    qt().withExamples(50).forAll(GovernanceGen.manifestsWith(gen, Defect.NO_MONITORING_PLAN)).checkAssert(m -> {
      assertThat(m.risk().riskClass()).isEqualTo(RiskClass.HIGH);
      assertThat(m.lifecycle().stage()).isEqualTo(LifecycleStage.PRODUCTION);
      assertThat(evaluate(m).failures()).extracting(RuleResult::ruleId).containsExactly("model.monitoring.plan");
    });
  }

  @Test
  void defects_cover_every_constant() {
    // GIVEN the defect generator
    Set<Defect> seen = EnumSet.noneOf(Defect.class);

    // WHEN it is drawn from many times
    qt().withExamples(400).forAll(GovernanceGen.defects()).checkAssert(seen::add);

    // THEN every defect is drawn
    assertThat(seen).containsExactlyInAnyOrder(Defect.values());
  }

  @Test
  void audit_event_lists_are_at_most_max_long() {
    // GIVEN lists of at most 40 events
    // WHEN QuickTheories draws them
    // THEN none is longer, and timestamps increase within each
    qt().withExamples(60).forAll(GovernanceGen.auditEvents(40)).checkAssert(events -> {
      assertThat(events).hasSizeLessThanOrEqualTo(40);
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).timestamp()).isAfter(events.get(i - 1).timestamp());
      }
    });
  }

  @Test
  void unsupported_defects_and_bad_sizes_are_refused() {
    // GIVEN a generator of MINIMAL risk models
    ManifestGenerator minimal = ManifestGenerator.builder().riskClasses(RiskClass.MINIMAL).build();

    // WHEN adapters are asked for what it cannot draw, or for a negative size
    // THEN they refuse at once, naming the problem
    assertThatThrownBy(() -> GovernanceGen.manifestsWith(minimal, Defect.MISSING_FAIRNESS_ASSESSMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MISSING_FAIRNESS_ASSESSMENT");
    assertThatThrownBy(() -> GovernanceGen.auditEvents(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max must be in 0..");
  }
}
