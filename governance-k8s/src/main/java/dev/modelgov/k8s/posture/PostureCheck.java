package dev.modelgov.k8s.posture;

import dev.modelgov.api.policy.Severity;
import java.util.Locale;
import java.util.Objects;

/**
 * One workload posture check: its stable finding id, the severity of its findings, and the least strict {@link
 * PostureProfile} that runs it. docs/kubernetes.md ("Posture checks") describes each check and its fix.
 *
 * <p>The first group is the Pod Security Standards baseline, the second what restricted adds, the rest what
 * governance-strict adds. The three context checks ({@link #NETWORK_POLICY}, {@link #HPA}, {@link #PDB}) run only when
 * the scan is given a {@link ClusterContext}.
 *
 * <pre>{@code
 * PostureCheck check = PostureCheck.byId("image-digest");   // IMAGE_DIGEST
 * check.severity();                                       // HIGH
 * PostureProfile.RESTRICTED.includes(check);              // false: governance-strict only
 * }</pre>
 */
public enum PostureCheck {

  // Pod Security Standards: baseline.
  /** A container runs {@code privileged: true}. */
  PRIVILEGED("privileged", Severity.CRITICAL, PostureProfile.BASELINE),
  /** A Windows pod or container runs as a HostProcess. */
  HOST_PROCESS("host-process", Severity.CRITICAL, PostureProfile.BASELINE),
  /** The pod shares the node's network, PID or IPC namespace. */
  HOST_NAMESPACES("host-namespaces", Severity.HIGH, PostureProfile.BASELINE),
  /** A container binds a port of the node ({@code hostPort}). */
  HOST_PORTS("host-ports", Severity.HIGH, PostureProfile.BASELINE),
  /** The pod mounts a {@code hostPath} volume (and a PersistentVolume is a {@code hostPath}). */
  HOST_PATH("host-path", Severity.HIGH, PostureProfile.BASELINE),
  /** A container adds a capability outside the baseline default set. */
  CAPABILITIES_ADDED("capabilities-added", Severity.HIGH, PostureProfile.BASELINE),
  /** The seccomp profile is {@code Unconfined}. */
  SECCOMP_UNCONFINED("seccomp-unconfined", Severity.HIGH, PostureProfile.BASELINE),
  /** The AppArmor profile is unconfined. */
  APPARMOR_UNCONFINED("apparmor-unconfined", Severity.HIGH, PostureProfile.BASELINE),
  /** The SELinux options set a user, a role, or a type outside the container types. */
  SELINUX_OPTIONS("selinux-options", Severity.HIGH, PostureProfile.BASELINE),
  /** A container unmasks {@code /proc} ({@code procMount} other than {@code Default}). */
  PROC_MOUNT("proc-mount", Severity.HIGH, PostureProfile.BASELINE),
  /** The pod sets a sysctl outside the safe set. */
  SYSCTLS("sysctls", Severity.HIGH, PostureProfile.BASELINE),

  // Pod Security Standards: restricted.
  /** A container may run as root: {@code runAsNonRoot} is not true, or {@code runAsUser} is 0. */
  RUN_AS_NON_ROOT("run-as-non-root", Severity.HIGH, PostureProfile.RESTRICTED),
  /** A container does not set {@code allowPrivilegeEscalation: false}. */
  PRIVILEGE_ESCALATION("privilege-escalation", Severity.HIGH, PostureProfile.RESTRICTED),
  /** A container does not drop {@code ALL} capabilities, or adds one other than {@code NET_BIND_SERVICE}. */
  CAPABILITIES_DROP_ALL("capabilities-drop-all", Severity.MEDIUM, PostureProfile.RESTRICTED),
  /** No seccomp profile applies to a container (neither the pod's nor its own). */
  SECCOMP_PROFILE("seccomp-profile", Severity.MEDIUM, PostureProfile.RESTRICTED),
  /** The pod uses a volume type outside the restricted set. */
  VOLUME_TYPES("volume-types", Severity.MEDIUM, PostureProfile.RESTRICTED),

  // governance-strict.
  /** A container image is not pinned by digest. */
  IMAGE_DIGEST("image-digest", Severity.HIGH, PostureProfile.GOVERNANCE_STRICT),
  /** A container image has the tag {@code latest} or no tag (and no digest). */
  IMAGE_TAG_LATEST("image-tag-latest", Severity.HIGH, PostureProfile.GOVERNANCE_STRICT),
  /** A container's root file system is writable. */
  READ_ONLY_ROOT_FS("read-only-root-fs", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** A container has no cpu or memory request. */
  RESOURCE_REQUESTS("resource-requests", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** A container has no cpu or memory limit. */
  RESOURCE_LIMITS("resource-limits", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** A long-running container has no liveness probe. */
  LIVENESS_PROBE("liveness-probe", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** A long-running container has no readiness probe. */
  READINESS_PROBE("readiness-probe", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** A credential-like environment variable holds a literal value. */
  SECRET_ENV_LITERAL("secret-env-literal", Severity.CRITICAL, PostureProfile.GOVERNANCE_STRICT),
  /** A Secret is passed as an environment variable rather than a mounted file. */
  SECRET_ENV_REF("secret-env-ref", Severity.LOW, PostureProfile.GOVERNANCE_STRICT),
  /** The pod mounts a service-account token it may not need. */
  SA_TOKEN_AUTOMOUNT("sa-token-automount", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** An InferenceService's {@code storageUri} does not name an immutable model version. */
  MODEL_URI_UNPINNED("model-uri-unpinned", Severity.HIGH, PostureProfile.GOVERNANCE_STRICT),
  /** No NetworkPolicy selects the pods (context check). */
  NETWORK_POLICY("network-policy", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** No HorizontalPodAutoscaler targets the workload (context check). */
  HPA("hpa", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT),
  /** No PodDisruptionBudget selects the pods (context check). */
  PDB("pdb", Severity.MEDIUM, PostureProfile.GOVERNANCE_STRICT);

  private final String id;
  private final Severity severity;
  private final PostureProfile profile;

  PostureCheck(String id, Severity severity, PostureProfile profile) {
    this.id = id;
    this.severity = severity;
    this.profile = profile;
  }

  /** @return the stable finding id, for example {@code run-as-non-root} */
  public String id() {
    return id;
  }

  /** @return the severity of this check's findings */
  public Severity severity() {
    return severity;
  }

  /** @return the least strict profile that runs this check; every stricter profile runs it too */
  public PostureProfile profile() {
    return profile;
  }

  /** @return whether this check needs a {@link ClusterContext} (NetworkPolicies, autoscalers, budgets) */
  public boolean contextual() {
    return this == NETWORK_POLICY || this == HPA || this == PDB;
  }

  /**
   * The check with a finding id.
   *
   * @param id a finding id such as {@code image-digest}, must not be {@code null}
   * @return the check
   * @throws IllegalArgumentException if no check has that id
   */
  public static PostureCheck byId(String id) {
    Objects.requireNonNull(id, "id must not be null");
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (PostureCheck check : values()) {
      if (check.id.equals(wanted)) {
        return check;
      }
    }
    throw new IllegalArgumentException("unknown posture check id '" + id + "'");
  }
}
