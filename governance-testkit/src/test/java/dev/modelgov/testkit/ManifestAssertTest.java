package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestAssertTest {

  private static ModelManifest example() throws Exception {
    String root = System.getProperty("modelgov.root", "..");
    return ManifestCodec.defaults().read(Path.of(root, "examples/manifests/credit-scoring.yaml"));
  }

  @Test
  void passing_assertions_chain() throws Exception {
    ModelManifest m = example();
    assertThat(m)
        .hasRiskClass(RiskClass.HIGH)
        .hasStage(LifecycleStage.PRODUCTION)
        .hasDataset("applications-holdout")
        .meetsAllMetricThresholds()
        .hasDigest(ManifestCodec.defaults().digest(m).toString());
  }

  @Test
  void failures_say_what_was_found() throws Exception {
    ModelManifest m = example();
    assertThatThrownBy(() -> assertThat(m).hasStage(LifecycleStage.STAGING))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected stage STAGING but was PRODUCTION");
    assertThatThrownBy(() -> assertThat(m).hasDataset("census"))
        .hasMessageContaining("[applications, applications-holdout]");
    assertThatThrownBy(() -> assertThat(m).hasDigest("sha256:" + "0".repeat(64)))
        .hasMessageContaining("but was sha256:");
    assertThatThrownBy(() -> assertThat((ModelManifest) null).hasRiskClass(RiskClass.HIGH))
        .isInstanceOf(AssertionError.class);
  }
}
