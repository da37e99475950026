package dev.modelgov.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

  private static final Digest D1 = Digest.parse("sha256:" + "1".repeat(64));
  private static final Digest D2 = Digest.parse("sha256:" + "2".repeat(64));

  static ModelManifest.Builder valid() {
    return ModelManifest.builder()
        .id("risk/credit-scoring")
        .version("2.4.0")
        .description("Logistic-regression score.")
        .owner(new Owner("credit-risk-ml", Optional.of("jane.doe@bank.example")))
        .supplier("Example Bank plc")
        .license("LicenseRef-Proprietary")
        .task("binary-classification")
        .intendedUse(IntendedUse.of("Pre-screen applications."))
        .risk(RiskAssessment.of(RiskClass.HIGH, RiskScheme.EU_AI_ACT))
        .addDataset(Dataset.of("applications", "v7", DatasetRole.TRAIN, D1).withPersonalData(true))
        .addDataset(Dataset.of("holdout", "v7", DatasetRole.TEST, D2))
        .build(
            new BuildProvenance(
                new SourceRef("https://git.example/ml", "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
                ImageRef.parse("registry.example/train@" + D1),
                TrainingRun.of("mlflow", "run-1"),
                Map.of("C", new BigDecimal("0.50"))))
        .addArtifact(Artifact.of("s3://models/credit/2.4.0/", D2))
        .evaluation(
            Evaluation.of(
                List.of(
                    Metric.of(MetricName.AUC, new BigDecimal("0.912"), MetricCategory.PERFORMANCE)
                        .onDataset("holdout")
                        .withThreshold(Threshold.atLeast(new BigDecimal("0.85"))))))
        .lifecycle(
            new Lifecycle(
                LifecycleStage.PRODUCTION,
                List.of("champion"),
                List.of(
                    Approval.of(
                        "r.okafor@bank.example",
                        "risk-officer",
                        ApprovalDecision.APPROVED,
                        LifecycleStage.PRODUCTION,
                        Instant.parse("2026-11-21T15:30:00Z"))),
                Optional.empty(),
                Optional.empty(),
                Instant.parse("2026-11-19T08:12:00Z")));
  }

  @Test
  void a_complete_builder_builds_an_immutable_manifest() {
    ModelManifest m = valid().build();
    assertThat(m.coordinates()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(m.dataset("holdout")).map(Dataset::role).contains(DatasetRole.TEST);
    assertThat(m.evaluation().metrics().get(0).meetsThreshold()).isTrue();
    assertThatThrownBy(() -> m.datasets().add(null)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void build_reports_every_problem_at_once_with_json_paths() {
    // GIVEN a builder with several unrelated mistakes
    ModelManifest.Builder b =
        valid()
            .description(" ")
            .supplier(null)
            .addDataset(new Dataset("applications", null, DatasetRole.TRAIN, Optional.empty(), null, false, Optional.empty(), Optional.empty()))
            .evaluation(
                Evaluation.of(
                    List.of(
                        Metric.of(MetricName.of("brier_score"), new BigDecimal("0.1234567890123456789"), MetricCategory.PERFORMANCE)
                            .onDataset("nowhere"))));
    // WHEN built THEN one exception lists them all, in document order
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e ->
                assertThat(e.problems())
                    .map(ManifestProblem::toString)
                    .containsExactly(
                        "description: must not be blank",
                        "supplier: missing",
                        "datasets[2].name: duplicate dataset name; metrics refer to datasets by name",
                        "datasets[2].version: missing",
                        "datasets[2].digest: missing",
                        "evaluation.metrics[0].value: has more than 15 significant digits; the canonical form (RFC 8785) holds numbers as IEEE doubles",
                        "evaluation.metrics[0].dataset: names no dataset of this manifest"));
  }

  @Test
  void an_empty_builder_names_every_required_field() {
    List<ManifestProblem> problems = ModelManifest.builder().validate();
    assertThat(problems)
        .map(ManifestProblem::path)
        .containsExactly(
            "id", "version", "description", "owner", "supplier", "license", "task", "intendedUse", "risk", "datasets",
            "build", "artifacts", "evaluation", "lifecycle");
  }

  @Test
  void cross_field_rules_are_checked() {
    ModelManifest.Builder b =
        valid()
            .evaluation(
                Evaluation.of(
                    List.of(
                        new Metric(
                            MetricName.AUC,
                            BigDecimal.ONE,
                            MetricCategory.PERFORMANCE,
                            Optional.empty(),
                            Map.of(),
                            Optional.of(new Threshold(Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.ZERO))),
                            Optional.of(new ConfidenceInterval(BigDecimal.ONE, BigDecimal.ZERO))))));
    assertThat(b.validate())
        .map(ManifestProblem::toString)
        .containsExactly(
            "evaluation.metrics[0].threshold: min is greater than max", "evaluation.metrics[0].ci: low is greater than high");
  }

  @Test
  void to_builder_derives_a_new_version_and_equality_is_by_value() {
    ModelManifest v1 = valid().build();
    ModelManifest same = v1.toBuilder().build();
    ModelManifest v2 = v1.toBuilder().version("2.5.0").build();
    assertThat(same).isEqualTo(v1).hasSameHashCodeAs(v1);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(v2.version()).isEqualTo("2.5.0");
    assertThat(v1.version()).isEqualTo("2.4.0");
  }

  @Test
  void decimals_are_equal_whatever_their_trailing_zeros() {
    ModelManifest a = valid().build();
    Metric m = a.evaluation().metrics().get(0);
    Metric withZeros = new Metric(m.name(), new BigDecimal("0.91200"), m.category(), m.dataset(), m.slice(), m.threshold(), m.ci());
    ModelManifest b = a.toBuilder().evaluation(Evaluation.of(List.of(withZeros))).build();
    assertThat(b).isEqualTo(a);
    assertThat(a.build().hyperparameters()).containsEntry("C", new BigDecimal("0.5"));
  }

  @Test
  void to_string_never_prints_personal_data() {
    ModelManifest m = valid().build();
    assertThat(m.toString()).isEqualTo("ModelManifest[risk/credit-scoring@2.4.0, risk=HIGH, stage=PRODUCTION]");
    assertThat(m.owner().toString()).doesNotContain("jane.doe").contains("<redacted>");
    assertThat(m.lifecycle().approvals().get(0).toString()).doesNotContain("okafor");
  }

  @Test
  void open_catalogues_return_constants_for_known_names() {
    assertThat(RiskScheme.of("EU-AI-ACT")).isSameAs(RiskScheme.EU_AI_ACT);
    assertThat(RiskScheme.of("BANK-MRM")).isEqualTo(RiskScheme.of("BANK-MRM")).hasToString("BANK-MRM");
    assertThat(MetricName.of("auc")).isSameAs(MetricName.AUC);
    assertThatThrownBy(() -> MetricName.of("AUC")).hasMessageContaining("lowercase");
    assertThat(Autonomy.fromWireName("human-in-the-loop")).isEqualTo(Autonomy.HUMAN_IN_THE_LOOP);
    assertThat(BaseModelRelation.FINETUNE.wireName()).isEqualTo("finetune");
    assertThat(RiskClass.HIGH).isGreaterThan(RiskClass.LIMITED);
  }
}
