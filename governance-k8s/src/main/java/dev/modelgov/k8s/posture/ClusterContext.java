package dev.modelgov.k8s.posture;

import dev.modelgov.k8s.posture.internal.LabelSelectors;
import dev.modelgov.k8s.posture.internal.Workloads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cluster (or a folder of manifests) holds besides the workloads, for the context checks: NetworkPolicies
 * ({@code networking.k8s.io/v1}), HorizontalPodAutoscalers ({@code autoscaling/v2} and {@code v1}, and KEDA {@code
 * ScaledObject}s, which create one), PodDisruptionBudgets ({@code policy/v1}) and ServiceAccounts.
 *
 * <p>Immutable: the lists are copied and the selectors and targets are indexed when the context is made, so changing
 * the objects afterwards changes nothing here. A missing namespace counts as {@code default}, on both the context
 * objects and the workloads. Selectors follow Kubernetes: an empty selector selects every pod of the namespace, a
 * missing one none; {@code matchExpressions} support {@code In}, {@code NotIn}, {@code Exists} and {@code
 * DoesNotExist}.
 *
 * <pre>{@code
 * ClusterContext context = ClusterContext.of(KubernetesManifests.load(Path.of("deploy/")));
 * context.networkPoliciesSelecting("ml", Map.of("app", "tf-serving")); // the policies that apply to those pods
 * }</pre>
 */
public final class ClusterContext {

  private static final ClusterContext EMPTY = new ClusterContext(List.of());

  private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
  private final List<HasMetadata> autoscalers = new ArrayList<>();
  private final List<PodDisruptionBudget> disruptionBudgets = new ArrayList<>();
  private final List<ServiceAccount> serviceAccounts = new ArrayList<>();

  private final Map<String, List<Selecting<NetworkPolicy>>> policiesByNamespace = new HashMap<>();
  private final Map<String, List<Selecting<PodDisruptionBudget>>> budgetsByNamespace = new HashMap<>();
  private final Map<String, List<Target>> autoscalersByTarget = new HashMap<>();
  private final Map<String, ServiceAccount> accountsByName = new HashMap<>();

  private record Selecting<T>(T object, LabelSelectors.Matcher selector) {}

  private record Target(HasMetadata autoscaler, String group) {}

  private ClusterContext(Collection<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      Objects.requireNonNull(o, "objects must not contain null");
      String namespace = namespace(o);
      if (o instanceof NetworkPolicy p) {
        networkPolicies.add(p);
        LabelSelectors.Matcher m = LabelSelectors.compile(p.getSpec() == null ? null : p.getSpec().getPodSelector(),
            Workloads.describe(o) + " spec.podSelector");
        policiesByNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(new Selecting<>(p, m));
      } else if (o instanceof PodDisruptionBudget b) {
        disruptionBudgets.add(b);
        LabelSelectors.Matcher m = LabelSelectors.compile(b.getSpec() == null ? null : b.getSpec().getSelector(),
            Workloads.describe(o) + " spec.selector");
        budgetsByNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(new Selecting<>(b, m));
      } else if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler h) {
        var ref = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
        if (ref != null) {
          autoscaler(o, namespace, ref.getApiVersion(), ref.getKind(), ref.getName());
        }
      } else if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler h) {
        var ref = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
        if (ref != null) {
          autoscaler(o, namespace, ref.getApiVersion(), ref.getKind(), ref.getName());
        }
      } else if (o instanceof GenericKubernetesResource g && "ScaledObject".equals(g.getKind())
          && g.getApiVersion() != null && g.getApiVersion().startsWith("keda.sh/")) {
        Object apiVersion = g.get("spec", "scaleTargetRef", "apiVersion");
        Object kind = g.get("spec", "scaleTargetRef", "kind");
        Object name = g.get("spec", "scaleTargetRef", "name");
        if (name instanceof String n) {
          autoscaler(o, namespace, apiVersion instanceof String a ? a : "apps/v1",
              kind instanceof String k ? k : "Deployment", n);
        }
      } else if (o instanceof ServiceAccount a) {
        serviceAccounts.add(a);
        String name = a.getMetadata() == null ? null : a.getMetadata().getName();
        if (name != null) {
          accountsByName.put(namespace + "/" + name, a);
        }
      }
    }
  }

  private void autoscaler(HasMetadata o, String namespace, String apiVersion, String kind, String name) {
    autoscalers.add(o);
    if (kind != null && name != null) {
      autoscalersByTarget.computeIfAbsent(namespace + "/" + kind + "/" + name, k -> new ArrayList<>())
          .add(new Target(o, apiVersion == null ? null : group(apiVersion)));
    }
  }

  /** @return a context with no objects: the context checks then report every workload */
  public static ClusterContext empty() {
    return EMPTY;
  }

  /**
   * A context from objects, keeping those it uses (see the class comment) and ignoring the rest.
   *
   * @param objects any objects, for example everything {@code KubernetesManifests.load} read; must not be {@code
   *     null} or hold {@code null}
   * @return the context
   * @throws IllegalArgumentException if a selector is invalid (an unknown operator, In without values...), naming
   *     the object
   */
  public static ClusterContext of(Collection<? extends HasMetadata> objects) {
    Objects.requireNonNull(objects, "objects must not be null");
    return new ClusterContext(objects);
  }

  /** @return the NetworkPolicies (unmodifiable) */
  public List<NetworkPolicy> networkPolicies() {
    return List.copyOf(networkPolicies);
  }

  /** @return the HorizontalPodAutoscalers (autoscaling/v2 or v1) and KEDA ScaledObjects (unmodifiable) */
  public List<HasMetadata> autoscalers() {
    return List.copyOf(autoscalers);
  }

  /** @return the PodDisruptionBudgets (unmodifiable) */
  public List<PodDisruptionBudget> podDisruptionBudgets() {
    return List.copyOf(disruptionBudgets);
  }

  /** @return the ServiceAccounts (unmodifiable) */
  public List<ServiceAccount> serviceAccounts() {
    return List.copyOf(serviceAccounts);
  }

  /**
   * The NetworkPolicies that select pods.
   *
   * @param namespace the pods' namespace; {@code null} or empty is {@code default}
   * @param podLabels the pods' labels, must not be {@code null}
   * @return the policies whose podSelector matches, in the order given
   */
  public List<NetworkPolicy> networkPoliciesSelecting(String namespace, Map<String, String> podLabels) {
    return selecting(policiesByNamespace, namespace, podLabels);
  }

  /**
   * The PodDisruptionBudgets that select pods.
   *
   * @param namespace the pods' namespace; {@code null} or empty is {@code default}
   * @param podLabels the pods' labels, must not be {@code null}
   * @return the budgets whose selector matches, in the order given
   */
  public List<PodDisruptionBudget> disruptionBudgetsSelecting(String namespace, Map<String, String> podLabels) {
    return selecting(budgetsByNamespace, namespace, podLabels);
  }

  /** Like {@link #networkPoliciesSelecting}, without building the list: for the scanner's hot path. */
  boolean anyNetworkPolicySelects(String namespace, Map<String, String> podLabels) {
    return anySelecting(policiesByNamespace, namespace, podLabels);
  }

  /** Like {@link #disruptionBudgetsSelecting}, without building the list: for the scanner's hot path. */
  boolean anyDisruptionBudgetSelects(String namespace, Map<String, String> podLabels) {
    return anySelecting(budgetsByNamespace, namespace, podLabels);
  }

  /** Like {@link #autoscalersTargeting}, without building the list: for the scanner's hot path. */
  boolean anyAutoscalerTargets(String namespace, String apiVersion, String kind, String name) {
    List<Target> targets = autoscalersByTarget.get(normalize(namespace) + "/" + kind + "/" + name);
    if (targets == null) {
      return false;
    }
    String group = apiVersion == null ? null : group(apiVersion);
    for (Target t : targets) {
      if (t.group() == null || group == null || t.group().equals(group)) {
        return true;
      }
    }
    return false;
  }

  private static <T> boolean anySelecting(
      Map<String, List<Selecting<T>>> index, String namespace, Map<String, String> podLabels) {
    List<Selecting<T>> candidates = index.get(normalize(namespace));
    if (candidates != null) {
      for (Selecting<T> s : candidates) {
        if (s.selector().matches(podLabels)) {
          return true;
        }
      }
    }
    return false;
  }

  private static <T> List<T> selecting(
      Map<String, List<Selecting<T>>> index, String namespace, Map<String, String> podLabels) {
    Objects.requireNonNull(podLabels, "podLabels must not be null");
    List<Selecting<T>> candidates = index.get(normalize(namespace));
    if (candidates == null) {
      return List.of();
    }
    List<T> matching = new ArrayList<>(1);
    for (Selecting<T> s : candidates) {
      if (s.selector().matches(podLabels)) {
        matching.add(s.object());
      }
    }
    return matching;
  }

  /**
   * The autoscalers whose scale target is a workload: same namespace, kind and name, and the same API group when the
   * target names an apiVersion.
   *
   * @param namespace the workload's namespace; {@code null} or empty is {@code default}
   * @param apiVersion the workload's apiVersion, for example {@code apps/v1}
   * @param kind the workload's kind, for example {@code Deployment}
   * @param name the workload's name
   * @return the autoscalers, in the order given
   */
  public List<HasMetadata> autoscalersTargeting(String namespace, String apiVersion, String kind, String name) {
    List<Target> targets = autoscalersByTarget.get(normalize(namespace) + "/" + kind + "/" + name);
    if (targets == null) {
      return List.of();
    }
    String group = apiVersion == null ? null : group(apiVersion);
    List<HasMetadata> matching = new ArrayList<>(1);
    for (Target t : targets) {
      if (t.group() == null || group == null || t.group().equals(group)) {
        matching.add(t.autoscaler());
      }
    }
    return matching;
  }

  /**
   * A ServiceAccount by name.
   *
   * @param namespace its namespace; {@code null} or empty is {@code default}
   * @param name its name
   * @return the account, if the context has it
   */
  public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
    return Optional.ofNullable(accountsByName.get(normalize(namespace) + "/" + name));
  }

  private static String namespace(HasMetadata o) {
    return normalize(o.getMetadata() == null ? null : o.getMetadata().getNamespace());
  }

  private static String normalize(String namespace) {
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public String toString() {
    return "ClusterContext[" + networkPolicies.size() + " NetworkPolicies, " + autoscalers.size() + " autoscalers, "
        + disruptionBudgets.size() + " PodDisruptionBudgets, " + serviceAccounts.size() + " ServiceAccounts]";
  }
}
