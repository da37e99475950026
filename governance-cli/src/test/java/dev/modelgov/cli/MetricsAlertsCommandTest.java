package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.core.metrics.AlertRules;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance metrics alerts}: the rule file or PrometheusRule of a metrics configuration; exit 0 or 2. */
class MetricsAlertsCommandTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;

  static String metrics(String name) {
    return Cli.root().resolve("examples/metrics").resolve(name).toString();
  }

  private static JsonNode yaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  private static List<String> alertNames(JsonNode groups) {
    List<String> names = new ArrayList<>();
    groups.get(0).get("rules").forEach(r -> names.add(r.get("alert").asText()));
    return names;
  }

  private static JsonNode rule(JsonNode groups, String alert) {
    for (JsonNode r : groups.get(0).get("rules")) {
      if (r.get("alert").asText().equals(alert)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + alert);
  }

  @Test
  void the_example_config_renders_a_rule_file_with_every_alert_and_its_thresholds() throws IOException {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"));
    // THEN the rule file holds one group with the six alerts, in the library's order, with the config's numbers
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode groups = yaml(result.out()).get("groups");
    assertThat(groups).hasSize(1);
    List<String> expected = Arrays.stream(ModelAlert.values()).map(ModelAlert::alertName).toList();
    assertThat(alertNames(groups)).containsExactlyElementsOf(expected);
    JsonNode errorRate = rule(groups, "ModelErrorRateHigh");
    assertThat(errorRate.get("expr").asText()).endsWith("> 0.02");
    assertThat(errorRate.get("for").asText()).isEqualTo("5m");
    assertThat(errorRate.at("/labels/severity").asText()).isEqualTo("critical");
    assertThat(errorRate.at("/labels/team").asText()).isEqualTo("credit-risk");
    assertThat(rule(groups, "ModelDriftDetected").get("expr").asText()).endsWith("model_drift_window_samples >= 200");
  }

  @Test
  void the_output_is_what_the_library_renders_for_the_same_config() throws Exception {
    // GIVEN the config as the library reads it
    MetricsConfig config = MetricsConfig.read(Path.of(metrics("metrics-config.yaml")));
    // WHEN
    Cli.Result rules = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--format", "rules");
    Cli.Result resource = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--format",
        "prometheusrule");
    // THEN the CLI adds nothing and drops nothing
    assertThat(rules.out()).isEqualTo(AlertRules.render(config, AlertRules.Format.RULES));
    assertThat(resource.out()).isEqualTo(AlertRules.render(config, AlertRules.Format.PROMETHEUS_RULE));
  }

  @Test
  void the_committed_example_rule_file_is_the_current_rendering() throws IOException {
    // GIVEN the rule file examples/metrics/alerts.test.yaml loads
    String committed = Files.readString(Path.of(metrics("model-alerts.yaml")), StandardCharsets.UTF_8);
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"));
    // THEN regenerate it (see examples/metrics/README.md) when this fails
    assertThat(result.out()).isEqualTo(committed);
  }

  @Test
  void prometheusrule_wraps_the_groups_with_name_namespace_and_a_model_selector() throws IOException {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--format",
        "prometheusrule", "--name", "credit-scoring-alerts", "--namespace", "monitoring", "--model", "credit-scoring");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode doc = yaml(result.out());
    assertThat(doc.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(doc.get("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(doc.at("/metadata/name").asText()).isEqualTo("credit-scoring-alerts");
    assertThat(doc.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    JsonNode groups = doc.at("/spec/groups");
    assertThat(alertNames(groups)).hasSize(ModelAlert.values().length);
    groups.get(0).get("rules").forEach(r ->
        assertThat(r.get("expr").asText()).as(r.get("alert").asText()).contains("model=\"credit-scoring\""));
  }

  @Test
  void out_writes_the_yaml_to_a_file_and_prints_a_summary() throws IOException {
    // GIVEN
    Path out = tmp.resolve("rules.yaml");
    // WHEN
    Cli.Result written = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--out",
        out.toString());
    Cli.Result printed = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"));
    // THEN the file holds what standard output would have, and the summary names the count and the file
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(printed.out());
    assertThat(written.out()).startsWith("wrote 6 alerting rules (ModelDriftDetected, ").contains(out.toString());
  }

  @Test
  void json_prints_the_same_document_as_json() throws IOException {
    // WHEN
    Cli.Result json = Cli.run("--json", "metrics", "alerts", "--config", metrics("metrics-config.yaml"));
    Cli.Result yaml = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"));
    // THEN
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).startsWith("{");
    assertThat(json.json()).isEqualTo(yaml(yaml.out()));
  }

  @Test
  void json_with_out_prints_the_file_format_and_alert_names() {
    // GIVEN
    Path out = tmp.resolve("rule.yaml");
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--json", "--config", metrics("metrics-config.yaml"),
        "--format", "prometheusrule", "--out", out.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("out").asText()).isEqualTo(out.toString());
    assertThat(json.get("format").asText()).isEqualTo("prometheusrule");
    assertThat(json.get("alerts")).hasSize(ModelAlert.values().length);
    assertThat(Files.exists(out)).isTrue();
  }

  @Test
  void an_invalid_config_exits_2_naming_the_file_and_the_field() throws IOException {
    // GIVEN a config with a threshold out of range
    Path config = Files.writeString(tmp.resolve("metrics.yaml"), "alerts:\n  errorRate: 1.5\n");
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", config.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(config + ": ").contains("alerts.errorRate");
    assertNoStackTrace(result.err());
  }

  @Test
  void an_unknown_field_in_the_config_exits_2_naming_it() throws IOException {
    // GIVEN
    Path config = Files.writeString(tmp.resolve("metrics.yaml"), "alerts:\n  errorRat: 0.1\n");
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", config.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(config + ": ").contains("errorRat");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_config_file_exits_2() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", tmp.resolve("nope.yaml").toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp.resolve("nope.yaml") + ": no such file" + System.lineSeparator());
  }

  @Test
  void an_unknown_format_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--format", "json");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format: unknown format 'json'", "rules or prometheusrule",
        GovernanceCli.TRY_HELP);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void resource_options_are_refused_for_a_plain_rule_file() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--namespace",
        "monitoring");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--namespace applies only to --format prometheusrule");
  }

  @Test
  void an_invalid_namespace_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts", "--config", metrics("metrics-config.yaml"), "--format",
        "prometheusrule", "--namespace", "Not_A_Namespace");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("namespace");
    assertNoStackTrace(result.err());
  }

  @Test
  void config_is_required() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "alerts");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--config");
  }

  @Test
  void help_lists_the_subcommands_and_exit_codes() {
    // WHEN
    Cli.Result metrics = Cli.run("metrics", "--help");
    Cli.Result alerts = Cli.run("metrics", "alerts", "--help");
    // THEN
    assertThat(metrics.exitCode()).isZero();
    assertThat(metrics.out()).contains("alerts", "drift", "Exit codes:");
    assertThat(alerts.out()).contains("Usage: governance metrics alerts", "--format", "--out", "--json",
        "Exit codes:");
  }
}
