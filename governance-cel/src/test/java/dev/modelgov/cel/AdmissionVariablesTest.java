package dev.modelgov.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AdmissionInput;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At admission the engine binds the Kubernetes request under the ValidatingAdmissionPolicy names ({@code object},
 * {@code oldObject}, {@code request}, {@code namespaceObject}), so a rule written over them means the same in-process
 * as in the apiserver.
 */
class AdmissionVariablesTest {

  private static ModelManifest manifest;
  private static CompiledPolicy policy;

  @BeforeAll
  static void compile() throws Exception {
    manifest = ManifestCodec.defaults()
        .read(Path.of(System.getProperty("modelgov.root", "..")).resolve("examples/manifests/credit-scoring.yaml"));
    policy = PolicyEngine.builder().build().compile(CelPolicies.parse("""
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: GovernancePolicy
        metadata: {name: k8s-replicas}
        spec:
          version: 1.0.0
          validations:
            - id: workload.replicas
              severity: HIGH
              expression: "object.spec.replicas >= 2 && request.operation in ['CREATE', 'UPDATE']"
              messageExpression: "'replicas is ' + string(object.spec.replicas)"
        """, "k8s-replicas.yaml"));
  }

  private static Decision admit(long replicas) {
    Map<String, Object> deployment = Map.of("kind", "Deployment", "spec", Map.of("replicas", replicas,
        "template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "serve"))))));
    return policy.evaluate(manifest, EvaluationContext.builder().point(EnforcementPoint.ADMISSION)
        .admission(AdmissionInput.of(deployment, Map.of("operation", "CREATE", "namespace", "ml"))).build());
  }

  @Test
  void a_rule_over_object_and_request_passes_and_fails_on_the_admitted_object() {
    // GIVEN a policy over `object` and `request` WHEN Deployments with 3 and 1 replicas are admitted
    Decision three = admit(3);
    Decision one = admit(1);
    // THEN the rule passes for 3 and fails for 1, with the message computed from the object
    assertThat(three.result("workload.replicas").orElseThrow().outcome()).isEqualTo(Outcome.PASS);
    assertThat(one.result("workload.replicas").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
    assertThat(one.result("workload.replicas").orElseThrow().message()).hasValue("replicas is 1");
  }

  @Test
  void without_an_admission_request_the_rule_errors_and_fails_closed() {
    // GIVEN the same policy evaluated outside admission (no object bound)
    Decision d = policy.evaluate(manifest, EvaluationContext.at(EnforcementPoint.CI));
    // THEN the rule is an ERROR that counts as a failure, so the decision denies
    assertThat(d.result("workload.replicas").orElseThrow().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(d.allowed()).isFalse();
  }

  @Test
  void the_admission_input_copies_its_maps() {
    // GIVEN an admission input built from a mutable map
    java.util.HashMap<String, Object> object = new java.util.HashMap<>(Map.of("kind", "Pod"));
    AdmissionInput in = AdmissionInput.of(object, Map.of("operation", "CREATE"));
    // WHEN the caller changes its map afterwards
    object.put("kind", "Deployment");
    // THEN the input still holds what was admitted
    assertThat(in.object()).containsEntry("kind", "Pod");
    assertThat(in.oldObject()).isEmpty();
  }
}
