package dev.modelgov.k8s.posture;

import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.posture.internal.EnabledChecks;
import dev.modelgov.k8s.posture.internal.FindingSink;
import dev.modelgov.k8s.posture.internal.PodChecks;
import dev.modelgov.k8s.posture.internal.PodTarget;
import dev.modelgov.k8s.posture.internal.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the posture checks of a {@link PostureProfile} over workloads: Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job, CronJob and KServe InferenceService (a {@code GenericKubernetesResource} of
 * {@code serving.kserve.io/*}), plus PersistentVolumes for {@code host-path}. Other objects are ignored. Each finding
 * names the object, the container, the JSON Pointer of the offending field (or of where a missing field belongs) in
 * the object as written, what is wrong and what to set; docs/kubernetes.md lists the checks.
 *
 * <p>The context checks ({@code network-policy}, {@code hpa}, {@code pdb}) run only when a {@link ClusterContext} is
 * given: {@link #scan(HasMetadata, ClusterContext)}, or {@link #scanAll}, whose context is the objects scanned. A
 * scanner is immutable and thread-safe.
 *
 * <pre>{@code
 * PostureScanner scanner =
 *     PostureScanner.builder().profile(PostureProfile.RESTRICTED).ignore("seccomp-profile").build();
 * List<Finding> findings = scanner.scanAll(KubernetesManifests.load(Path.of("deploy/")));
 * }</pre>
 */
public final class PostureScanner {

  private final PostureProfile profile;
  private final Set<PostureCheck> checks;
  private final EnabledChecks enabled;

  private PostureScanner(PostureProfile profile, Set<PostureCheck> checks) {
    this.profile = profile;
    this.checks = checks;
    this.enabled = new EnabledChecks(checks);
  }

  /** @return a builder; the profile is {@link PostureProfile#GOVERNANCE_STRICT} unless set */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A scanner running exactly the checks of a profile.
   *
   * @param profile the profile, must not be {@code null}
   * @return the scanner
   */
  public static PostureScanner of(PostureProfile profile) {
    return builder().profile(profile).build();
  }

  /** @return the profile the checks start from */
  public PostureProfile profile() {
    return profile;
  }

  /** @return the checks this scanner runs: the profile's, plus those included, less those ignored (unmodifiable) */
  public Set<PostureCheck> checks() {
    return checks;
  }

  /**
   * Whether the checks apply to an object.
   *
   * @param object any object, must not be {@code null}
   * @return whether it is a workload, an InferenceService or a PersistentVolume
   */
  public static boolean supports(HasMetadata object) {
    Objects.requireNonNull(object, "object must not be null");
    return object instanceof PersistentVolume || Workloads.isWorkload(object);
  }

  /**
   * Checks one object without the context checks.
   *
   * @param object a workload (other objects give no findings), must not be {@code null}
   * @return the findings, in a stable order: per pod group, the pod, then each container
   * @throws IllegalArgumentException if an InferenceService component cannot be read as a pod spec (naming the field)
   */
  public List<Finding> scan(HasMetadata object) {
    Objects.requireNonNull(object, "object must not be null");
    return scan(object, null, false);
  }

  /**
   * Checks one object, including the context checks against a cluster context.
   *
   * @param object a workload (other objects give no findings), must not be {@code null}
   * @param context what else the cluster holds; {@link ClusterContext#empty()} for a cluster with nothing else;
   *     must not be {@code null}
   * @return the findings, in a stable order: per pod group, the pod, then each container, then the context checks
   * @throws IllegalArgumentException if an InferenceService component cannot be read as a pod spec (naming the field)
   */
  public List<Finding> scan(HasMetadata object, ClusterContext context) {
    Objects.requireNonNull(object, "object must not be null");
    Objects.requireNonNull(context, "context must not be null");
    return scan(object, context, true);
  }

  /**
   * Checks every supported object of a set, with the set itself as the cluster context (its NetworkPolicies,
   * autoscalers, PodDisruptionBudgets and ServiceAccounts). Objects the checks do not apply to are skipped.
   *
   * @param objects the objects, for example the manifests of a folder; must not be {@code null} or hold {@code null}
   * @return the findings, object by object in the order given
   * @throws IllegalArgumentException if a selector in the set is invalid or an InferenceService cannot be read
   */
  public List<Finding> scanAll(List<? extends HasMetadata> objects) {
    Objects.requireNonNull(objects, "objects must not be null");
    ClusterContext context = ClusterContext.of(objects);
    List<Finding> findings = new ArrayList<>();
    for (HasMetadata object : objects) {
      findings.addAll(scan(object, context, true));
    }
    return findings;
  }

  private List<Finding> scan(HasMetadata object, ClusterContext context, boolean withContext) {
    ObjectMeta meta = object.getMetadata();
    String kind = object.getKind() != null ? object.getKind() : object.getClass().getSimpleName();
    String namespace = meta == null || meta.getNamespace() == null ? "" : meta.getNamespace();
    String name = meta == null ? "" : meta.getName() != null ? meta.getName()
        : meta.getGenerateName() != null ? meta.getGenerateName() : "";
    List<Finding> findings = new ArrayList<>(24);
    FindingSink sink = (check, container, path, message, fix) -> findings.add(new Finding(check.id(),
        check.severity(), kind, namespace, name, Optional.ofNullable(container), path, message, fix));
    if (object instanceof PersistentVolume pv) {
      if (enabled.has(PostureCheck.HOST_PATH) && pv.getSpec() != null && pv.getSpec().getHostPath() != null) {
        sink.add(PostureCheck.HOST_PATH, null, "/spec/hostPath",
            "PersistentVolume '" + name + "' is the node's path '" + pv.getSpec().getHostPath().getPath()
                + "' (hostPath), so pods claiming it bypass the hostPath rule",
            "back the volume with a storage class (csi, a cloud disk, nfs) instead of hostPath");
      }
      return findings;
    }
    for (PodTarget target : Workloads.podTargets(object)) {
      Boolean accountAutomount = null;
      if (withContext) {
        String account = target.spec().getServiceAccountName();
        accountAutomount = context.serviceAccount(namespace, account == null || account.isEmpty() ? "default" : account)
            .map(ServiceAccount::getAutomountServiceAccountToken).orElse(null);
      }
      PodChecks.check(target, enabled, accountAutomount, sink);
      if (withContext) {
        contextChecks(object, target, namespace, name, context, sink);
      }
    }
    return findings;
  }

  private void contextChecks(
      HasMetadata object, PodTarget t, String namespace, String name, ClusterContext context, FindingSink sink) {
    String pods = t.component().isEmpty() ? "its pods" : "its " + t.component() + " pods";
    String where = namespace.isEmpty() ? "default" : namespace;
    if (enabled.has(PostureCheck.NETWORK_POLICY) && !context.anyNetworkPolicySelects(namespace, t.labels())) {
      String labels = labels(t.labels());
      sink.add(PostureCheck.NETWORK_POLICY, null, t.labelsPath(),
          "no NetworkPolicy in namespace '" + where + "' selects " + pods + " (labels " + labels + ")",
          "add a NetworkPolicy in namespace '" + where + "' whose spec.podSelector matches " + labels
              + ", allowing only the ingress and egress the pods need");
    }
    if (enabled.has(PostureCheck.HPA) && t.scalable()
        && !context.anyAutoscalerTargets(namespace, object.getApiVersion(), object.getKind(), name)) {
      sink.add(PostureCheck.HPA, null, "/metadata/name",
          "no HorizontalPodAutoscaler in namespace '" + where + "' targets " + object.getKind() + " '" + name + "'",
          "add an autoscaling/v2 HorizontalPodAutoscaler in namespace '" + where + "' with scaleTargetRef {apiVersion: "
              + object.getApiVersion() + ", kind: " + object.getKind() + ", name: " + name + "} and minReplicas >= 2");
    }
    if (enabled.has(PostureCheck.PDB) && t.disruptionBudgeted()
        && !context.anyDisruptionBudgetSelects(namespace, t.labels())) {
      String labels = labels(t.labels());
      sink.add(PostureCheck.PDB, null, t.labelsPath(),
          "no PodDisruptionBudget in namespace '" + where + "' selects " + pods + " (labels " + labels + ")",
          "add a policy/v1 PodDisruptionBudget in namespace '" + where + "' whose spec.selector matches " + labels
              + ", with minAvailable or maxUnavailable set so that at least one disruption is allowed");
    }
  }

  private static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "{}";
    }
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append(": ").append(e.getValue());
    }
    return sb.append('}').toString();
  }

  @Override
  public String toString() {
    return "PostureScanner[" + profile.cliName() + ", " + checks.size() + " checks]";
  }

  /** Builds a {@link PostureScanner}: a profile, plus checks to include beyond it, less checks to ignore. */
  public static final class Builder {

    private PostureProfile profile = PostureProfile.GOVERNANCE_STRICT;
    private final Set<String> include = new LinkedHashSet<>();
    private final Set<String> ignore = new LinkedHashSet<>();

    private Builder() {}

    /**
     * @param profile the profile, must not be {@code null}
     * @return this builder
     */
    public Builder profile(PostureProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile must not be null");
      return this;
    }

    /**
     * Runs a check beyond the profile's, for example {@code image-digest} with the restricted profile.
     *
     * @param id a finding id, checked in {@link #build()}
     * @return this builder
     */
    public Builder include(String id) {
      include.add(Objects.requireNonNull(id, "id must not be null"));
      return this;
    }

    /**
     * Skips one of the profile's checks.
     *
     * @param id a finding id, checked in {@link #build()}
     * @return this builder
     */
    public Builder ignore(String id) {
      ignore.add(Objects.requireNonNull(id, "id must not be null"));
      return this;
    }

    /**
     * @return the scanner
     * @throws IllegalArgumentException naming the field ({@code include} or {@code ignore}) of an unknown id, or an id
     *     both included and ignored
     */
    public PostureScanner build() {
      EnumSet<PostureCheck> checks = EnumSet.copyOf(profile.checks());
      EnumSet<PostureCheck> ignored = EnumSet.noneOf(PostureCheck.class);
      for (String id : ignore) {
        ignored.add(resolve("ignore", id));
      }
      for (String id : include) {
        PostureCheck check = resolve("include", id);
        if (ignored.contains(check)) {
          throw new IllegalArgumentException("check '" + check.id() + "' is both included and ignored");
        }
        checks.add(check);
      }
      checks.removeAll(ignored);
      return new PostureScanner(profile, Collections.unmodifiableSet(checks));
    }

    private static PostureCheck resolve(String field, String id) {
      try {
        return PostureCheck.byId(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
      }
    }
  }
}
