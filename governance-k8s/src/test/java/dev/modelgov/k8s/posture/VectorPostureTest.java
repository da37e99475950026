package dev.modelgov.k8s.posture;

import static dev.modelgov.k8s.posture.Findings.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.core.TestFiles;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The expected findings of every file in shared/vectors/k8s/manifests and of the objects of the four admission
 * payloads, decided from the files and the rules in docs/kubernetes.md. Each manifest file is scanned on its own, as
 * {@code governance k8s scan FILE} does, so its own objects are its cluster context.
 */
class VectorPostureTest {

  private static final Path VECTORS = TestFiles.shared().resolve("vectors/k8s");
  private static final Path MANIFESTS = VECTORS.resolve("manifests");

  private static List<Finding> scan(String file, PostureProfile profile) throws ManifestLoadException {
    return PostureScanner.of(profile).scanAll(KubernetesManifests.load(MANIFESTS.resolve(file)));
  }

  private static List<Finding> of(List<Finding> findings, String name) {
    return findings.stream().filter(f -> f.name().equals(name)).toList();
  }

  @Test
  void tf_serving_deployment_lacks_every_hardening() throws ManifestLoadException {
    // GIVEN tensorflow/serving:2.19.0 with no securityContext, resources or probes, alone in its file
    String file = "k8s-examples-tf-serving-deployment.yaml";
    // WHEN / THEN
    assertThat(scan(file, PostureProfile.BASELINE)).isEmpty();
    assertThat(keys(scan(file, PostureProfile.RESTRICTED))).containsExactlyInAnyOrder(
        "run-as-non-root tensorflow-serving /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation tensorflow-serving /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all tensorflow-serving /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile tensorflow-serving /spec/template/spec/containers/0/securityContext/seccompProfile/type");
    List<Finding> strict = scan(file, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "run-as-non-root tensorflow-serving /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation tensorflow-serving /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all tensorflow-serving /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile tensorflow-serving /spec/template/spec/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs tensorflow-serving /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest tensorflow-serving /spec/template/spec/containers/0/image",
        "resource-requests tensorflow-serving /spec/template/spec/containers/0/resources/requests",
        "resource-limits tensorflow-serving /spec/template/spec/containers/0/resources/limits",
        "liveness-probe tensorflow-serving /spec/template/spec/containers/0/livenessProbe",
        "readiness-probe tensorflow-serving /spec/template/spec/containers/0/readinessProbe",
        "sa-token-automount - /spec/template/spec/automountServiceAccountToken",
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    assertThat(strict).allSatisfy(f -> {
      assertThat(f.kind()).isEqualTo("Deployment");
      assertThat(f.name()).isEqualTo("tf-serving");
      assertThat(f.namespace()).isEmpty();
    });
    Finding digest = strict.stream().filter(f -> f.id().equals("image-digest")).findFirst().orElseThrow();
    assertThat(digest.severity()).isEqualTo(Severity.HIGH);
    assertThat(digest.message()).contains("tensorflow-serving", "tensorflow/serving:2.19.0");
    assertThat(digest.fix()).contains("tensorflow/serving:2.19.0@sha256:");
  }

  @Test
  void hostpath_persistent_volume_is_a_baseline_finding() throws ManifestLoadException {
    // GIVEN a PersistentVolume backed by hostPath /mnt/models/my_model
    String file = "k8s-examples-tf-serving-hostpath-pv.yaml";
    for (PostureProfile profile : PostureProfile.values()) {
      // WHEN
      List<Finding> findings = scan(file, profile);
      // THEN the same single finding in every profile
      assertThat(keys(findings)).as(profile.cliName()).containsExactly("host-path - /spec/hostPath");
      assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
      assertThat(findings.get(0).message()).contains("/mnt/models/my_model");
    }
  }

  @Test
  void vllm_deployment_has_resources_but_no_hardening_and_passes_its_hf_token_by_secret_env()
      throws ManifestLoadException {
    // GIVEN vllm/vllm-openai:v0.11.0 with requests = limits, HUGGING_FACE_HUB_TOKEN from secretKeyRef, alone
    String file = "k8s-examples-vllm-deployment.yaml";
    // WHEN / THEN
    assertThat(scan(file, PostureProfile.BASELINE)).isEmpty();
    assertThat(keys(scan(file, PostureProfile.RESTRICTED))).containsExactlyInAnyOrder(
        "run-as-non-root inference-server /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation inference-server /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all inference-server /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile inference-server /spec/template/spec/containers/0/securityContext/seccompProfile/type");
    List<Finding> strict = scan(file, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "run-as-non-root inference-server /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation inference-server /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all inference-server /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile inference-server /spec/template/spec/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs inference-server /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest inference-server /spec/template/spec/containers/0/image",
        "liveness-probe inference-server /spec/template/spec/containers/0/livenessProbe",
        "readiness-probe inference-server /spec/template/spec/containers/0/readinessProbe",
        "secret-env-ref inference-server /spec/template/spec/containers/0/env/2/valueFrom/secretKeyRef",
        "sa-token-automount - /spec/template/spec/automountServiceAccountToken",
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    Finding ref = strict.stream().filter(f -> f.id().equals("secret-env-ref")).findFirst().orElseThrow();
    assertThat(ref.severity()).isEqualTo(Severity.LOW);
    assertThat(ref.message()).contains("HUGGING_FACE_HUB_TOKEN", "hf-secret");
  }

  @Test
  void vllm_hpa_is_context_only_and_satisfies_the_hpa_check_of_its_deployment() throws ManifestLoadException {
    // GIVEN the HPA alone, then with the vLLM Deployment it targets
    String file = "k8s-examples-vllm-hpa.yaml";
    for (PostureProfile profile : PostureProfile.values()) {
      assertThat(scan(file, profile)).as(profile.cliName()).isEmpty();
    }
    List<HasMetadata> both = Stream.concat(
            KubernetesManifests.load(MANIFESTS.resolve("k8s-examples-vllm-deployment.yaml")).stream(),
            KubernetesManifests.load(MANIFESTS.resolve(file)).stream())
        .toList();
    // WHEN scanned together
    List<Finding> findings = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT).scanAll(both);
    // THEN the Deployment no longer lacks an HPA, but still lacks a NetworkPolicy and a PDB
    assertThat(Findings.ids(findings)).doesNotContain("hpa").contains("network-policy", "pdb");
  }

  @Test
  void prometheus_rule_and_cluster_role_are_not_workloads() throws ManifestLoadException {
    for (String file : List.of("k8s-examples-dcgm-prometheusrule.yaml", "kserve-manager-clusterrole.yaml")) {
      for (PostureProfile profile : PostureProfile.values()) {
        // WHEN / THEN
        assertThat(scan(file, profile)).as(file + " " + profile.cliName()).isEmpty();
      }
    }
  }

  @Test
  void hardened_kserve_controller_manager_passes_restricted_and_misses_only_governance_items()
      throws ManifestLoadException {
    // GIVEN the kserve controller Deployment (runAsNonRoot, RuntimeDefault, drop ALL, read-only root, probes,
    // resources; image ko://... placeholder) and an empty Secret
    String file = "kserve-controller-manager-deployment.yaml";
    // WHEN / THEN
    assertThat(scan(file, PostureProfile.BASELINE)).isEmpty();
    assertThat(scan(file, PostureProfile.RESTRICTED)).isEmpty();
    List<Finding> strict = scan(file, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "image-digest manager /spec/template/spec/containers/0/image",
        "image-tag-latest manager /spec/template/spec/containers/0/image",
        "sa-token-automount - /spec/template/spec/automountServiceAccountToken",
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    assertThat(strict).allSatisfy(f -> assertThat(f.namespace() + "/" + f.name())
        .isEqualTo("kserve/kserve-controller-manager"));
    // SECRET_NAME holds the name of a Secret, not a secret.
    assertThat(Findings.ids(strict)).doesNotContain("secret-env-literal");
  }

  @Test
  void sklearn_iris_inference_service_has_an_unpinned_model_and_no_resources() throws ManifestLoadException {
    // GIVEN predictor.sklearn.storageUri gs://kfserving-examples/models/sklearn/1.0/model, nothing else
    String file = "kserve-isvc-sklearn-iris.yaml";
    // WHEN / THEN no container is written, so nothing for the Pod Security Standards to check
    assertThat(scan(file, PostureProfile.BASELINE)).isEmpty();
    assertThat(scan(file, PostureProfile.RESTRICTED)).isEmpty();
    List<Finding> strict = scan(file, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "model-uri-unpinned kserve-container /spec/predictor/sklearn/storageUri",
        "resource-requests kserve-container /spec/predictor/sklearn/resources/requests",
        "resource-limits kserve-container /spec/predictor/sklearn/resources/limits",
        "sa-token-automount - /spec/predictor/automountServiceAccountToken",
        "network-policy - /spec/predictor/labels",
        "pdb - /spec/predictor/labels");
    assertThat(strict).allSatisfy(f -> assertThat(f.kind()).isEqualTo("InferenceService"));
    Finding uri = strict.get(Findings.ids(strict).indexOf("model-uri-unpinned"));
    assertThat(uri.severity()).isEqualTo(Severity.HIGH);
    assertThat(uri.message()).contains("gs://kfserving-examples/models/sklearn/1.0/model");
  }

  @Test
  void rollout_strategy_inference_services() throws ManifestLoadException {
    // GIVEN three InferenceServices: model + custom transformer (my-transformer:latest), model only, and model +
    // containers[0] (my-ray-model-server:latest)
    String file = "kserve-isvc-rollout-strategy.yaml";
    // WHEN
    List<Finding> baseline = scan(file, PostureProfile.BASELINE);
    List<Finding> restricted = scan(file, PostureProfile.RESTRICTED);
    List<Finding> strict = scan(file, PostureProfile.GOVERNANCE_STRICT);
    // THEN
    assertThat(baseline).isEmpty();
    assertThat(keys(of(restricted, "rollout-strategy-example"))).containsExactlyInAnyOrder(
        "run-as-non-root kserve-container /spec/transformer/custom/container/securityContext/runAsNonRoot",
        "privilege-escalation kserve-container /spec/transformer/custom/container/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all kserve-container /spec/transformer/custom/container/securityContext/capabilities/drop",
        "seccomp-profile kserve-container /spec/transformer/custom/container/securityContext/seccompProfile/type");
    assertThat(of(restricted, "configmap-defaults-example")).isEmpty();
    assertThat(keys(of(restricted, "multinode-example"))).containsExactlyInAnyOrder(
        "run-as-non-root kserve-container /spec/predictor/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation kserve-container /spec/predictor/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all kserve-container /spec/predictor/containers/0/securityContext/capabilities/drop",
        "seccomp-profile kserve-container /spec/predictor/containers/0/securityContext/seccompProfile/type");

    assertThat(keys(of(strict, "rollout-strategy-example"))).containsExactlyInAnyOrder(
        "model-uri-unpinned kserve-container /spec/predictor/model/storageUri",
        "resource-requests kserve-container /spec/predictor/model/resources/requests",
        "resource-limits kserve-container /spec/predictor/model/resources/limits",
        "sa-token-automount - /spec/predictor/automountServiceAccountToken",
        "network-policy - /spec/predictor/labels",
        "pdb - /spec/predictor/labels",
        "run-as-non-root kserve-container /spec/transformer/custom/container/securityContext/runAsNonRoot",
        "privilege-escalation kserve-container /spec/transformer/custom/container/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all kserve-container /spec/transformer/custom/container/securityContext/capabilities/drop",
        "seccomp-profile kserve-container /spec/transformer/custom/container/securityContext/seccompProfile/type",
        "read-only-root-fs kserve-container /spec/transformer/custom/container/securityContext/readOnlyRootFilesystem",
        "image-digest kserve-container /spec/transformer/custom/container/image",
        "image-tag-latest kserve-container /spec/transformer/custom/container/image",
        "resource-requests kserve-container /spec/transformer/custom/container/resources/requests",
        "resource-limits kserve-container /spec/transformer/custom/container/resources/limits",
        "liveness-probe kserve-container /spec/transformer/custom/container/livenessProbe",
        "readiness-probe kserve-container /spec/transformer/custom/container/readinessProbe",
        "sa-token-automount - /spec/transformer/automountServiceAccountToken",
        "network-policy - /spec/transformer/labels",
        "pdb - /spec/transformer/labels");
    assertThat(keys(of(strict, "configmap-defaults-example"))).containsExactlyInAnyOrder(
        "model-uri-unpinned kserve-container /spec/predictor/model/storageUri",
        "resource-requests kserve-container /spec/predictor/model/resources/requests",
        "resource-limits kserve-container /spec/predictor/model/resources/limits",
        "sa-token-automount - /spec/predictor/automountServiceAccountToken",
        "network-policy - /spec/predictor/labels",
        "pdb - /spec/predictor/labels");
    assertThat(keys(of(strict, "multinode-example"))).containsExactlyInAnyOrder(
        "model-uri-unpinned kserve-container /spec/predictor/model/storageUri",
        "resource-requests kserve-container /spec/predictor/model/resources/requests",
        "resource-limits kserve-container /spec/predictor/model/resources/limits",
        "run-as-non-root kserve-container /spec/predictor/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation kserve-container /spec/predictor/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all kserve-container /spec/predictor/containers/0/securityContext/capabilities/drop",
        "seccomp-profile kserve-container /spec/predictor/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs kserve-container /spec/predictor/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest kserve-container /spec/predictor/containers/0/image",
        "image-tag-latest kserve-container /spec/predictor/containers/0/image",
        "resource-requests kserve-container /spec/predictor/containers/0/resources/requests",
        "resource-limits kserve-container /spec/predictor/containers/0/resources/limits",
        "liveness-probe kserve-container /spec/predictor/containers/0/livenessProbe",
        "readiness-probe kserve-container /spec/predictor/containers/0/readinessProbe",
        "sa-token-automount - /spec/predictor/automountServiceAccountToken",
        "network-policy - /spec/predictor/labels",
        "pdb - /spec/predictor/labels");
    assertThat(strict).allSatisfy(f -> assertThat(f.namespace()).isEqualTo("default"));
    // The environment variables (MODEL_NAME, RAY_NODE_COUNT, REQUEST_GPU_COUNT) are not credentials.
    assertThat(Findings.ids(strict)).doesNotContain("secret-env-literal", "hpa");
  }

  // --- The objects of the admission payloads (request.object), in a cluster with nothing else. ---

  private static AdmissionRequest request(String file) throws IOException {
    String json = Files.readString(VECTORS.resolve(file), StandardCharsets.UTF_8);
    if (!json.contains("\"AdmissionReview\"")) {
      // The bare requests are wrapped as the vectors' README says.
      json = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":" + json + "}";
    }
    return new KubernetesSerialization().unmarshal(json, AdmissionReview.class).getRequest();
  }

  private static List<Finding> scanObject(AdmissionRequest request, PostureProfile profile) {
    return PostureScanner.of(profile).scan((HasMetadata) request.getObject(), ClusterContext.empty());
  }

  @Test
  void kube_review_create_deployment_nginx_without_a_tag() throws IOException {
    // GIVEN CREATE Deployment nginx, image "nginx", resources {}
    AdmissionRequest request = request("admissionreview-v1-deployment-create.kube-review.json");
    assertThat(request.getObject()).isInstanceOf(Deployment.class);
    // WHEN / THEN
    assertThat(scanObject(request, PostureProfile.BASELINE)).isEmpty();
    assertThat(keys(scanObject(request, PostureProfile.RESTRICTED))).containsExactlyInAnyOrder(
        "run-as-non-root nginx /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/template/spec/containers/0/securityContext/seccompProfile/type");
    List<Finding> strict = scanObject(request, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "run-as-non-root nginx /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/template/spec/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs nginx /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest nginx /spec/template/spec/containers/0/image",
        "image-tag-latest nginx /spec/template/spec/containers/0/image",
        "resource-requests nginx /spec/template/spec/containers/0/resources/requests",
        "resource-limits nginx /spec/template/spec/containers/0/resources/limits",
        "liveness-probe nginx /spec/template/spec/containers/0/livenessProbe",
        "readiness-probe nginx /spec/template/spec/containers/0/readinessProbe",
        "sa-token-automount - /spec/template/spec/automountServiceAccountToken",
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    assertThat(strict.get(Findings.ids(strict).indexOf("image-tag-latest")).message()).contains("has no tag");
  }

  @Test
  void kubewarden_update_deployment_nginx_latest() throws IOException {
    // GIVEN UPDATE Deployment default/nginx, image nginx:latest, resources {}, securityContext {}
    AdmissionRequest request = request("admissionrequest-deployment-update.kubewarden-echo.json");
    assertThat(request.getObject()).isInstanceOf(Deployment.class);
    // WHEN / THEN
    assertThat(scanObject(request, PostureProfile.BASELINE)).isEmpty();
    assertThat(keys(scanObject(request, PostureProfile.RESTRICTED))).containsExactlyInAnyOrder(
        "run-as-non-root nginx /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/template/spec/containers/0/securityContext/seccompProfile/type");
    List<Finding> strict = scanObject(request, PostureProfile.GOVERNANCE_STRICT);
    assertThat(keys(strict)).containsExactlyInAnyOrder(
        "run-as-non-root nginx /spec/template/spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/template/spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/template/spec/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs nginx /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest nginx /spec/template/spec/containers/0/image",
        "image-tag-latest nginx /spec/template/spec/containers/0/image",
        "resource-requests nginx /spec/template/spec/containers/0/resources/requests",
        "resource-limits nginx /spec/template/spec/containers/0/resources/limits",
        "liveness-probe nginx /spec/template/spec/containers/0/livenessProbe",
        "readiness-probe nginx /spec/template/spec/containers/0/readinessProbe",
        "sa-token-automount - /spec/template/spec/automountServiceAccountToken",
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    assertThat(strict).allSatisfy(f -> assertThat(f.namespace()).isEqualTo("default"));
    assertThat(strict.get(Findings.ids(strict).indexOf("image-tag-latest")).message()).contains("nginx:latest");
  }

  @Test
  void kubewarden_create_privileged_pod() throws IOException {
    // GIVEN CREATE Pod default/nginx: sleeping-sidecar (alpine) and nginx (nginx, privileged: true), SA default
    AdmissionRequest request = request("admissionrequest-pod-create-privileged.kubewarden.json");
    assertThat(request.getObject()).isInstanceOf(Pod.class);
    // WHEN / THEN
    List<Finding> baseline = scanObject(request, PostureProfile.BASELINE);
    assertThat(keys(baseline)).containsExactly("privileged nginx /spec/containers/1/securityContext/privileged");
    assertThat(baseline.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(keys(scanObject(request, PostureProfile.RESTRICTED))).containsExactlyInAnyOrder(
        "run-as-non-root sleeping-sidecar /spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation sleeping-sidecar /spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all sleeping-sidecar /spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile sleeping-sidecar /spec/containers/0/securityContext/seccompProfile/type",
        "privileged nginx /spec/containers/1/securityContext/privileged",
        "run-as-non-root nginx /spec/containers/1/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/containers/1/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/containers/1/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/containers/1/securityContext/seccompProfile/type");
    assertThat(keys(scanObject(request, PostureProfile.GOVERNANCE_STRICT))).containsExactlyInAnyOrder(
        "run-as-non-root sleeping-sidecar /spec/containers/0/securityContext/runAsNonRoot",
        "privilege-escalation sleeping-sidecar /spec/containers/0/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all sleeping-sidecar /spec/containers/0/securityContext/capabilities/drop",
        "seccomp-profile sleeping-sidecar /spec/containers/0/securityContext/seccompProfile/type",
        "read-only-root-fs sleeping-sidecar /spec/containers/0/securityContext/readOnlyRootFilesystem",
        "image-digest sleeping-sidecar /spec/containers/0/image",
        "image-tag-latest sleeping-sidecar /spec/containers/0/image",
        "resource-requests sleeping-sidecar /spec/containers/0/resources/requests",
        "resource-limits sleeping-sidecar /spec/containers/0/resources/limits",
        "liveness-probe sleeping-sidecar /spec/containers/0/livenessProbe",
        "readiness-probe sleeping-sidecar /spec/containers/0/readinessProbe",
        "privileged nginx /spec/containers/1/securityContext/privileged",
        "run-as-non-root nginx /spec/containers/1/securityContext/runAsNonRoot",
        "privilege-escalation nginx /spec/containers/1/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all nginx /spec/containers/1/securityContext/capabilities/drop",
        "seccomp-profile nginx /spec/containers/1/securityContext/seccompProfile/type",
        "read-only-root-fs nginx /spec/containers/1/securityContext/readOnlyRootFilesystem",
        "image-digest nginx /spec/containers/1/image",
        "image-tag-latest nginx /spec/containers/1/image",
        "resource-requests nginx /spec/containers/1/resources/requests",
        "resource-limits nginx /spec/containers/1/resources/limits",
        "liveness-probe nginx /spec/containers/1/livenessProbe",
        "readiness-probe nginx /spec/containers/1/readinessProbe",
        "sa-token-automount - /spec/automountServiceAccountToken",
        "network-policy - /metadata/labels");
  }

  @Test
  void kubewarden_delete_has_no_object_to_scan() throws IOException {
    // GIVEN DELETE Deployment default/nginx: object is null, only oldObject is set
    AdmissionRequest request = request("admissionrequest-deployment-delete.kubewarden-echo.json");
    // THEN there is nothing to admit, so nothing to scan
    assertThat(request.getOperation()).isEqualTo("DELETE");
    assertThat(request.getObject()).isNull();
    assertThat(request.getOldObject()).isInstanceOf(Deployment.class);
  }

  @Test
  void every_vector_file_has_a_test_above() throws IOException {
    // GIVEN the files of the vector folders
    try (Stream<Path> files = Stream.concat(Files.list(MANIFESTS), Files.list(VECTORS))) {
      List<String> all = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("README.md")).sorted().toList();
      // THEN they are exactly the files the tests of this class scan
      assertThat(all).containsExactly(
          "admissionrequest-deployment-delete.kubewarden-echo.json",
          "admissionrequest-deployment-update.kubewarden-echo.json",
          "admissionrequest-pod-create-privileged.kubewarden.json",
          "admissionreview-v1-deployment-create.kube-review.json",
          "k8s-examples-dcgm-prometheusrule.yaml",
          "k8s-examples-tf-serving-deployment.yaml",
          "k8s-examples-tf-serving-hostpath-pv.yaml",
          "k8s-examples-vllm-deployment.yaml",
          "k8s-examples-vllm-hpa.yaml",
          "kserve-controller-manager-deployment.yaml",
          "kserve-isvc-rollout-strategy.yaml",
          "kserve-isvc-sklearn-iris.yaml",
          "kserve-manager-clusterrole.yaml");
    }
  }
}
