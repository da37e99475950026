package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.DsseSignature;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and verification rules of {@link DsseEnvelope} and {@link ProvenanceVerifier}, case by case. */
class ProvenanceVerifierTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey KEY2 = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  private static final SigningKey STRANGER = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final String HEX_A = "a".repeat(64);

  private static ProvenanceVerifier verifier() {
    return ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).trust("k2", KEY2.verificationKey()).build())
        .build();
  }

  private static byte[] sign(String payload, SigningKey... keys) throws Exception {
    return DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload.getBytes(StandardCharsets.UTF_8), List.of(keys))
        .toJson();
  }

  private static Reason reason(byte[] document) {
    return Fixtures.failure(() -> verifier().verify(document)).reason();
  }

  private static String statement(String predicateType, String predicate) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m\",\"digest\":{\"sha256\":\""
        + HEX_A + "\"}}],\"predicateType\":\"" + predicateType + "\",\"predicate\":" + predicate + "}";
  }

  /** A model_signing statement with these resource names, each with digest aa..a, and a matching root. */
  private static String modelSigningStatement(List<String> names) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ArrayNode resources = Fixtures.JSON.createArrayNode();
    for (String n : names) {
      resources.addObject().put("algorithm", "sha256").put("name", n).put("digest", HEX_A);
      md.update(HexFormat.of().parseHex(HEX_A));
    }
    ObjectNode predicate = Fixtures.JSON.createObjectNode();
    predicate.putObject("serialization").put("method", "files").put("hash_type", "sha256")
        .put("allow_symlinks", false);
    predicate.set("resources", resources);
    return new String(InTotoStatements.statement("m", Digest.sha256(md.digest()), PredicateType.MODEL_SIGNING.uri(),
        predicate), StandardCharsets.UTF_8);
  }

  // ---- envelope parsing

  @Test
  void unknown_fields_are_ignored() throws Exception {
    // GIVEN a valid envelope with extra fields at both levels
    ObjectNode env = (ObjectNode) Fixtures.json(sign(modelSigningStatement(List.of("a")), KEY));
    env.put("extension", "x");
    ((ObjectNode) env.get("signatures").get(0)).put("note", 1);
    // WHEN verified THEN it is accepted
    assertThat(verifier().verify(Fixtures.write(env)).predicateType()).isEqualTo(PredicateType.MODEL_SIGNING.uri());
  }

  @Test
  void a_duplicate_key_in_the_envelope_is_malformed() throws Exception {
    // GIVEN an envelope with "payloadType" twice
    String json = new String(sign(modelSigningStatement(List.of("a")), KEY), StandardCharsets.UTF_8);
    String dup = json.replaceFirst("\"payloadType\":", "\"payloadType\":\"x\",\"payloadType\":");
    // WHEN parsed THEN it is malformed
    assertThat(reason(dup.getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED_ENVELOPE);
    assertThat(Fixtures.failure(() -> DsseEnvelope.parse(dup.getBytes(StandardCharsets.UTF_8))).reason())
        .isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @Test
  void a_duplicate_key_in_the_signed_statement_is_malformed() throws Exception {
    // GIVEN a validly signed statement with "predicateType" twice
    String st = statement(PredicateType.MODEL_SIGNING.uri(), "{}")
        .replace("\"predicateType\":", "\"predicateType\":\"x\",\"predicateType\":");
    // WHEN verified THEN the strict statement parse refuses it
    assertThat(reason(sign(st, KEY))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 10, 50, 100, 200})
  void a_truncated_envelope_is_malformed(int keep) throws Exception {
    // GIVEN the first bytes of a valid envelope
    byte[] full = sign(modelSigningStatement(List.of("a")), KEY);
    // WHEN verified THEN it is malformed
    assertThat(reason(Arrays.copyOf(full, Math.min(keep, full.length - 1)))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "\"x\"", "{}", "{\"payload\":\"\",\"payloadType\":\"t\"}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}",
      "{\"payload\":1,\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"k\"}]}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\",\"keyid\":7}]}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[\"AA==\"]}",
      "{\"payload\":\"a b\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"ab+_\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"abcde\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"ab=\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"a===\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"A*==\"}]}",
      "{\"payload\":\"\",\"payloadType\":\"\\ud800\",\"signatures\":[{\"sig\":\"AA==\"}]}",
      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]} x",
  })
  void ill_formed_envelopes_are_malformed(String json) {
    // GIVEN an envelope that is not one well-formed DSSE envelope; WHEN parsed THEN it is malformed
    var e = Fixtures.failure(() -> DsseEnvelope.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_ENVELOPE);
    assertThat(reason(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @Test
  void url_safe_and_unpadded_base64_is_accepted() throws Exception {
    // GIVEN an envelope whose payload and signature are URL-safe base64 without padding
    DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE,
        modelSigningStatement(List.of("a")).getBytes(StandardCharsets.UTF_8), List.of(KEY));
    ObjectNode json = Fixtures.JSON.createObjectNode();
    json.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(env.payload()));
    json.put("payloadType", env.payloadType());
    json.putArray("signatures").addObject()
        .put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(env.signatures().get(0).sig()));
    // WHEN parsed and verified THEN it equals the original and verifies
    DsseEnvelope parsed = DsseEnvelope.parse(Fixtures.write(json));
    assertThat(parsed.payload()).isEqualTo(env.payload());
    assertThat(verifier().verify(parsed).keyIds()).containsExactly(KEY.keyId());
  }

  @Test
  void an_oversize_envelope_is_refused_before_parsing() throws Exception {
    // GIVEN a document over the limit that is not even JSON
    byte[] junk = new byte[2048];
    Arrays.fill(junk, (byte) '{');
    ProvenanceVerifier small = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).build())
        .limits(new ProvenanceLimits(1024, 100, 100, 4))
        .build();
    // WHEN verified THEN the size limit fires first
    assertThat(Fixtures.failure(() -> small.verify(junk)).reason()).isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
    assertThat(Fixtures.failure(() -> small.verifyBundle(junk)).reason()).isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
    assertThat(Fixtures.failure(() -> DsseEnvelope.parse(junk, new ProvenanceLimits(1024, 100, 100, 4))).reason())
        .isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
  }

  @Test
  void too_many_signatures_exceed_the_limit() throws Exception {
    // GIVEN five signatures and a limit of four
    byte[] env = sign(modelSigningStatement(List.of("a")), KEY, KEY, KEY, KEY, KEY);
    ProvenanceVerifier v = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).build())
        .limits(new ProvenanceLimits(1 << 20, 100, 100, 4))
        .build();
    // WHEN verified THEN it exceeds the limit
    assertThat(Fixtures.failure(() -> v.verify(env)).reason()).isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
  }

  // ---- signatures and trust

  @Test
  void two_distinct_trusted_keys_meet_a_threshold_of_two() throws Exception {
    // GIVEN an envelope signed by two trusted keys
    byte[] env = sign(modelSigningStatement(List.of("a")), KEY2, KEY);
    ProvenanceVerifier two = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).trust("k2", KEY2.verificationKey()).build())
        .threshold(2)
        .build();
    // WHEN verified THEN both key ids are reported, sorted
    assertThat(two.verify(env).keyIds()).containsExactlyElementsOf(
        List.of(KEY.keyId(), KEY2.keyId()).stream().sorted().toList());
  }

  @Test
  void the_same_key_twice_does_not_meet_a_threshold_of_two() throws Exception {
    // GIVEN two signatures by the same key (with different key id hints)
    DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE,
        modelSigningStatement(List.of("a")).getBytes(StandardCharsets.UTF_8), List.of(KEY, KEY));
    DsseEnvelope hinted = env.withSignatures(List.of(
        new DsseSignature("k", env.signatures().get(0).sig()), new DsseSignature("", env.signatures().get(1).sig())));
    ProvenanceVerifier two = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).trust("k2", KEY2.verificationKey()).build())
        .threshold(2)
        .build();
    // WHEN verified THEN one distinct key is not enough
    assertThat(Fixtures.failure(() -> two.verify(hinted)).reason()).isEqualTo(Reason.THRESHOLD_NOT_MET);
  }

  @Test
  void a_wrong_key_id_hint_does_not_prevent_verification() throws Exception {
    // GIVEN KEY's signature labelled with KEY2's key id
    DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE,
        modelSigningStatement(List.of("a")).getBytes(StandardCharsets.UTF_8), List.of(KEY));
    DsseEnvelope mislabelled =
        env.withSignatures(List.of(new DsseSignature(KEY2.keyId(), env.signatures().get(0).sig())));
    // WHEN verified THEN the hint only orders the candidates, and KEY verifies it
    assertThat(verifier().verify(mislabelled).keyIds()).containsExactly(KEY.keyId());
  }

  @Test
  void an_untrusted_signature_next_to_a_trusted_one_is_ignored() throws Exception {
    // GIVEN signatures by a stranger and by a trusted key
    byte[] env = sign(modelSigningStatement(List.of("a")), STRANGER, KEY);
    // WHEN verified THEN only the trusted key counts
    assertThat(verifier().verify(env).keyIds()).containsExactly(KEY.keyId());
  }

  @Test
  void a_revoked_key_does_not_count_but_another_trusted_key_does() throws Exception {
    // GIVEN signatures by a revoked key and a trusted key
    byte[] env = sign(modelSigningStatement(List.of("a")), KEY, KEY2);
    ProvenanceVerifier v = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).trust("k2", KEY2.verificationKey())
            .revoke(KEY.keyId()).build())
        .build();
    // WHEN verified THEN only the trusted one is reported
    assertThat(v.verify(env).keyIds()).containsExactly(KEY2.keyId());
  }

  @Test
  void an_ecdsa_p1363_signature_is_rejected_by_default() throws Exception {
    // GIVEN a P-256 DER signature re-encoded as raw r||s
    DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE,
        modelSigningStatement(List.of("a")).getBytes(StandardCharsets.UTF_8), List.of(KEY2));
    byte[] p1363 = derToP1363(env.signatures().get(0).sig());
    DsseEnvelope raw = env.withSignatures(List.of(new DsseSignature(KEY2.keyId(), p1363)));
    // WHEN verified by default THEN it is a bad signature; with acceptP1363 THEN it verifies
    assertThat(Fixtures.failure(() -> verifier().verify(raw)).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    ProvenanceVerifier lenient = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k2", KEY2.verificationKey()).build())
        .acceptP1363(true)
        .build();
    assertThat(lenient.verify(raw).keyIds()).containsExactly(KEY2.keyId());
  }

  private static byte[] derToP1363(byte[] der) {
    int offset = 2;
    int rLen = der[offset + 1];
    byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
    offset = offset + 2 + rLen;
    int sLen = der[offset + 1];
    byte[] s = Arrays.copyOfRange(der, offset + 2, offset + 2 + sLen);
    byte[] out = new byte[64];
    copyRight(r, out, 0);
    copyRight(s, out, 32);
    return out;
  }

  private static void copyRight(byte[] v, byte[] out, int at) {
    int start = Math.max(0, v.length - 32);
    System.arraycopy(v, start, out, at + 32 - (v.length - start), v.length - start);
  }

  // ---- statements and predicates

  @Test
  void a_statement_of_another_type_is_not_allowed() throws Exception {
    // GIVEN a signed statement with _type in-toto v0.1
    String st = statement(PredicateType.MODEL_SIGNING.uri(), "{}")
        .replace("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1");
    // WHEN verified THEN the statement type is refused
    assertThat(reason(sign(st, KEY))).isEqualTo(Reason.PREDICATE_TYPE_NOT_ALLOWED);
  }

  @Test
  void a_predicate_type_outside_the_allow_list_is_refused() throws Exception {
    // GIVEN a valid SLSA-typed statement and a verifier that allows only the governance predicate
    ProvenanceVerifier v = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).build())
        .allowedPredicateTypes(Set.of(PredicateType.GOVERNANCE.uri()))
        .build();
    byte[] env = sign(modelSigningStatement(List.of("a")), KEY);
    // WHEN verified THEN the predicate type is refused
    assertThat(Fixtures.failure(() -> v.verify(env)).reason()).isEqualTo(Reason.PREDICATE_TYPE_NOT_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json", "{\"_type\":1}", "{}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"p\"}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha512\":\"ab\"}}],"
          + "\"predicateType\":\"p\"}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"AB\"}}],"
          + "\"predicateType\":\"p\"}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
          + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}}]}",
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
          + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}}],"
          + "\"predicateType\":\"https://model_signing/signature/v1.0\",\"predicate\":[]}",
  })
  void ill_formed_statements_are_malformed(String statement) throws Exception {
    // GIVEN a validly signed payload that is not a well-formed statement; WHEN verified THEN it is malformed
    assertThat(reason(sign(statement, KEY))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a\u0000b", "a\\b", "C:/x", "a//b", "a/", "./a", ""})
  void unsafe_resource_paths_are_malformed(String path) throws Exception {
    // GIVEN a validly signed model_signing statement listing an unsafe path
    byte[] env = sign(modelSigningStatement(List.of("ok", path)), KEY);
    // WHEN verified THEN the path is refused
    ProvenanceVerificationException e = Fixtures.failure(() -> verifier().verify(env));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_ENVELOPE);
    assertThat(e.getMessage()).contains("resource 1");
  }

  @Test
  void a_duplicate_resource_is_malformed() throws Exception {
    // GIVEN a statement listing one file twice; WHEN verified THEN it is malformed
    assertThat(reason(sign(modelSigningStatement(List.of("a", "a")), KEY))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @Test
  void resource_count_and_path_length_limits() throws Exception {
    ProvenanceVerifier small = ProvenanceVerifier.builder()
        .trustRoot(TrustRoot.builder().trust("k", KEY.verificationKey()).build())
        .limits(new ProvenanceLimits(1 << 20, 3, 10, 4))
        .build();
    // GIVEN four resources and a limit of three; WHEN verified THEN the limit is exceeded
    byte[] many = sign(modelSigningStatement(List.of("a", "b", "c", "d")), KEY);
    assertThat(Fixtures.failure(() -> small.verify(many)).reason()).isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
    // GIVEN an 11-char path and a limit of 10; WHEN verified THEN the limit is exceeded
    byte[] longPath = sign(modelSigningStatement(List.of("abcdefghijk")), KEY);
    assertThat(Fixtures.failure(() -> small.verify(longPath)).reason()).isEqualTo(Reason.SIZE_LIMIT_EXCEEDED);
    // GIVEN limits that fit; THEN it verifies
    assertThat(small.verify(sign(modelSigningStatement(List.of("a", "b/c", "abcdefghij")), KEY))
        .modelSigningManifest().orElseThrow().resources()).hasSize(3);
  }

  @Test
  void resources_that_do_not_hash_to_the_subject_are_a_subject_mismatch() throws Exception {
    // GIVEN a statement whose subject digest is not the root of its resources
    String st = modelSigningStatement(List.of("a")).replaceFirst("\"sha256\":\"[0-9a-f]{64}\"",
        "\"sha256\":\"" + "b".repeat(64) + "\"");
    // WHEN verified THEN it is refused
    assertThat(reason(sign(st, KEY))).isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH);
  }

  @Test
  void model_signing_resources_must_use_the_serialization_algorithm() throws Exception {
    // GIVEN a resource whose algorithm contradicts the serialization; WHEN verified THEN it is malformed
    String st = modelSigningStatement(List.of("a")).replace("\"algorithm\":\"sha256\"", "\"algorithm\":\"md5\"");
    assertThat(reason(sign(st, KEY))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }

  @Test
  void shard_sizes_may_be_written_as_floats() throws Exception {
    // GIVEN a shards predicate with shard_size 8.0, as model_signing writes it
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(HexFormat.of().parseHex(HEX_A));
    String st = statement(PredicateType.MODEL_SIGNING.uri(),
        "{\"serialization\":{\"method\":\"shards\",\"hash_type\":\"sha256\",\"allow_symlinks\":true,"
            + "\"shard_size\":8.0},\"resources\":[{\"algorithm\":\"sha256-sharded-8\",\"digest\":\"" + HEX_A
            + "\",\"name\":\"d/f:0:8\"}]}")
        .replace(HEX_A + "\"}}]", HexFormat.of().formatHex(md.digest()) + "\"}}]");
    // WHEN verified THEN the serialization has shard size 8
    VerifiedStatement s = verifier().verify(sign(st, KEY));
    assertThat(s.modelSigningManifest().orElseThrow().serialization().shardSize()).hasValue(8);
  }

  @Test
  void the_payload_is_returned_exactly_as_verified() throws Exception {
    // GIVEN a signed statement with unusual whitespace
    String st = " " + modelSigningStatement(List.of("a")).replace(",", " ,\n ") + "\n";
    byte[] env = sign(st, KEY);
    // WHEN verified THEN the payload is byte-for-byte the signed one, and copies are defensive
    VerifiedStatement s = verifier().verify(env);
    assertThat(s.payload()).isEqualTo(st.getBytes(StandardCharsets.UTF_8));
    s.payload()[0] = 'x';
    ((ObjectNode) s.predicate()).put("injected", true);
    assertThat(s.payload()).isEqualTo(st.getBytes(StandardCharsets.UTF_8));
    assertThat(s.predicate().has("injected")).isFalse();
  }

  @Test
  void a_governance_manifest_that_does_not_have_its_digest_is_refused() throws Exception {
    // GIVEN a governance predicate whose manifest was edited but whose manifestDigest was kept, signed anyway
    ObjectNode predicate = InTotoStatements.governancePredicate(Fixtures.manifest("minimal.yaml"));
    ((ObjectNode) predicate.get("manifest")).put("version", "9.9.9");
    byte[] payload = InTotoStatements.statement("m", new Digest("sha256", HEX_A), PredicateType.GOVERNANCE.uri(),
        predicate);
    byte[] env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(KEY)).toJson();
    // WHEN verified THEN the manifest does not match
    assertThat(reason(env)).isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);
  }

  @Test
  void a_governance_model_ref_that_does_not_name_the_manifest_is_refused() throws Exception {
    // GIVEN a governance predicate whose modelRef names another model, signed anyway
    ObjectNode predicate = InTotoStatements.governancePredicate(Fixtures.manifest("minimal.yaml"));
    predicate.put("modelRef", "demo/other@1.0.0");
    byte[] payload = InTotoStatements.statement("m", new Digest("sha256", HEX_A), PredicateType.GOVERNANCE.uri(),
        predicate);
    byte[] env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(KEY)).toJson();
    // WHEN verified THEN the reference does not match the manifest
    assertThat(reason(env)).isEqualTo(Reason.MANIFEST_DIGEST_MISMATCH);
  }

  @Test
  void parse_errors_do_not_echo_document_content() throws Exception {
    // GIVEN an envelope with a duplicated, secret-looking key
    String json = "{\"payload\":\"\",\"payloadType\":\"t\",\"s3cr3t\":1,\"s3cr3t\":2,\"signatures\":[]}";
    // WHEN parsed THEN the message names the problem and its location only
    var e = Fixtures.failure(() -> DsseEnvelope.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_ENVELOPE);
    assertThat(e.getMessage()).contains("duplicate key").contains("line 1").doesNotContain("s3cr3t");
  }

  @Test
  void a_bundle_needs_the_key_that_made_its_signature() throws Exception {
    // GIVEN an envelope signed by KEY and the public key of KEY2
    DsseEnvelope env = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, new byte[] {1}, List.of(KEY));
    // WHEN a bundle is made THEN the mismatch is a programming error
    assertThatThrownBy(() -> dev.modelgov.core.provenance.SigstoreBundle.of(env, KEY2.verificationKey()))
        .isInstanceOf(IllegalArgumentException.class);
    // AND with two signatures it is refused too
    DsseEnvelope two = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, new byte[] {1}, List.of(KEY, KEY));
    assertThatThrownBy(() -> dev.modelgov.core.provenance.SigstoreBundle.of(two, KEY.verificationKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one signature");
  }

  @Test
  void governance_accessors() throws Exception {
    // GIVEN a governance statement for the minimal manifest
    var manifest = Fixtures.manifest("minimal.yaml");
    byte[] payload = InTotoStatements.statement("m", new Digest("sha256", HEX_A), PredicateType.GOVERNANCE.uri(),
        InTotoStatements.governancePredicate(manifest));
    // WHEN verified THEN digest, ref and tree are exposed
    VerifiedStatement s = verifier().verify(
        DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(KEY)).toJson());
    assertThat(s.manifestDigest()).contains(dev.modelgov.core.manifest.ManifestCodec.defaults().digest(manifest));
    assertThat(s.modelRef()).contains("demo/iris-classifier@1.0.0");
    JsonNode tree = s.manifestTree().orElseThrow();
    assertThat(tree.get("version").asText()).isEqualTo("1.0.0");
    assertThat(s.modelSigningManifest()).isEmpty();
    assertThat(s.toString()).doesNotContain("iris-classifier@");
  }

  // ---- value types

  @Test
  void signatures_copy_their_bytes_and_hide_them_in_to_string() {
    byte[] raw = {1, 2, 3, 4};
    DsseSignature s = new DsseSignature("id", raw);
    raw[0] = 9;
    assertThat(s.sig()).containsExactly(1, 2, 3, 4);
    s.sig()[1] = 9;
    assertThat(s.sig()).containsExactly(1, 2, 3, 4);
    assertThat(s).isEqualTo(new DsseSignature("id", new byte[] {1, 2, 3, 4}));
    assertThat(s.toString()).contains("4 bytes").doesNotContain("AQIDBA");
  }

  @Test
  void null_arguments_are_programming_errors() {
    assertThatThrownBy(() -> DsseEnvelope.parse(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("json must not be null");
    assertThatThrownBy(() -> verifier().verify((byte[]) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("envelopeOrBundle must not be null");
    assertThatThrownBy(() -> ProvenanceVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("trust root is not set");
    assertThatThrownBy(() -> ProvenanceVerifier.builder().threshold(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DsseEnvelope.sign("t", new byte[0], List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
