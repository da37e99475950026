package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.ManifestGenerators;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.DsseSignature;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of signing, parsing and verifying DSSE envelopes over generated inputs. */
class DssePropertiesTest {

  private static final SigningKey ED = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey P256 = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  private static final TrustRoot ROOT =
      TrustRoot.builder().trust("ed", ED.verificationKey()).trust("p256", P256.verificationKey()).build();

  private static ProvenanceVerifier verifier(String payloadType) {
    return ProvenanceVerifier.builder().trustRoot(ROOT).allowedPayloadType(payloadType).build();
  }

  /** Any text, with lone surrogates (which have no UTF-8 form) replaced by '?'. */
  private static Gen<String> text(int min, int max) {
    return strings().allPossible().ofLengthBetween(min, max)
        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static boolean rejected(ProvenanceVerifier verifier, DsseEnvelope envelope) {
    try {
      verifier.verifyEnvelope(envelope);
      return false;
    } catch (dev.modelgov.api.provenance.ProvenanceVerificationException e) {
      return true;
    }
  }

  @Test
  void sign_serialize_parse_verify_round_trips() {
    qt().withExamples(300)
        .forAll(text(0, 64), text(0, 300))
        .checkAssert((type, body) -> {
          // GIVEN any payload type and body, signed
          byte[] payload = body.getBytes(StandardCharsets.UTF_8);
          DsseEnvelope signed = sign(type, payload, ED);
          // WHEN serialized, parsed and verified
          byte[] json = signed.toJson();
          DsseEnvelope parsed = parse(json);
          // THEN the JSON is ASCII, the envelope survives, and the exact payload verifies
          for (byte b : json) {
            assertThat(b & 0xff).isLessThan(0x80);
          }
          assertThat(parsed).isEqualTo(signed);
          assertThat(verify(verifier(type), parsed).payload()).isEqualTo(payload);
        });
  }

  @Test
  void any_single_bit_flip_of_the_payload_is_rejected() {
    qt().withExamples(300)
        .forAll(text(1, 200), integers().allPositive())
        .checkAssert((body, bit) -> {
          // GIVEN a signed payload with one bit flipped
          byte[] payload = body.getBytes(StandardCharsets.UTF_8);
          DsseEnvelope signed = sign(InTotoStatements.PAYLOAD_TYPE, payload, ED);
          payload[(bit / 8) % payload.length] ^= (byte) (1 << (bit % 8));
          DsseEnvelope tampered = DsseEnvelope.of(signed.payloadType(), payload, signed.signatures());
          // THEN it is rejected
          assertThat(rejected(verifier(InTotoStatements.PAYLOAD_TYPE), tampered)).isTrue();
        });
  }

  @Test
  void any_single_bit_flip_of_the_payload_type_is_rejected() {
    qt().withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 60), integers().allPositive())
        .checkAssert((type, bit) -> {
          // GIVEN a signed envelope whose (ASCII) payload type has one bit flipped
          DsseEnvelope signed = sign(type, "{}".getBytes(StandardCharsets.UTF_8), ED);
          byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
          typeBytes[(bit / 8) % typeBytes.length] ^= (byte) (1 << (bit % 8));
          String flipped = new String(typeBytes, StandardCharsets.UTF_8);
          DsseEnvelope tampered = DsseEnvelope.of(flipped, signed.payload(), signed.signatures());
          // THEN it is rejected, whichever payload type the verifier allows
          assertThat(rejected(verifier(flipped), tampered)).isTrue();
          assertThat(rejected(verifier(type), tampered)).isTrue();
        });
  }

  @Test
  void any_single_bit_flip_of_the_signature_is_rejected() {
    qt().withExamples(200)
        .forAll(text(0, 100), integers().allPositive(), integers().between(0, 1))
        .checkAssert((body, bit, which) -> {
          // GIVEN an Ed25519 or ECDSA signature with one bit flipped
          SigningKey key = which == 0 ? ED : P256;
          DsseEnvelope signed = sign(InTotoStatements.PAYLOAD_TYPE, body.getBytes(StandardCharsets.UTF_8), key);
          byte[] sig = signed.signatures().get(0).sig();
          sig[(bit / 8) % sig.length] ^= (byte) (1 << (bit % 8));
          DsseEnvelope tampered = signed.withSignatures(List.of(new DsseSignature(key.keyId(), sig)));
          // THEN it is rejected
          assertThat(rejected(verifier(InTotoStatements.PAYLOAD_TYPE), tampered)).isTrue();
        });
  }

  @Test
  void both_base64_alphabets_decode_alike() {
    qt().withExamples(300)
        .forAll(text(0, 120), integers().between(0, 3))
        .checkAssert((body, form) -> {
          // GIVEN a signed envelope re-encoded in one of the four base64 spellings
          DsseEnvelope signed = sign(InTotoStatements.PAYLOAD_TYPE, body.getBytes(StandardCharsets.UTF_8), ED);
          Base64.Encoder enc = switch (form) {
            case 0 -> Base64.getEncoder();
            case 1 -> Base64.getEncoder().withoutPadding();
            case 2 -> Base64.getUrlEncoder();
            default -> Base64.getUrlEncoder().withoutPadding();
          };
          ObjectNode json = Fixtures.JSON.createObjectNode();
          json.put("payload", enc.encodeToString(signed.payload()));
          json.put("payloadType", signed.payloadType());
          json.putArray("signatures").addObject()
              .put("keyid", ED.keyId())
              .put("sig", enc.encodeToString(signed.signatures().get(0).sig()));
          // WHEN parsed THEN it is the same envelope, and it verifies
          DsseEnvelope parsed = parse(Fixtures.write(json));
          assertThat(parsed).isEqualTo(signed);
          assertThat(verify(verifier(InTotoStatements.PAYLOAD_TYPE), parsed).payload()).isEqualTo(signed.payload());
        });
  }

  @Test
  void generated_manifests_sign_and_verify_with_the_governance_predicate() {
    ProvenanceVerifier verifier = verifier(InTotoStatements.PAYLOAD_TYPE);
    Digest root = new Digest("sha256", "c".repeat(64));
    qt().withExamples(150).forAll(ManifestGenerators.manifests()).checkAssert(manifest -> {
      // GIVEN a governance statement for any valid manifest, signed
      byte[] payload = InTotoStatements.statement("model", root, PredicateType.GOVERNANCE.uri(),
          InTotoStatements.governancePredicate(manifest));
      DsseEnvelope signed = sign(InTotoStatements.PAYLOAD_TYPE, payload, P256);
      // WHEN verified from its JSON
      VerifiedStatement s = verifyStatement(verifier, signed.toJson());
      // THEN the manifest digest and the carried manifest are the signed manifest's
      assertThat(s.manifestDigest()).contains(ManifestCodec.defaults().digest(manifest));
      assertThat(fromTree(s)).isEqualTo(manifest);
    });
  }

  private static ModelManifest fromTree(VerifiedStatement s) {
    try {
      return ManifestCodec.defaults().fromTree(s.manifestTree().orElseThrow());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static DsseEnvelope sign(String type, byte[] payload, SigningKey key) {
    try {
      return DsseEnvelope.sign(type, payload, List.of(key));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static DsseEnvelope parse(byte[] json) {
    try {
      return DsseEnvelope.parse(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static dev.modelgov.core.provenance.VerifiedEnvelope verify(ProvenanceVerifier v, DsseEnvelope e) {
    try {
      return v.verifyEnvelope(e);
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  private static VerifiedStatement verifyStatement(ProvenanceVerifier v, byte[] json) {
    try {
      return v.verify(json);
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }
}
