package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelCardExportTest {

  private static final ManifestExporter EXPORTER = ManifestExporter.defaults();

  /** The Hugging Face template's sections, in its order, as far as a manifest has content for them. */
  private static final List<String> HF_ORDER =
      List.of(
          "Model Details",
          "Uses",
          "Bias, Risks, and Limitations",
          "Training Details",
          "Evaluation",
          "Model Examination",
          "Environmental Impact",
          "Technical Specifications",
          "Governance",
          "Model Card Authors",
          "Model Card Contact");

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("credit-scoring", Manifests.creditScoring()),
        Arguments.of("minimal", Manifests.minimal()),
        Arguments.of("tricky", Manifests.tricky()));
  }

  private static String card(ModelManifest m) {
    return EXPORTER.export(m, ExportFormat.MODEL_CARD).text();
  }

  private static List<String> headings(String card, String prefix) {
    return card.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void sections_follow_the_hugging_face_order(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN its card is rendered
    String card = card(m);
    // THEN the level-2 sections are a subsequence of the HF template order, with the mandatory ones present
    List<String> sections = headings(card, "## ");
    assertThat(HF_ORDER).containsSubsequence(sections);
    assertThat(sections)
        .contains("Model Details", "Uses", "Bias, Risks, and Limitations", "Training Details", "Evaluation",
            "Technical Specifications", "Governance", "Model Card Authors", "Model Card Contact");
    // AND Uses has Direct Use before Out-of-Scope Use
    assertThat(headings(card, "### ")).containsSubsequence("Direct Use", "Out-of-Scope Use");
    assertThat(card).startsWith("# Model Card for " + m.id() + " " + m.version() + "\n");
  }

  @Test
  void environmental_impact_is_left_out_when_there_is_nothing_to_say() {
    // GIVEN a manifest, which has no energy fields
    // WHEN its card is rendered
    String card = card(Manifests.creditScoring());
    // THEN there is no Environmental Impact section
    assertThat(card).doesNotContain("## Environmental Impact");
  }

  @Test
  void evaluation_has_a_metrics_table_with_threshold_and_result() {
    // GIVEN the credit-scoring manifest, plus a metric that misses its threshold
    ModelManifest base = Manifests.creditScoring();
    List<Metric> metrics = new ArrayList<>(base.evaluation().metrics());
    metrics.add(
        Metric.of(MetricName.RECALL, new BigDecimal("0.61"), MetricCategory.PERFORMANCE)
            .withThreshold(Threshold.atLeast(new BigDecimal("0.7"))));
    Evaluation ev = new Evaluation(metrics, base.evaluation().fairnessAssessments(), base.evaluation().limitations(),
        base.evaluation().tradeoffs(), base.evaluation().explainability());
    // WHEN its card is rendered
    String card = card(base.toBuilder().evaluation(ev).build());
    // THEN the results table shows value, interval, threshold and pass or FAIL
    assertThat(card)
        .contains("| Metric | Category | Dataset | Slice | Value | Confidence interval | Threshold | Result |")
        .contains("| auc | PERFORMANCE | applications-holdout | — | 0.912 | [0.901, 0.923] | ≥ 0.85 | pass |")
        .contains("| equal_opportunity_difference | FAIRNESS | applications-holdout | attribute=age_band | 0.03 | — | ≤ 0.05 | pass |")
        .contains("| recall | PERFORMANCE | — | — | 0.61 | — | ≥ 0.7 | FAIL |");
  }

  @Test
  void card_holds_the_manifest_content() {
    // GIVEN the credit-scoring manifest
    // WHEN its card is rendered
    String card = card(Manifests.creditScoring());
    // THEN details, uses, risks, training, technical specifications and governance carry the manifest's values
    assertThat(card)
        .contains("- **Developed by:** credit-risk-ml")
        .contains("- **License:** LicenseRef-Proprietary")
        .contains("Pre-screen consumer credit applications; a credit officer decides.")
        .contains("- employment decisions")
        .contains("- **proxy discrimination through region** — mitigation: region grouped to 4 zones; quarterly fairness review — residual risk: LOW")
        .contains("| applications | 2025q4-v7 | TRAIN | yes |")
        .contains("- `C`: 0.5")
        .contains("| income | number | EUR/year | — | — | — |")
        .contains("- **Risk class:** HIGH (EU-AI-ACT)")
        .contains("| risk-officer | APPROVED | PRODUCTION | 2026-11-21T15:30:00Z |");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void card_never_names_approvers_or_contacts(String name, ModelManifest m) {
    // GIVEN a manifest with approvers, comments and an owner contact
    // WHEN its card is rendered
    String card = card(m);
    // THEN none of those appear; the contact section names the team
    for (Approval a : m.lifecycle().approvals()) {
      assertThat(card).doesNotContain(a.approver());
      a.comment().ifPresent(c -> assertThat(card).doesNotContain(c));
    }
    m.owner().contact().ifPresent(c -> assertThat(card).doesNotContain(c));
    assertThat(card).doesNotContain("bank.example\n").doesNotContain("Jane").doesNotContain("+44");
    assertThat(card).contains("## Model Card Contact\n\nThe " + m.owner().team() + " team.\n");
  }

  @Test
  void approvers_comments_and_contact_are_reported_as_lost() {
    // GIVEN a manifest with three approvals, one with a comment, and an owner contact
    // WHEN its card is rendered
    List<LostField> lost = EXPORTER.export(Manifests.tricky(), ExportFormat.MODEL_CARD).lostFields();
    // THEN exactly the personal fields are lost, each with its reason
    assertThat(lost)
        .extracting(LostField::path)
        .containsExactly(
            "owner.contact",
            "lifecycle.approvals[0].approver",
            "lifecycle.approvals[1].approver",
            "lifecycle.approvals[2].approver",
            "lifecycle.approvals[2].comment");
    assertThat(lost.get(1).reason()).contains("personal data");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void card_is_deterministic(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN its card is rendered twice
    ExportResult first = EXPORTER.export(m, ExportFormat.MODEL_CARD);
    ExportResult second = EXPORTER.export(m, ExportFormat.MODEL_CARD);
    // THEN both are byte-identical, end with one newline and have no doubled blank lines
    assertThat(first).isEqualTo(second);
    assertThat(first.text()).endsWith(".\n").doesNotEndWith("\n\n").doesNotContain("\n\n\n").doesNotContain("\r");
  }

  @Test
  void values_cannot_break_the_markdown_structure() {
    // GIVEN a manifest whose description has a line break and a pipe, and whose explainability has a pipe
    // WHEN its card is rendered
    String card = card(Manifests.tricky());
    // THEN the description stays one paragraph and table cells escape the pipe
    assertThat(card).contains("Logistic-regression score. Second line | with a pipe.");
    assertThat(card).contains("## Model Examination\n\nSHAP values | per decision\n");
    assertThat(card).contains("| validation set | v1 | VALIDATION | no | confidential | CC-BY-4.0 | s3://bucket/with space/ |");
  }
}
