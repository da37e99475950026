package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.Dsse;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.core.provenance.VerifiedEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DSSE known-answer vectors in shared/vectors/provenance/dsse. */
class DsseVectorsTest {

  private static final JsonNode ED25519 = Fixtures.json(Fixtures.vectors().resolve("dsse/testvectors-ed25519.json"));
  private static final JsonNode P256 = Fixtures.json(Fixtures.vectors().resolve("dsse/protocol-hello-world-p256.json"));

  /** The reason each rejected vector must produce. */
  private static final Map<String, Reason> REJECTIONS =
      Map.of(
          "payload-type-swapped", Reason.BAD_SIGNATURE,
          "empty-payload-type", Reason.PAYLOAD_TYPE_MISMATCH,
          "threshold-two-one-key-twice", Reason.THRESHOLD_NOT_MET);

  static Stream<Arguments> ed25519Vectors() {
    List<Arguments> out = new ArrayList<>();
    ED25519.get("vectors").forEach(v -> out.add(Arguments.of(v.get("id").asText(), v)));
    return out.stream();
  }

  @Test
  void the_vector_file_has_all_nine_cases() {
    assertThat(ED25519.get("vectors")).hasSize(9);
  }

  @Test
  void the_rfc8032_keys_derive_the_published_public_keys() throws Exception {
    for (String name : List.of("A", "B")) {
      JsonNode k = ED25519.get("keys").get(name);
      // GIVEN the seed; WHEN the key is derived; THEN it equals the published public key
      SigningKey key = Fixtures.ed25519Seed(k.get("seed").asText());
      assertThat(key.verificationKey()).isEqualTo(Fixtures.ed25519Public(k.get("public").asText()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519Vectors")
  void ed25519_vector(String id, JsonNode vector) throws Exception {
    // GIVEN the vector's envelope, trusted keys, threshold and supported payload types
    DsseEnvelope envelope = DsseEnvelope.parse(Fixtures.write(vector.get("envelope")));
    TrustRoot.Builder root = TrustRoot.builder();
    for (JsonNode name : vector.get("trustedKeys")) {
      root.trust(name.asText(), Fixtures.ed25519Public(ED25519.get("keys").get(name.asText()).get("public").asText()));
    }
    TrustRoot trustRoot = root.build();

    // THEN the PAE of the envelope is the vector's PAE (for the payload type the signature covers)
    byte[] pae = HexFormat.of().parseHex(vector.get("pae").asText());
    if (!id.equals("payload-type-swapped")) {
      assertThat(envelope.pae()).isEqualTo(pae);
      assertThat(Dsse.pae(envelope.payloadType(), envelope.payload())).isEqualTo(pae);
    } else {
      assertThat(Dsse.pae("application/vnd.in-toto+json", envelope.payload())).isEqualTo(pae);
    }

    // WHEN the envelope is verified against each supported payload type
    Map<String, Object> outcomes = new LinkedHashMap<>();
    for (JsonNode type : vector.get("supportedPayloadTypes")) {
      ProvenanceVerifier verifier = ProvenanceVerifier.builder()
          .trustRoot(trustRoot)
          .threshold(vector.get("threshold").asInt())
          .allowedPayloadType(type.asText())
          .build();
      try {
        VerifiedEnvelope v = verifier.verifyEnvelope(envelope);
        outcomes.put(type.asText(), v);
      } catch (ProvenanceVerificationException e) {
        outcomes.put(type.asText(), e.reason());
      }
    }

    // THEN it is accepted by the verifier for its own payload type, or rejected by all with the expected reason
    if (vector.get("expect").asText().equals("accept")) {
      Object own = outcomes.get(envelope.payloadType());
      assertThat(own).isInstanceOf(VerifiedEnvelope.class);
      VerifiedEnvelope v = (VerifiedEnvelope) own;
      assertThat(v.payload()).isEqualTo(envelope.payload());
      assertThat(v.keyIds()).hasSize(vector.get("threshold").asInt());
    } else {
      assertThat(outcomes.values()).allSatisfy(o -> assertThat(o).isEqualTo(REJECTIONS.get(id)));
    }
  }

  @Test
  void empty_payload_pae_ends_with_a_trailing_space() {
    // GIVEN an empty body; WHEN its PAE is built; THEN it ends in " 0 "
    byte[] pae = Dsse.pae("application/vnd.in-toto+json", new byte[0]);
    assertThat(new String(pae, StandardCharsets.US_ASCII)).isEqualTo("DSSEv1 28 application/vnd.in-toto+json 0 ");
  }

  @Test
  void non_ascii_payload_type_counts_utf8_bytes() {
    // GIVEN a payload type of 28 chars and 29 UTF-8 bytes; THEN LEN is 29
    byte[] pae = Dsse.pae("application/vnd.exämple+json", "x".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 application/vnd.exämple+json 1 x");
  }

  @Test
  void hello_world_pae_is_the_spec_string() {
    // GIVEN the spec's payload type and body; WHEN the PAE is built; THEN it is the spec's string
    byte[] pae = Dsse.pae(P256.get("payloadType").asText(),
        P256.get("serializedBody").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo(P256.get("pae").asText());
  }

  @Test
  void hello_world_p1363_signature_verifies_only_with_accept_p1363() throws Exception {
    // GIVEN the spec's P-256 envelope, whose signature is raw r||s, and its key
    DsseEnvelope envelope = DsseEnvelope.parse(Fixtures.write(P256.get("envelope")));
    VerificationKey key = VerificationKey.fromSpkiPem(P256.get("derived_spki_pem").asText());
    TrustRoot root = TrustRoot.builder().trust("spec", key).build();
    String type = P256.get("payloadType").asText();

    // WHEN verified by default (DER only) THEN it is refused
    ProvenanceVerifier derOnly = ProvenanceVerifier.builder().trustRoot(root).allowedPayloadType(type).build();
    assertThat(Fixtures.failure(() -> derOnly.verifyEnvelope(envelope)).reason()).isEqualTo(Reason.BAD_SIGNATURE);

    // WHEN verified with acceptP1363 THEN it is accepted, with the spec's body
    ProvenanceVerifier p1363 =
        ProvenanceVerifier.builder().trustRoot(root).allowedPayloadType(type).acceptP1363(true).build();
    VerifiedEnvelope v = p1363.verifyEnvelope(envelope);
    assertThat(new String(v.payload(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(v.keyIds()).containsExactly(key.keyId());
  }
}
