package dev.modelgov.examples;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Owner;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.RiskScheme;
import dev.modelgov.api.manifest.SourceRef;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds a manifest in code, as a training pipeline would at the end of a run, and prints its YAML and its
 * {@link ModelRef}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelManifest m = ManifestQuickstart.manifest();
 * ManifestQuickstart.print(m, System.out);
 * }</pre>
 */
public final class ManifestQuickstart {

  private ManifestQuickstart() {}

  /**
   * The manifest of a small fraud model, built with the fluent builder.
   *
   * @return the manifest
   */
  public static ModelManifest manifest() {
    return ModelManifest.builder()
        .id("payments/fraud-score")
        .version("1.3.0")
        .description("Gradient-boosted fraud score for card payments.")
        .owner(Owner.of("payments-ml"))
        .supplier("Example Payments Ltd")
        .license("LicenseRef-Proprietary")
        .task("binary-classification")
        .intendedUse(IntendedUse.of("Flag card payments for manual review."))
        .risk(RiskAssessment.of(RiskClass.LIMITED, RiskScheme.EU_AI_ACT))
        .addDataset(Dataset.of("payments", "2026-10", DatasetRole.TRAIN, Digest.parse("sha256:" + "a1".repeat(32))))
        .addDataset(Dataset.of("payments-holdout", "2026-10", DatasetRole.TEST, Digest.parse("sha256:" + "b2".repeat(32))))
        .build(
            new BuildProvenance(
                new SourceRef("https://git.example/payments/fraud", "9c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d"),
                ImageRef.parse("registry.example/payments/train@sha256:" + "c3".repeat(32)),
                TrainingRun.of("kubeflow", "fraud-run-118"),
                Map.of("max_depth", new BigDecimal("6"), "learning_rate", new BigDecimal("0.1"))))
        .addArtifact(Artifact.of("s3://models/payments/fraud-score/1.3.0/", Digest.parse("sha256:" + "d4".repeat(32))))
        .evaluation(
            Evaluation.of(
                List.of(
                    Metric.of(MetricName.AUC, new BigDecimal("0.941"), MetricCategory.PERFORMANCE)
                        .onDataset("payments-holdout")
                        .withThreshold(Threshold.atLeast(new BigDecimal("0.9"))))))
        .lifecycle(Lifecycle.of(LifecycleStage.STAGING, Instant.parse("2026-11-27T12:00:00Z")))
        .build();
  }

  /**
   * Prints a manifest's YAML and reference.
   *
   * @param manifest the manifest
   * @param out where to print
   */
  public static void print(ModelManifest manifest, PrintStream out) {
    ManifestCodec codec = ManifestCodec.defaults();
    out.print(codec.writeYaml(manifest));
    out.println("# " + codec.ref(manifest));
  }

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    print(manifest(), System.out);
  }
}
