package dev.modelgov.k8s.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.posture.PostureProfile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scanning a live namespace through the client, against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
@Timeout(60)
class NamespaceScannerTest {

  static KubernetesClient client;

  private static Deployment deployment(String ns, String name, String image) {
    return new DeploymentBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec()
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec().addNewContainer().withName("serve").withImage(image).endContainer().endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void findings_of_a_namespace_come_from_its_workloads_and_its_context() {
    // GIVEN a namespace with an unpinned Deployment, a NetworkPolicy selecting a second Deployment, and a pod owned
    // by a ReplicaSet (judged through its Deployment, so not scanned on its own)
    client.resource(deployment("risk", "scoring", "registry.example/serve:latest")).create();
    client.resource(deployment("risk", "fraud", "registry.example/fraud@sha256:" + "a".repeat(64))).create();
    client.resource(new NetworkPolicyBuilder()
        .withNewMetadata().withNamespace("risk").withName("fraud-only").endMetadata()
        .withNewSpec().withNewPodSelector().withMatchLabels(Map.of("app", "fraud")).endPodSelector().endSpec()
        .build()).create();
    Pod owned = new PodBuilder()
        .withNewMetadata().withNamespace("risk").withName("scoring-abc")
        .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("scoring-7d9")
        .withUid("u1").withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().addNewContainer().withName("serve").withImage("registry.example/serve:latest").endContainer()
        .endSpec()
        .build();
    client.resource(owned).create();
    client.resource(deployment("other", "elsewhere", "registry.example/x:latest")).create();

    // WHEN the namespace is scanned under governance-strict
    List<Finding> findings = NamespaceScanner.scan(client, "risk", PostureProfile.GOVERNANCE_STRICT);

    // THEN the unpinned Deployment is flagged, the NetworkPolicy counts for the other one, the owned pod and the
    // other namespace are not scanned
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.id()).isEqualTo("image-tag-latest");
      assertThat(f.name()).isEqualTo("scoring");
      assertThat(f.kind()).isEqualTo("Deployment");
    });
    assertThat(findings).filteredOn(f -> f.id().equals("network-policy")).extracting(Finding::name)
        .containsExactly("scoring");
    assertThat(findings).extracting(Finding::name).doesNotContain("scoring-abc", "elsewhere");
    assertThat(findings).extracting(Finding::namespace).containsOnly("risk");
  }

  @Test
  void an_empty_namespace_has_no_findings() {
    // GIVEN a namespace with nothing in it WHEN it is scanned THEN there are no findings (and no error, although the
    // InferenceService CRD is not installed)
    assertThat(NamespaceScanner.scan(client, "empty", PostureProfile.RESTRICTED)).isEmpty();
  }

}
