package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s rbac}: findings, subjects, --fail-on, --json, and errors naming the file. */
class K8sRbacCommandTest {

  @TempDir Path tmp;

  static String vector(String name) {
    Path shared = System.getProperty("modelgov.shared") != null
        ? Path.of(System.getProperty("modelgov.shared"))
        : Cli.root().resolveSibling("shared");
    return shared.resolve("vectors/k8s/manifests").resolve(name).toString();
  }

  private static final String KSERVE = "kserve-manager-clusterrole.yaml";

  private String write(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file.toString();
  }

  @Test
  void the_kserve_clusterrole_prints_its_two_high_findings_and_exits_1() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "rbac", vector(KSERVE));
    // THEN
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("HIGH rbac-secrets-read ClusterRole kserve-manager-role /rules/3/resources/0: "
        + "ClusterRole kserve-manager-role rule 3 grants get on secrets");
    assertThat(lines.get(1)).startsWith("HIGH rbac-create-workloads ClusterRole kserve-manager-role "
        + "/rules/4/resources/0: ");
    assertThat(lines.get(2)).isEqualTo(
        "2 findings (2 HIGH); 1 role, 0 bindings, 0 subjects with findings; fail-on HIGH: FAIL");
  }

  @Test
  void fail_on_critical_passes_it() {
    Cli.Result result = Cli.run("k8s", "rbac", "--fail-on", "critical", vector(KSERVE));
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).endsWith("fail-on CRITICAL: PASS" + System.lineSeparator());
  }

  @Test
  void json_lists_findings_with_every_field_and_the_subjects() throws Exception {
    // GIVEN the ClusterRole bound to a service account in one namespace
    String binding = write("binding.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
        + "metadata: {name: kserve, namespace: ml}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
        + "name: kserve-manager-role}\nsubjects:\n  - {kind: ServiceAccount, name: kserve-controller}\n");
    // WHEN
    Cli.Result result = Cli.run("--json", "k8s", "rbac", vector(KSERVE), binding);
    // THEN
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("findings")).hasSize(2);
    JsonNode first = json.get("findings").get(0);
    assertThat(first.get("id").asText()).isEqualTo("rbac-secrets-read");
    assertThat(first.get("severity").asText()).isEqualTo("HIGH");
    assertThat(first.get("kind").asText()).isEqualTo("ClusterRole");
    assertThat(first.get("namespace").asText()).isEmpty();
    assertThat(first.get("name").asText()).isEqualTo("kserve-manager-role");
    assertThat(first.get("container").isNull()).isTrue();
    assertThat(first.get("path").asText()).isEqualTo("/rules/3/resources/0");
    assertThat(first.get("message").asText()).contains("secrets");
    assertThat(first.get("fix").asText()).isNotBlank();
    JsonNode subject = json.get("subjects").get(0);
    assertThat(subject.get("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.get("namespace").asText()).isEqualTo("ml");
    assertThat(subject.get("worstSeverity").asText()).isEqualTo("HIGH");
    assertThat(subject.get("findings").get(0).get("scope").asText()).isEqualTo("ml");
    assertThat(subject.get("findings").get(0).at("/binding/name").asText()).isEqualTo("kserve");
    assertThat(json.get("unresolvedRoleRefs")).isEmpty();
  }

  @Test
  void human_output_lists_each_subject_and_unresolved_roles() throws Exception {
    // GIVEN
    String file = write("rbac.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
        + "metadata: {name: admins}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, "
        + "name: cluster-admin}\nsubjects:\n  - {kind: Group, name: platform}\n---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: editors, namespace: ml}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\n"
        + "subjects:\n  - {kind: Group, name: ml-team}\n");
    // WHEN
    Cli.Result result = Cli.run("k8s", "rbac", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains(
        "subject Group platform (CRITICAL):",
        "  CRITICAL rbac-dangerous-subject via ClusterRoleBinding admins (all namespaces): ClusterRoleBinding admins "
            + "/roleRef/name",
        "note: RoleBinding ml/editors -> ClusterRole edit: the role is not in the input; its permissions were not "
            + "checked");
  }

  @Test
  void the_shipped_components_rbac_passes_even_at_fail_on_low() throws Exception {
    // GIVEN the Role ModelGov ships
    String file;
    try (InputStream in = K8sRbacCommandTest.class.getResourceAsStream(
        "/dev/modelgov/k8s/rbac/modelgov-components.yaml")) {
      assertThat(in).isNotNull();
      file = write("components.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    // WHEN
    Cli.Result result = Cli.run("k8s", "rbac", "--fail-on", "low", file);
    // THEN
    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out()).isEqualTo("0 findings; 1 role, 1 binding, 0 subjects with findings; fail-on LOW: PASS"
        + System.lineSeparator());
  }

  @Test
  void bad_yaml_names_the_file_the_document_and_the_line() throws Exception {
    // GIVEN a second document with a syntax error
    String file = write("bad.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: [\n");
    // WHEN
    Cli.Result result = Cli.run("k8s", "rbac", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(file + ": document 2 (line ");
    assertNoStackTrace(result.err());
  }

  @Test
  void an_unknown_kind_is_an_error_naming_the_file_and_the_object() throws Exception {
    // GIVEN a misspelt kind
    String file = write("typo.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRol\n"
        + "metadata: {name: reader}\nrules: []\n");
    // WHEN
    Cli.Result result = Cli.run("k8s", "rbac", file);
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(file + ": kind ClusterRol (rbac.authorization.k8s.io/v1) of reader is not a "
        + "Kubernetes kind");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_file_and_a_bad_severity_are_usage_errors() {
    Cli.Result missing = Cli.run("k8s", "rbac", tmp.resolve("absent.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("absent.yaml: no such file");
    Cli.Result severity = Cli.run("k8s", "rbac", "--fail-on", "urgent", vector(KSERVE));
    assertThat(severity.exitCode()).isEqualTo(2);
    assertThat(severity.err()).contains("--fail-on: unknown severity 'urgent'");
  }
}
