package dev.modelgov.examples.server;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static dev.modelgov.testkit.GovernanceAssertions.assertThatManifestFile;
import static dev.modelgov.testkit.GovernanceAssertions.assertThatProvenance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.GateReport;
import dev.modelgov.core.Governance;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleFilesTest {

  @Test
  void writes_the_shipped_files_byte_for_byte(@TempDir Path dir) throws Exception {
    // GIVEN an empty directory
    // WHEN the example files are written to it
    ExampleFiles files = ExampleFiles.writeTo(dir.resolve("demo"));
    // THEN the four files are there with the jar's bytes, and the accessors point at them
    assertThat(files.modelDirectory()).isEqualTo(dir.resolve("demo/model/credit-scoring"));
    assertThat(files.manifest()).isEqualTo(dir.resolve("demo/credit-scoring.yaml"));
    assertThat(files.driftBaseline()).isEqualTo(dir.resolve("demo/drift-baseline.json"));
    assertThat(Files.readAllBytes(files.modelDirectory().resolve("model.json")))
        .isEqualTo(ExampleFiles.read("model/credit-scoring/model.json"));
    assertThat(Files.readAllBytes(files.modelDirectory().resolve("README.md")))
        .isEqualTo(ExampleFiles.read("model/credit-scoring/README.md"));
    assertThat(Files.readAllBytes(files.manifest())).isEqualTo(ExampleFiles.read("credit-scoring.yaml"));
    assertThat(Files.readAllBytes(files.driftBaseline())).isEqualTo(ExampleFiles.read("drift-baseline.json"));
    try (Stream<Path> model = Files.list(files.modelDirectory())) {
      assertThat(model.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.json", "README.md");
    }
  }

  @Test
  void writing_again_replaces_changed_files(@TempDir Path dir) throws Exception {
    // GIVEN written files, one of them edited
    ExampleFiles files = ExampleFiles.writeTo(dir);
    Files.writeString(files.modelDirectory().resolve("model.json"), "{}");
    // WHEN the files are written again
    ExampleFiles.writeTo(dir);
    // THEN the shipped model is back
    assertThat(CreditScoringModel.load(files.modelDirectory()).featureNames()).hasSize(5);
  }

  @Test
  void the_manifest_is_valid_and_describes_the_shipped_model(@TempDir Path dir) throws Exception {
    // GIVEN the written files
    ExampleFiles files = ExampleFiles.writeTo(dir);
    // WHEN the manifest and the model are read
    ModelManifest manifest = ManifestCodec.defaults().read(files.manifest());
    CreditScoringModel model = CreditScoringModel.load(files.modelDirectory());
    // THEN the manifest is valid, its inputs are the model's features and its artifact is this model directory
    assertThatManifestFile(files.manifest()).isValid();
    assertThat(manifest.intendedUse().inputs()).extracting(i -> i.name())
        .containsExactlyElementsOf(model.featureNames());
    Artifact artifact = manifest.artifacts().get(0);
    assertThat(artifact.digest()).isEqualTo(ModelHasher.defaults().hash(files.modelDirectory()).rootDigest());
    long size;
    try (Stream<Path> all = Files.list(files.modelDirectory())) {
      size = all.mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(artifact.size()).contains(size);
    assertThat(manifest.servingImage()).isPresent();
  }

  @Test
  void the_drift_baseline_is_the_one_fitted_from_the_undrifted_load(@TempDir Path dir) throws Exception {
    // GIVEN the shipped baseline
    DriftBaseline shipped = DriftBaseline.read(ExampleFiles.writeTo(dir).driftBaseline());
    // WHEN the baseline is fitted again from the load generator's undrifted stream
    DriftBaseline fitted = DriftBaselineGenerator.fit();
    // THEN they are equal (regenerate with DriftBaselineGenerator.main after changing the distribution), and it
    //      covers every model feature
    assertThat(shipped).isEqualTo(fitted);
    assertThat(shipped.features()).extracting(DriftBaseline.Feature::name)
        .containsExactlyElementsOf(CreditScoringModel.parse(ExampleFiles.read("model/credit-scoring/model.json"))
            .featureNames());
  }

  @Test
  void the_gate_allows_the_signed_example_at_the_promotion_point(@TempDir Path dir) throws Exception {
    // GIVEN the example files and a demo governance facade
    ExampleFiles files = ExampleFiles.writeTo(dir.resolve("files"));
    try (Governance governance = Governance.builder().demoMode().auditDirectory(dir.resolve("audit")).build()) {
      ModelManifest manifest = governance.manifests().read(files.manifest());
      SigningKey release = governance.keys().signingKey(KeyRing.RELEASE).orElseThrow();
      // WHEN the model is signed with the release key and the gate checks it
      byte[] envelope = governance.provenance()
          .signModel(files.modelDirectory(), manifest, List.of(release), Provenance.Format.DSSE);
      GateReport report = governance.gate(manifest)
          .modelDirectory(files.modelDirectory())
          .provenance(envelope)
          .context(ExampleSetup.promotionContext())
          .check();
      // THEN provenance verifies, the built-in policy allows it and the gate opens
      assertThatProvenance(envelope).usingTrustRoot(governance.keys().trustRoot())
          .againstModel(files.modelDirectory(), manifest).verifies().isSignedBy(release.verificationKey());
      assertThat(report.reasons()).isEmpty();
      assertThat(report.open()).isTrue();
      assertThat(report.decision().orElseThrow()).isAllowed();
      assertThat(report.decision().orElseThrow().point()).isEqualTo(EnforcementPoint.PROMOTION);
    }
  }

  @Test
  void the_gate_refuses_the_example_when_a_coefficient_changes_after_signing(@TempDir Path dir) throws Exception {
    // GIVEN the example signed by the release key
    ExampleFiles files = ExampleFiles.writeTo(dir.resolve("files"));
    try (Governance governance = Governance.builder().demoMode().auditDirectory(dir.resolve("audit")).build()) {
      ModelManifest manifest = governance.manifests().read(files.manifest());
      byte[] envelope = governance.provenance().signModel(files.modelDirectory(), manifest,
          List.of(governance.keys().signingKey(KeyRing.RELEASE).orElseThrow()), Provenance.Format.DSSE);
      // WHEN the intercept is edited after signing
      Path modelJson = files.modelDirectory().resolve("model.json");
      Files.writeString(modelJson, Files.readString(modelJson).replace("\"intercept\": 0.35", "\"intercept\": 3.5"),
          StandardCharsets.UTF_8);
      GateReport report = governance.gate(manifest).modelDirectory(files.modelDirectory()).provenance(envelope)
          .context(ExampleSetup.promotionContext()).check();
      // THEN the gate stays shut: the files do not match the signed digest, and the policy denies
      assertThat(report.open()).isFalse();
      assertThat(report.verificationFailure()).get().extracting(ProvenanceVerificationException::reason)
          .isEqualTo(ProvenanceVerificationException.Reason.SUBJECT_DIGEST_MISMATCH);
      assertThat(report.decision().orElseThrow()).denies("model.provenance.signed");
    }
  }
}
