package dev.modelgov.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.ModelRefusedException;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.examples.server.CreditScoringModel;
import dev.modelgov.examples.server.ExampleFiles;
import dev.modelgov.examples.server.Score;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example of README.md: {@link #embed} holds the README's lines (paths made parameters), run against
 * the example model signed in CI style. If this class changes, change the README (and the reverse).
 */
class EmbeddingExampleTest {

  @TempDir Path tmp;

  /** The README's lines. */
  private static Decision embed(Path releasePub, Path auditDir, Path modelDir, Path manifestFile, Path envelope,
      Path baseline, CreditScoringModel model, Map<String, Object> features, String requestId, String applicantId,
      String sex) throws Exception {
    Governance governance = Governance.builder()
        .trustRoot(TrustRoot.builder().trust("release", VerificationKey.fromSpkiPem(Files.readString(releasePub))).build())
        .auditDirectory(auditDir)
        .meterRegistry(new SimpleMeterRegistry())
        .build();
    ModelManifest manifest = governance.manifests().read(manifestFile);
    ModelGate gate = governance.gate(manifest)
        .modelDirectory(modelDir)
        .provenance(envelope)
        .promotedFrom(LifecycleStage.STAGING)
        .metrics(governance.metrics(manifest).drift(DriftBaseline.read(baseline)).fairness("sex", "m").build())
        .open();

    Score score = model.score(features);
    gate.begin(requestId).subject(applicantId).features(features).group("sex", sex).positive(score.approved())
        .succeeded(score.approved() ? "approve" : "decline", Map.of("approved", score.approved()));

    Decision now = gate.recheck();
    gate.close();
    governance.close();
    return now;
  }

  @Test
  void the_readme_lines_serve_a_signed_model_and_recheck_it_at_runtime() throws Exception {
    // GIVEN the example model signed at release time with a key whose public half the app trusts
    ExampleFiles files = ExampleFiles.writeTo(tmp.resolve("example"));
    SigningKey release = SigningKey.generate(SignatureAlgorithm.ED25519);
    Path pub = Files.writeString(tmp.resolve("release.pub.pem"), release.verificationKey().toSpkiPem());
    ModelManifest manifest = dev.modelgov.core.manifest.ManifestCodec.defaults().read(files.manifest());
    Path envelope = Files.write(tmp.resolve("credit-scoring.dsse.json"), Provenance.builder().build()
        .signModel(files.modelDirectory(), manifest, List.of(release), Provenance.Format.DSSE));
    CreditScoringModel model = CreditScoringModel.load(files.modelDirectory());
    Map<String, Object> features = Map.of("income", 52_000, "debt_ratio", 0.31, "age", 41,
        "credit_history_years", 12, "employment", "salaried");

    // WHEN the README's lines run
    Decision runtime = embed(pub, tmp.resolve("audit"), files.modelDirectory(), files.manifest(), envelope,
        files.driftBaseline(), model, features, "req-1", "A-000123", "f");

    // THEN the request was recorded and the runtime re-check decided
    assertThat(runtime.point()).isEqualTo(EnforcementPoint.RUNTIME);
    try (var segments = Files.list(tmp.resolve("audit").resolve("segments"))) {
      assertThat(segments.count()).isPositive();
    }
  }

  @Test
  void the_readme_lines_refuse_a_model_signed_by_an_untrusted_key() throws Exception {
    ExampleFiles files = ExampleFiles.writeTo(tmp.resolve("example"));
    SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
    Path pub = Files.writeString(tmp.resolve("release.pub.pem"),
        SigningKey.generate(SignatureAlgorithm.ED25519).verificationKey().toSpkiPem());
    ModelManifest manifest = dev.modelgov.core.manifest.ManifestCodec.defaults().read(files.manifest());
    Path envelope = Files.write(tmp.resolve("credit-scoring.dsse.json"), Provenance.builder().build()
        .signModel(files.modelDirectory(), manifest, List.of(stranger), Provenance.Format.DSSE));

    assertThatThrownBy(() -> embed(pub, tmp.resolve("audit"), files.modelDirectory(), files.manifest(), envelope,
        files.driftBaseline(), CreditScoringModel.load(files.modelDirectory()), Map.of(), "req-1", "A-1", "f"))
        .isInstanceOf(ModelRefusedException.class).hasMessageContaining("UNTRUSTED_KEY");
  }
}
