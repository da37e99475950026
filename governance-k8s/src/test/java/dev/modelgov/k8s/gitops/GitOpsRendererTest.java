package dev.modelgov.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.crd.GovernedModel;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import dev.modelgov.k8s.crd.GovernedModels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GitOpsRenderer} on the credit-scoring example: the objects, their hardening, labels and deterministic YAML. */
class GitOpsRendererTest {

  private static final String IMAGE =
      "registry.bank.example/ml/credit-serve@sha256:5555555555555555555555555555555555555555555555555555555555555555";

  private final ModelManifest manifest = GovernedModelFixtures.creditScoring();
  private final Digest digest = GovernedModelFixtures.digest(manifest);

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void the_credit_scoring_model_renders_the_expected_objects_in_kind_order() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest);
    // THEN
    assertThat(objects).extracting(HasMetadata::getKind, o -> o.getMetadata().getName()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("NetworkPolicy", "risk-credit-scoring-allow-serving"),
        org.assertj.core.groups.Tuple.tuple("NetworkPolicy", "risk-credit-scoring-default-deny"),
        org.assertj.core.groups.Tuple.tuple("ServiceAccount", "risk-credit-scoring"),
        org.assertj.core.groups.Tuple.tuple("PodDisruptionBudget", "risk-credit-scoring"),
        org.assertj.core.groups.Tuple.tuple("GovernedModel", "risk-credit-scoring-2-4-0"),
        org.assertj.core.groups.Tuple.tuple("Service", "risk-credit-scoring"),
        org.assertj.core.groups.Tuple.tuple("Deployment", "risk-credit-scoring"),
        org.assertj.core.groups.Tuple.tuple("HorizontalPodAutoscaler", "risk-credit-scoring"));
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("ml-serving"));
    assertThat(objects).noneMatch(o -> o.getKind().equals("Role") || o.getKind().equals("RoleBinding"));
  }

  @Test
  void every_object_has_the_recommended_labels_and_the_model_identity() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest);
    // THEN
    assertThat(objects).allSatisfy(o -> {
      assertThat(o.getMetadata().getLabels()).contains(
          entry("app.kubernetes.io/name", "credit-scoring"),
          entry("app.kubernetes.io/instance", "risk-credit-scoring"),
          entry("app.kubernetes.io/version", "2.4.0"),
          entry("app.kubernetes.io/component", "model-server"),
          entry("app.kubernetes.io/part-of", "risk"),
          entry("app.kubernetes.io/managed-by", "modelgov"),
          entry("governance.modelgov.dev/model", "risk.credit-scoring"),
          entry("governance.modelgov.dev/version", "2.4.0"),
          entry("governance.modelgov.dev/risk-class", "high"));
      assertThat(o.getMetadata().getAnnotations()).contains(
          entry("governance.modelgov.dev/model", "risk/credit-scoring"),
          entry("governance.modelgov.dev/manifest-digest", digest.toString()));
    });
    Deployment deployment = only(objects, Deployment.class);
    Map<String, String> lineage = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(lineage).contains(entry("governance.modelgov.dev/mlflow-run-id", "8c1f3e5a7b9d4f2e"),
        entry("governance.modelgov.dev/governed-model", "risk-credit-scoring-2-4-0"),
        entry("governance.modelgov.dev/source-commit", "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
        entry("governance.modelgov.dev/dataset-digests", "applications=sha256:" + "1".repeat(64)
            + ",applications-holdout=sha256:" + "2".repeat(64)));
    assertThat(deployment.getMetadata().getAnnotations()).containsAllEntriesOf(lineage);
  }

  @Test
  void the_pod_is_hardened_and_runs_the_serving_image_by_digest() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest);
    Deployment deployment = only(objects, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    // THEN
    assertThat(c.getImage()).isEqualTo(IMAGE);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo("risk-credit-scoring");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isNotEqualTo(c.getReadinessProbe().getHttpGet().getPath());
    assertThat(deployment.getSpec().getReplicas()).as("replicas belong to the HPA").isNull();
    assertThat(only(objects, HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(only(objects, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(only(objects, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    assertThat(only(objects, Service.class).getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void network_policies_deny_everything_but_ingress_to_the_serving_port() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").containerPort(9000)
        .ingressFromNamespaceSelector(Map.of("kubernetes.io/metadata.name", "gateway")).build()
        .render(manifest, digest);
    List<NetworkPolicy> policies = objects.stream().filter(NetworkPolicy.class::isInstance)
        .map(NetworkPolicy.class::cast).toList();
    // THEN
    NetworkPolicy deny = policies.get(1);
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getEgress()).isEmpty();
    NetworkPolicy allow = policies.get(0);
    assertThat(allow.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(allow.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9000));
      assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector()
          .getMatchLabels()).containsExactly(entry("kubernetes.io/metadata.name", "gateway")));
    });
    assertThat(allow.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(only(objects, Deployment.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void the_governed_model_is_the_one_built_from_the_manifest_in_the_namespace() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").provenanceRef("oci://att")
        .build().render(manifest, digest);
    // THEN
    GovernedModel gm = only(objects, GovernedModel.class);
    assertThat(gm.getSpec()).isEqualTo(GovernedModels.from(manifest, digest, "oci://att").getSpec());
    assertThat(gm.getStatus()).isNull();
  }

  @Test
  void the_same_input_gives_the_same_bytes() {
    // GIVEN two renderers with the same settings, and the manifest read twice
    GitOpsRenderer a = GitOpsRenderer.builder().namespace("ml-serving").argoCdApplication("credit").build();
    GitOpsRenderer b = GitOpsRenderer.builder().argoCdApplication("credit").namespace("ml-serving").build();
    ModelManifest again = GovernedModelFixtures.creditScoring();
    // WHEN
    String first = a.renderYaml(manifest, digest);
    String second = b.renderYaml(again, GovernedModelFixtures.digest(again));
    // THEN
    assertThat(second).isEqualTo(first);
    assertThat(first).startsWith("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n");
    assertThat(first).doesNotContain("status:", "uid:", "resourceVersion:", "creationTimestamp:", "managedFields:");
    assertThat(first).contains("app.kubernetes.io/version: \"2.4.0\"", "image: \"" + IMAGE + "\"");
  }

  @Test
  void strings_a_yaml_1_1_reader_would_misread_are_quoted_and_read_back_unchanged() throws Exception {
    // GIVEN labels whose values YAML 1.1 takes for booleans or numbers
    GitOpsRenderer renderer = GitOpsRenderer.builder().namespace("ml-serving")
        .extraLabels(Map.of("example.com/canary", "y", "example.com/enabled", "on", "example.com/team", "0042"))
        .build();
    // WHEN
    String yaml = renderer.renderYaml(manifest, digest);
    List<HasMetadata> read = KubernetesManifests.parse(yaml, "rendered.yaml");
    // THEN
    assertThat(yaml).contains("example.com/canary: \"y\"", "example.com/enabled: \"on\"", "example.com/team: \"0042\"");
    assertThat(read.get(0).getMetadata().getLabels()).contains(entry("example.com/canary", "y"),
        entry("example.com/team", "0042"));
    assertThat(DriftDetector.diff(renderer.render(manifest, digest), read)).isEmpty();
    // AND the GovernedModel reads back as its own class (registered in META-INF/services)
    assertThat(read).filteredOn(o -> o.getKind().equals("GovernedModel")).singleElement()
        .isInstanceOf(GovernedModel.class);
  }

  @Test
  void a_manifest_without_serving_image_cannot_be_rendered() {
    // GIVEN
    ModelManifest minimal = GovernedModelFixtures.minimal();
    GitOpsRenderer renderer = GitOpsRenderer.builder().namespace("ml").build();
    Digest d = GovernedModelFixtures.digest(minimal);
    // WHEN / THEN
    assertThatThrownBy(() -> renderer.render(minimal, d)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("servingImage:").hasMessageContaining("demo/iris-classifier@1.0.0");
  }

  @Test
  void argo_cd_and_flux_annotations_are_added_on_request() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").argoCdApplication("credit")
        .fluxKustomization("models", "flux-system").build().render(manifest, digest);
    // THEN
    assertThat(only(objects, Deployment.class).getMetadata().getAnnotations())
        .containsEntry("argocd.argoproj.io/tracking-id", "credit:apps/Deployment:ml-serving/risk-credit-scoring");
    assertThat(only(objects, ServiceAccount.class).getMetadata().getAnnotations())
        .containsEntry("argocd.argoproj.io/tracking-id", "credit:/ServiceAccount:ml-serving/risk-credit-scoring");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).contains(
        entry("kustomize.toolkit.fluxcd.io/name", "models"), entry("kustomize.toolkit.fluxcd.io/namespace",
            "flux-system")));
    assertThat(only(objects, GovernedModel.class).getMetadata().getAnnotations()).contains(
        entry("argocd.argoproj.io/sync-wave", "-1"), entry("argocd.argoproj.io/sync-options", "Prune=false"),
        entry("kustomize.toolkit.fluxcd.io/prune", "disabled"));
    // AND without them, none of these keys appear
    List<HasMetadata> plain = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest);
    assertThat(plain).allSatisfy(o -> {
      assertThat(o.getMetadata().getAnnotations().keySet()).noneMatch(k -> k.startsWith("argocd.")
          || k.startsWith("kustomize."));
      assertThat(o.getMetadata().getLabels().keySet()).noneMatch(k -> k.startsWith("kustomize."));
    });
  }

  @Test
  void an_inference_service_replaces_the_deployment_service_and_autoscaler() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving")
        .workloadKind(WorkloadKind.INFERENCE_SERVICE).replicas(3, 6).build().render(manifest, digest);
    // THEN
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("NetworkPolicy", "NetworkPolicy",
        "ServiceAccount", "PodDisruptionBudget", "GovernedModel", "InferenceService");
    GenericKubernetesResource isvc = only(objects, GenericKubernetesResource.class);
    assertThat(isvc.getApiVersion()).isEqualTo("serving.kserve.io/v1beta1");
    assertThat(isvc.getMetadata().getAnnotations())
        .containsEntry("serving.kserve.io/deploymentMode", "RawDeployment");
    Integer min = isvc.get("spec", "predictor", "minReplicas");
    Boolean automount = isvc.get("spec", "predictor", "automountServiceAccountToken");
    assertThat(min).isEqualTo(3);
    assertThat(automount).isFalse();
    List<?> containers = isvc.get("spec", "predictor", "containers");
    assertThat(containers).singleElement().satisfies(c -> assertThat(((Map<?, ?>) c).get("image")).isEqualTo(IMAGE));
    assertThat(only(objects, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
        .containsExactly(entry("serving.kserve.io/inferenceservice", "risk-credit-scoring"));
  }

  @Test
  void without_autoscaling_the_deployment_sets_its_replicas() {
    // WHEN
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").replicas(3, 3).autoscaling(false)
        .build().render(manifest, digest);
    // THEN
    assertThat(only(objects, Deployment.class).getSpec().getReplicas()).isEqualTo(3);
    assertThat(objects).noneMatch(HorizontalPodAutoscaler.class::isInstance);
  }

  @Test
  void the_builder_names_the_bad_setting() {
    assertThatThrownBy(() -> GitOpsRenderer.builder().build()).hasMessage("namespace is not set");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ML").build()).hasMessageStartingWith("namespace");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").replicas(1, 3).build())
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").replicas(3, 2).build())
        .hasMessageStartingWith("replicas: the maximum");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").resources("4", "1Gi", "2", "1Gi").build())
        .hasMessageContaining("cpuRequest 4 is above cpuLimit 2");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").resources("1", "lots", "2", "1Gi").build())
        .hasMessageStartingWith("resources.memoryRequest");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").containerPort(0).build())
        .hasMessageStartingWith("containerPort");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").probePaths("/h", "/h").build())
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml")
        .extraLabels(Map.of("app.kubernetes.io/name", "x")).build()).hasMessageContaining("set by the renderer");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").extraLabels(Map.of("team", "a b")).build())
        .hasMessageContaining("not a label value");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").fluxKustomization("models", null).build())
        .hasMessageContaining("fluxKustomization");
    assertThatThrownBy(() -> GitOpsRenderer.builder().namespace("ml").runAsUser(0).build())
        .hasMessageStartingWith("runAsUser");
  }
}
