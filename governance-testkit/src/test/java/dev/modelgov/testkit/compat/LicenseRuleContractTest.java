package dev.modelgov.testkit.compat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;

/** The built-in {@code model.license} rule (applies everywhere) meets the rule contract. */
class LicenseRuleContractTest extends RuleContract {

  @Override
  protected Rule rule() {
    return BuiltinPolicy.deployGate().rule("model.license").orElseThrow();
  }

  @Override
  protected ModelManifest passingManifest() {
    return Manifests.creditScoring();
  }

  @Override
  protected ModelManifest failingManifest() {
    return Manifests.creditScoring().toBuilder().license("NOASSERTION").build();
  }
}
