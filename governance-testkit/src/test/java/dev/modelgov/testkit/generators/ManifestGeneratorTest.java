package dev.modelgov.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of {@link ManifestGenerator} and {@link Defect} against the built-in deploy policy. */
class ManifestGeneratorTest {

  private static final PolicyEngine ENGINE = PolicyEngine.builder().build();
  private static final int EXAMPLES = 300;
  private static final int EXAMPLES_PER_DEFECT = 150;

  private static Decision evaluate(ModelManifest m) {
    try {
      return ENGINE.evaluate(BuiltinPolicy.deployGate(), m, ManifestGenerator.promotionContext(m));
    } catch (PolicyCompileException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static Map<String, Outcome> outcomes(Decision d) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (RuleResult r : d.results()) {
      out.put(r.ruleId(), r.outcome());
    }
    return out;
  }

  @Test
  void valid_manifests_are_allowed_at_promotion_by_the_builtin_policy() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      // GIVEN a valid generated manifest
      ModelManifest m = ManifestGenerator.defaults().valid(seed);

      // WHEN the built-in deploy policy evaluates it in its promotion context
      Decision d = evaluate(m);

      // THEN it is allowed with no failing rule
      assertThat(d.point()).isEqualTo(EnforcementPoint.PROMOTION);
      assertThat(d.failures()).as("seed %s: %s", seed, d.summaryText()).isEmpty();
      assertThat(d.effect()).isEqualTo(Effect.ALLOW);
    });
  }

  @ParameterizedTest
  @EnumSource(Defect.class)
  void a_defect_fails_exactly_its_rule_and_keeps_the_others_passing(Defect defect) {
    qt().withExamples(EXAMPLES_PER_DEFECT).forAll(longs().all()).checkAssert(seed -> {
      // GIVEN the valid manifest and the same manifest with the defect
      ManifestGenerator gen = ManifestGenerator.defaults();
      Map<String, Outcome> before = outcomes(evaluate(gen.validFor(defect, seed)));
      ModelManifest broken = gen.withDefect(defect, seed);

      // WHEN the built-in deploy policy evaluates the broken one
      Decision d = evaluate(broken);

      // THEN the defect's rule passed before and fails now, and it is the only failure
      assertThat(before.get(defect.ruleId())).as("seed %s: %s before", seed, defect.ruleId()).isEqualTo(Outcome.PASS);
      assertThat(d.failures()).extracting(RuleResult::ruleId).as("seed %s", seed).containsExactly(defect.ruleId());
      assertThat(d.allowed()).isFalse();
      // AND every other rule that passed before still passes, unless the defect took the model out of its scope
      Map<String, Outcome> after = outcomes(d);
      before.forEach((rule, outcome) -> {
        if (!rule.equals(defect.ruleId()) && outcome == Outcome.PASS) {
          assertThat(after.get(rule)).as("seed %s: %s", seed, rule).isIn(Outcome.PASS, Outcome.NOT_APPLICABLE);
        }
      });
      if (defect != Defect.PROHIBITED_RISK) {
        after.forEach((rule, outcome) -> {
          if (!rule.equals(defect.ruleId())) {
            assertThat(outcome).as("seed %s: %s", seed, rule).isEqualTo(before.get(rule));
          }
        });
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Defect.class)
  void a_defect_names_a_builtin_rule_the_manifest_has_the_scope_of(Defect defect) {
    // GIVEN the defect's declared rule and scope
    // WHEN a manifest with the defect is drawn
    ModelManifest m = ManifestGenerator.defaults().withDefect(defect, 11L);

    // THEN the rule is built in and the manifest's stage is in the defect's stages
    assertThat(BuiltinPolicy.RULE_IDS).contains(defect.ruleId());
    assertThat(defect.point()).isEqualTo(EnforcementPoint.PROMOTION);
    assertThat(defect.stages()).contains(m.lifecycle().stage());
  }

  @Test
  void equal_seeds_give_equal_manifests_and_different_seeds_differ() {
    // GIVEN two generators with the same options
    ManifestGenerator a = ManifestGenerator.builder().build();
    ManifestGenerator b = ManifestGenerator.builder().build();
    Set<ModelManifest> distinct = new HashSet<>();

    for (long seed = 0; seed < 100; seed++) {
      // WHEN both draw with the same seed
      ModelManifest x = a.valid(seed);

      // THEN they draw equal manifests, and defects are as deterministic
      assertThat(b.valid(seed)).isEqualTo(x);
      assertThat(b.withDefect(Defect.NO_LICENSE, seed)).isEqualTo(a.withDefect(Defect.NO_LICENSE, seed));
      distinct.add(x);
    }
    // AND different seeds give different manifests
    assertThat(distinct).hasSizeGreaterThan(95);
  }

  @Test
  void valid_manifests_cover_risk_classes_stages_and_personal_data() {
    // GIVEN many drawn manifests
    Set<RiskClass> risks = EnumSet.noneOf(RiskClass.class);
    Set<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
    Set<Boolean> personal = new HashSet<>();
    Set<String> namespaces = new HashSet<>();

    // WHEN their variety is collected
    for (long seed = 0; seed < 300; seed++) {
      ModelManifest m = ManifestGenerator.defaults().valid(seed);
      risks.add(m.risk().riskClass());
      stages.add(m.lifecycle().stage());
      personal.add(m.datasets().stream().anyMatch(x -> x.containsPersonalData()));
      namespaces.add(m.id().namespace());
    }

    // THEN every deployable risk class and stage appears, with and without personal data, in several domains
    assertThat(risks).containsExactlyInAnyOrder(RiskClass.MINIMAL, RiskClass.LIMITED, RiskClass.HIGH);
    assertThat(stages).containsExactlyInAnyOrder(LifecycleStage.DEVELOPMENT, LifecycleStage.STAGING,
        LifecycleStage.PRODUCTION);
    assertThat(personal).containsExactlyInAnyOrder(true, false);
    assertThat(namespaces).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void valid_manifests_survive_the_manifest_codec() {
    qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
      // GIVEN a valid generated manifest
      ModelManifest m = ManifestGenerator.defaults().valid(seed);

      // WHEN it is written as JSON and read back strictly
      ModelManifest back;
      try {
        back = ManifestCodec.defaults().readJson(ManifestCodec.defaults().writeJson(m));
      } catch (Exception e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }

      // THEN it reads back equal, with a training set
      assertThat(back).isEqualTo(m);
      assertThat(m.datasets()).anyMatch(x -> x.role() == DatasetRole.TRAIN);
    });
  }

  @Test
  void options_restrict_risk_class_stage_and_personal_data() {
    // GIVEN a generator of HIGH risk PRODUCTION models without personal data
    ManifestGenerator gen = ManifestGenerator.builder()
        .riskClasses(RiskClass.HIGH).stages(LifecycleStage.PRODUCTION).personalData(false).build();

    for (long seed = 0; seed < 50; seed++) {
      // WHEN it draws
      ModelManifest m = gen.valid(seed);

      // THEN every manifest has those options and is still allowed
      assertThat(m.risk().riskClass()).isEqualTo(RiskClass.HIGH);
      assertThat(m.lifecycle().stage()).isEqualTo(LifecycleStage.PRODUCTION);
      assertThat(m.datasets()).noneMatch(x -> x.containsPersonalData());
      assertThat(evaluate(m).allowed()).isTrue();
    }
    assertThat(gen.supportedDefects()).containsExactly(Defect.values());
  }

  @Test
  void a_generator_refuses_a_defect_its_options_exclude() {
    // GIVEN a generator of MINIMAL risk DEVELOPMENT models
    ManifestGenerator gen = ManifestGenerator.builder()
        .riskClasses(RiskClass.MINIMAL).stages(LifecycleStage.DEVELOPMENT).build();

    // WHEN a defect that needs a HIGH risk PRODUCTION model is asked for
    // THEN it is refused, naming the defect and what it needs
    assertThat(gen.supports(Defect.HIGH_RISK_WITHOUT_APPROVAL)).isFalse();
    assertThat(gen.supportedDefects()).doesNotContain(Defect.NO_MONITORING_PLAN, Defect.UNPINNED_IMAGE)
        .contains(Defect.NO_LICENSE);
    assertThatThrownBy(() -> gen.withDefect(Defect.HIGH_RISK_WITHOUT_APPROVAL, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HIGH_RISK_WITHOUT_APPROVAL")
        .hasMessageContaining("[HIGH]")
        .hasMessageContaining("[PRODUCTION]");
  }

  @Test
  void the_builder_names_a_bad_option() {
    // GIVEN builders with options no deployable manifest has
    // WHEN they build
    // THEN the error names the option
    assertThatThrownBy(() -> ManifestGenerator.builder().riskClasses(RiskClass.PROHIBITED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("riskClasses:");
    assertThatThrownBy(() -> ManifestGenerator.builder().riskClasses().build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("riskClasses:");
    assertThatThrownBy(() -> ManifestGenerator.builder().stages(LifecycleStage.RETIRED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("stages: [RETIRED]");
    assertThatThrownBy(() -> ManifestGenerator.builder().stages().build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("stages:");
  }

  @Test
  void the_promotion_context_trusts_exactly_this_manifest() {
    // GIVEN a valid PRODUCTION manifest
    ModelManifest m = ManifestGenerator.builder().stages(LifecycleStage.PRODUCTION).build().valid(3L);

    // WHEN its promotion context is built
    EvaluationContext c = ManifestGenerator.promotionContext(m);

    // THEN provenance names its digest, it comes from STAGING and deploys its serving image
    assertThat(c.point()).isEqualTo(EnforcementPoint.PROMOTION);
    assertThat(c.provenance().verified()).isTrue();
    assertThat(c.provenance().signedManifestDigest()).contains(ManifestCodec.defaults().digest(m));
    assertThat(c.provenance().keyId()).contains(ManifestGenerator.PROVENANCE_KEY_ID);
    assertThat(c.previousStage()).contains(LifecycleStage.STAGING);
    assertThat(c.deployedImages()).containsExactly(m.servingImage().orElseThrow().toString());
  }
}
