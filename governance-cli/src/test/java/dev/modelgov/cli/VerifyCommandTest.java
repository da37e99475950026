package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance verify}: exit 0 verified, 1 verification failed (with its reason), 2 unusable input. */
class VerifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private ProvenanceFixture fixture;
  private Path model;
  private Path manifest;
  private ProvenanceFixture.KeyPair ed;
  private ProvenanceFixture.KeyPair p256;
  private Path envelope;

  @BeforeEach
  void setUp() {
    fixture = new ProvenanceFixture(tmp);
    model = fixture.model("credit");
    manifest = fixture.manifest("credit-scoring.yaml");
    ed = fixture.keygen("ed25519", "ed");
    p256 = fixture.keygen("ecdsa-p256", "p256");
    envelope = fixture.sign("credit.dsse.json", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        model.toString());
  }

  @Test
  void a_good_envelope_model_and_manifest_verify_and_exit_0() throws Exception {
    // GIVEN
    String manifestDigest = ManifestCodec.defaults().digest(ManifestCodec.defaults().read(manifest)).toString();
    // WHEN
    Cli.Result result = verify("--pub", ed.pub());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("verified: risk/credit-scoring@2.4.0 (" + manifestDigest + ") by " + ed.keyId() + "\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void a_p256_bundle_verifies_and_json_describes_it() {
    // GIVEN
    Path bundle = fixture.sign("credit.bundle.json", "--key", p256.key(), "--manifest", manifest.toString(),
        "--model", model.toString(), "--format", "bundle");
    // WHEN
    Cli.Result result = Cli.run("--json", "verify", "--pub", p256.pub(), "--envelope", bundle.toString(),
        "--manifest", manifest.toString(), "--model", model.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("envelope").asText()).isEqualTo(bundle.toString());
    assertThat(json.get("modelRef").asText()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(json.get("keyids")).singleElement().satisfies(k -> assertThat(k.asText()).isEqualTo(p256.keyId()));
    assertThat(json.at("/subjects/0/name").asText()).isEqualTo("credit");
    assertThat(json.get("modelChecked").asBoolean()).isTrue();
    assertThat(json.get("manifestChecked").asBoolean()).isTrue();
  }

  @Test
  void a_changed_model_file_fails_with_subject_digest_mismatch() throws Exception {
    // GIVEN one byte more in a weights file
    Files.writeString(model.resolve("weights/model.bin"), "!", StandardOpenOption.APPEND);
    // WHEN
    Cli.Result result = verify("--pub", ed.pub());
    // THEN
    assertFailed(result, "SUBJECT_DIGEST_MISMATCH");
  }

  @Test
  void an_added_model_file_fails_with_subject_digest_mismatch() throws Exception {
    // GIVEN
    Files.writeString(model.resolve("backdoor.py"), "import os");
    // WHEN
    Cli.Result result = verify("--pub", ed.pub());
    // THEN
    assertFailed(result, "SUBJECT_DIGEST_MISMATCH");
  }

  @Test
  void a_changed_manifest_fails_with_manifest_digest_mismatch() throws Exception {
    // GIVEN a manifest still valid, but not the one signed
    Files.writeString(manifest, Files.readString(manifest).replace("version: 2.4.0", "version: 2.4.1"));
    // WHEN
    Cli.Result withModel = verify("--pub", ed.pub());
    Cli.Result withoutModel = Cli.run("verify", "--pub", ed.pub(), "--envelope", envelope.toString(), "--manifest",
        manifest.toString());
    // THEN
    assertFailed(withModel, "MANIFEST_DIGEST_MISMATCH");
    assertFailed(withoutModel, "MANIFEST_DIGEST_MISMATCH");
  }

  @Test
  void a_governance_statement_checked_against_a_model_needs_the_manifest() {
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", ed.pub(), "--envelope", envelope.toString(), "--model",
        model.toString());
    // THEN
    assertFailed(result, "MANIFEST_DIGEST_MISMATCH");
    assertThat(result.err()).contains("no manifest was given");
  }

  @Test
  void another_key_fails_with_untrusted_key() {
    // WHEN
    Cli.Result result = verify("--pub", p256.pub());
    // THEN
    assertFailed(result, "UNTRUSTED_KEY");
  }

  @Test
  void threshold_2_with_one_signature_fails_with_threshold_not_met() {
    // WHEN both keys are trusted, but only one signed
    Cli.Result twoKeys = verify("--pub", ed.pub(), "--pub", p256.pub(), "--threshold", "2");
    Cli.Result oneKey = verify("--pub", ed.pub(), "--threshold", "2");
    // THEN
    assertFailed(twoKeys, "THRESHOLD_NOT_MET");
    assertFailed(oneKey, "THRESHOLD_NOT_MET");
  }

  @Test
  void threshold_2_is_met_by_two_signatures() {
    // GIVEN
    Path both = fixture.sign("both.dsse.json", "--key", ed.key(), "--key", p256.key(), "--manifest",
        manifest.toString(), "--model", model.toString());
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", ed.pub(), "--pub", p256.pub(), "-t", "2", "--envelope",
        both.toString(), "--manifest", manifest.toString(), "--model", model.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains(ed.keyId(), p256.keyId());
  }

  @Test
  void a_tampered_payload_fails_and_json_gives_the_reason() throws Exception {
    // GIVEN the envelope's statement with one character changed
    ObjectNode doc = (ObjectNode) JSON.readTree(envelope.toFile());
    String payload = new String(Base64.getDecoder().decode(doc.get("payload").asText()), StandardCharsets.UTF_8);
    doc.put("payload", Base64.getEncoder().encodeToString(
        payload.replace("risk/credit-scoring@2.4.0", "risk/credit-scoring@9.4.0").getBytes(StandardCharsets.UTF_8)));
    Path tampered = tmp.resolve("tampered.json");
    JSON.writeValue(tampered.toFile(), doc);
    // WHEN
    Cli.Result result = Cli.run("--json", "verify", "--pub", ed.pub(), "--envelope", tampered.toString(),
        "--manifest", manifest.toString(), "--model", model.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("verified").asBoolean()).isFalse();
    assertThat(json.get("reason").asText()).isIn("BAD_SIGNATURE", "UNTRUSTED_KEY");
    assertThat(json.get("message").asText()).isNotBlank();
    assertThat(result.err()).isEqualTo(
        "verification failed: " + json.get("reason").asText() + ": " + json.get("message").asText() + "\n");
  }

  @Test
  void a_file_that_is_no_envelope_fails_with_malformed_envelope() {
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", ed.pub(), "--envelope", manifest.toString());
    // THEN
    assertFailed(result, "MALFORMED_ENVELOPE");
  }

  @Test
  void without_a_model_only_signatures_and_statement_are_checked_and_a_warning_says_so() {
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", ed.pub(), "--envelope", envelope.toString(), "--manifest",
        manifest.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("verified: risk/credit-scoring@2.4.0 (sha256:");
    assertThat(result.err()).startsWith("warning: no --model given");
  }

  @Test
  void verifies_model_signings_own_p384_bundle_with_no_manifest() throws Exception {
    // GIVEN a copy of the directory model_signing v1.1.0 signed, with its model.sig inside
    Path vectors = ProvenanceFixture.modelSigningVectors();
    Path copy = copyModelSigningVector(vectors);
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", vectors.resolve("signing-key-pub.spki.pem").toString(),
        "--envelope", copy.resolve("model.sig").toString(), "--model", copy.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("verified: v1.1.0-elliptic-key (sha256:92745110").contains(" by ");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void model_signings_bundle_fails_once_a_signed_file_changed() throws Exception {
    // GIVEN
    Path vectors = ProvenanceFixture.modelSigningVectors();
    Path copy = copyModelSigningVector(vectors);
    Files.writeString(copy.resolve("signme-1"), "x", StandardOpenOption.APPEND);
    // WHEN
    Cli.Result result = Cli.run("verify", "--pub", vectors.resolve("signing-key-pub.spki.pem").toString(),
        "--envelope", copy.resolve("model.sig").toString(), "--model", copy.toString());
    // THEN
    assertFailed(result, "SUBJECT_DIGEST_MISMATCH");
    assertThat(result.err()).contains("signme-1");
  }

  @Test
  void unusable_inputs_exit_2_with_one_line() throws Exception {
    // GIVEN
    String absent = tmp.resolve("absent.json").toString();
    Path absentModel = tmp.resolve("absent-model");
    String invalid = Cli.example("invalid/unknown-field.json");
    // WHEN
    List<Cli.Result> results = new ArrayList<>();
    Cli.Result noEnvelope = Cli.run("verify", "--pub", ed.pub(), "--envelope", absent);
    Cli.Result noPub = Cli.run("verify", "--pub", absent, "--envelope", envelope.toString());
    Cli.Result privateAsPub = Cli.run("verify", "--pub", ed.key(), "--envelope", envelope.toString());
    Cli.Result noModel = Cli.run("verify", "--pub", ed.pub(), "--envelope", envelope.toString(), "--manifest",
        manifest.toString(), "--model", absentModel.toString());
    Cli.Result twice = Cli.run("verify", "--pub", ed.pub(), "--pub", ed.pub(), "--envelope", envelope.toString());
    Cli.Result directory = Cli.run("verify", "--pub", ed.pub(), "--envelope", tmp.toString());
    results.addAll(List.of(noEnvelope, noPub, privateAsPub, noModel, twice, directory));
    // THEN
    assertThat(noEnvelope.err()).isEqualTo(absent + ": no such file\n");
    assertThat(noPub.err()).isEqualTo(absent + ": no such file\n");
    assertThat(privateAsPub.err()).startsWith(ed.key() + ": not a supported public key").doesNotContain("BEGIN");
    assertThat(noModel.err()).isEqualTo(absentModel + ": no such file or directory\n");
    assertThat(twice.err()).isEqualTo(ed.pub() + ": is given twice; give each key once\n");
    assertThat(directory.err()).isEqualTo(tmp + ": is a directory, not a file\n");
    for (Cli.Result r : results) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines()).hasSize(1);
      assertNoStackTrace(r.err());
    }
    // an invalid manifest is an unusable input too: its problems, then exit 2
    Cli.Result invalidManifest = Cli.run("verify", "--pub", ed.pub(), "--envelope", envelope.toString(),
        "--manifest", invalid);
    assertThat(invalidManifest.exitCode()).isEqualTo(2);
    assertThat(invalidManifest.err()).contains(invalid + ": colour: unknown field");
  }

  @Test
  void threshold_below_1_and_missing_options_are_usage_errors() {
    // WHEN
    Cli.Result zero = verify("--pub", ed.pub(), "--threshold", "0");
    Cli.Result missing = Cli.run("verify", "--envelope", envelope.toString());
    // THEN
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--threshold must be at least 1", GovernanceCli.TRY_HELP);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option", "--pub");
  }

  private Cli.Result verify(String... keyArgs) {
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(List.of(keyArgs));
    args.addAll(List.of("--envelope", envelope.toString(), "--manifest", manifest.toString(), "--model",
        model.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  private Path copyModelSigningVector(Path vectors) throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("v1.1.0-elliptic-key"));
    for (String name : new String[] {"model.sig", "signme-1", "signme-2", "ignore-me"}) {
      Files.write(copy.resolve(name), Files.readAllBytes(vectors.resolve("v1.1.0-elliptic-key").resolve(name)));
    }
    return copy;
  }

  private static void assertFailed(Cli.Result result, String reason) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).singleElement()
        .satisfies(line -> assertThat(line).startsWith("verification failed: " + reason + ": "));
    assertNoStackTrace(result.err());
  }
}
