package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance manifest coverage}. */
class CoverageCommandTest {

  @TempDir Path tmp;

  @Test
  void prints_a_table_per_framework_and_a_summary_and_exits_0() {
    // GIVEN
    String file = Cli.example("credit-scoring.yaml");
    // WHEN
    Cli.Result result = Cli.run("manifest", "coverage", file);
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith(file + ": risk/credit-scoring@2.4.0\n")
        .contains("EU AI Act Annex IV", "NIST AI RMF", "ITEM", "STATUS", "TITLE")
        .containsPattern("(?m)^\\d+ evidenced, \\d+ partial, \\d+ missing, of \\d+ items$");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void a_sparse_manifest_still_exits_0_and_says_what_is_missing() {
    // GIVEN the smallest valid manifest, which evidences little
    String file = Cli.example("minimal.yaml");
    // WHEN
    Cli.Result result = Cli.run("manifest", "coverage", file);
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("MISSING", "missing: ");
  }

  @Test
  void json_lists_every_item_and_a_consistent_summary() {
    // GIVEN
    String file = Cli.example("credit-scoring.yaml");
    // WHEN
    Cli.Result result = Cli.run("--json", "manifest", "coverage", file);
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("file").asText()).isEqualTo(file);
    assertThat(json.get("id").asText()).isEqualTo("risk/credit-scoring");
    assertThat(json.get("version").asText()).isEqualTo("2.4.0");
    JsonNode summary = json.get("summary");
    JsonNode items = json.get("items");
    assertThat(summary.get("total").asInt()).isEqualTo(items.size()).isPositive();
    assertThat(summary.get("evidenced").asInt() + summary.get("partial").asInt() + summary.get("missing").asInt())
        .isEqualTo(items.size());
    Set<String> frameworks = new HashSet<>();
    for (JsonNode item : items) {
      frameworks.add(item.get("framework").asText());
      assertThat(item.get("status").asText()).isIn("EVIDENCED", "PARTIAL", "MISSING");
      assertThat(item.get("itemId").asText()).isNotBlank();
      assertThat(item.get("title").asText()).isNotBlank();
      assertThat(item.get("evidence").isArray()).isTrue();
      assertThat(item.get("missing").isArray()).isTrue();
      if (item.get("status").asText().equals("EVIDENCED")) {
        assertThat(item.get("evidence")).isNotEmpty();
      }
    }
    assertThat(frameworks).containsExactlyInAnyOrder("EU_AI_ACT_ANNEX_IV", "NIST_AI_RMF");
  }

  @Test
  void an_invalid_manifest_exits_1() {
    // GIVEN
    String file = Cli.example("invalid/unknown-field.json");
    // WHEN
    Cli.Result result = Cli.run("manifest", "coverage", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains(file + ": colour: unknown field");
    assertNoStackTrace(result.err());
  }

  @Test
  void an_unreadable_file_exits_2() {
    // WHEN
    Cli.Result missing = Cli.run("manifest", "coverage", tmp.resolve("absent.yaml").toString());
    Cli.Result directory = Cli.run("manifest", "coverage", tmp.toString());
    // THEN
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(directory.exitCode()).isEqualTo(2);
    assertNoStackTrace(missing.err() + directory.err());
  }
}
