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

/** {@code governance policy test}: exit 0 when every case passes, 1 when one fails, 2 for an invalid suite. */
class PolicyTestCommandTest {

  @TempDir Path tmp;

  private Path suite(String cases) throws IOException {
    Files.copy(Path.of(Cli.example("credit-scoring.yaml")), tmp.resolve("credit-scoring.yaml"));
    return Files.writeString(tmp.resolve("my.suite.yaml"), """
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: PolicySuite
        metadata: {name: my-suite}
        policies: [builtin, builtin-cel]
        defaults: {manifest: credit-scoring.yaml, point: ci}
        """ + cases, StandardCharsets.UTF_8);
  }

  @Test
  void the_example_suites_pass_against_every_policy_they_list() {
    // WHEN both example suites run (the built-in pack in Java and CEL, and the user-written gate)
    Cli.Result result = Cli.run("policy", "test", policies("builtin.suite.yaml"), policies("deploy-gate.suite.yaml"));
    // THEN every case passed, for each policy
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("ok   builtin the complete high-risk manifest passes every deployment rule\n")
        .contains("ok   builtin-cel the complete high-risk manifest passes every deployment rule\n")
        .contains("ok   deploy-gate.yaml an outside contact only warns\n")
        .doesNotContain("FAIL ")
        .containsPattern("builtin\\.suite\\.yaml: builtin-rules: \\d+ passed, 0 failed\\n")
        .containsPattern("\\ntotal: \\d+ passed, 0 failed\\n$");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void a_wrong_expectation_fails_the_case_and_exits_1() throws IOException {
    // GIVEN a case that expects the complete manifest's owner rule to fail
    Path suite = suite("""
        cases:
          - name: wrong on purpose
            expect: {rules: {model.owner: FAIL}}
        """);
    // WHEN
    Cli.Result result = Cli.run("policy", "test", suite.toString());
    // THEN each policy reports the mismatch in plain words, and the run exits 1
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("FAIL builtin wrong on purpose: model.owner: expected FAIL, got PASS\n")
        .contains("FAIL builtin-cel wrong on purpose: model.owner: expected FAIL, got PASS\n")
        .contains(": my-suite: 0 passed, 2 failed\n");
  }

  @Test
  void json_lists_every_result_with_its_mismatches() throws IOException {
    // GIVEN one passing and one failing case
    Path suite = suite("""
        cases:
          - name: passes
            expect: {rules: {model.owner: PASS}}
          - name: fails
            expect: {effect: ALLOW}
        """);
    // WHEN
    Cli.Result result = Cli.run("--json", "policy", "test", suite.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("suite").asText()).isEqualTo("my-suite");
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.at("/summary/passed").asInt()).isEqualTo(2);
    assertThat(json.at("/summary/failed").asInt()).isEqualTo(2);
    assertThat(json.at("/results/0/policy").asText()).isEqualTo("builtin");
    assertThat(json.at("/results/0/passed").asBoolean()).isTrue();
    assertThat(json.at("/results/1/case").asText()).isEqualTo("fails");
    assertThat(json.at("/results/1/mismatches/0").asText()).startsWith("effect: expected ALLOW, got DENY (");
  }

  @Test
  void an_invalid_suite_exits_2_naming_the_case_and_field() throws IOException {
    // GIVEN a suite with an unknown outcome
    Path suite = suite("""
        cases:
          - name: typo
            expect: {rules: {model.owner: PASSED}}
        """);
    // WHEN
    Cli.Result result = Cli.run("policy", "test", suite.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(suite + ": case \"typo\": cases[0].expect.rules.model.owner: unknown outcome");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_suite_exits_2() {
    // WHEN
    Cli.Result result = Cli.run("policy", "test", tmp.resolve("none.suite.yaml").toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp.resolve("none.suite.yaml") + ": no such file\n");
  }
}
