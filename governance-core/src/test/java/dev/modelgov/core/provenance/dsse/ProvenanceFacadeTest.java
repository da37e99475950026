package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.SigstoreBundle;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying model directories through the {@link Provenance} facade. */
class ProvenanceFacadeTest {

  private static final SigningKey ED = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey P256 = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

  @TempDir Path temp;

  private Path model;
  private ModelManifest manifest;
  private Provenance provenance;

  @BeforeEach
  void setUp() throws Exception {
    model = Fixtures.smallModel(temp, "credit-model");
    manifest = Fixtures.manifest("credit-scoring.yaml");
    provenance = Provenance.builder()
        .trustRoot(TrustRoot.builder().trust("ed", ED.verificationKey()).trust("p256", P256.verificationKey()).build())
        .build();
  }

  @Test
  void governance_envelope_round_trip() throws Exception {
    // GIVEN a model signed with the default (governance) predicate
    byte[] envelope = provenance.signModel(model, manifest, List.of(ED), Provenance.Format.DSSE);
    // WHEN verified with the model and the manifest
    VerifiedStatement s = provenance.verifyModel(model, envelope, manifest);
    // THEN the statement binds the model's root digest and the manifest
    assertThat(s.knownPredicateType()).contains(PredicateType.GOVERNANCE);
    assertThat(s.subjects()).singleElement().satisfies(sub -> {
      assertThat(sub.name()).isEqualTo("credit-model");
      assertThat(sub.digest()).isEqualTo(ModelHasher.defaults().hash(model).rootDigest());
    });
    assertThat(s.manifestDigest()).contains(ManifestCodec.defaults().digest(manifest));
    assertThat(s.modelRef()).contains(manifest.coordinates());
    assertThat(ManifestCodec.defaults().fromTree(s.manifestTree().orElseThrow())).isEqualTo(manifest);
    assertThat(s.keyIds()).containsExactly(ED.keyId());
  }

  @Test
  void a_manifest_changed_after_signing_is_a_manifest_digest_mismatch() throws Exception {
    // GIVEN a signed model, and a manifest edited afterwards
    byte[] envelope = provenance.signModel(model, manifest, List.of(ED), Provenance.Format.DSSE);
    ModelManifest edited = manifest.toBuilder().description(manifest.description() + " (edited)").build();
    // WHEN verified with the edited manifest THEN it is refused
    assertThat(Fixtures.failure(() -> provenance.verifyModel(model, envelope, edited)).reason())
        .isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);
    // AND a missing manifest is refused as well
    assertThat(Fixtures.failure(() -> provenance.verifyModel(model, envelope, null)).reason())
        .isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);
  }

  @Test
  void a_model_changed_after_signing_is_a_subject_digest_mismatch() throws Exception {
    // GIVEN a signed model whose weights change afterwards
    byte[] envelope = provenance.signModel(model, manifest, List.of(ED), Provenance.Format.DSSE);
    Files.writeString(model.resolve("weights.bin"), "poisoned", StandardCharsets.UTF_8);
    // WHEN verified THEN it is refused
    assertThat(Fixtures.failure(() -> provenance.verifyModel(model, envelope, manifest)).reason())
        .isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH);
  }

  @Test
  void two_keys_and_a_threshold_of_two() throws Exception {
    // GIVEN a model signed by two keys and a verifier requiring both
    byte[] envelope = provenance.signModel(model, manifest, List.of(ED, P256), Provenance.Format.DSSE);
    Provenance strict = Provenance.builder()
        .trustRoot(TrustRoot.builder().trust("ed", ED.verificationKey()).trust("p256", P256.verificationKey()).build())
        .threshold(2)
        .build();
    // WHEN verified THEN both keys count
    assertThat(strict.verifyModel(model, envelope, manifest).keyIds()).hasSize(2);
    // AND a single signature is not enough
    byte[] one = provenance.signModel(model, manifest, List.of(ED), Provenance.Format.DSSE);
    assertThat(Fixtures.failure(() -> strict.verifyModel(model, one, manifest)).reason())
        .isEqualTo(Reason.THRESHOLD_NOT_MET);
  }

  @Test
  void slsa_provenance_round_trip() throws Exception {
    // GIVEN a model signed with the SLSA predicate
    byte[] envelope =
        provenance.signModel(model, manifest, List.of(P256), Provenance.Format.DSSE, PredicateType.SLSA_PROVENANCE);
    // WHEN verified
    VerifiedStatement s = provenance.verifyModel(model, envelope, manifest);
    // THEN the predicate describes the training run
    JsonNode p = s.predicate();
    assertThat(p.at("/buildDefinition/buildType").asText()).isEqualTo(InTotoStatements.SLSA_BUILD_TYPE);
    BuildProvenance build = manifest.build();
    assertThat(p.at("/buildDefinition/externalParameters/source/commit").asText())
        .isEqualTo(build.source().commit());
    assertThat(p.at("/runDetails/metadata/invocationId").asText()).isEqualTo(build.trainingRun().id());
    assertThat(p.at("/runDetails/builder/id").asText()).isNotEmpty();
    JsonNode deps = p.at("/buildDefinition/resolvedDependencies");
    assertThat(deps.get(0).at("/digest/gitCommit").asText()).isEqualTo(build.source().commit());
    assertThat(deps.get(1).at("/digest/sha256").asText()).isEqualTo(build.trainingImage().digest().hex());
    assertThat(deps.size()).isEqualTo(2 + manifest.datasets().size() + manifest.baseModels().size());
    build.trainingRun().startedAt()
        .ifPresent(t -> assertThat(p.at("/runDetails/metadata/startedOn").asText()).isEqualTo(t.toString()));

    // AND a manifest with another training run does not match it
    TrainingRun run = build.trainingRun();
    ModelManifest other = manifest.toBuilder()
        .build(new BuildProvenance(build.source(), build.trainingImage(),
            new TrainingRun(run.system(), run.id() + "-other", run.url(), run.startedAt(), run.endedAt()),
            build.hyperparameters()))
        .build();
    assertThat(Fixtures.failure(() -> provenance.verifyModel(model, envelope, other)).reason())
        .isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);
  }

  @Test
  void model_signing_bundle_round_trip() throws Exception {
    // GIVEN a model signed as a model_signing-compatible bundle (no manifest)
    byte[] bundle =
        provenance.signModel(model, null, List.of(P256), Provenance.Format.BUNDLE, PredicateType.MODEL_SIGNING);
    // THEN it has model_signing's shape
    JsonNode tree = Fixtures.json(bundle);
    assertThat(tree.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(tree.at("/verificationMaterial/publicKey/hint").asText())
        .isEqualTo(SigstoreBundle.hintFor(P256.verificationKey()));
    assertThat(tree.at("/verificationMaterial/tlogEntries").isArray()).isTrue();
    assertThat(tree.at("/verificationMaterial/tlogEntries").size()).isZero();
    assertThat(tree.at("/dsseEnvelope/signatures")).singleElement()
        .satisfies(sig -> assertThat(sig.get("keyid").asText()).isEmpty());
    assertThat(tree.at("/dsseEnvelope/payloadType").asText()).isEqualTo("application/vnd.in-toto+json");

    // WHEN verified without a manifest THEN it passes, with every file listed
    VerifiedStatement s = provenance.verifyModel(model, bundle, null);
    assertThat(s.modelSigningManifest().orElseThrow().resources()).extracting(r -> r.name())
        .containsExactly("config/model.json", "weights.bin");

    // WHEN verified with a manifest that does not list the model's root digest THEN it is refused
    assertThat(Fixtures.failure(() -> provenance.verifyModel(model, bundle, manifest)).reason())
        .isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);

    // WHEN the manifest lists the root digest as an artifact THEN it passes
    Digest root = s.subjects().get(0).digest();
    ModelManifest listed = manifest.toBuilder()
        .addArtifact(
            new Artifact("file:models/credit/", Optional.of("model_signing-directory"), Optional.empty(), root))
        .build();
    assertThat(provenance.verifyModel(model, bundle, listed).subjects()).hasSize(1);
  }

  @Test
  void a_governance_bundle_round_trip() throws Exception {
    // GIVEN a governance statement in a bundle
    byte[] bundle = provenance.signModel(model, manifest, List.of(ED), Provenance.Format.BUNDLE);
    // WHEN verified THEN it passes
    assertThat(provenance.verifyModel(model, bundle, manifest).manifestDigest()).isPresent();
  }

  @Test
  void a_signature_file_named_model_sig_inside_the_model_is_ignored() throws Exception {
    // GIVEN a bundle stored as model.sig inside the model directory
    byte[] bundle =
        provenance.signModel(model, null, List.of(P256), Provenance.Format.BUNDLE, PredicateType.MODEL_SIGNING);
    Files.write(model.resolve("model.sig"), bundle);
    // WHEN verified THEN model.sig is not a model file
    assertThat(provenance.verifyModel(model, bundle, null).subjects()).hasSize(1);
  }

  @Test
  void usage_errors() {
    assertThatThrownBy(() -> provenance.signModel(model, manifest, List.of(ED, P256), Provenance.Format.BUNDLE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one key");
    assertThatThrownBy(() -> provenance.signModel(model, manifest, List.of(), Provenance.Format.DSSE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provenance.signModel(model, null, List.of(ED), Provenance.Format.DSSE))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("manifest must not be null");
    assertThatThrownBy(() -> Provenance.builder().build().verifier()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> provenance.verifyModel(null, new byte[0], manifest))
        .isInstanceOf(NullPointerException.class).hasMessage("modelDir must not be null");
  }
}
