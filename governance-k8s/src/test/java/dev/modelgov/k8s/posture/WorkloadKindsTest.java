package dev.modelgov.k8s.posture;

import static dev.modelgov.k8s.posture.Findings.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each workload kind: where its pod spec is (the paths of its findings), and which of probes, hpa and pdb apply.
 * Every case uses the hardened pod template with a privileged container, in an empty cluster context.
 */
class WorkloadKindsTest {

  private static final PostureScanner STRICT = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);

  private static Deployment privileged() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setPrivileged(true);
    return d;
  }

  private static List<String> scan(HasMetadata workload) {
    return keys(STRICT.scan(workload, ClusterContext.empty()));
  }

  @Test
  void pod_paths_start_at_spec_and_only_network_policy_applies() {
    // GIVEN a Pod with the hardened spec
    Deployment d = privileged();
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ml")
        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
        .withSpec(Hardened.pod(d)).build();
    // THEN
    assertThat(scan(pod)).containsExactly(
        "privileged server /spec/containers/0/securityContext/privileged", "network-policy - /metadata/labels");
  }

  @Test
  void a_pod_that_runs_to_completion_needs_no_probes() {
    Deployment d = Hardened.deployment();
    Hardened.pod(d).setRestartPolicy("Never");
    Hardened.container(d).setLivenessProbe(null);
    Hardened.container(d).setReadinessProbe(null);
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ml").endMetadata()
        .withSpec(Hardened.pod(d)).build();
    assertThat(scan(pod)).containsExactly("network-policy - /metadata/labels");
  }

  @Test
  void cron_job_paths_go_through_the_job_template_and_no_probes_hpa_or_pdb_apply() {
    // GIVEN a CronJob without probes
    Deployment d = privileged();
    Hardened.container(d).setLivenessProbe(null);
    Hardened.container(d).setReadinessProbe(null);
    HasMetadata cron = new CronJobBuilder().withNewMetadata().withName("nightly").withNamespace("ml").endMetadata()
        .withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec()
        .withTemplate(d.getSpec().getTemplate()).endSpec().endJobTemplate().endSpec().build();
    // THEN
    assertThat(scan(cron)).containsExactly(
        "privileged server /spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged",
        "network-policy - /spec/jobTemplate/spec/template/metadata/labels");
  }

  @Test
  void job_is_like_a_cron_job_one_level_up() {
    Deployment d = privileged();
    Hardened.container(d).setLivenessProbe(null);
    HasMetadata job = new JobBuilder().withNewMetadata().withName("train").withNamespace("ml").endMetadata()
        .withNewSpec().withTemplate(d.getSpec().getTemplate()).endSpec().build();
    assertThat(scan(job)).containsExactly(
        "privileged server /spec/template/spec/containers/0/securityContext/privileged",
        "network-policy - /spec/template/metadata/labels");
  }

  @Test
  void stateful_set_and_replica_set_get_hpa_and_pdb_and_daemon_set_does_not() {
    Deployment d = privileged();
    HasMetadata sts = new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("ml").endMetadata()
        .withNewSpec().withTemplate(d.getSpec().getTemplate()).endSpec().build();
    HasMetadata rs = new ReplicaSetBuilder().withNewMetadata().withName("r").withNamespace("ml").endMetadata()
        .withNewSpec().withTemplate(d.getSpec().getTemplate()).endSpec().build();
    HasMetadata ds = new DaemonSetBuilder().withNewMetadata().withName("d").withNamespace("ml").endMetadata()
        .withNewSpec().withTemplate(d.getSpec().getTemplate()).endSpec().build();
    for (HasMetadata scalable : List.of(sts, rs)) {
      assertThat(scan(scalable)).as(scalable.getKind()).containsExactly(
          "privileged server /spec/template/spec/containers/0/securityContext/privileged",
          "network-policy - /spec/template/metadata/labels",
          "hpa - /metadata/name",
          "pdb - /spec/template/metadata/labels");
    }
    assertThat(scan(ds)).containsExactly(
        "privileged server /spec/template/spec/containers/0/securityContext/privileged",
        "network-policy - /spec/template/metadata/labels");
  }

  @Test
  void a_generic_apps_v1_deployment_is_read_as_a_deployment() {
    // GIVEN the privileged Deployment as a GenericKubernetesResource
    KubernetesSerialization serialization = new KubernetesSerialization();
    GenericKubernetesResource generic =
        serialization.unmarshal(serialization.asJson(privileged()), GenericKubernetesResource.class);
    // THEN
    assertThat(PostureScanner.supports(generic)).isTrue();
    assertThat(keys(STRICT.scan(generic))).containsExactly(
        "privileged server /spec/template/spec/containers/0/securityContext/privileged");
  }

  @Test
  void other_objects_are_not_scanned() {
    HasMetadata configMap = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
        .addToData("password", "not-checked").build();
    assertThat(PostureScanner.supports(configMap)).isFalse();
    assertThat(STRICT.scan(configMap, ClusterContext.empty())).isEmpty();
  }

  // --- KServe InferenceService ---

  private static List<Finding> isvc(String yaml) throws ManifestLoadException {
    HasMetadata object = KubernetesManifests.parse(yaml, "isvc.yaml").get(0);
    assertThat(PostureScanner.supports(object)).isTrue();
    return STRICT.scan(object, ClusterContext.empty());
  }

  @Test
  void a_model_block_is_checked_for_what_it_writes() throws ManifestLoadException {
    // GIVEN a pinned OCI model with resources, and an explicit privileged flag
    List<Finding> findings = isvc("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: iris, namespace: ml}
        spec:
          predictor:
            automountServiceAccountToken: false
            model:
              modelFormat: {name: sklearn}
              storageUri: oci://registry.example/models/iris@sha256:%s
              resources:
                requests: {cpu: 500m, memory: 1Gi}
                limits: {cpu: "1", memory: 2Gi}
              securityContext: {privileged: true}
        """.formatted("ab".repeat(32)));
    // THEN only what is written is judged: no demand for runAsNonRoot, probes or an image
    assertThat(keys(findings)).containsExactly(
        "privileged kserve-container /spec/predictor/model/securityContext/privileged",
        "network-policy - /spec/predictor/labels",
        "pdb - /spec/predictor/labels");
  }

  @Test
  void component_pods_carry_the_kserve_labels_for_selectors() throws ManifestLoadException {
    // GIVEN a NetworkPolicy and a PDB that select the predictor pods by KServe's labels
    List<HasMetadata> objects = KubernetesManifests.parse("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: iris, namespace: ml, labels: {team: risk}}
        spec:
          predictor:
            automountServiceAccountToken: false
            sklearn:
              storageUri: hf://acme/iris:%s
              resources: {limits: {cpu: "1", memory: 2Gi}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: iris, namespace: ml}
        spec:
          podSelector:
            matchLabels: {serving.kserve.io/inferenceservice: iris, team: risk}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: iris, namespace: ml}
        spec:
          maxUnavailable: 1
          selector:
            matchExpressions:
              - {key: component, operator: In, values: [predictor]}
        """.formatted("0123456789abcdef0123456789abcdef01234567"), "iris.yaml");
    // THEN no finding
    assertThat(STRICT.scanAll(objects)).isEmpty();
  }

  @Test
  void model_uris_pinned_and_not() throws ManifestLoadException {
    String template = """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: m}
        spec:
          predictor:
            automountServiceAccountToken: false
            model:
              storageUri: "%s"
              resources: {limits: {cpu: "1", memory: 1Gi}}
        """;
    for (String pinned : List.of("s3://bucket/model?versionId=3HL4kqtJlcpXroDTDmJ",
        "oci://r/m@sha256:" + "cd".repeat(32), "hf://org/model:" + "ab".repeat(20))) {
      assertThat(Findings.ids(isvc(template.formatted(pinned)))).as(pinned).doesNotContain("model-uri-unpinned");
    }
    for (String unpinned : List.of("s3://bucket/model", "hf://org/model", "hf://org/model:main", "pvc://models/iris",
        "https://user:pw@example.com/m.joblib")) {
      List<Finding> findings = isvc(template.formatted(unpinned));
      assertThat(keys(findings)).as(unpinned)
          .contains("model-uri-unpinned kserve-container /spec/predictor/model/storageUri");
      assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("user:pw"));
    }
  }

  @Test
  void a_component_of_the_wrong_shape_is_an_error_naming_the_field() throws ManifestLoadException {
    HasMetadata object = KubernetesManifests.parse("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: bad, namespace: ml}
        spec:
          predictor:
            containers: {image: not-a-list}
        """, "bad.yaml").get(0);
    assertThatThrownBy(() -> STRICT.scan(object))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InferenceService ml/bad")
        .hasMessageContaining("/spec/predictor/containers")
        .hasMessageNotContaining("not-a-list");
  }
}
