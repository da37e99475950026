package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s scan}: findings, profiles, --fail-on, --json, and errors naming the file. */
class K8sScanCommandTest {

  @TempDir Path tmp;

  private static String vector(String name) {
    Path shared = System.getProperty("modelgov.shared") != null
        ? Path.of(System.getProperty("modelgov.shared"))
        : Cli.root().resolveSibling("shared");
    return shared.resolve("vectors/k8s/manifests").resolve(name).toString();
  }

  private static final String TF_SERVING = "k8s-examples-tf-serving-deployment.yaml";

  @Test
  void a_bad_deployment_prints_one_line_per_finding_and_exits_1() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "scan", vector(TF_SERVING));
    // THEN
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(15);
    assertThat(lines).contains(
        "HIGH image-digest Deployment tf-serving [tensorflow-serving] /spec/template/spec/containers/0/image: "
            + "container 'tensorflow-serving' image 'tensorflow/serving:2.19.0' is not pinned by digest -> pin the "
            + "image of container 'tensorflow-serving' by digest: tensorflow/serving:2.19.0@sha256:DIGEST");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
        "MEDIUM network-policy Deployment tf-serving /spec/template/metadata/labels: no NetworkPolicy"));
    assertThat(lines.get(14)).isEqualTo(
        "14 findings (3 HIGH, 11 MEDIUM); 1 of 1 objects scanned; profile governance-strict; fail-on HIGH: FAIL");
  }

  @Test
  void fail_on_critical_passes_the_same_deployment() {
    Cli.Result result = Cli.run("k8s", "scan", "--fail-on", "critical", vector(TF_SERVING));
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("fail-on CRITICAL: PASS");
  }

  @Test
  void baseline_profile_finds_only_the_hostpath_volume_of_the_folder() {
    // WHEN the whole manifests folder is scanned with baseline
    Cli.Result result = Cli.run("k8s", "scan", "--profile", "baseline", vector(""));
    // THEN
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly(
        "HIGH host-path PersistentVolume my-model-pv /spec/hostPath: PersistentVolume 'my-model-pv' is the node's "
            + "path '/mnt/models/my_model' (hostPath), so pods claiming it bypass the hostPath rule -> back the "
            + "volume with a storage class (csi, a cloud disk, nfs) instead of hostPath",
        "1 finding (1 HIGH); 8 of 12 objects scanned; profile baseline; fail-on HIGH: FAIL");
  }

  @Test
  void the_hardened_controller_passes_restricted() {
    Cli.Result result = Cli.run("k8s", "scan", "--profile", "restricted",
        vector("kserve-controller-manager-deployment.yaml"));
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(
        "0 findings; 1 of 2 objects scanned; profile restricted; fail-on HIGH: PASS\n");
  }

  @Test
  void files_scanned_together_are_each_others_context() {
    // GIVEN the vLLM Deployment and the HPA that targets it
    Cli.Result alone = Cli.run("k8s", "scan", vector("k8s-examples-vllm-deployment.yaml"));
    Cli.Result together = Cli.run("k8s", "scan", vector("k8s-examples-vllm-deployment.yaml"),
        vector("k8s-examples-vllm-hpa.yaml"));
    // THEN
    assertThat(alone.out()).contains(" hpa Deployment vllm-gemma-deployment ");
    assertThat(together.out()).doesNotContain(" hpa ").contains(" pdb Deployment vllm-gemma-deployment ");
  }

  @Test
  void json_prints_the_findings_with_every_field() {
    // WHEN
    Cli.Result result = Cli.run("--json", "k8s", "scan", "--profile", "restricted",
        vector("kserve-isvc-rollout-strategy.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode findings = result.json().get("findings");
    assertThat(result.json().size()).isEqualTo(1);
    assertThat(findings).hasSize(8);
    JsonNode first = findings.get(0);
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "severity", "kind", "namespace", "name", "container", "path", "message",
        "fix");
    assertThat(first.get("id").asText()).isEqualTo("run-as-non-root");
    assertThat(first.get("severity").asText()).isEqualTo("HIGH");
    assertThat(first.get("kind").asText()).isEqualTo("InferenceService");
    assertThat(first.get("namespace").asText()).isEqualTo("default");
    assertThat(first.get("name").asText()).isEqualTo("rollout-strategy-example");
    assertThat(first.get("container").asText()).isEqualTo("kserve-container");
    assertThat(first.get("path").asText())
        .isEqualTo("/spec/transformer/custom/container/securityContext/runAsNonRoot");
  }

  @Test
  void json_container_is_null_for_pod_findings() {
    Cli.Result result = Cli.run("k8s", "scan", "--json", "--include", "network-policy", "--profile", "baseline",
        vector("kserve-isvc-sklearn-iris.yaml"));
    JsonNode finding = result.json().get("findings").get(0);
    assertThat(finding.get("id").asText()).isEqualTo("network-policy");
    assertThat(finding.get("container").isNull()).isTrue();
    assertThat(finding.get("namespace").asText()).isEmpty();
    assertThat(result.exitCode()).isZero(); // MEDIUM is below the default HIGH
  }

  @Test
  void ignore_skips_a_check() {
    Cli.Result result = Cli.run("k8s", "scan", "--ignore", "image-digest", "--ignore", "hpa", vector(TF_SERVING));
    assertThat(result.out()).doesNotContain(" image-digest ", " hpa ").contains("12 findings");
  }

  @Test
  void bad_yaml_exits_2_naming_file_document_and_line() throws IOException {
    // GIVEN a good document, then a bad one
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: [unclosed}
        """, StandardCharsets.UTF_8);
    // WHEN
    Cli.Result result = Cli.run("k8s", "scan", bad.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(bad + ": document 2 (line 7, column ").hasLineCount(1);
    assertNoStackTrace(result.err());
  }

  @Test
  void a_document_without_kind_and_a_missing_file_are_each_reported() throws IOException {
    Path noKind = Files.writeString(tmp.resolve("nokind.yaml"), "apiVersion: v1\nmetadata: {name: x}\n");
    Path missing = tmp.resolve("missing.yaml");
    Cli.Result result = Cli.run("k8s", "scan", noKind.toString(), missing.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).containsExactly(
        noKind + ": document 1 (line 1, column 1): kind is missing", missing + ": no such file");
  }

  @Test
  void an_invalid_selector_exits_2_naming_the_file_and_object() throws IOException {
    Path policy = Files.writeString(tmp.resolve("np.yaml"), """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: np, namespace: ml}
        spec:
          podSelector:
            matchExpressions: [{key: app, operator: Like, values: [x]}]
        """, StandardCharsets.UTF_8);
    Cli.Result result = Cli.run("k8s", "scan", policy.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(policy + ": NetworkPolicy ml/np spec.podSelector.matchExpressions[0]: "
        + "unknown operator 'Like'");
  }

  @Test
  void unknown_profile_severity_or_check_is_a_usage_error() {
    for (String[] args : new String[][] {
        {"k8s", "scan", "--profile", "strictest", vector(TF_SERVING)},
        {"k8s", "scan", "--fail-on", "urgent", vector(TF_SERVING)},
        {"k8s", "scan", "--ignore", "no-such-check", vector(TF_SERVING)}}) {
      Cli.Result result = Cli.run(args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.err()).contains(args[2]).contains(GovernanceCli.TRY_HELP);
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void help_lists_options_and_exit_codes() {
    Cli.Result result = Cli.run("k8s", "scan", "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: governance k8s scan", "--profile", "--fail-on", "--include", "--ignore",
        "--json", "Exit codes:");
  }
}
