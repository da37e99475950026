package dev.modelgov.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link DriftDetector}: rendered desired state against live objects carrying what the server adds. */
class DriftDetectorTest {

  private final ModelManifest manifest = GovernedModelFixtures.creditScoring();
  private final Digest digest = GovernedModelFixtures.digest(manifest);
  private final GitOpsRenderer renderer = GitOpsRenderer.builder().namespace("ml-serving").build();

  /** A deep copy of the objects, as a fresh read of their YAML. */
  static List<HasMetadata> copy(List<HasMetadata> objects) throws Exception {
    return new ArrayList<>(KubernetesManifests.parse(GitOpsRenderer.toYaml(objects), "copy.yaml"));
  }

  /** The objects as the API server returns them: server metadata, status, defaults and tool annotations added. */
  static List<HasMetadata> live(List<HasMetadata> desired) throws Exception {
    List<HasMetadata> live = copy(desired);
    int n = 0;
    for (HasMetadata o : live) {
      ObjectMeta m = o.getMetadata();
      m.setUid("0000-" + n);
      m.setResourceVersion(String.valueOf(1000 + n++));
      m.setGeneration(3L);
      m.setCreationTimestamp("2026-11-22T08:00:00Z");
      m.setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("argocd-controller")
          .withOperation("Apply").build()));
      m.getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{\"apiVersion\":\"v1\"}");
      if (o instanceof Deployment d) {
        m.getAnnotations().put("deployment.kubernetes.io/revision", "4");
        d.getSpec().setReplicas(3);
        d.getSpec().setProgressDeadlineSeconds(600);
        d.setStatus(new DeploymentStatusBuilder().withReplicas(3).withReadyReplicas(3).build());
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        pod.setDnsPolicy("ClusterFirst");
        pod.setRestartPolicy("Always");
        pod.setSchedulerName("default-scheduler");
        pod.setTerminationGracePeriodSeconds(30L);
        pod.getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
        pod.getContainers().get(0).getReadinessProbe().setSuccessThreshold(1);
        pod.getContainers().get(0).getResources().getRequests().put("cpu", new Quantity("0.5"));
      } else if (o instanceof Service s) {
        s.getSpec().setClusterIP("10.96.0.17");
        s.getSpec().setClusterIPs(List.of("10.96.0.17"));
        s.getSpec().setSessionAffinity("None");
        s.getSpec().setIpFamilies(List.of("IPv4"));
      }
    }
    return live;
  }

  private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static Predicate<HasMetadata> named(String kind) {
    return o -> o.getKind().equals(kind);
  }

  @Test
  void an_unchanged_live_state_with_server_fields_has_no_drift() throws Exception {
    // GIVEN
    List<HasMetadata> desired = renderer.render(manifest, digest);
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live(desired));
    // THEN
    assertThat(drift).isEmpty();
  }

  @Test
  void a_changed_image_is_changed_at_the_container_image() throws Exception {
    // GIVEN someone ran kubectl set image
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> live = live(desired);
    find(live, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .setImage("registry.bank.example/ml/credit-serve:latest");
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live);
    // THEN
    assertThat(drift).extracting(DriftItem::kind, DriftItem::name, DriftItem::path, DriftItem::type).containsExactly(
        tuple("Deployment", "risk-credit-scoring", "/spec/template/spec/containers/0/image", DriftType.CHANGED));
    assertThat(drift.get(0).desired()).contains("\"registry.bank.example/ml/credit-serve@sha256:" + "5".repeat(64)
        + "\"");
    assertThat(drift.get(0).live()).contains("\"registry.bank.example/ml/credit-serve:latest\"");
    assertThat(drift.get(0).namespace()).isEqualTo("ml-serving");
    assertThat(drift.get(0).toString()).startsWith("CHANGED Deployment ml-serving/risk-credit-scoring /spec/template");
  }

  @Test
  void changed_replicas_are_changed_where_the_desired_state_sets_them() throws Exception {
    // GIVEN a fixed-size Deployment scaled by hand, and an autoscaled one whose HPA minimum was lowered
    List<HasMetadata> fixed = GitOpsRenderer.builder().namespace("ml-serving").replicas(3, 3).autoscaling(false)
        .build().render(manifest, digest);
    List<HasMetadata> fixedLive = live(fixed);
    find(fixedLive, Deployment.class).getSpec().setReplicas(5);
    List<HasMetadata> scaled = renderer.render(manifest, digest);
    List<HasMetadata> scaledLive = live(scaled);
    find(scaledLive, HorizontalPodAutoscaler.class).getSpec().setMinReplicas(1);
    // WHEN
    List<DriftItem> fixedDrift = DriftDetector.diff(fixed, fixedLive);
    List<DriftItem> scaledDrift = DriftDetector.diff(scaled, scaledLive);
    // THEN
    assertThat(fixedDrift).extracting(DriftItem::kind, DriftItem::path, DriftItem::desired, DriftItem::live,
        DriftItem::type).containsExactly(tuple("Deployment", "/spec/replicas", Optional.of("3"), Optional.of("5"),
            DriftType.CHANGED));
    assertThat(scaledDrift).extracting(DriftItem::kind, DriftItem::path, DriftItem::type)
        .containsExactly(tuple("HorizontalPodAutoscaler", "/spec/minReplicas", DriftType.CHANGED));
  }

  @Test
  void a_changed_or_removed_label_is_reported_at_its_escaped_path() throws Exception {
    // GIVEN
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> live = live(desired);
    Service service = find(live, Service.class);
    service.getMetadata().getLabels().put("app.kubernetes.io/version", "2.3.1");
    service.getMetadata().getLabels().remove("governance.modelgov.dev/risk-class");
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live);
    // THEN
    assertThat(drift).extracting(DriftItem::kind, DriftItem::path, DriftItem::live, DriftItem::type)
        .containsExactly(
            tuple("Service", "/metadata/labels/app.kubernetes.io~1version", Optional.of("\"2.3.1\""),
                DriftType.CHANGED),
            tuple("Service", "/metadata/labels/governance.modelgov.dev~1risk-class", Optional.empty(),
                DriftType.MISSING));
  }

  @Test
  void a_deleted_object_is_missing_and_an_unknown_one_extra() throws Exception {
    // GIVEN the PDB was deleted and a ConfigMap added by hand
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> live = live(desired);
    live.removeIf(named("PodDisruptionBudget"));
    live.addAll(KubernetesManifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tweak, namespace: "
        + "ml-serving}\n", "extra.yaml"));
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live);
    // THEN
    assertThat(drift).extracting(DriftItem::kind, DriftItem::name, DriftItem::path, DriftItem::type).containsExactly(
        tuple("PodDisruptionBudget", "risk-credit-scoring", "", DriftType.MISSING),
        tuple("ConfigMap", "tweak", "", DriftType.EXTRA));
  }

  @Test
  void an_injected_sidecar_is_an_extra_container_and_a_removed_volume_is_missing() throws Exception {
    // GIVEN a mesh injected a sidecar and the tmp volume disappeared
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> live = live(desired);
    PodSpec pod = find(live, Deployment.class).getSpec().getTemplate().getSpec();
    pod.getContainers().add(new ContainerBuilder().withName("istio-proxy").withImage("istio/proxyv2:1.24").build());
    pod.setVolumes(new ArrayList<>());
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live);
    // THEN
    assertThat(drift).extracting(DriftItem::path, DriftItem::type).containsExactly(
        tuple("/spec/template/spec/containers/1", DriftType.EXTRA),
        tuple("/spec/template/spec/volumes", DriftType.MISSING));
    assertThat(drift.get(0).live().orElseThrow()).contains("istio-proxy");
  }

  @Test
  void quantities_compare_by_amount() throws Exception {
    // GIVEN the live limits written another way, and one really changed
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> live = live(desired);
    Map<String, Quantity> limits = find(live, Deployment.class).getSpec().getTemplate().getSpec().getContainers()
        .get(0).getResources().getLimits();
    limits.put("cpu", new Quantity("2000m"));
    limits.put("memory", new Quantity("2Gi"));
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(desired, live);
    // THEN
    assertThat(drift).extracting(DriftItem::path).containsExactly(
        "/spec/template/spec/containers/0/resources/limits/memory");
  }

  @Test
  void secret_values_are_compared_but_never_shown() throws Exception {
    // GIVEN
    Secret desired = new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ml").endMetadata()
        .withData(Map.of("password", "aHVudGVyMg==")).build();
    Secret live = new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ml").endMetadata()
        .withData(Map.of("password", "c3dvcmRmaXNo")).build();
    // WHEN
    List<DriftItem> drift = DriftDetector.diff(List.of(desired), List.of(live));
    // THEN
    assertThat(drift).singleElement().satisfies(d -> {
      assertThat(d.path()).isEqualTo("/data/password");
      assertThat(d.desired()).contains("\"<redacted>\"");
      assertThat(d.live()).contains("\"<redacted>\"");
      assertThat(d.toString()).doesNotContain("aHVudGVyMg==").doesNotContain("c3dvcmRmaXNo");
    });
  }

  @Test
  void the_same_object_twice_is_refused() throws Exception {
    List<HasMetadata> desired = renderer.render(manifest, digest);
    List<HasMetadata> twice = new ArrayList<>(desired);
    twice.add(copy(List.of(desired.get(0))).get(0));
    assertThatThrownBy(() -> DriftDetector.diff(twice, desired)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("desired has NetworkPolicy ml-serving/risk-credit-scoring-allow-serving twice");
  }
}
