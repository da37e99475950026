package dev.modelgov.k8s.client;

import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.posture.ClusterContext;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lists a namespace's workloads and the objects the context checks need, and scans them with the posture checks: the
 * live-cluster counterpart of {@code governance k8s scan} on files.
 *
 * <p>It reads Deployments, StatefulSets, DaemonSets, CronJobs, Jobs and Pods not owned by a controller (a pod of a
 * Deployment is judged through its Deployment), KServe InferenceServices when their CRD is installed, and the
 * NetworkPolicies, HorizontalPodAutoscalers, PodDisruptionBudgets and ServiceAccounts of the namespace. It only lists
 * (verbs {@code list}); nothing is written.
 *
 * <pre>{@code
 * List<Finding> findings = NamespaceScanner.scan(client, "risk", PostureProfile.GOVERNANCE_STRICT);
 * }</pre>
 */
public final class NamespaceScanner {

  /** The KServe InferenceService resource, read as a generic resource. */
  static final ResourceDefinitionContext INFERENCE_SERVICES =
      new ResourceDefinitionContext.Builder()
          .withGroup("serving.kserve.io")
          .withVersion("v1beta1")
          .withKind("InferenceService")
          .withPlural("inferenceservices")
          .withNamespaced(true)
          .build();

  private NamespaceScanner() {}

  /**
   * Lists and scans one namespace.
   *
   * @param client a client allowed to list the kinds above in the namespace
   * @param namespace the namespace
   * @param profile the posture profile
   * @return the findings, in list order (workload kinds as above, then name)
   * @throws KubernetesClientException when a required kind cannot be listed (a missing InferenceService CRD is not an
   *     error)
   */
  public static List<Finding> scan(KubernetesClient client, String namespace, PostureProfile profile) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(profile, "profile");
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
    objects.addAll(client.apps().statefulSets().inNamespace(namespace).list().getItems());
    objects.addAll(client.apps().daemonSets().inNamespace(namespace).list().getItems());
    objects.addAll(client.batch().v1().cronjobs().inNamespace(namespace).list().getItems());
    objects.addAll(client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
        .filter(j -> !controlled(j)).toList());
    for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
      if (!controlled(p)) {
        objects.add(p);
      }
    }
    objects.addAll(inferenceServices(client, namespace));
    objects.addAll(client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
    objects.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems());
    objects.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems());
    objects.addAll(client.serviceAccounts().inNamespace(namespace).list().getItems());
    PostureScanner scanner = PostureScanner.of(profile);
    ClusterContext context = ClusterContext.of(objects);
    List<Finding> findings = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (PostureScanner.supports(o)) {
        findings.addAll(scanner.scan(o, context));
      }
    }
    return findings;
  }

  private static List<GenericKubernetesResource> inferenceServices(KubernetesClient client, String namespace) {
    try {
      return client.genericKubernetesResources(INFERENCE_SERVICES).inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // KServe is not installed
      }
      throw e;
    }
  }

  private static boolean controlled(HasMetadata o) {
    List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()));
  }
}
