package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigstoreBundle;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The P-384 bundle written by OpenSSF model_signing v1.1.0, verified and tampered with. */
class ModelSigningBundleTest {

  private static final String ROOT = "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4";

  @TempDir Path temp;

  private Path model;
  private byte[] bundle;
  private VerificationKey key;
  private Provenance provenance;

  @BeforeEach
  void copyModel() throws Exception {
    model = temp.resolve("v1.1.0-elliptic-key");
    Fixtures.copyTree(Fixtures.vectors().resolve("model_signing/v1.1.0-elliptic-key"), model);
    bundle = Files.readAllBytes(model.resolve("model.sig"));
    key = Fixtures.modelSigningKey();
    provenance = Provenance.builder().trustRoot(TrustRoot.builder().trust("model_signing", key).build()).build();
  }

  @Test
  void the_hint_is_sha256_of_the_pem_text() throws Exception {
    // GIVEN the P-384 key; WHEN its hint is computed; THEN it is the bundle's hint
    assertThat(SigstoreBundle.hintFor(key))
        .isEqualTo("e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
    assertThat(SigstoreBundle.parse(bundle).hint()).contains(SigstoreBundle.hintFor(key));
  }

  @Test
  void the_untouched_model_verifies_and_ignore_me_is_ignored() throws Exception {
    // GIVEN the model directory as signed (with ignore-me, which the serialization ignores, and model.sig)
    // WHEN it is verified without a manifest
    VerifiedStatement s = provenance.verifyModel(model, bundle, null);

    // THEN the statement is the model_signing one, with the signed root and both files
    assertThat(s.knownPredicateType()).contains(PredicateType.MODEL_SIGNING);
    assertThat(s.subjects()).singleElement().satisfies(sub -> {
      assertThat(sub.name()).isEqualTo("v1.1.0-elliptic-key");
      assertThat(sub.digest()).isEqualTo(new Digest("sha256", ROOT));
    });
    ModelHash signed = s.modelSigningManifest().orElseThrow();
    assertThat(signed.resources()).extracting(r -> r.name()).containsExactly("signme-1", "signme-2");
    assertThat(signed.serialization().ignorePaths()).contains("ignore-me", "model.sig");
    assertThat(s.keyIds()).containsExactly(key.keyId());
  }

  @Test
  void changing_ignore_me_does_not_matter() throws Exception {
    // GIVEN an ignored file changed
    Files.writeString(model.resolve("ignore-me"), "anything");
    // WHEN verified THEN it still verifies
    assertThat(provenance.verifyModel(model, bundle, null).subjects()).hasSize(1);
  }

  @Test
  void a_changed_byte_in_signme_1_is_a_subject_digest_mismatch() throws Exception {
    // GIVEN one byte of signme-1 flipped
    Path file = model.resolve("signme-1");
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 0x01;
    Files.write(file, bytes);
    // WHEN verified THEN it fails and names the file
    ProvenanceVerificationException e = Fixtures.failure(() -> provenance.verifyModel(model, bundle, null));
    assertThat(e.reason()).isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("signme-1");
  }

  @Test
  void an_extra_file_is_a_subject_digest_mismatch() throws Exception {
    // GIVEN a file added after signing
    Files.writeString(model.resolve("extra.bin"), "smuggled");
    // WHEN verified THEN it fails and names the extra file
    ProvenanceVerificationException e = Fixtures.failure(() -> provenance.verifyModel(model, bundle, null));
    assertThat(e.reason()).isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("extra.bin");
  }

  @Test
  void a_missing_file_is_a_subject_digest_mismatch() throws Exception {
    // GIVEN a signed file deleted
    Files.delete(model.resolve("signme-2"));
    // WHEN verified THEN it fails and names the missing file
    ProvenanceVerificationException e = Fixtures.failure(() -> provenance.verifyModel(model, bundle, null));
    assertThat(e.reason()).isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("signme-2");
  }

  @Test
  void a_changed_hint_is_rejected_as_untrusted_key() throws Exception {
    // GIVEN the bundle with another hint (one that names no trusted key)
    ObjectNode tree = (ObjectNode) Fixtures.json(bundle);
    ((ObjectNode) tree.get("verificationMaterial").get("publicKey"))
        .put("hint", "0".repeat(64));
    // WHEN verified THEN the hint selects no trusted key
    ProvenanceVerificationException e =
        Fixtures.failure(() -> provenance.verifyModel(model, Fixtures.write(tree), null));
    assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_KEY);
  }

  @Test
  void a_changed_payload_type_is_a_bad_signature() throws Exception {
    // GIVEN the bundle with its payloadType changed. The PAE covers the payload type, so the signature no longer
    // verifies: the signature check runs before the payload type check, and the reason is BAD_SIGNATURE (the
    // hint names the trusted key, so this is a trusted key's signature failing). PAYLOAD_TYPE_MISMATCH is only for an
    // envelope validly signed over another payload type (see EveryReasonTest).
    ObjectNode tree = (ObjectNode) Fixtures.json(bundle);
    ((ObjectNode) tree.get("dsseEnvelope")).put("payloadType", "application/vnd.in-toto.other+json");
    // WHEN verified THEN the signature fails
    ProvenanceVerificationException e =
        Fixtures.failure(() -> provenance.verifyModel(model, Fixtures.write(tree), null));
    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void without_the_hint_the_trusted_key_is_still_found() throws Exception {
    // GIVEN the bundle without a publicKey hint
    ObjectNode tree = (ObjectNode) Fixtures.json(bundle);
    ((ObjectNode) tree.get("verificationMaterial")).remove("publicKey");
    // WHEN verified THEN the trust root's key verifies it
    assertThat(provenance.verifyModel(model, Fixtures.write(tree), null).keyIds()).containsExactly(key.keyId());
  }

  @Test
  void another_trusted_key_does_not_verify_it() throws Exception {
    // GIVEN a trust root without the model_signing key
    Provenance other = Provenance.builder()
        .trustRoot(TrustRoot.builder()
            .trust("other", dev.modelgov.core.provenance.SigningKey
                .generate(dev.modelgov.api.provenance.SignatureAlgorithm.ECDSA_P256_SHA256).verificationKey())
            .build())
        .build();
    // WHEN verified THEN the hint names no trusted key
    assertThat(Fixtures.failure(() -> other.verifyModel(model, bundle, null)).reason())
        .isEqualTo(Reason.UNTRUSTED_KEY);
  }

  @Test
  void verify_auto_detects_the_bundle() throws Exception {
    // GIVEN the bundle bytes; WHEN verified by the generic entry point and by verifyBundle THEN both agree
    VerifiedStatement a = provenance.verifier().verify(bundle);
    VerifiedStatement b = provenance.verifier().verifyBundle(bundle);
    assertThat(a.payload()).isEqualTo(b.payload());
    assertThat(a.predicate()).isEqualTo(b.predicate());
  }
}
