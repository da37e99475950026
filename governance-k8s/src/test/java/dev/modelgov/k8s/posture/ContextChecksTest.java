package dev.modelgov.k8s.posture;

import static dev.modelgov.k8s.posture.Findings.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.k8s.Finding;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context checks (network-policy, hpa, pdb) and the label selector matching behind them. */
class ContextChecksTest {

  private static final PostureScanner STRICT = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);

  private static List<HasMetadata> without(String kind) {
    List<HasMetadata> context = new ArrayList<>(Hardened.context());
    context.removeIf(o -> o.getKind().equals(kind));
    return context;
  }

  private static List<HasMetadata> with(List<HasMetadata> context, HasMetadata extra) {
    List<HasMetadata> all = new ArrayList<>(context);
    all.add(extra);
    return all;
  }

  private static NetworkPolicy policy(String namespace, LabelSelector selector) {
    return new NetworkPolicyBuilder().withNewMetadata().withName("p").withNamespace(namespace).endMetadata()
        .withNewSpec().withPodSelector(selector).endSpec().build();
  }

  @Test
  void context_checks_run_only_with_a_context() {
    // GIVEN the hardened Deployment with nothing around it
    Deployment d = Hardened.deployment();
    // WHEN scanned without a context, and with an empty one
    List<Finding> alone = STRICT.scan(d);
    List<Finding> empty = STRICT.scan(d, ClusterContext.empty());
    // THEN
    assertThat(alone).isEmpty();
    assertThat(keys(empty)).containsExactly(
        "network-policy - /spec/template/metadata/labels",
        "hpa - /metadata/name",
        "pdb - /spec/template/metadata/labels");
    assertThat(empty.get(0).message()).contains("'ml'", "app: model-server");
    assertThat(empty.get(1).fix()).contains("scaleTargetRef", "Deployment", "model-server");
    assertThat(empty.get(2).fix()).contains("PodDisruptionBudget", "app: model-server");
  }

  @Test
  void a_policy_in_another_namespace_does_not_count() {
    List<HasMetadata> context = with(without("NetworkPolicy"),
        policy("other", new LabelSelectorBuilder().addToMatchLabels("app", "model-server").build()));
    assertThat(keys(STRICT.scan(Hardened.deployment(), ClusterContext.of(context))))
        .containsExactly("network-policy - /spec/template/metadata/labels");
  }

  @Test
  void an_empty_pod_selector_selects_every_pod_of_the_namespace() {
    List<HasMetadata> context = with(without("NetworkPolicy"), policy("ml", new LabelSelector()));
    assertThat(STRICT.scan(Hardened.deployment(), ClusterContext.of(context))).isEmpty();
  }

  @Test
  void match_expressions_in_not_in_exists_and_does_not_exist() {
    // GIVEN pods labelled app=model-server, tier=serving
    Map<String, LabelSelector> selectors = Map.of(
        "In matches", new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In")
            .withValues("model-server", "other").endMatchExpression().build(),
        "Exists matches", new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("Exists")
            .endMatchExpression().build(),
        "NotIn on another value matches", new LabelSelectorBuilder().addNewMatchExpression().withKey("tier")
            .withOperator("NotIn").withValues("batch").endMatchExpression().build(),
        "DoesNotExist on an absent key matches", new LabelSelectorBuilder().addNewMatchExpression().withKey("debug")
            .withOperator("DoesNotExist").endMatchExpression().build());
    Map<String, LabelSelector> misses = Map.of(
        "In misses", new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In")
            .withValues("other").endMatchExpression().build(),
        "NotIn on its value misses", new LabelSelectorBuilder().addNewMatchExpression().withKey("tier")
            .withOperator("NotIn").withValues("serving").endMatchExpression().build(),
        "DoesNotExist on a present key misses", new LabelSelectorBuilder().addNewMatchExpression().withKey("app")
            .withOperator("DoesNotExist").endMatchExpression().build(),
        "matchLabels and a matching expression must both hold", new LabelSelectorBuilder()
            .addToMatchLabels("app", "other").addNewMatchExpression().withKey("tier").withOperator("Exists")
            .endMatchExpression().build());
    selectors.forEach((what, selector) -> assertThat(
        STRICT.scan(Hardened.deployment(), ClusterContext.of(with(without("NetworkPolicy"), policy("ml", selector)))))
        .as(what).isEmpty());
    misses.forEach((what, selector) -> assertThat(keys(
        STRICT.scan(Hardened.deployment(), ClusterContext.of(with(without("NetworkPolicy"), policy("ml", selector))))))
        .as(what).containsExactly("network-policy - /spec/template/metadata/labels"));
  }

  @Test
  void an_unknown_operator_is_an_error_naming_the_object() {
    LabelSelector bad = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("Like")
        .withValues("model").endMatchExpression().build();
    assertThatThrownBy(() -> ClusterContext.of(List.of(policy("ml", bad))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NetworkPolicy ml/p").hasMessageContaining("Like");
    LabelSelector noValues = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In")
        .endMatchExpression().build();
    assertThatThrownBy(() -> ClusterContext.of(List.of(policy("ml", noValues))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least one value");
  }

  @Test
  void an_autoscaler_must_target_the_same_kind_and_name() {
    // GIVEN an HPA for a StatefulSet of the same name, and one for another Deployment
    List<HasMetadata> context = without("HorizontalPodAutoscaler");
    context.add(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder().withNewMetadata()
        .withName("a").withNamespace("ml").endMetadata().withNewSpec().withNewScaleTargetRef()
        .withApiVersion("apps/v1").withKind("StatefulSet").withName("model-server").endScaleTargetRef()
        .withMaxReplicas(3).endSpec().build());
    context.add(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder().withNewMetadata()
        .withName("b").withNamespace("ml").endMetadata().withNewSpec().withNewScaleTargetRef()
        .withApiVersion("apps/v1").withKind("Deployment").withName("other").endScaleTargetRef()
        .withMaxReplicas(3).endSpec().build());
    // THEN
    assertThat(keys(STRICT.scan(Hardened.deployment(), ClusterContext.of(context))))
        .containsExactly("hpa - /metadata/name");
  }

  @Test
  void an_autoscaling_v1_hpa_and_a_keda_scaled_object_count() {
    HasMetadata v1 = new io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName("v1").withNamespace("ml").endMetadata().withNewSpec().withNewScaleTargetRef()
        .withApiVersion("apps/v1").withKind("Deployment").withName("model-server").endScaleTargetRef()
        .withMaxReplicas(3).endSpec().build();
    HasMetadata keda = new GenericKubernetesResourceBuilder().withApiVersion("keda.sh/v1alpha1")
        .withKind("ScaledObject").withNewMetadata().withName("keda").withNamespace("ml").endMetadata()
        .addToAdditionalProperties("spec", Map.of("scaleTargetRef", Map.of("name", "model-server"))).build();
    for (HasMetadata autoscaler : List.of(v1, keda)) {
      ClusterContext context = ClusterContext.of(with(without("HorizontalPodAutoscaler"), autoscaler));
      assertThat(STRICT.scan(Hardened.deployment(), context)).as(autoscaler.getKind()).isEmpty();
      assertThat(context.autoscalers()).containsExactly(autoscaler);
    }
  }

  @Test
  void a_budget_must_select_the_pods() {
    List<HasMetadata> context = with(without("PodDisruptionBudget"), new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("other").withNamespace("ml").endMetadata().withNewSpec().withNewSelector()
        .addToMatchLabels("app", "other").endSelector().withNewMinAvailable(1).endSpec().build());
    assertThat(keys(STRICT.scan(Hardened.deployment(), ClusterContext.of(context))))
        .containsExactly("pdb - /spec/template/metadata/labels");
  }

  @Test
  void a_missing_namespace_is_default_on_both_sides() {
    // GIVEN a Deployment and a NetworkPolicy without namespaces, and a policy in "default"
    Deployment d = Hardened.deployment();
    d.getMetadata().setNamespace(null);
    ClusterContext context = ClusterContext.of(List.of(policy(null, new LabelSelector())));
    // THEN
    assertThat(context.networkPoliciesSelecting("default", Map.of("app", "x"))).hasSize(1);
    assertThat(STRICT.scan(d, context)).extracting(Finding::id).doesNotContain("network-policy");
  }

  @Test
  void scan_all_uses_the_objects_themselves_as_context() {
    // GIVEN the hardened Deployment and its context objects in one list, as from one folder
    List<HasMetadata> objects = with(Hardened.context(), Hardened.deployment());
    // THEN no finding at all; without the PDB, one
    assertThat(STRICT.scanAll(objects)).isEmpty();
    List<HasMetadata> noBudget = new ArrayList<>(objects);
    noBudget.removeIf(o -> o.getKind().equals("PodDisruptionBudget"));
    assertThat(keys(STRICT.scanAll(noBudget))).containsExactly("pdb - /spec/template/metadata/labels");
  }

  @Test
  void the_context_is_unaffected_by_later_changes_to_its_objects() {
    // GIVEN a context made from a policy that is changed afterwards
    NetworkPolicy p = policy("ml", new LabelSelectorBuilder().addToMatchLabels("app", "model-server").build());
    ClusterContext context = ClusterContext.of(List.of(p));
    p.getSpec().getPodSelector().setMatchLabels(Map.of("app", "other"));
    // THEN
    assertThat(context.networkPoliciesSelecting("ml", Map.of("app", "model-server"))).hasSize(1);
    assertThat(context.networkPolicies()).hasSize(1);
    assertThatThrownBy(() -> context.networkPolicies().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
