package dev.modelgov.cli;

import dev.modelgov.cli.BuiltJar.Run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box tests: run the built {@code governance.jar} (and {@code bin/governance}) as a separate process on the
 * repository's example manifests, as a user would.
 */
class GovernanceCliIT {

  /** A JSON path as problem lines name it, such as {@code datasets[1].digest}. */
  private static final Pattern PATH =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\[\\d+\\])*(\\.[A-Za-z][A-Za-z0-9]*(\\[\\d+\\])*)*");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root = Cli.root();
  private final Path manifests = root.resolve("examples/manifests");

  @TempDir Path tmp;

  @Test
  void the_valid_examples_exit_0() throws Exception {
    // GIVEN
    Path credit = manifests.resolve("credit-scoring.yaml");
    Path minimal = manifests.resolve("minimal.yaml");
    // WHEN
    Run run = governance("manifest", "validate", credit.toString(), minimal.toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(credit + ": valid", minimal + ": valid");
    assertThat(run.err()).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> each_invalid_example_exits_1_with_one_line_per_problem() throws IOException {
    List<Path> invalid;
    try (Stream<Path> files = Files.list(manifests.resolve("invalid"))) {
      invalid = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(invalid).isNotEmpty();
    return invalid.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      // WHEN
      Run run = governance("manifest", "validate", file.toString());
      // THEN
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertNoStackTrace(run);
      List<String> lines = run.err().lines().toList();
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(file + ": "));
      String name = file.getFileName().toString();
      if (name.equals("truncated.json") || name.equals("duplicate-key.json")) {
        // a syntax error: one document-level line, located by byte offset
        assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("byte offset"));
      } else {
        // every other problem names the field it is about
        assertThat(lines).allSatisfy(line -> {
          String rest = line.substring((file + ": ").length());
          assertThat(rest).contains(": ");
          assertThat(rest.substring(0, rest.indexOf(": "))).matches(PATH);
        });
      }
    }));
  }

  @Test
  void document_level_problems_have_an_empty_path_in_json() throws Exception {
    // GIVEN
    Path truncated = manifests.resolve("invalid/truncated.json");
    Path duplicate = manifests.resolve("invalid/duplicate-key.json");
    // WHEN
    Run run = governance("manifest", "validate", "--json", truncated.toString(), duplicate.toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json).hasSize(2);
    for (JsonNode result : json) {
      assertThat(result.get("valid").asBoolean()).isFalse();
      assertThat(result.get("problems")).singleElement().satisfies(problem -> {
        assertThat(problem.get("path").asText()).isEmpty();
        assertThat(problem.get("message").asText()).contains("byte offset");
      });
    }
  }

  @Test
  void a_missing_file_exits_2() throws Exception {
    // GIVEN
    Path absent = tmp.resolve("absent.yaml");
    // WHEN
    Run run = governance("manifest", "validate", absent.toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(absent + ": no such file\n");
    assertNoStackTrace(run);
  }

  @Test
  void a_directory_instead_of_a_file_exits_2() throws Exception {
    // WHEN
    Run run = governance("manifest", "validate", manifests.toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith(manifests + ": ").contains("directory");
    assertNoStackTrace(run);
  }

  @Test
  void a_usage_error_exits_2_with_a_hint() throws Exception {
    // WHEN
    Run run = governance("manifest", "export", "--format", "docx", manifests.resolve("minimal.yaml").toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--format", "Try 'governance --help'");
    assertNoStackTrace(run);
  }

  @Test
  void version_names_the_command() throws Exception {
    // WHEN
    Run run = governance("--version");
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("governance ").doesNotContain("development build");
  }

  @Test
  void digest_prints_the_same_digest_as_json() throws Exception {
    // GIVEN
    String file = manifests.resolve("credit-scoring.yaml").toString();
    // WHEN
    Run plain = governance("manifest", "digest", file);
    Run json = governance("--json", "manifest", "digest", file);
    // THEN
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.out()).matches("sha256:[0-9a-f]{64}\n");
    JsonNode node = JSON.readTree(json.out());
    assertThat(node.get("id").asText()).isEqualTo("risk/credit-scoring");
    assertThat(node.get("digest").asText()).isEqualTo(plain.out().strip());
  }

  @Test
  void coverage_reports_both_frameworks() throws Exception {
    // WHEN
    Run run = governance("manifest", "coverage", manifests.resolve("credit-scoring.yaml").toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("EU AI Act Annex IV", "NIST AI RMF", " evidenced, ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void export_writes_a_cyclonedx_document_and_lists_lost_fields() throws Exception {
    // GIVEN
    Path out = tmp.resolve("credit-scoring.cdx.json");
    // WHEN
    Run run = governance("manifest", "export", "--format", "cyclonedx", "--out", out.toString(),
        manifests.resolve("credit-scoring.yaml").toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty(); // CycloneDX holds every manifest field
    assertThat(JSON.readTree(out.toFile()).get("specVersion").asText()).isEqualTo("1.6");
    assertThat(JSON.readTree(out.toFile()).get("bomFormat").asText()).isEqualTo("CycloneDX");
  }

  @Test
  void bin_governance_runs_the_jar() throws Exception {
    // WHEN the script is run through bash, as a user would, from another directory
    Run run = run(tmp, List.of("bash", root.resolve("bin/governance").toString(), "manifest", "validate",
        manifests.resolve("minimal.yaml").toString()));
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("minimal.yaml: valid");
  }

  @Test
  void bin_governance_follows_a_symlink_to_find_the_jar() throws Exception {
    // GIVEN a link to the script elsewhere, as in ~/bin
    Path link = Files.createSymbolicLink(tmp.resolve("governance"), root.resolve("bin/governance"));
    // WHEN
    Run run = run(tmp, List.of("bash", link.toString(), "--version"));
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("governance ");
  }

  @Test
  void bin_governance_explains_how_to_build_a_missing_jar() throws Exception {
    // GIVEN a copy of the script in a checkout with no built jar
    Path bin = Files.createDirectories(tmp.resolve("checkout/bin"));
    Files.copy(root.resolve("bin/governance"), bin.resolve("governance"));
    // WHEN
    Run run = run(tmp, List.of("bash", bin.resolve("governance").toString(), "--version"));
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("mvn -B -q -DskipTests -Dquick package -pl governance-cli -am");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void keygen_hash_sign_verify_then_a_tampered_model_fails_verification() throws Exception {
    // GIVEN a model directory, a copy of the example manifest and a fresh P-256 key pair
    Path model = Files.createDirectories(tmp.resolve("credit/weights"));
    Files.writeString(model.resolve("model.bin"), "coefficients 0.42 -1.7 0.03");
    Path modelDir = model.getParent();
    Path manifest = Files.copy(manifests.resolve("credit-scoring.yaml"), tmp.resolve("credit-scoring.yaml"));
    Path prefix = tmp.resolve("release");
    Run keygen = governance("keygen", "--algorithm", "ecdsa-p256", "--out", prefix.toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    String keyId = keygen.out().strip();
    assertThat(keyId).matches("[0-9a-f]{64}");
    // WHEN the model is hashed, signed as a bundle and verified
    Run hash = governance("hash-model", modelDir.toString());
    Path bundle = tmp.resolve("credit.bundle.json");
    Run sign = governance("sign", "--key", prefix + ".key.pem", "--manifest", manifest.toString(), "--model",
        modelDir.toString(), "--format", "bundle", "--out", bundle.toString());
    Run verify = governance("verify", "--pub", prefix + ".pub.pem", "--envelope", bundle.toString(), "--manifest",
        manifest.toString(), "--model", modelDir.toString());
    // THEN
    assertThat(hash.exitCode()).as(hash.toString()).isZero();
    assertThat(hash.out()).matches("sha256:[0-9a-f]{64}\n");
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
    JsonNode statement = JSON.readTree(Base64.getDecoder().decode(
        JSON.readTree(bundle.toFile()).at("/dsseEnvelope/payload").asText()));
    assertThat("sha256:" + statement.at("/subject/0/digest/sha256").asText()).isEqualTo(hash.out().strip());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("verified: risk/credit-scoring@2.4.0 (sha256:").endsWith(" by " + keyId + "\n");
    assertThat(verify.err()).isEmpty();

    // WHEN a weights file is changed after signing
    Files.writeString(model.resolve("model.bin"), "coefficients 0.42 -1.7 0.04");
    Run tampered = governance("verify", "--pub", prefix + ".pub.pem", "--envelope", bundle.toString(), "--manifest",
        manifest.toString(), "--model", modelDir.toString());
    // THEN verification fails with its reason, in one line
    assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
    assertThat(tampered.out()).isEmpty();
    assertThat(tampered.err()).startsWith("verification failed: SUBJECT_DIGEST_MISMATCH: ");
    assertThat(tampered.err().lines()).hasSize(1);
    assertNoStackTrace(tampered);
  }

  @Test
  void verify_accepts_model_signings_own_bundle_and_rejects_a_missing_envelope_with_2() throws Exception {
    // GIVEN a copy of the directory that OpenSSF model_signing v1.1.0 signed with a P-384 key
    Path vectors = ProvenanceFixture.modelSigningVectors();
    Path copy = Files.createDirectories(tmp.resolve("v1.1.0-elliptic-key"));
    for (String name : new String[] {"model.sig", "signme-1", "signme-2", "ignore-me"}) {
      Files.copy(vectors.resolve("v1.1.0-elliptic-key").resolve(name), copy.resolve(name));
    }
    String pub = vectors.resolve("signing-key-pub.spki.pem").toString();
    // WHEN
    Run run = governance("--json", "verify", "--pub", pub, "--envelope", copy.resolve("model.sig").toString(),
        "--model", copy.toString());
    Run missing = governance("verify", "--pub", pub, "--envelope", tmp.resolve("absent.sig").toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("predicateType").asText()).isEqualTo("https://model_signing/signature/v1.0");
    assertThat(json.at("/subjects/0/digest").asText()).startsWith("sha256:92745110");
    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo(tmp.resolve("absent.sig") + ": no such file\n");
  }

  @Test
  void policy_commands_find_the_cel_module_inside_the_jar() throws Exception {
    // GIVEN the CEL policy loader and backend, registered in META-INF/services and merged into the shaded jar
    Path policies = root.resolve("examples/policies");
    // WHEN the jar lints the CEL pack and a policy file, and evaluates the CEL pack
    Run lint = governance("policy", "lint", "builtin-cel", policies.resolve("deploy-gate.yaml").toString());
    Run eval = governance("policy", "eval", "--policy", "builtin-cel", "--point", "ci",
        manifests.resolve("minimal.yaml").toString());
    // THEN both found the services: the pack loads, compiles and denies the minimal manifest
    assertThat(lint.exitCode()).as(lint.toString()).isZero();
    assertThat(lint.out()).startsWith("ok builtin-cel (21 rules)\n");
    assertThat(eval.exitCode()).as(eval.toString()).isEqualTo(1);
    assertThat(eval.out()).contains("\nDENY model.owner (HIGH): ");
    assertNoStackTrace(eval);
  }

  private static void assertNoStackTrace(Run run) {
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("at dev.").doesNotContain("Exception");
  }

  private Run governance(String... args) throws Exception {
    return run(root, BuiltJar.governance(args));
  }


  private Run run(Path directory, List<String> command) throws Exception {
    return BuiltJar.run(directory, tmp, 60, command);
  }

}
