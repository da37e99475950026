package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThatProvenance;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceAssertTest {

  private static final SigningKey RELEASE = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey CI = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  private static final SigningKey STRANGER = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final ModelManifest CREDIT = Examples.creditScoring();

  @TempDir Path temp;

  private Path model;
  private TrustRoot trust;
  private Provenance signer;

  @BeforeEach
  void setUp() throws Exception {
    model = Examples.modelDirectory(temp, "credit-model");
    trust = TrustRoot.builder().trust("release", RELEASE.verificationKey()).build();
    signer = Provenance.builder().build();
  }

  private byte[] governanceEnvelope() throws Exception {
    return signer.signModel(model, CREDIT, List.of(RELEASE), Provenance.Format.DSSE);
  }

  private byte[] modelSigningBundle() throws Exception {
    return signer.signModel(model, null, List.of(RELEASE), Provenance.Format.BUNDLE, PredicateType.MODEL_SIGNING);
  }

  @Test
  void a_signed_model_passes_every_assertion() throws Exception {
    // GIVEN a model signed by the release key with the governance predicate
    byte[] envelope = governanceEnvelope();
    // THEN it is signed by that key, covers the directory, is for the manifest, and verifies
    assertThatProvenance(envelope)
        .isSignedBy(RELEASE.verificationKey())
        .coversModel(model)
        .forManifest(CREDIT)
        .verifiesWith(trust, model, CREDIT);
  }

  @Test
  void is_signed_by_fails_listing_the_key_ids_of_the_signatures() throws Exception {
    // GIVEN an envelope signed by two keys
    byte[] envelope = signer.signModel(model, CREDIT, List.of(RELEASE, CI), Provenance.Format.DSSE);
    // THEN each signer is recognised
    assertThatProvenance(envelope).isSignedBy(RELEASE.verificationKey()).isSignedBy(CI.verificationKey());
    // AND a third key fails, with both key ids listed
    assertThatThrownBy(() -> assertThatProvenance(envelope).isSignedBy(STRANGER.verificationKey()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected a signature that verifies under key id <" + STRANGER.keyId() + "> but none does.\n"
            + "Found signatures with key ids: [" + RELEASE.keyId() + ", " + CI.keyId() + "]");
  }

  @Test
  void is_signed_by_reads_sigstore_bundles_too() throws Exception {
    byte[] bundle = modelSigningBundle();
    assertThatProvenance(bundle).isSignedBy(RELEASE.verificationKey());
    assertThatThrownBy(() -> assertThatProvenance(bundle).isSignedBy(CI.verificationKey()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but none does.");
  }

  @Test
  void covers_model_fails_with_the_roots_and_files_when_a_governance_subject_differs() throws Exception {
    // GIVEN a governance envelope, and weights changed afterwards
    byte[] envelope = governanceEnvelope();
    Files.writeString(model.resolve("weights.bin"), "poisoned", StandardCharsets.UTF_8);
    Digest now = ModelHasher.defaults().hash(model).rootDigest();
    // WHEN the directory is checked THEN the local root, the signed subjects and the files are shown
    assertThatThrownBy(() -> assertThatProvenance(envelope).coversModel(model))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the statement to cover model directory <" + model + "> (root " + now
            + ") but its subjects are [credit-model@sha256:")
        .hasMessageEndingWith("Files in the directory: [config.json, tokenizer/vocab.txt, weights.bin]");
  }

  @Test
  void covers_model_lists_changed_added_and_removed_files_of_a_model_signing_statement() throws Exception {
    // GIVEN a model_signing bundle
    byte[] bundle = modelSigningBundle();
    assertThatProvenance(bundle).coversModel(model);
    // WHEN one file changes, one appears and one disappears
    Files.writeString(model.resolve("weights.bin"), "poisoned", StandardCharsets.UTF_8);
    Files.writeString(model.resolve("backdoor.py"), "import os", StandardCharsets.UTF_8);
    Files.delete(model.resolve("tokenizer/vocab.txt"));
    // THEN the failure names each file under its kind of difference
    assertThatThrownBy(() -> assertThatProvenance(bundle).coversModel(model))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the statement to cover model directory <" + model + "> but it does not.\n"
            + "Changed: [weights.bin]\nOnly in the directory: [backdoor.py]\n"
            + "Only in the statement: [tokenizer/vocab.txt]"
            + "\nSubjects: [credit-model@sha256:");
  }

  @Test
  void for_manifest_fails_naming_both_digests_of_a_governance_statement() throws Exception {
    // GIVEN an envelope for the manifest, and the manifest edited afterwards
    byte[] envelope = governanceEnvelope();
    ModelManifest edited = CREDIT.toBuilder().description(CREDIT.description() + " (edited)").build();
    // THEN the edited manifest is not the one signed
    assertThatThrownBy(() -> assertThatProvenance(envelope).forManifest(edited))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the statement to be for manifest risk/credit-scoring@2.4.0 ("
            + ManifestCodec.defaults().digest(edited) + ") but it signs manifest digest "
            + ManifestCodec.defaults().digest(CREDIT) + " of risk/credit-scoring@2.4.0");
  }

  @Test
  void for_manifest_of_a_model_signing_statement_matches_the_manifest_artifacts() throws Exception {
    // GIVEN a model_signing bundle and a manifest whose artifact is the signed root digest
    byte[] bundle = modelSigningBundle();
    Digest root = ModelHasher.defaults().hash(model).rootDigest();
    ModelManifest listing = CREDIT.toBuilder()
        .artifacts(List.of(new Artifact("s3://ml-models/credit-scoring/2.4.0/", Optional.empty(), Optional.empty(),
            root)))
        .build();
    // THEN that manifest passes, and the example (whose artifact digest is a placeholder) fails, listing both
    assertThatProvenance(bundle).forManifest(listing);
    assertThatThrownBy(() -> assertThatProvenance(bundle).forManifest(CREDIT))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the model_signing statement to be for manifest risk/credit-scoring@2.4.0, one of whose "
            + "artifacts has the signed root digest, but the subjects are [credit-model@" + root + "] and the "
            + "artifacts [sha256:" + "4".repeat(64) + "]");
  }

  @Test
  void for_manifest_of_an_slsa_statement_compares_the_build_provenance() throws Exception {
    byte[] slsa = signer.signModel(model, CREDIT, List.of(RELEASE), Provenance.Format.DSSE,
        PredicateType.SLSA_PROVENANCE);
    assertThatProvenance(slsa).forManifest(CREDIT).coversModel(model);
    assertThatThrownBy(() -> assertThatProvenance(slsa).forManifest(Examples.minimal()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the SLSA statement to be for manifest demo/iris-classifier@1.0.0 but its predicate "
            + "differs from the one built from the manifest's build provenance");
  }

  @Test
  void fails_verification_with_passes_for_the_reason_and_says_which_reason_was_found_otherwise() throws Exception {
    // GIVEN a signed model whose weights change afterwards
    byte[] envelope = governanceEnvelope();
    Files.writeString(model.resolve("weights.bin"), "poisoned", StandardCharsets.UTF_8);
    // THEN verification fails with SUBJECT_DIGEST_MISMATCH
    assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(model, CREDIT)
        .failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);
    // AND expecting another reason fails, naming the reason found
    assertThatThrownBy(() -> assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(model, CREDIT)
            .failsVerificationWith(Reason.UNTRUSTED_KEY))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected verification to fail with UNTRUSTED_KEY but it failed with "
            + "SUBJECT_DIGEST_MISMATCH: SUBJECT_DIGEST_MISMATCH: ");
    // AND verifiesWith fails with that reason
    assertThatThrownBy(() -> assertThatProvenance(envelope).verifiesWith(trust, model, CREDIT))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the provenance to verify but it failed with SUBJECT_DIGEST_MISMATCH: ");
  }

  @Test
  void fails_verification_with_says_when_verification_passed() throws Exception {
    byte[] envelope = governanceEnvelope();
    assertThatThrownBy(() -> assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(model, CREDIT)
            .failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected verification to fail with SUBJECT_DIGEST_MISMATCH but it passed");
  }

  @Test
  void an_untrusted_signer_and_a_changed_manifest_fail_verification_with_their_reasons() throws Exception {
    byte[] envelope = governanceEnvelope();
    TrustRoot others = TrustRoot.builder().trust("stranger", STRANGER.verificationKey()).build();
    assertThatProvenance(envelope).usingTrustRoot(others).againstModel(model, CREDIT)
        .failsVerificationWith(Reason.UNTRUSTED_KEY);
    assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(model, Examples.minimal())
        .failsVerificationWith(Reason.MANIFEST_DIGEST_MISMATCH);
    assertThatThrownBy(() -> assertThatProvenance(envelope).verifiesWith(others, model, CREDIT))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the provenance to verify but it failed with UNTRUSTED_KEY: ");
  }

  @Test
  void verification_without_its_configuration_is_a_programming_error() throws Exception {
    byte[] envelope = governanceEnvelope();
    assertThatThrownBy(() -> assertThatProvenance(envelope).againstModel(model, CREDIT).verifies())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("usingTrustRoot");
    assertThatThrownBy(() -> assertThatProvenance(envelope).usingTrustRoot(trust)
            .failsVerificationWith(Reason.BAD_SIGNATURE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("againstModel");
  }

  @Test
  void bytes_that_are_not_an_envelope_fail_with_where_the_problem_is() {
    byte[] truncated = "{\"payload\":\"e30=\",\"payloadType\":".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> assertThatProvenance(truncated).isSignedBy(RELEASE.verificationKey()))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a DSSE envelope or Sigstore bundle but the provenance document is not valid "
            + "JSON: ")
        .hasMessageContaining("(byte offset 32)");
    byte[] notAnEnvelope = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> assertThatProvenance(notAnEnvelope).coversModel(model))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a well-formed DSSE envelope or Sigstore bundle but: MALFORMED_ENVELOPE");
    assertThatThrownBy(() -> assertThatProvenance(null).coversModel(model)).isInstanceOf(AssertionError.class);
  }
}
