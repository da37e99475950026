package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.Digest;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyContextsTest {

  @Test
  void a_verified_governance_statement_gives_the_signed_digest_and_key() throws Exception {
    // GIVEN a governance statement for the minimal manifest, signed and verified
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    byte[] payload = InTotoStatements.statement("model", new Digest("sha256", "ab".repeat(32)),
        PredicateType.GOVERNANCE.uri(), InTotoStatements.governancePredicate(minimal()));
    byte[] envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key)).toJson();
    VerifiedStatement statement = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("release-2026", key.verificationKey()).build())
        .build()
        .verify(envelope);
    // WHEN turned into facts
    ProvenanceFacts facts = PolicyContexts.provenanceFacts(statement);
    // THEN they are verified, name the manifest digest and the verifying key
    assertThat(facts.present()).isTrue();
    assertThat(facts.verified()).isTrue();
    assertThat(facts.signedManifestDigest()).contains(ManifestCodec.defaults().digest(minimal()));
    assertThat(facts.keyId()).contains(key.verificationKey().keyId());
    assertThat(facts.failure()).isEmpty();
  }

  @Test
  void a_verification_failure_gives_the_reason_name() {
    // GIVEN a failed verification
    ProvenanceVerificationException e = new ProvenanceVerificationException(Reason.UNTRUSTED_KEY, "no trusted key");
    // WHEN turned into facts
    ProvenanceFacts facts = PolicyContexts.provenanceFacts(e);
    // THEN they are present, not verified, and carry the reason name only
    assertThat(facts.present()).isTrue();
    assertThat(facts.verified()).isFalse();
    assertThat(facts.failure()).isEqualTo(Optional.of("UNTRUSTED_KEY"));
    assertThat(facts.keyId()).isEmpty();
  }
}
