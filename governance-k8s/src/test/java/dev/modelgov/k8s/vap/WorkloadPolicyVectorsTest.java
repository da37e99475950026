package dev.modelgov.k8s.vap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AdmissionInput;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.cel.CelPolicies;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/policies/k8s-workload.yaml evaluated in-process at ADMISSION on the shared Kubernetes vectors, with the
 * outcome per rule that the exported ValidatingAdmissionPolicy gives in the apiserver for the same object.
 */
class WorkloadPolicyVectorsTest {

  private static final Path VECTORS = TestFiles.shared().resolve("vectors/k8s");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private static CompiledPolicy policy;
  private static ModelManifest manifest;

  @BeforeAll
  static void compile() throws Exception {
    policy = PolicyEngine.builder().build()
        .compile(CelPolicies.load(TestFiles.root().resolve("examples/policies/k8s-workload.yaml")));
    manifest = ManifestCodec.defaults().read(TestFiles.manifest("credit-scoring.yaml"));
  }

  private static Map<String, Object> yaml(String file) throws Exception {
    return new YAMLMapper().readValue(VECTORS.resolve("manifests").resolve(file).toFile(), MAP);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requestObject(String file, boolean wrapped) throws Exception {
    Map<String, Object> json = new ObjectMapper().readValue(VECTORS.resolve(file).toFile(), MAP);
    Map<String, Object> request = wrapped ? (Map<String, Object>) json.get("request") : json;
    return (Map<String, Object>) request.get("object");
  }

  private static Decision admit(Map<String, Object> object) {
    return policy.evaluate(manifest, EvaluationContext.builder().point(EnforcementPoint.ADMISSION)
        .admission(AdmissionInput.of(object, Map.of("operation", "CREATE", "namespace", "ml"))).build());
  }

  private static Outcome outcome(Decision d, String rule) {
    return d.result(rule).orElseThrow().outcome();
  }

  @Test
  void tf_serving_deployment_is_denied_on_digest_user_and_limits() throws Exception {
    // GIVEN the TensorFlow Serving Deployment (tag not digest, no securityContext, no resources, no probes)
    Decision d = admit(yaml("k8s-examples-tf-serving-deployment.yaml"));
    // THEN it is denied by all three ENFORCE rules and warned about probes
    assertThat(d.allowed()).isFalse();
    assertThat(outcome(d, "workload.image.digest")).isEqualTo(Outcome.FAIL);
    assertThat(outcome(d, "workload.run-as-non-root")).isEqualTo(Outcome.FAIL);
    assertThat(outcome(d, "workload.resources.limits")).isEqualTo(Outcome.FAIL);
    assertThat(outcome(d, "workload.probes")).isEqualTo(Outcome.FAIL);
    assertThat(d.result("workload.image.digest").orElseThrow().message()).hasValueSatisfying(
        m -> assertThat(m).startsWith("images not pinned by digest: "));
  }

  @Test
  void vllm_deployment_has_limits_but_is_denied_on_digest_and_user() throws Exception {
    // GIVEN the vLLM Deployment (requests = limits, pinned tag but no digest, no securityContext)
    Decision d = admit(yaml("k8s-examples-vllm-deployment.yaml"));
    // THEN limits pass, the digest and non-root rules deny
    assertThat(d.allowed()).isFalse();
    assertThat(outcome(d, "workload.resources.limits")).isEqualTo(Outcome.PASS);
    assertThat(outcome(d, "workload.image.digest")).isEqualTo(Outcome.FAIL);
    assertThat(outcome(d, "workload.run-as-non-root")).isEqualTo(Outcome.FAIL);
  }

  @Test
  void kserve_manager_is_hardened_except_for_its_placeholder_image() throws Exception {
    // GIVEN the KServe controller Deployment (non-root, limits, probes; image is a ko:// placeholder)
    Map<String, Object> deployment = yaml("kserve-controller-manager-deployment.yaml");
    Decision d = admit(deployment);
    // THEN only the digest rule fails
    assertThat(outcome(d, "workload.run-as-non-root")).isEqualTo(Outcome.PASS);
    assertThat(outcome(d, "workload.resources.limits")).isEqualTo(Outcome.PASS);
    assertThat(outcome(d, "workload.probes")).isEqualTo(Outcome.PASS);
    assertThat(outcome(d, "workload.image.digest")).isEqualTo(Outcome.FAIL);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void kserve_manager_pinned_by_digest_is_allowed() throws Exception {
    // GIVEN the same Deployment with its image pinned by digest
    Map<String, Object> deployment = yaml("kserve-controller-manager-deployment.yaml");
    Map<String, Object> podSpec =
        (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
            .get("template")).get("spec");
    List<Map<String, Object>> containers = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) podSpec.get("containers")) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>(c);
      copy.put("image", "registry.example/kserve/manager@sha256:" + "a".repeat(64));
      containers.add(copy);
    }
    podSpec.put("containers", containers);
    // WHEN admitted
    Decision d = admit(deployment);
    // THEN every rule passes and the request is allowed
    assertThat(d.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASS));
    assertThat(d.allowed()).isTrue();
  }

  @Test
  void privileged_pod_request_is_denied() throws Exception {
    // GIVEN the kubewarden privileged Pod request (images without digest, no runAsNonRoot)
    Decision d = admit(requestObject("admissionrequest-pod-create-privileged.kubewarden.json", false));
    // THEN the Pod branch of the podSpec variable is used and the request is denied
    assertThat(d.allowed()).isFalse();
    assertThat(outcome(d, "workload.image.digest")).isEqualTo(Outcome.FAIL);
    assertThat(outcome(d, "workload.run-as-non-root")).isEqualTo(Outcome.FAIL);
  }

  @Test
  void kube_review_deployment_is_denied_on_digest() throws Exception {
    // GIVEN the kube-review AdmissionReview Deployment
    Decision d = admit(requestObject("admissionreview-v1-deployment-create.kube-review.json", true));
    // THEN its unpinned image denies it
    assertThat(outcome(d, "workload.image.digest")).isEqualTo(Outcome.FAIL);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void other_kinds_are_outside_the_match_condition() throws Exception {
    // GIVEN an InferenceService (matched by the resources, excluded by the workloads matchCondition)
    Decision d = admit(yaml("kserve-isvc-sklearn-iris.yaml"));
    // THEN no rule fails and it is allowed
    assertThat(d.results()).noneSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAIL));
    assertThat(d.allowed()).isTrue();
  }
}
