package dev.modelgov.k8s.posture;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;

/** A Deployment that passes every check, and the context objects that satisfy its context checks. */
final class Hardened {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String IMAGE = "registry.example/ml/model-server:1.4.2@" + DIGEST;
  static final String C = "/spec/template/spec/containers/0";

  private Hardened() {}

  /** @return ml/model-server: non-root, RuntimeDefault, drop ALL, read-only root, resources, probes, no token */
  static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("model-server").withNamespace("ml").endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "model-server").endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", "model-server").addToLabels("tier", "serving").endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
        .endSeccompProfile().endSecurityContext()
        .withContainers(container("server"))
        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * @param name the container name
   * @return a container that passes every container check
   */
  static Container container(String name) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(IMAGE)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .addToRequests("cpu", new Quantity("500m")).addToRequests("memory", new Quantity("1Gi"))
        .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("2Gi"))
        .endResources()
        .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet().endLivenessProbe()
        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet().endReadinessProbe()
        .addNewEnv().withName("MODEL_NAME").withValue("iris").endEnv()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  /** @return a NetworkPolicy, an HPA and a PDB for ml/model-server */
  static List<HasMetadata> context() {
    return List.of(
        new NetworkPolicyBuilder().withNewMetadata().withName("model-server").withNamespace("ml").endMetadata()
            .withNewSpec().withNewPodSelector().addToMatchLabels("app", "model-server").endPodSelector()
            .withPolicyTypes("Ingress", "Egress").endSpec().build(),
        new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("model-server").withNamespace("ml")
            .endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
            .withName("model-server").endScaleTargetRef().withMinReplicas(2).withMaxReplicas(5).endSpec().build(),
        new PodDisruptionBudgetBuilder().withNewMetadata().withName("model-server").withNamespace("ml")
            .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "model-server").endSelector()
            .withNewMaxUnavailable(1).endSpec().build());
  }

  /**
   * @param d a deployment
   * @return its pod spec, to change
   */
  static PodSpec pod(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  /**
   * @param d a deployment
   * @return its first container, to change
   */
  static Container container(Deployment d) {
    return pod(d).getContainers().get(0);
  }
}
