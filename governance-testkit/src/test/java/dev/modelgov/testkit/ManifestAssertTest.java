package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.coverage.ComplianceCoverage;
import dev.modelgov.core.manifest.coverage.CoverageItem;
import dev.modelgov.core.manifest.coverage.RegulatoryFramework;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ManifestAssertTest {

  private static final ModelManifest CREDIT = Examples.creditScoring();
  private static final ModelManifest MINIMAL = Examples.minimal();

  @Test
  void passing_assertions_chain() {
    // GIVEN the credit-scoring example
    ModelManifest m = CREDIT;
    // THEN every assertion that describes it passes, chained
    assertThat(m)
        .isValid()
        .hasRiskClass(RiskClass.HIGH)
        .hasStage(LifecycleStage.PRODUCTION)
        .isInStage(LifecycleStage.PRODUCTION)
        .hasOwner("credit-risk-ml")
        .hasDataset("applications-holdout")
        .hasDatasetWithDigest("sha256:" + "2".repeat(64))
        .meetsAllMetricThresholds()
        .hasDigest(ManifestCodec.defaults().digest(m).toString());
  }

  @Test
  void failures_say_what_was_found() {
    ModelManifest m = CREDIT;
    assertThatThrownBy(() -> assertThat(m).hasStage(LifecycleStage.STAGING))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected stage STAGING but was PRODUCTION");
    assertThatThrownBy(() -> assertThat(m).isInStage(LifecycleStage.RETIRED))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected stage RETIRED but was PRODUCTION");
    assertThatThrownBy(() -> assertThat(m).hasRiskClass(RiskClass.MINIMAL))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected risk/credit-scoring@2.4.0 to have risk class MINIMAL but was HIGH");
    assertThatThrownBy(() -> assertThat(m).hasDataset("census"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[applications, applications-holdout]");
    assertThatThrownBy(() -> assertThat(m).hasDigest("sha256:" + "0".repeat(64)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but was sha256:");
    assertThatThrownBy(() -> assertThat((ModelManifest) null).hasRiskClass(RiskClass.HIGH))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void has_owner_names_the_team_found_and_never_the_contact() {
    // WHEN the owner is not the expected team THEN the message names the actual team only
    assertThatThrownBy(() -> assertThat(CREDIT).hasOwner("fraud-ml"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected risk/credit-scoring@2.4.0 to be owned by team <fraud-ml> but its owner is "
            + "<credit-risk-ml>")
        .message().doesNotContain("credit-ml@bank.example");
  }

  @Test
  void has_dataset_with_digest_lists_every_dataset_with_its_digest() {
    // WHEN no dataset has the digest THEN each dataset is listed as name=digest
    assertThatThrownBy(() -> assertThat(CREDIT).hasDatasetWithDigest("sha256:" + "9".repeat(64)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected a dataset with digest <sha256:" + "9".repeat(64) + "> but found [applications=sha256:"
            + "1".repeat(64) + ", applications-holdout=sha256:" + "2".repeat(64) + "]");
    // AND a malformed digest is a programming error, not a failed assertion
    assertThatThrownBy(() -> assertThat(CREDIT).hasDatasetWithDigest("md5:abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void is_valid_fails_with_the_problems_of_a_manifest_that_does_not_survive_the_codec() {
    // GIVEN a manifest the builder accepts but whose JSON form is over the reader's 4 MiB document limit
    String longTag = "t".repeat(ModelManifest.MAX_STRING_LENGTH);
    ModelManifest huge = MINIMAL.toBuilder()
        .tags(IntStream.range(0, 300).mapToObj(i -> i + longTag.substring(4)).toList())
        .build();
    // WHEN asserted valid THEN the failure lists the codec's problem
    assertThatThrownBy(() -> assertThat(huge).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected manifest demo/iris-classifier@1.0.0 to be valid but found 1 problem:\n  ")
        .hasMessageContaining("limit");
  }

  @Test
  void evidences_passes_for_an_evidenced_item_and_names_the_missing_fields_otherwise() {
    // GIVEN item 2(d) (data requirements) of Annex IV, evidenced independently by the coverage report
    CoverageItem minimal2d = item(MINIMAL, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(d)");
    // THEN the credit-scoring manifest evidences human oversight (2(e)), so the assertion passes
    assertThat(CREDIT).evidences(RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(e)");
    // AND the minimal manifest only partly evidences 2(d): the failure names the status and the missing fields
    assertThatThrownBy(() -> assertThat(MINIMAL).evidences(RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(d)"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected demo/iris-classifier@1.0.0 to evidence EU AI Act Annex IV 2(d) but it is PARTIAL; "
            + "missing: " + minimal2d.missing())
        .hasMessageContaining("datasets[].uri");
    // AND an unknown item id lists the framework's items
    assertThatThrownBy(() -> assertThat(CREDIT).evidences(RegulatoryFramework.NIST_AI_RMF, "NO 9.9"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("has no such item. Items: [GOVERN 1.6, GOVERN 1.7,");
  }

  private static CoverageItem item(ModelManifest m, RegulatoryFramework framework, String id) {
    return ComplianceCoverage.assess(m).items(framework).stream().filter(i -> i.itemId().equals(id)).findFirst()
        .orElseThrow();
  }
}
