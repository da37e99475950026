package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigstoreBundle;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance sign}. */
class SignCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private ProvenanceFixture fixture;
  private Path model;
  private Path manifest;
  private ProvenanceFixture.KeyPair ed;

  @BeforeEach
  void setUp() {
    fixture = new ProvenanceFixture(tmp);
    model = fixture.model("credit");
    manifest = fixture.manifest("credit-scoring.yaml");
    ed = fixture.keygen("ed25519", "ed");
  }

  @Test
  void signs_a_dsse_envelope_whose_statement_binds_the_model_and_the_manifest() throws Exception {
    // GIVEN
    Path out = tmp.resolve("credit.dsse.json");
    String root = ModelHasher.defaults().hash(model).rootDigest().toString();
    String manifestDigest = ManifestCodec.defaults().digest(ManifestCodec.defaults().read(manifest)).toString();
    // WHEN
    Cli.Result result = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", out.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("signed: risk/credit-scoring@2.4.0 (" + manifestDigest + ") by " + ed.keyId()
        + " -> " + out + "\n");
    DsseEnvelope envelope = DsseEnvelope.parse(Files.readAllBytes(out), ProvenanceLimits.DEFAULT);
    assertThat(envelope.payloadType()).isEqualTo("application/vnd.in-toto+json");
    assertThat(envelope.signatures()).singleElement().satisfies(s -> assertThat(s.keyId()).isEqualTo(ed.keyId()));
    VerifiedStatement statement = verifier(ed).verify(envelope);
    assertThat(statement.knownPredicateType()).contains(PredicateType.GOVERNANCE);
    assertThat(statement.subjects()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("credit");
      assertThat(s.digest().toString()).isEqualTo(root);
    });
    assertThat(statement.manifestDigest().map(Object::toString)).contains(manifestDigest);
  }

  @Test
  void a_bundle_names_the_key_by_the_sha256_of_its_pem_text() throws Exception {
    // GIVEN
    ProvenanceFixture.KeyPair p256 = fixture.keygen("ecdsa-p256", "p256");
    // WHEN
    Path out = fixture.sign("credit.bundle.json", "--key", p256.key(), "--manifest", manifest.toString(),
        "--model", model.toString(), "--format", "bundle");
    // THEN
    JsonNode bundle = JSON.readTree(out.toFile());
    assertThat(bundle.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    String hint = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p256.publicKey())));
    assertThat(bundle.at("/verificationMaterial/publicKey/hint").asText()).isEqualTo(hint);
    assertThat(bundle.at("/dsseEnvelope/signatures")).hasSize(1);
    assertThat(verifier(p256).verifyBundle(SigstoreBundle.parse(Files.readAllBytes(out))).keyIds())
        .containsExactly(p256.keyId());
  }

  @Test
  void json_describes_what_was_signed() {
    // GIVEN
    Path out = tmp.resolve("credit.dsse.json");
    // WHEN
    Cli.Result result = Cli.run("--json", "sign", "-k", ed.key(), "-m", manifest.toString(), "--model",
        model.toString(), "-o", out.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("out").asText()).isEqualTo(out.toString());
    assertThat(json.get("format").asText()).isEqualTo("dsse");
    assertThat(json.get("predicateType").asText()).isEqualTo(PredicateType.GOVERNANCE.uri());
    assertThat(json.get("modelRef").asText()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(json.at("/subjects/0/name").asText()).isEqualTo("credit");
    assertThat(json.get("keyids")).hasSize(1);
    assertThat(json.get("bytes").asLong()).isEqualTo(out.toFile().length());
  }

  @Test
  void several_keys_sign_one_envelope() throws Exception {
    // GIVEN
    ProvenanceFixture.KeyPair p256 = fixture.keygen("ecdsa-p256", "p256");
    // WHEN
    Path out = fixture.sign("two.dsse.json", "--key", ed.key(), "--key", p256.key(), "--manifest",
        manifest.toString(), "--model", model.toString());
    // THEN
    DsseEnvelope envelope = DsseEnvelope.parse(Files.readAllBytes(out), ProvenanceLimits.DEFAULT);
    assertThat(envelope.signatures()).extracting(s -> s.keyId()).containsExactly(ed.keyId(), p256.keyId());
  }

  @Test
  void a_bundle_with_two_keys_is_a_usage_error() {
    // GIVEN
    ProvenanceFixture.KeyPair p256 = fixture.keygen("ecdsa-p256", "p256");
    Path out = tmp.resolve("two.bundle.json");
    // WHEN
    Cli.Result result = Cli.run("sign", "--key", ed.key(), "--key", p256.key(), "--manifest", manifest.toString(),
        "--model", model.toString(), "--format", "bundle", "--out", out.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("a Sigstore bundle takes exactly one --key");
    assertThat(out).doesNotExist();
  }

  @Test
  void without_a_model_the_subject_is_the_manifests_first_artifact() throws Exception {
    // WHEN
    Path out = fixture.sign("release.dsse.json", "--key", ed.key(), "--manifest", manifest.toString());
    // THEN
    VerifiedStatement statement =
        verifier(ed).verify(DsseEnvelope.parse(Files.readAllBytes(out), ProvenanceLimits.DEFAULT));
    assertThat(statement.subjects()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("s3://ml-models/credit-scoring/2.4.0/");
      assertThat(s.digest().toString()).isEqualTo("sha256:" + "4".repeat(64));
    });
    assertThat(statement.modelRef()).contains("risk/credit-scoring@2.4.0");
  }

  @Test
  void the_model_signing_predicate_writes_a_model_signing_bundle() throws Exception {
    // GIVEN
    ProvenanceFixture.KeyPair p256 = fixture.keygen("ecdsa-p256", "p256");
    // WHEN
    Path out = fixture.sign("model.sig", "--key", p256.key(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--format", "bundle", "--predicate", "model-signing");
    // THEN
    VerifiedStatement statement = verifier(p256).verify(Files.readAllBytes(out));
    assertThat(statement.predicateType()).isEqualTo("https://model_signing/signature/v1.0");
    assertThat(statement.modelSigningManifest()).hasValueSatisfying(h -> assertThat(h.resources()).hasSize(2));
  }

  @Test
  void slsa_and_model_signing_need_a_model() {
    for (String predicate : new String[] {"slsa", "model-signing"}) {
      // WHEN
      Cli.Result result = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--predicate",
          predicate, "--out", tmp.resolve("x.json").toString());
      // THEN
      assertThat(result.exitCode()).as(predicate).isEqualTo(2);
      assertThat(result.err()).isEqualTo("--predicate " + predicate + " needs --model\n");
    }
  }

  @Test
  void an_invalid_manifest_exits_1_and_writes_nothing() {
    // GIVEN
    String invalid = Cli.example("invalid/unknown-field.json");
    Path out = tmp.resolve("x.json");
    // WHEN
    Cli.Result result = Cli.run("sign", "--key", ed.key(), "--manifest", invalid, "--model", model.toString(),
        "--out", out.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains(invalid + ": colour: unknown field");
    assertThat(out).doesNotExist();
  }

  @Test
  void unusable_inputs_and_outputs_exit_2_with_one_line() throws Exception {
    // GIVEN
    String absentKey = tmp.resolve("absent.key.pem").toString();
    Path absentModel = tmp.resolve("absent-model");
    Path unwritable = tmp.resolve("no/such/dir/out.json");
    // WHEN
    Cli.Result noKey = Cli.run("sign", "--key", absentKey, "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", tmp.resolve("x.json").toString());
    Cli.Result publicKey = Cli.run("sign", "--key", ed.pub(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", tmp.resolve("x.json").toString());
    Cli.Result noModel = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        absentModel.toString(), "--out", tmp.resolve("x.json").toString());
    Cli.Result noManifest = Cli.run("sign", "--key", ed.key(), "--manifest", tmp.resolve("absent.yaml").toString(),
        "--model", model.toString(), "--out", tmp.resolve("x.json").toString());
    Cli.Result noDir = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", unwritable.toString());
    Cli.Result twice = Cli.run("sign", "--key", ed.key(), "--key", ed.key(), "--manifest", manifest.toString(),
        "--out", tmp.resolve("x.json").toString());
    // THEN
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).isEqualTo(absentKey + ": no such file\n");
    assertThat(publicKey.exitCode()).isEqualTo(2);
    assertThat(publicKey.err()).startsWith(ed.pub() + ": not a supported private key").doesNotContain("BEGIN");
    assertThat(noModel.exitCode()).isEqualTo(2);
    assertThat(noModel.err()).isEqualTo(absentModel + ": no such file or directory\n");
    assertThat(noManifest.exitCode()).isEqualTo(2);
    assertThat(noManifest.err()).endsWith("absent.yaml: no such file\n");
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).isEqualTo(unwritable + ": cannot be written: no such directory\n");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).isEqualTo(ed.key() + ": is given twice; give each key once\n");
    assertThat(tmp.resolve("x.json")).doesNotExist();
    for (Cli.Result r : new Cli.Result[] {noKey, publicKey, noModel, noManifest, noDir, twice}) {
      assertNoStackTrace(r.err());
      assertThat(r.err().lines()).hasSize(1);
    }
  }

  @Test
  void an_output_inside_the_model_directory_is_warned_about_unless_it_is_model_sig() {
    // WHEN
    Cli.Result inside = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", model.resolve("provenance.json").toString());
    Cli.Result modelSig = Cli.run("sign", "--key", ed.key(), "--manifest", manifest.toString(), "--model",
        model.toString(), "--out", model.resolve("model.sig").toString());
    // THEN
    assertThat(inside.exitCode()).isZero();
    assertThat(inside.err()).startsWith("warning: ").contains("model.sig");
    assertThat(modelSig.exitCode()).isZero();
    assertThat(modelSig.err()).isEmpty();
  }

  @Test
  void key_manifest_and_out_are_required() {
    // WHEN
    Cli.Result result = Cli.run("sign", "--model", model.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required options", "--key", "--manifest", "--out");
  }

  private static ProvenanceVerifier verifier(ProvenanceFixture.KeyPair pair) throws Exception {
    VerificationKey key = VerificationKey.fromSpkiPem(Files.readString(pair.publicKey()));
    return ProvenanceVerifier.builder().trustRoot(TrustRoot.builder().trust("test", key).build()).build();
  }
}
