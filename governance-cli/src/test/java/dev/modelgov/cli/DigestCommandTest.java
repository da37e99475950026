package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance manifest digest}. */
class DigestCommandTest {

  @TempDir Path tmp;

  @Test
  void prints_the_canonical_digest_and_nothing_else() throws Exception {
    // GIVEN
    Path file = Path.of(Cli.example("credit-scoring.yaml"));
    String expected = ManifestCodec.defaults().digest(ManifestCodec.defaults().read(file)).toString();
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", file.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(expected + "\n").matches("sha256:[0-9a-f]{64}\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void the_digest_is_the_same_for_yaml_and_json() throws Exception {
    // GIVEN the same manifest as YAML and as JSON
    Path yaml = Path.of(Cli.example("minimal.yaml"));
    ModelManifest manifest = ManifestCodec.defaults().read(yaml);
    Path json = Files.write(tmp.resolve("minimal.json"), ManifestCodec.defaults().writeJson(manifest));
    // WHEN
    Cli.Result fromYaml = Cli.run("manifest", "digest", yaml.toString());
    Cli.Result fromJson = Cli.run("manifest", "digest", json.toString());
    // THEN
    assertThat(fromJson.out()).isEqualTo(fromYaml.out());
  }

  @Test
  void json_gives_file_id_version_and_digest() {
    // GIVEN
    String file = Cli.example("minimal.yaml");
    String expected = Cli.run("manifest", "digest", file).out().strip();
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", "--json", file);
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("file").asText()).isEqualTo(file);
    assertThat(json.get("id").asText()).isEqualTo("demo/iris-classifier");
    assertThat(json.get("version").asText()).isEqualTo("1.0.0");
    assertThat(json.get("digest").asText()).isEqualTo(expected);
  }

  @Test
  void an_invalid_manifest_exits_1_and_prints_no_digest() {
    // GIVEN
    String file = Cli.example("invalid/wrong-types.yaml");
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(file + ": build.trainingImage: image must be pinned by digest");
    assertNoStackTrace(result.err());
  }

  @Test
  void an_invalid_manifest_with_json_prints_its_problems_as_json() {
    // GIVEN
    String file = Cli.example("invalid/duplicate-key.json");
    // WHEN
    Cli.Result result = Cli.run("--json", "manifest", "digest", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).get("message").asText()).contains("Duplicate field", "byte offset");
    assertThat(json.has("digest")).isFalse();
  }

  @Test
  void a_missing_file_exits_2() {
    // GIVEN
    String file = tmp.resolve("absent.yaml").toString();
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(file + ": no such file\n");
  }

  @Test
  void two_files_are_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", Cli.example("minimal.yaml"), Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unmatched argument", GovernanceCli.TRY_HELP);
    assertThat(result.out()).isEmpty();
  }
}
