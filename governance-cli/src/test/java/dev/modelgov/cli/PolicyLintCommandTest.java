package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static dev.modelgov.cli.PolicyEvalCommandTest.policies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance policy lint}: exit 0 clean, 1 errors found, 2 unreadable. */
class PolicyLintCommandTest {

  private static final String HEAD = """
      apiVersion: policy.modelgov.dev/v1alpha1
      kind: GovernancePolicy
      metadata: {name: lint-me}
      spec:
        version: 1.0.0
        validations:
          - id: model.owner.team
            severity: LOW
            message: the team is missing
            remediation: set owner.team
      """;

  @TempDir Path tmp;

  private Path policy(String name, String expression) throws IOException {
    return Files.writeString(tmp.resolve(name), HEAD + "      expression: \"" + expression + "\"\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void clean_policies_print_ok_with_their_rule_count() {
    // WHEN the example policy and both built-in packs are linted
    Cli.Result result = Cli.run("policy", "lint", policies("deploy-gate.yaml"), "builtin", "builtin-cel");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("ok " + policies("deploy-gate.yaml") + " (5 rules)\n"
        + "ok builtin (21 rules)\nok builtin-cel (21 rules)\n");
  }

  @Test
  void a_broken_expression_exits_1_naming_file_rule_line_and_column() throws IOException {
    // GIVEN an undeclared reference in a well-formed file
    Path broken = policy("broken.yaml", "manifest.owner.team != '' && undeclaredThing");
    // WHEN
    Cli.Result result = Cli.run("policy", "lint", broken.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith(broken + ": rule model.owner.team: 1:")
        .containsPattern(": \\d+:\\d+: .*undeclaredThing");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_structural_error_exits_1_and_json_names_the_rule_and_position() throws IOException {
    // GIVEN a rule without an expression
    Path broken = Files.writeString(tmp.resolve("no-expression.yaml"), HEAD, StandardCharsets.UTF_8);
    // WHEN
    Cli.Result result = Cli.run("--json", "policy", "lint", broken.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("rule").asText()).isEqualTo("model.owner.team");
    assertThat(json.get("line").asInt()).isPositive();
    assertThat(json.get("error").asText()).startsWith(broken + ": rule model.owner.team: ");
  }

  @Test
  void a_missing_file_exits_2() {
    // WHEN one file is clean and one is missing
    Cli.Result result = Cli.run("policy", "lint", policies("deploy-gate.yaml"), tmp.resolve("none.yaml").toString());
    // THEN the worst code wins
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp.resolve("none.yaml") + ": no such file\n");
  }
}
