package dev.modelgov.k8s.crd;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.PolicyRef;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The example manifests and hand-made policy decisions the governance-k8s tests share. */
public final class GovernedModelFixtures {

  /** The codec the tests read manifests with. */
  public static final ManifestCodec CODEC = ManifestCodec.defaults();

  private GovernedModelFixtures() {}

  /** @return examples/manifests/credit-scoring.yaml */
  public static ModelManifest creditScoring() {
    return read("credit-scoring.yaml");
  }

  /** @return examples/manifests/minimal.yaml (no serving image) */
  public static ModelManifest minimal() {
    return read("minimal.yaml");
  }

  /**
   * @param name a file under examples/manifests
   * @return the manifest
   */
  public static ModelManifest read(String name) {
    try {
      return CODEC.read(TestFiles.manifest(name));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read example manifest " + name, e);
    }
  }

  /** @return the repository root */
  public static Path root() {
    return TestFiles.root();
  }

  /** @return the shared folder with the test vectors */
  public static Path shared() {
    return TestFiles.shared();
  }

  /**
   * @param manifest a manifest
   * @return its digest
   */
  public static Digest digest(ModelManifest manifest) {
    return CODEC.digest(manifest);
  }

  /**
   * A decision on a manifest in which the given rules fail in the given mode.
   *
   * @param manifest the manifest decided on
   * @param at when
   * @param mode ENFORCE (the failures deny) or WARN
   * @param failingRules the rules that fail
   * @return the decision
   */
  public static Decision decision(ModelManifest manifest, Instant at, EnforcementMode mode, String... failingRules) {
    Decision.Builder b = Decision.builder()
        .decisionId("dec-" + at.getEpochSecond())
        .timestamp(at)
        .policy(new PolicyRef("deploy-gate", "1.0.0", "sha256:" + "ab".repeat(32)))
        .model(new ModelRef(manifest.id(), manifest.version(), digest(manifest)))
        .point(EnforcementPoint.ADMISSION)
        .environment("prod");
    b.addResult(result("model.owner", Outcome.PASS, EnforcementMode.ENFORCE));
    for (String rule : failingRules) {
      b.addResult(result(rule, Outcome.FAIL, mode));
    }
    return b.build();
  }

  private static RuleResult result(String id, Outcome outcome, EnforcementMode mode) {
    return new RuleResult(id, id, Severity.HIGH, "security", outcome, mode, FailurePolicy.FAIL,
        outcome == Outcome.FAIL ? Optional.of(id + " failed") : Optional.empty(), Optional.empty(), "fix " + id,
        List.of(), Optional.empty());
  }
}
