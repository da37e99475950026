package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s drift}: rendered objects against edited copies. */
class K8sDriftCommandTest {

  @TempDir Path tmp;

  private Path desired;
  private String rendered;

  @BeforeEach
  void render() throws IOException {
    Cli.Result result = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--namespace", "ml");
    assertThat(result.exitCode()).as(result.err()).isZero();
    rendered = result.out();
    desired = tmp.resolve("desired.yaml");
    Files.writeString(desired, rendered, StandardCharsets.UTF_8);
  }

  private Path live(String content) throws IOException {
    Path file = tmp.resolve("live.yaml");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void the_same_objects_have_no_drift() throws IOException {
    // WHEN
    Cli.Result result = Cli.run("k8s", "drift", "--desired", desired.toString(), "--live", live(rendered).toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("no drift between 8 desired and 8 live objects" + System.lineSeparator());
  }

  @Test
  void a_changed_image_and_a_deleted_object_are_reported_and_exit_1() throws IOException {
    // GIVEN a live state with a tag instead of the digest and without the PodDisruptionBudget
    String edited = rendered.replace("- image: \"registry.bank.example/ml/credit-serve@sha256:" + "5".repeat(64),
        "- image: \"registry.bank.example/ml/credit-serve:latest");
    int pdb = edited.indexOf("---\napiVersion: policy/v1\n");
    int next = edited.indexOf("---\n", pdb + 4);
    edited = edited.substring(0, pdb) + edited.substring(next);
    // WHEN
    Cli.Result result = Cli.run("k8s", "drift", "--desired", desired.toString(), "--live", live(edited).toString());
    Cli.Result json = Cli.run("--json", "k8s", "drift", "--desired", desired.toString(), "--live",
        live(edited).toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out().lines().toList()).containsExactly(
        "MISSING PodDisruptionBudget ml/risk-credit-scoring",
        "CHANGED Deployment ml/risk-credit-scoring /spec/template/spec/containers/0/image: "
            + "\"registry.bank.example/ml/credit-serve@sha256:" + "5".repeat(64) + "\" -> "
            + "\"registry.bank.example/ml/credit-serve:latest\"",
        "2 differences between 8 desired and 7 live objects");
    JsonNode items = json.json().get("drift");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("type").asText()).isEqualTo("MISSING");
    assertThat(items.get(0).get("desired").isNull()).isTrue();
    assertThat(items.get(1).get("path").asText()).isEqualTo("/spec/template/spec/containers/0/image");
  }

  @Test
  void an_unreadable_live_file_is_a_usage_error() {
    Cli.Result result = Cli.run("k8s", "drift", "--desired", desired.toString(), "--live",
        tmp.resolve("absent.yaml").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("absent.yaml: no such file");
    assertNoStackTrace(result.err());
  }
}
