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

/** {@code governance manifest validate}. */
class ValidateCommandTest {

  @TempDir Path tmp;

  @Test
  void valid_manifests_exit_0_and_are_named_on_stdout() {
    // GIVEN
    String credit = Cli.example("credit-scoring.yaml");
    String minimal = Cli.example("minimal.yaml");
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", credit, minimal);
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains(credit + ": valid (risk/credit-scoring@2.4.0)")
        .contains(minimal + ": valid (demo/iris-classifier@1.0.0)");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void a_json_manifest_is_read_as_json() throws Exception {
    // GIVEN the minimal manifest converted to JSON
    ModelManifest manifest = ManifestCodec.defaults().read(Path.of(Cli.example("minimal.yaml")));
    Path json = Files.write(tmp.resolve("minimal.json"), ManifestCodec.defaults().writeJson(manifest));
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", json.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void an_invalid_manifest_exits_1_with_one_line_per_problem_naming_file_and_path() {
    // GIVEN
    String file = Cli.example("invalid/missing-fields.yaml");
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).contains(
        file + ": description: missing",
        file + ": datasets[1].digest: missing");
    assertThat(result.err().lines()).allSatisfy(line -> assertThat(line).startsWith(file + ": "));
    assertThat(result.out()).isEmpty();
    assertNoStackTrace(result.err());
  }

  @Test
  void a_syntax_error_is_a_document_level_problem_with_its_byte_offset() {
    // GIVEN
    String file = Cli.example("invalid/truncated.json");
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith(file + ": ").contains("line 4").contains("byte offset"));
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_file_exits_2() {
    // GIVEN
    String file = tmp.resolve("absent.yaml").toString();
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(file + ": no such file\n");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_directory_exits_2() {
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", tmp.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp + ": is a directory, not a manifest file\n");
  }

  @Test
  void an_empty_file_is_invalid() throws Exception {
    // GIVEN
    Path empty = Files.createFile(tmp.resolve("empty.yaml"));
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", empty.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(empty + ": document is empty\n");
  }

  @Test
  void binary_garbage_is_invalid_without_a_stack_trace() throws Exception {
    // GIVEN
    Path garbage = Files.write(tmp.resolve("garbage.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{'});
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", garbage.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith(garbage + ": ");
    assertThat(result.err().lines()).allSatisfy(line -> assertThat(line).startsWith(garbage + ": "));
    assertNoStackTrace(result.err());
  }

  @Test
  void several_files_exit_with_the_worst_outcome() {
    // GIVEN
    String valid = Cli.example("minimal.yaml");
    String invalid = Cli.example("invalid/unknown-field.json");
    String missing = tmp.resolve("absent.yaml").toString();
    // WHEN
    Cli.Result oneInvalid = Cli.run("manifest", "validate", valid, invalid);
    Cli.Result oneMissing = Cli.run("manifest", "validate", missing, valid, invalid);
    // THEN every file was checked, and unreadable outranks invalid
    assertThat(oneInvalid.exitCode()).isEqualTo(1);
    assertThat(oneMissing.exitCode()).isEqualTo(2);
    assertThat(oneMissing.err()).contains(missing + ": no such file", invalid + ": colour: unknown field");
    assertThat(oneMissing.out()).contains(valid + ": valid");
  }

  @Test
  void no_file_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter", GovernanceCli.TRY_HELP);
  }

  @Test
  void json_for_one_file_is_one_object() {
    // GIVEN
    String file = Cli.example("invalid/unknown-field.json");
    // WHEN
    Cli.Result result = Cli.run("manifest", "validate", "--json", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.isObject()).isTrue();
    assertThat(json.get("file").asText()).isEqualTo(file);
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("status").asText()).isEqualTo("invalid");
    assertThat(json.get("problems")).hasSize(2);
    assertThat(json.get("problems").get(1).get("path").asText()).isEqualTo("colour");
    assertThat(json.get("problems").get(1).get("message").asText()).isEqualTo("unknown field");
  }

  @Test
  void json_for_several_files_is_an_array_in_argument_order() {
    // GIVEN
    String valid = Cli.example("credit-scoring.yaml");
    String duplicate = Cli.example("invalid/duplicate-key.json");
    String missing = tmp.resolve("absent.json").toString();
    // WHEN
    Cli.Result result = Cli.run("--json", "manifest", "validate", valid, duplicate, missing);
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    JsonNode json = result.json();
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(3);
    assertThat(json.get(0).get("valid").asBoolean()).isTrue();
    assertThat(json.get(0).get("problems")).isEmpty();
    assertThat(json.get(1).get("status").asText()).isEqualTo("invalid");
    assertThat(json.get(1).get("problems").get(0).get("path").asText()).isEmpty();
    assertThat(json.get(1).get("problems").get(0).get("message").asText()).contains("byte offset");
    assertThat(json.get(2).get("status").asText()).isEqualTo("unreadable");
    assertThat(json.get(2).get("problems").get(0).get("message").asText()).isEqualTo("no such file");
  }
}
