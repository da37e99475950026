package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s vap}: ValidatingAdmissionPolicy export with the not-exported list on standard error. */
class K8sVapCommandTest {

  @TempDir Path tmp;

  private static String policy(String name) {
    return Cli.root().resolve("examples/policies").resolve(name).toString();
  }

  @Test
  void exports_the_workload_policy_as_yaml() {
    // WHEN the k8s-shaped example is exported
    Cli.Result result = Cli.run("k8s", "vap", "--policy", policy("k8s-workload.yaml"));
    // THEN the deny and warn policies and bindings are printed, and nothing is listed as not exported
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("kind: \"ValidatingAdmissionPolicy\"")
        .contains("kind: \"ValidatingAdmissionPolicyBinding\"").contains("name: \"k8s-workload-deny\"")
        .contains("name: \"k8s-workload-warn\"").contains("- \"Deny\"").contains("- \"Warn\"");
    assertThat(result.err()).doesNotContain("not exported");
  }

  @Test
  void lists_the_rules_it_cannot_export_on_standard_error() {
    // WHEN the manifest-based example is exported
    Cli.Result result = Cli.run("k8s", "vap", "--policy", policy("deploy-gate.yaml"));
    // THEN it exits 0, and every rule is listed with its reason
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("not exported: bank.owner.contact: it reads `manifest`")
        .contains("not exported: bank.tags: ");
    assertThat(result.out()).doesNotContain("kind: \"ValidatingAdmissionPolicy\"");
  }

  @Test
  void json_prints_objects_and_the_list() {
    // WHEN exported with --json
    Cli.Result result = Cli.run("k8s", "vap", "--policy", policy("k8s-workload.yaml"), "--json");
    // THEN the objects and the (empty) list are JSON
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("objects")).hasSize(4);
    assertThat(json.at("/objects/1/spec/validationActions/0").asText()).isEqualTo("Deny");
    assertThat(json.get("notExported")).isEmpty();
  }

  @Test
  void out_writes_the_yaml_to_a_file() throws Exception {
    // WHEN exported into a file
    Path out = tmp.resolve("vap.yaml");
    Cli.Result result = Cli.run("k8s", "vap", "--policy", policy("k8s-workload.yaml"), "--out", out.toString());
    // THEN the file holds the YAML and standard output says so
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(out)).contains("ValidatingAdmissionPolicyBinding");
    assertThat(result.out()).contains("wrote 4 objects to " + out);
  }

  @Test
  void an_invalid_policy_exits_2_naming_the_file() throws Exception {
    // GIVEN a policy whose CEL does not compile
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: GovernancePolicy
        metadata: {name: bad}
        spec:
          version: 1.0.0
          validations:
            - id: bad.rule
              severity: LOW
              expression: "object.spec.replicas >="
              message: broken
        """);
    // WHEN exported
    Cli.Result result = Cli.run("k8s", "vap", "--policy", bad.toString());
    // THEN exit 2 with one line naming the file and no stack trace
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("bad.yaml").doesNotContain("\tat ");
  }

  @Test
  void a_missing_file_and_a_bad_point_are_usage_errors() {
    Cli.Result missing = Cli.run("k8s", "vap", "--policy", tmp.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
    Cli.Result point = Cli.run("k8s", "vap", "--policy", policy("k8s-workload.yaml"), "--point", "moon");
    assertThat(point.exitCode()).isEqualTo(2);
    assertThat(point.err()).contains("unknown enforcement point 'moon'");
  }
}
