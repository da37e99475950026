package dev.modelgov.k8s.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RbacAnalyzer}: each check, real ClusterRoles, ModelGov's own Role, and the per-subject view. */
class RbacAnalyzerTest {

  static List<HasMetadata> parse(String yaml) throws Exception {
    return KubernetesManifests.parse(yaml, "test.yaml");
  }

  static String clusterRole(String name, String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name + "\nrules:\n"
        + rules;
  }

  static String rule(String group, String resource, String verbs) {
    return "  - apiGroups: [\"" + group + "\"]\n    resources: [\"" + resource + "\"]\n    verbs: [" + verbs + "]\n";
  }

  static String components() throws IOException {
    try (InputStream in = RbacAnalyzer.class.getResourceAsStream(RbacAnalyzer.COMPONENTS_RBAC_RESOURCE)) {
      assertThat(in).as(RbacAnalyzer.COMPONENTS_RBAC_RESOURCE).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void the_kserve_manager_clusterrole_reads_secrets_and_creates_deployments() throws Exception {
    // GIVEN the KServe manager ClusterRole from the shared vectors
    Path file = GovernedModelFixtures.shared().resolve("vectors/k8s/manifests/kserve-manager-clusterrole.yaml");
    List<HasMetadata> objects = KubernetesManifests.load(file);
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN exactly these findings: rule 3 grants get on secrets (and serviceaccounts), rule 4 create/patch/update on
    // apps deployments; nothing else in its 19 rules is dangerous
    assertThat(report.findings())
        .extracting(Finding::id, Finding::severity, Finding::kind, Finding::namespace, Finding::name, Finding::path)
        .containsExactly(
            tuple("rbac-secrets-read", Severity.HIGH, "ClusterRole", "", "kserve-manager-role", "/rules/3/resources/0"),
            tuple("rbac-create-workloads", Severity.HIGH, "ClusterRole", "", "kserve-manager-role",
                "/rules/4/resources/0"));
    assertThat(report.findings().get(0).message()).contains("rule 3").contains("get on secrets");
    assertThat(report.findings().get(1).message()).contains("create, patch, update on deployments");
    assertThat(report.findings()).allSatisfy(f -> assertThat(f.container()).isEmpty());
  }

  @Test
  void the_kserve_copy_in_the_vectors_grants_nothing_on_admission_webhooks() throws Exception {
    // GIVEN the same vector: its README says it writes webhook configurations, which this copy (kserve @aaac4e29)
    // does not: no rule names the admissionregistration.k8s.io group
    Path file = GovernedModelFixtures.shared().resolve("vectors/k8s/manifests/kserve-manager-clusterrole.yaml");
    ClusterRole role = (ClusterRole) KubernetesManifests.load(file).get(0);
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(List.of(role));
    // THEN so rbac-webhook-config is rightly absent (see webhook_configuration_writes_are_flagged for the check)
    assertThat(role.getRules()).flatExtracting(PolicyRule::getApiGroups).doesNotContain("admissionregistration.k8s.io");
    assertThat(report.findings()).extracting(Finding::id).doesNotContain("rbac-webhook-config");
  }

  @Test
  void webhook_configuration_writes_are_flagged() throws Exception {
    // GIVEN a manager role that, like older KServe releases, maintains its own webhook configurations
    List<HasMetadata> objects = parse(clusterRole("webhook-manager",
        "  - apiGroups: [admissionregistration.k8s.io]\n"
            + "    resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]\n"
            + "    verbs: [get, list, watch, create, update, patch]\n"));
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN
    assertThat(report.findings()).extracting(Finding::id, Finding::severity, Finding::path)
        .containsExactly(tuple("rbac-webhook-config", Severity.HIGH, "/rules/0/resources/0"));
    assertThat(report.findings().get(0).message())
        .contains("create, update, patch on mutatingwebhookconfigurations, validatingwebhookconfigurations");
  }

  @Test
  void modelgov_components_rbac_has_nothing_at_medium_or_above_and_grants_only_what_they_need() throws Exception {
    // GIVEN the shipped ServiceAccount, Role, RoleBinding and ConfigMap
    List<HasMetadata> objects = parse(components());
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN no finding at MEDIUM or above (in fact none), and the bound service account has none either
    assertThat(report.atLeast(Severity.MEDIUM)).isEmpty();
    assertThat(report.findings()).isEmpty();
    assertThat(report.subjects()).isEmpty();
    assertThat(report.unresolvedRoleRefs()).isEmpty();
    // AND the Role is exactly the documented one
    Role role = objects.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
    assertThat(role.getMetadata().getNamespace()).isEqualTo("modelgov-system");
    assertThat(role.getRules()).extracting(PolicyRule::getApiGroups, PolicyRule::getResources,
        PolicyRule::getResourceNames, PolicyRule::getVerbs).containsExactly(
        tuple(List.of("governance.modelgov.dev"), List.of("governedmodels"), List.of(),
            List.of("get", "list", "watch", "create", "update", "patch")),
        tuple(List.of("governance.modelgov.dev"), List.of("governedmodels/status"), List.of(),
            List.of("update", "patch")),
        tuple(List.of("events.k8s.io"), List.of("events"), List.of(), List.of("create")),
        tuple(List.of(""), List.of("configmaps"), List.of("modelgov-audit-checkpoint"),
            List.of("get", "update", "patch")));
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("ServiceAccount", "Role", "RoleBinding", "ConfigMap");
  }

  @ParameterizedTest(name = "{1} {2} on {0}: {3}")
  @CsvSource({
    "'', secrets, get, rbac-secrets-read, HIGH, /rules/0/resources/0",
    "'', secrets, watch, rbac-secrets-read, HIGH, /rules/0/resources/0",
    "'', pods/exec, create, rbac-pods-exec, HIGH, /rules/0/resources/0",
    "'', pods/exec, get, rbac-pods-exec, HIGH, /rules/0/resources/0",
    "'', pods/attach, create, rbac-pods-exec, HIGH, /rules/0/resources/0",
    "'', pods/ephemeralcontainers, patch, rbac-pods-exec, HIGH, /rules/0/resources/0",
    "rbac.authorization.k8s.io, clusterroles, escalate, rbac-escalate-bind-impersonate, CRITICAL, /rules/0/verbs/0",
    "rbac.authorization.k8s.io, roles, bind, rbac-escalate-bind-impersonate, CRITICAL, /rules/0/verbs/0",
    "'', serviceaccounts, impersonate, rbac-escalate-bind-impersonate, CRITICAL, /rules/0/verbs/0",
    "authentication.k8s.io, userextras/scopes, impersonate, rbac-escalate-bind-impersonate, CRITICAL, /rules/0/verbs/0",
    "rbac.authorization.k8s.io, rolebindings, create, rbac-escalate-bind-impersonate, MEDIUM, /rules/0/resources/0",
    "'', pods, create, rbac-create-workloads, HIGH, /rules/0/resources/0",
    "apps, statefulsets, patch, rbac-create-workloads, HIGH, /rules/0/resources/0",
    "batch, cronjobs, update, rbac-create-workloads, HIGH, /rules/0/resources/0",
    "'', nodes/proxy, get, rbac-nodes-proxy, CRITICAL, /rules/0/resources/0",
    "admissionregistration.k8s.io, validatingadmissionpolicies, delete, rbac-webhook-config, HIGH, /rules/0/resources/0",
    "'', serviceaccounts/token, create, rbac-token-csr, HIGH, /rules/0/resources/0",
    "certificates.k8s.io, certificatesigningrequests/approval, update, rbac-token-csr, HIGH, /rules/0/resources/0",
    "certificates.k8s.io, signers, approve, rbac-token-csr, HIGH, /rules/0/resources/0",
    "'', '*/exec', create, rbac-pods-exec, HIGH, /rules/0/resources/0",
  })
  void each_dangerous_permission_is_one_finding_at_the_granting_element(String group, String resource, String verb,
      String id, Severity severity, String path) throws Exception {
    // GIVEN a ClusterRole with one rule
    List<HasMetadata> objects = parse(clusterRole("r", rule(group, resource, verb)));
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN
    assertThat(report.findings()).extracting(Finding::id, Finding::severity, Finding::path)
        .containsExactly(tuple(id, severity, path));
    assertThat(report.findings().get(0).fix()).isNotBlank();
  }

  @ParameterizedTest(name = "{1} {2} on {0} is harmless")
  @CsvSource({
    "'', pods, 'get, list, watch'",
    "'', configmaps, 'get, list, watch, create, update, patch, delete'",
    "'', pods/log, get",
    "apps, deployments, 'get, list, watch'",
    "apps, deployments/scale, patch",
    "rbac.authorization.k8s.io, roles, 'get, list'",
    "'', serviceaccounts, 'get, list'",
    "serving.kserve.io, inferenceservices, 'create, update, patch'",
    "'', secrets, 'create, delete'",
    "example.com, secrets, get",
  })
  void read_only_and_unrelated_permissions_give_no_finding(String group, String resource, String verbs)
      throws Exception {
    assertThat(RbacAnalyzer.analyze(parse(clusterRole("r", rule(group, resource, verbs)))).findings()).isEmpty();
  }

  @Test
  void secrets_read_limited_by_resource_names_is_medium() throws Exception {
    // GIVEN
    List<HasMetadata> objects = parse(clusterRole("r",
        "  - apiGroups: [\"\"]\n    resources: [secrets]\n    resourceNames: [tls-cert]\n    verbs: [get]\n"));
    // WHEN
    List<Finding> findings = RbacAnalyzer.analyze(objects).findings();
    // THEN
    assertThat(findings).extracting(Finding::id, Finding::severity).containsExactly(
        tuple("rbac-secrets-read", Severity.MEDIUM));
  }

  @Test
  void a_wildcard_rule_is_critical_and_counts_as_every_permission_it_grants() throws Exception {
    // GIVEN cluster-admin's rule
    List<HasMetadata> objects = parse(clusterRole("all", rule("*", "*", "\"*\"")));
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN both wildcards are CRITICAL, and every resource check matches too
    assertThat(report.findings()).filteredOn(f -> f.id().startsWith("rbac-wildcard"))
        .extracting(Finding::id, Finding::severity, Finding::path)
        .containsExactlyInAnyOrder(tuple("rbac-wildcard-verbs", Severity.CRITICAL, "/rules/0/verbs/0"),
            tuple("rbac-wildcard-resources", Severity.CRITICAL, "/rules/0/resources/0"));
    assertThat(report.findings()).extracting(Finding::id).containsExactlyInAnyOrder("rbac-wildcard-verbs",
        "rbac-wildcard-resources", "rbac-secrets-read", "rbac-pods-exec", "rbac-escalate-bind-impersonate",
        "rbac-create-workloads", "rbac-nodes-proxy", "rbac-webhook-config", "rbac-token-csr");
    assertThat(report.worstSeverity()).contains(Severity.CRITICAL);
    assertThat(report.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void a_wildcard_verb_on_named_resources_is_high() throws Exception {
    // GIVEN
    List<HasMetadata> objects = parse(clusterRole("r", rule("", "configmaps", "\"*\"")));
    // WHEN
    List<Finding> findings = RbacAnalyzer.analyze(objects).findings();
    // THEN
    assertThat(findings).extracting(Finding::id, Finding::severity, Finding::path)
        .containsExactly(tuple("rbac-wildcard-verbs", Severity.HIGH, "/rules/0/verbs/0"));
  }

  @Test
  void a_cluster_role_bound_by_a_role_binding_applies_in_the_binding_namespace_only() throws Exception {
    // GIVEN a secret-reading ClusterRole bound to a service account in namespace ml, and cluster-wide to a group
    List<HasMetadata> objects = parse(clusterRole("secret-reader", rule("", "secrets", "get, list"))
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read-secrets, "
        + "namespace: ml}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}\n"
        + "subjects:\n  - {kind: ServiceAccount, name: runner}\n"
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ops-secrets}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}\n"
        + "subjects:\n  - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}\n");
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN
    assertThat(report.subjects()).extracting(SubjectReport::subject).containsExactly(
        new RbacSubject("Group", "", "ops"), new RbacSubject("ServiceAccount", "ml", "runner"));
    SubjectFinding group = report.subjects().get(0).findings().get(0);
    assertThat(group.clusterWide()).isTrue();
    assertThat(group.bindingKind()).isEqualTo("ClusterRoleBinding");
    assertThat(group.finding().id()).isEqualTo("rbac-secrets-read");
    SubjectFinding sa = report.subjects().get(1).findings().get(0);
    assertThat(sa.clusterWide()).isFalse();
    assertThat(sa.scope()).isEqualTo("ml");
    assertThat(sa.scopeText()).isEqualTo("namespace ml");
    assertThat(sa.bindingName()).isEqualTo("read-secrets");
  }

  @Test
  void subjects_come_worst_first_with_their_worst_finding_first() throws Exception {
    // GIVEN one subject with a workload-creating Role and an exec ClusterRole, another with cluster-admin
    List<HasMetadata> objects = parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: "
        + "{name: deployer, namespace: ml}\nrules:\n" + rule("apps", "deployments", "create") + "  - apiGroups: [\"\"]\n"
        + "    resources: [secrets]\n    resourceNames: [one]\n    verbs: [get]\n"
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: deployer, namespace: ml}"
        + "\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\n"
        + "subjects:\n  - {kind: User, name: alice}\n"
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admins}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n"
        + "subjects:\n  - {kind: User, name: bob}\n");
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN bob (CRITICAL, cluster-admin) comes before alice (HIGH), and alice's HIGH before her MEDIUM
    assertThat(report.subjects()).extracting(s -> s.subject().name(), SubjectReport::worstSeverity)
        .containsExactly(tuple("bob", Severity.CRITICAL), tuple("alice", Severity.HIGH));
    assertThat(report.subjects().get(1).findings()).extracting(f -> f.finding().severity())
        .containsExactly(Severity.HIGH, Severity.MEDIUM);
    assertThat(report.subjects().get(0).findings().get(0).finding().path()).isEqualTo("/roleRef/name");
    assertThat(report.unresolvedRoleRefs()).isEmpty();
  }

  @Test
  void anonymous_and_unauthenticated_subjects_are_critical_and_unknown_roles_are_listed() throws Exception {
    // GIVEN a binding of a built-in role (not in the input) to unauthenticated users
    List<HasMetadata> objects = parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: "
        + "{name: open, namespace: ml}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\n"
        + "subjects:\n  - {kind: User, name: alice}\n  - {kind: Group, name: system:unauthenticated}\n"
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: everyone}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reports-reader}\n"
        + "subjects:\n  - {kind: Group, name: system:authenticated}\n");
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN
    assertThat(report.findings()).extracting(Finding::id, Finding::severity, Finding::kind, Finding::path)
        .containsExactly(
            tuple("rbac-dangerous-subject", Severity.CRITICAL, "RoleBinding", "/subjects/1/name"),
            tuple("rbac-dangerous-subject", Severity.HIGH, "ClusterRoleBinding", "/subjects/0/name"));
    assertThat(report.unresolvedRoleRefs()).containsExactly("RoleBinding ml/open -> ClusterRole edit",
        "ClusterRoleBinding everyone -> ClusterRole reports-reader");
    // AND the finding is the unauthenticated group's, not alice's
    assertThat(report.subjects()).extracting(s -> s.subject().name())
        .containsExactly("system:unauthenticated", "system:authenticated");
  }

  @Test
  void an_aggregated_cluster_role_carries_the_findings_of_the_roles_it_selects() throws Exception {
    // GIVEN an aggregated ClusterRole selecting a secret-reading one by label, bound to a service account
    List<HasMetadata> objects = parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: "
        + "{name: monitoring}\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels: {example.com/aggregate: "
        + "\"true\"}\nrules: []\n---\n"
        + clusterRole("piece", rule("", "secrets", "list")).replace("name: piece",
            "name: piece\n  labels: {example.com/aggregate: \"true\"}")
        + "---\n" + clusterRole("unrelated", rule("", "pods", "create"))
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: mon}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}\n"
        + "subjects:\n  - {kind: ServiceAccount, name: prometheus, namespace: monitoring}\n");
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN the service account can read secrets through the aggregated role, but not create pods
    assertThat(report.subjects()).singleElement().satisfies(s -> {
      assertThat(s.subject()).isEqualTo(new RbacSubject("ServiceAccount", "monitoring", "prometheus"));
      assertThat(s.findings()).extracting(f -> f.finding().id(), f -> f.finding().name())
          .containsExactly(tuple("rbac-secrets-read", "piece"));
    });
  }

  @Test
  void objects_that_are_not_rbac_are_ignored() throws Exception {
    // GIVEN a Deployment and a Role that only reads pods
    List<HasMetadata> objects = parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: ns}\nrules:\n"
        + rule("", "pods", "get"));
    // WHEN
    RbacReport report = RbacAnalyzer.analyze(objects);
    // THEN
    assertThat(report.findings()).isEmpty();
    assertThat(report.worstSeverity()).isEmpty();
  }
}
