package dev.modelgov.core.manifest.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceCoverageTest {

  private static ModelManifest read(String name) throws Exception {
    return ManifestCodec.defaults().read(TestFiles.manifest(name));
  }

  private static CoverageItem item(CoverageReport report, RegulatoryFramework framework, String id) {
    Optional<CoverageItem> item = report.items(framework).stream().filter(i -> i.itemId().equals(id)).findFirst();
    assertThat(item).as("item %s", id).isPresent();
    return item.get();
  }

  @Test
  void the_high_risk_example_evidences_most_annex_iv_items() throws Exception {
    // WHEN the complete example is assessed
    CoverageReport report = ComplianceCoverage.assess(read("credit-scoring.yaml"));
    // THEN the points it documents are evidenced, with the fields that evidence them
    CoverageItem oversight = item(report, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(e)");
    assertThat(oversight.status()).isEqualTo(CoverageStatus.EVIDENCED);
    assertThat(oversight.evidence()).containsExactly("intendedUse.humanOversight", "intendedUse.autonomy");
    assertThat(item(report, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "9").status()).isEqualTo(CoverageStatus.EVIDENCED);
    assertThat(item(report, RegulatoryFramework.NIST_AI_RMF, "MEASURE 2.11").status()).isEqualTo(CoverageStatus.EVIDENCED);
    // AND what no manifest can hold is reported missing with the reason, never claimed
    CoverageItem conformity = item(report, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "8");
    assertThat(conformity.status()).isEqualTo(CoverageStatus.MISSING);
    assertThat(conformity.missing()).singleElement().asString().contains("declaration of conformity");
    // AND a partly documented point names exactly what is missing
    CoverageItem data = item(report, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(d)");
    assertThat(data.status()).isEqualTo(CoverageStatus.PARTIAL);
    assertThat(data.missing()).containsExactly("datasets[].license");
    assertThat(report.items(RegulatoryFramework.EU_AI_ACT_ANNEX_IV)).hasSize(16);
    assertThat(report.evidenced() + report.partial() + report.missing()).isEqualTo(report.items().size());
  }

  @Test
  void the_minimal_example_covers_much_less() throws Exception {
    CoverageReport full = ComplianceCoverage.assess(read("credit-scoring.yaml"));
    CoverageReport minimal = ComplianceCoverage.assess(read("minimal.yaml"));
    assertThat(minimal.coordinates()).isEqualTo("demo/iris-classifier@1.0.0");
    assertThat(minimal.evidenced()).isLessThan(full.evidenced());
    assertThat(minimal.missing()).isGreaterThan(full.missing());
    CoverageItem oversight = item(minimal, RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(e)");
    assertThat(oversight.status()).isEqualTo(CoverageStatus.MISSING);
    assertThat(oversight.missing()).containsExactly("intendedUse.humanOversight", "intendedUse.autonomy");
  }
}
