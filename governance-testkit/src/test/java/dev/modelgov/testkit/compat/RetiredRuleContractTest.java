package dev.modelgov.testkit.compat;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;

/**
 * The built-in {@code model.retired} rule meets the rule contract; it applies at admission and at runtime only, so the
 * kit also checks it is NOT_APPLICABLE elsewhere.
 */
class RetiredRuleContractTest extends RuleContract {

  @Override
  protected Rule rule() {
    return BuiltinPolicy.deployGate().rule("model.retired").orElseThrow();
  }

  @Override
  protected ModelManifest passingManifest() {
    return Manifests.creditScoring();
  }

  @Override
  protected ModelManifest failingManifest() {
    return Manifests.atStage(Manifests.creditScoring(), LifecycleStage.RETIRED);
  }

  @Override
  protected EvaluationContext context() {
    return EvaluationContext.at(EnforcementPoint.RUNTIME);
  }
}
