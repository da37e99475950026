package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.DsseSignature;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every {@link Reason} is produced by at least one realistic failure, and each scenario gives exactly its reason. */
class EveryReasonTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey OTHER = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir static Path temp;

  private static Path model;
  private static ModelManifest manifest;
  private static byte[] governanceEnvelope;
  private static final Map<Reason, Fixtures.Verification> SCENARIOS = new EnumMap<>(Reason.class);

  @BeforeAll
  static void scenarios() throws Exception {
    model = Fixtures.smallModel(temp, "model");
    manifest = Fixtures.manifest("credit-scoring.yaml");
    Provenance signer = Provenance.builder().build();
    governanceEnvelope = signer.signModel(model, manifest, List.of(KEY), Provenance.Format.DSSE);
    byte[] payload = InTotoStatements.payload(PredicateType.GOVERNANCE, ModelHasher.defaults().hash(model), manifest);

    SCENARIOS.put(Reason.BAD_SIGNATURE, () -> {
      // a trusted key's signature with one bit flipped
      DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(KEY));
      byte[] sig = env.signatures().get(0).sig();
      sig[10] ^= 0x04;
      verifier(trusting(KEY)).verify(env.withSignatures(List.of(new DsseSignature(KEY.keyId(), sig))));
    });
    SCENARIOS.put(Reason.UNTRUSTED_KEY, () -> verifier(trusting(KEY))
        .verify(DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(OTHER))));
    SCENARIOS.put(Reason.KEY_REVOKED, () -> verifier(
            TrustRoot.builder().trust("k", KEY.verificationKey()).revoke(KEY.keyId()).build())
        .verify(governanceEnvelope));
    SCENARIOS.put(Reason.KEY_EXPIRED, () -> verifier(TrustRoot.builder()
            .trust("k", KEY.verificationKey(), Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"))
            .build())
        .verify(governanceEnvelope));
    SCENARIOS.put(Reason.THRESHOLD_NOT_MET, () -> ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).trust("o", OTHER.verificationKey()).build())
        .threshold(2)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build()
        .verify(DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(KEY, KEY))));
    SCENARIOS.put(Reason.PAYLOAD_TYPE_MISMATCH, () -> verifier(trusting(KEY))
        .verify(DsseEnvelope.sign("application/json", payload, List.of(KEY))));
    SCENARIOS.put(Reason.PREDICATE_TYPE_NOT_ALLOWED, () -> verifier(trusting(KEY)).verify(DsseEnvelope.sign(
        InTotoStatements.PAYLOAD_TYPE,
        InTotoStatements.statement("m", ModelHasher.defaults().hash(model).rootDigest(),
            "https://example.com/unknown/v1", Fixtures.JSON.createObjectNode()),
        List.of(KEY))));
    SCENARIOS.put(Reason.SUBJECT_DIGEST_MISMATCH, () -> {
      Path copy = Files.createDirectories(temp.resolve("changed"));
      Fixtures.copyTree(model, copy);
      Files.writeString(copy.resolve("weights.bin"), "other weights", StandardCharsets.UTF_8);
      provenance().verifyModel(copy, governanceEnvelope, manifest);
    });
    SCENARIOS.put(Reason.MANIFEST_DIGEST_MISMATCH, () -> provenance().verifyModel(
        model, governanceEnvelope, manifest.toBuilder().version(manifest.version() + "-changed").build()));
    SCENARIOS.put(Reason.MALFORMED_ENVELOPE, () -> verifier(trusting(KEY))
        .verify(Arrays.copyOf(governanceEnvelope, governanceEnvelope.length / 2)));
    SCENARIOS.put(Reason.SIZE_LIMIT_EXCEEDED, () -> ProvenanceVerifier.builder()
        .trustRoot(trusting(KEY))
        .limits(new ProvenanceLimits(1024, 10, 100, 4))
        .build()
        .verify(governanceEnvelope));
  }

  private static TrustRoot trusting(SigningKey key) {
    return TrustRoot.builder().trust("k", key.verificationKey()).build();
  }

  private static ProvenanceVerifier verifier(TrustRoot root) {
    return ProvenanceVerifier.builder().trustRoot(root).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  private static Provenance provenance() {
    return Provenance.builder().trustRoot(trusting(KEY)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  @Test
  void the_untampered_envelope_verifies() throws Exception {
    // GIVEN the envelope every scenario starts from; WHEN verified with the model and manifest THEN it passes
    assertThat(provenance().verifyModel(model, governanceEnvelope, manifest).manifestDigest()).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void every_reason_is_produced(Reason reason) {
    // GIVEN the scenario for this reason
    assertThat(SCENARIOS).containsKey(reason);
    // WHEN it runs THEN verification fails with exactly that reason, and the message carries no payload
    var e = Fixtures.failure(SCENARIOS.get(reason));
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).doesNotContain(KEY.verificationKey().toSpkiPem().substring(27, 60));
    assertThat(e.getMessage()).doesNotContain("credit");
  }
}
