package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;
import dev.modelgov.core.manifest.export.LostField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code governance manifest export}, against a recording exporter: the command's job is the plumbing (arguments,
 * output, lost fields, exit codes), while the documents themselves are the exporter's and tested in core.
 */
class ExportCommandTest {

  private static final String DOCUMENT = "{\"bomFormat\":\"CycloneDX\",\"name\":\"café\"}";

  @TempDir Path tmp;

  private final List<String> calls = new ArrayList<>();

  private final GovernanceCli.Services recording = new GovernanceCli.Services(ManifestCodec.defaults(),
      this::export);

  private ExportResult export(ModelManifest manifest, ExportFormat format) {
    calls.add(manifest.coordinates() + " " + format);
    return new ExportResult(format, DOCUMENT.getBytes(StandardCharsets.UTF_8), List.of(
        new LostField("lifecycle.approvals[0].comment", "no field for approval comments"),
        new LostField("risk.scheme", "no risk scheme")));
  }

  @Test
  void prints_the_document_on_stdout_and_the_lost_fields_on_stderr() {
    // GIVEN
    String file = Cli.example("minimal.yaml");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "cyclonedx", file);
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(calls).containsExactly("demo/iris-classifier@1.0.0 CYCLONEDX");
    assertThat(result.out()).isEqualTo(DOCUMENT + "\n");
    assertThat(result.err().lines()).containsExactly(
        "lost: lifecycle.approvals[0].comment: no field for approval comments",
        "lost: risk.scheme: no risk scheme");
  }

  @Test
  void format_names_are_the_cli_names_in_any_case() {
    // WHEN
    Cli.Result spdx = Cli.run(recording, "manifest", "export", "--format", "spdx", Cli.example("minimal.yaml"));
    Cli.Result card = Cli.run(recording, "manifest", "export", "-f", "Model-Card", Cli.example("minimal.yaml"));
    // THEN
    assertThat(spdx.exitCode()).isZero();
    assertThat(card.exitCode()).isZero();
    assertThat(calls).containsExactly("demo/iris-classifier@1.0.0 SPDX", "demo/iris-classifier@1.0.0 MODEL_CARD");
  }

  @Test
  void out_writes_the_exact_bytes_to_the_file_and_nothing_to_stdout() throws Exception {
    // GIVEN
    Path out = tmp.resolve("model.cdx.json");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "cyclonedx", "--out", out.toString(),
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(out).hasBinaryContent(DOCUMENT.getBytes(StandardCharsets.UTF_8));
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("lost: "));
  }

  @Test
  void out_replaces_an_existing_file() throws Exception {
    // GIVEN
    Path out = Files.writeString(tmp.resolve("model.cdx.json"), "an older, longer export that must not survive");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "-f", "cyclonedx", "-o", out.toString(),
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(out).hasContent(DOCUMENT);
  }

  @Test
  void out_in_a_missing_directory_exits_2() {
    // GIVEN
    Path out = tmp.resolve("no/such/dir/model.cdx.json");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "cyclonedx", "--out", out.toString(),
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(out + ": cannot be written: no such directory\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void out_naming_a_directory_exits_2() {
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "spdx", "--out", tmp.toString(),
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp + ": is a directory, not a file\n");
  }

  @Test
  void json_holds_the_document_and_the_lost_fields() {
    // WHEN
    Cli.Result result = Cli.run(recording, "--json", "manifest", "export", "--format", "cyclonedx",
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("file").asText()).isEqualTo(Cli.example("minimal.yaml"));
    assertThat(json.get("format").asText()).isEqualTo("cyclonedx");
    assertThat(json.get("out").isNull()).isTrue();
    assertThat(json.get("bytes").asInt()).isEqualTo(DOCUMENT.getBytes(StandardCharsets.UTF_8).length);
    assertThat(json.get("content").asText()).isEqualTo(DOCUMENT);
    assertThat(json.get("lost")).hasSize(2);
    assertThat(json.get("lost").get(0).get("path").asText()).isEqualTo("lifecycle.approvals[0].comment");
    assertThat(json.get("lost").get(0).get("reason").asText()).isEqualTo("no field for approval comments");
  }

  @Test
  void json_with_out_names_the_file_instead_of_holding_the_document() {
    // GIVEN
    Path out = tmp.resolve("card.md");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--json", "--format", "model-card", "--out",
        out.toString(), Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("format").asText()).isEqualTo("model-card");
    assertThat(json.get("out").asText()).isEqualTo(out.toString());
    assertThat(json.has("content")).isFalse();
    assertThat(out).hasContent(DOCUMENT);
  }

  @Test
  void an_unknown_format_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "xml", Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format", "cyclonedx, spdx, model-card", GovernanceCli.TRY_HELP);
    assertThat(calls).isEmpty();
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_format_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required option", "--format");
    assertThat(calls).isEmpty();
  }

  @Test
  void an_invalid_manifest_exits_1_and_is_not_exported() {
    // GIVEN
    String file = Cli.example("invalid/missing-fields.yaml");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "cyclonedx", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(calls).isEmpty();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(file + ": supplier: missing");
  }

  @Test
  void a_missing_file_exits_2_and_writes_no_output_file() {
    // GIVEN
    Path out = tmp.resolve("model.cdx.json");
    // WHEN
    Cli.Result result = Cli.run(recording, "manifest", "export", "--format", "cyclonedx", "--out", out.toString(),
        tmp.resolve("absent.yaml").toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(out).doesNotExist();
    assertThat(calls).isEmpty();
  }

  @Test
  void an_exporter_failure_is_an_internal_error_in_one_line() {
    // GIVEN an exporter that fails
    GovernanceCli.Services failing = new GovernanceCli.Services(ManifestCodec.defaults(), (manifest, format) -> {
      throw new UnsupportedOperationException("export to " + format + " is being written");
    });
    // WHEN
    Cli.Result result = Cli.run(failing, "manifest", "export", "--format", "spdx", Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("governance: internal error: java.lang.UnsupportedOperationException\n");
    assertThat(result.out()).isEmpty();
  }
}
