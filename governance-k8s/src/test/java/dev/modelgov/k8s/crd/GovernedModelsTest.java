package dev.modelgov.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.Effect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link GovernedModels}: the resource built from a manifest, names, and the status built from a decision. */
class GovernedModelsTest {

  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private static String sha256Hex(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_credit_scoring_manifest_gives_a_pinned_spec_with_its_lineage() {
    // GIVEN
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    Digest digest = GovernedModelFixtures.digest(manifest);
    // WHEN
    GovernedModel gm = GovernedModels.from(manifest, digest, "oci://registry.bank.example/att/credit-scoring:2.4.0");
    // THEN
    assertThat(gm.getMetadata().getName()).isEqualTo("risk-credit-scoring-2-4-0");
    assertThat(gm.getMetadata().getNamespace()).isNull();
    assertThat(gm.getApiVersion()).isEqualTo("governance.modelgov.dev/v1alpha1");
    assertThat(gm.getKind()).isEqualTo("GovernedModel");
    GovernedModelSpec spec = gm.getSpec();
    assertThat(spec.getModelId()).isEqualTo("risk/credit-scoring");
    assertThat(spec.getVersion()).isEqualTo("2.4.0");
    assertThat(spec.getManifestDigest()).isEqualTo(digest.toString());
    assertThat(spec.getImage()).isEqualTo("registry.bank.example/ml/credit-serve@sha256:" + "5".repeat(64));
    assertThat(spec.getImageDigest()).isEqualTo("sha256:" + "5".repeat(64));
    assertThat(spec.getRiskClass()).isEqualTo(RiskClass.HIGH);
    assertThat(spec.getStage()).isEqualTo(LifecycleStage.PRODUCTION);
    assertThat(spec.getProvenanceRef()).isEqualTo("oci://registry.bank.example/att/credit-scoring:2.4.0");
    assertThat(gm.getStatus()).isNull();
    ModelLineage lineage = spec.getLineage();
    assertThat(lineage.getTrainingSystem()).isEqualTo("mlflow");
    assertThat(lineage.getMlflowRunId()).isEqualTo("8c1f3e5a7b9d4f2e");
    assertThat(lineage.getKubeflowModelVersionId()).isNull();
    assertThat(lineage.getSourceCommit()).isEqualTo("3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39");
    assertThat(lineage.getDatasets()).extracting(DatasetLineage::getName, DatasetLineage::getDigest).containsExactly(
        org.assertj.core.groups.Tuple.tuple("applications", "sha256:" + "1".repeat(64)),
        org.assertj.core.groups.Tuple.tuple("applications-holdout", "sha256:" + "2".repeat(64)));
  }

  @Test
  void approvals_keep_role_decision_scope_and_time_and_only_a_hash_of_the_approver() throws Exception {
    // GIVEN
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    // WHEN
    GovernedModel gm = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest));
    String json = new ObjectMapper().writeValueAsString(gm);
    // THEN
    assertThat(gm.getSpec().getApprovals()).hasSize(2);
    GovernedApproval first = gm.getSpec().getApprovals().get(0);
    assertThat(first.getRole()).isEqualTo("model-owner");
    assertThat(first.getDecision()).isEqualTo(ApprovalDecision.APPROVED);
    assertThat(first.getScope()).isEqualTo(LifecycleStage.PRODUCTION);
    assertThat(first.getAt()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(first.getApproverSha256()).isEqualTo(sha256Hex("a.martin@bank.example"));
    assertThat(gm.getSpec().getApprovals().get(1).getApproverSha256()).isEqualTo(sha256Hex("r.okafor@bank.example"));
    assertThat(json).doesNotContain("a.martin").doesNotContain("r.okafor").doesNotContain("credit-ml@");
  }

  @Test
  void a_kubeflow_run_is_recorded_as_the_kubeflow_model_version_id() {
    // GIVEN a manifest trained on Kubeflow
    ModelManifest base = GovernedModelFixtures.creditScoring();
    BuildProvenance b = base.build();
    ModelManifest manifest = base.toBuilder()
        .build(new BuildProvenance(b.source(), b.trainingImage(), TrainingRun.of("Kubeflow", "mv-7"),
            b.hyperparameters()))
        .build();
    // WHEN
    ModelLineage lineage = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest)).getSpec().getLineage();
    // THEN
    assertThat(lineage.getKubeflowModelVersionId()).isEqualTo("mv-7");
    assertThat(lineage.getMlflowRunId()).isNull();
    assertThat(lineage.getTrainingRunId()).isEqualTo("mv-7");
  }

  @Test
  void a_manifest_without_serving_image_has_no_image_in_the_spec() {
    // GIVEN
    ModelManifest manifest = GovernedModelFixtures.minimal();
    // WHEN
    GovernedModel gm = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest));
    // THEN
    assertThat(gm.getSpec().getImage()).isNull();
    assertThat(gm.getSpec().getImageDigest()).isNull();
    assertThat(gm.getMetadata().getName()).isEqualTo("demo-iris-classifier-1-0-0");
  }

  @Test
  void a_blank_provenance_reference_is_refused() {
    ModelManifest manifest = GovernedModelFixtures.minimal();
    Digest digest = GovernedModelFixtures.digest(manifest);
    assertThatThrownBy(() -> GovernedModels.from(manifest, digest, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provenanceRef");
  }

  @Test
  void names_that_would_lose_information_or_exceed_63_characters_get_a_hash_suffix() {
    // GIVEN
    ModelId id = new ModelId("team_a", "model");
    String longName = "n".repeat(63);
    // WHEN
    String lossy = GovernedModels.name(id, "1.0.0+build.7");
    String other = GovernedModels.name(new ModelId("team-a", "model"), "1.0.0+build.7");
    String tooLong = GovernedModels.name(new ModelId("ns", longName), "1.0.0");
    String digitFirst = GovernedModels.name(new ModelId("42", "model"), "1");
    // THEN
    assertThat(lossy).matches("team-a-model-1-0-0-build-7-[0-9a-f]{8}");
    assertThat(other).isNotEqualTo(lossy);
    assertThat(tooLong).hasSize(63).matches(DNS_1035);
    assertThat(digitFirst).isEqualTo("m-42-model-1");
  }

  @Test
  void every_name_is_a_dns_1035_label_of_at_most_63_characters() {
    qt().forAll(strings().allPossible().ofLengthBetween(1, 80), strings().basicLatinAlphabet().ofLengthBetween(1, 40))
        .assuming((name, version) -> (name + version).chars().anyMatch(c -> c < 128 && Character.isLetterOrDigit(c)))
        .checkAssert((text, version) -> {
          String label = GovernedModels.dnsLabel(text + "-" + version, text + "@" + version);
          assertThat(label).hasSizeLessThanOrEqualTo(63).matches(DNS_1035);
        });
  }

  @Test
  void text_without_letters_or_digits_cannot_be_a_name() {
    assertThatThrownBy(() -> GovernedModels.dnsLabel("--//..", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letter or digit");
  }

  @Test
  void a_denial_gives_phase_denied_a_false_condition_and_the_denying_rule_ids() {
    // GIVEN
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    Decision decision = GovernedModelFixtures.decision(manifest, Instant.parse("2026-11-22T08:00:00.123Z"),
        EnforcementMode.ENFORCE, "model.image.digest");
    // WHEN
    GovernedModelStatus status = GovernedModels.status(decision, 3L, null);
    // THEN
    assertThat(status.getPhase()).isEqualTo(GovernedModelPhase.DENIED);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Approved");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("PolicyDenied");
      assertThat(c.getObservedGeneration()).isEqualTo(3L);
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-22T08:00:00Z");
    });
    GovernanceDecision last = status.getLastDecision();
    assertThat(last.getEffect()).isEqualTo(Effect.DENY);
    assertThat(last.getDeniedRules()).containsExactly("model.image.digest");
    assertThat(last.getPolicyId()).isEqualTo("deploy-gate");
    assertThat(last.getPoint()).isEqualTo("admission");
    assertThat(last.getEnvironment()).isEqualTo("prod");
    assertThat(last.getDecisionId()).isEqualTo(decision.decisionId());
  }

  @Test
  void a_warning_approves_and_keeps_the_transition_time_of_an_unchanged_condition() {
    // GIVEN an approved status from an earlier decision, with another condition
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    GovernedModelStatus previous = GovernedModels.status(
        GovernedModelFixtures.decision(manifest, Instant.parse("2026-11-20T00:00:00Z"), EnforcementMode.ENFORCE),
        1L, null);
    GovernedModelCondition deployed = new GovernedModelCondition();
    deployed.setType("Deployed");
    deployed.setStatus("True");
    previous.getConditions().add(deployed);
    Decision later = GovernedModelFixtures.decision(manifest, Instant.parse("2026-11-21T00:00:00Z"),
        EnforcementMode.WARN, "model.card.complete");
    // WHEN
    GovernedModelStatus status = GovernedModels.status(later, 2L, previous);
    // THEN
    assertThat(status.getPhase()).isEqualTo(GovernedModelPhase.APPROVED);
    assertThat(status.getConditions()).extracting(GovernedModelCondition::getType).containsExactly("Approved",
        "Deployed");
    GovernedModelCondition approved = status.getConditions().get(0);
    assertThat(approved.getReason()).isEqualTo("PolicyAllowedWithWarnings");
    assertThat(approved.getLastTransitionTime()).isEqualTo("2026-11-20T00:00:00Z");
    assertThat(status.getLastDecision().getWarnedRules()).containsExactly("model.card.complete");
    assertThat(status.getLastDecision().getDecidedAt()).isEqualTo("2026-11-21T00:00:00Z");
  }
}
