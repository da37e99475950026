package dev.modelgov.k8s.rbac;

import dev.modelgov.api.policy.Severity;

/**
 * The checks of the {@link RbacAnalyzer}, each with its stable finding id and its usual severity (a finding may be
 * raised or lowered from it, as each constant says). The ids are documented in docs/kubernetes.md.
 *
 * <pre>{@code
 * report.findings().stream().filter(f -> f.id().equals(RbacCheck.SECRETS_READ.id())).toList();
 * }</pre>
 */
public enum RbacCheck {
  /** A rule with verb {@code *}: every verb, including escalate, bind, impersonate and future ones. CRITICAL when its
   * resources are {@code *} too. */
  WILDCARD_VERBS("rbac-wildcard-verbs", Severity.HIGH),
  /** A rule with resource {@code *}: every resource of its groups, including secrets and future CRDs. CRITICAL when its
   * verbs are {@code *} too. */
  WILDCARD_RESOURCES("rbac-wildcard-resources", Severity.HIGH),
  /** get, list or watch on {@code secrets}: reads service account tokens and keys. MEDIUM when limited by
   * resourceNames. */
  SECRETS_READ("rbac-secrets-read", Severity.HIGH),
  /** get or create on {@code pods/exec} or {@code pods/attach} (WebSocket exec needs only get), or update/patch on
   * {@code pods/ephemeralcontainers}: runs commands in other workloads. */
  PODS_EXEC("rbac-pods-exec", Severity.HIGH),
  /** escalate or bind on roles or clusterroles, or impersonate on users, groups, service accounts, uids or user extras:
   * CRITICAL. Creating or changing (cluster)rolebindings: MEDIUM (it needs bind or the permissions granted). */
  ESCALATE_BIND_IMPERSONATE("rbac-escalate-bind-impersonate", Severity.CRITICAL),
  /** create, update or patch on pods, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs or
   * replicationcontrollers: runs any image with any service account of the namespace, mounting its secrets. */
  CREATE_WORKLOADS("rbac-create-workloads", Severity.HIGH),
  /** Any verb on {@code nodes/proxy}: the kubelet API, which runs commands in every pod of the node. */
  NODES_PROXY("rbac-nodes-proxy", Severity.CRITICAL),
  /** create, update, patch or delete on admission webhook configurations or admission policies (and their bindings):
   * intercepts or disables admission control. */
  WEBHOOK_CONFIG("rbac-webhook-config", Severity.HIGH),
  /** create on {@code serviceaccounts/token}, update/patch on {@code certificatesigningrequests/approval}, or approve
   * on {@code signers}: mints credentials. */
  TOKEN_CSR("rbac-token-csr", Severity.HIGH),
  /** A binding to the {@code cluster-admin} ClusterRole, or of {@code system:anonymous}, {@code
   * system:unauthenticated} or {@code system:masters}: CRITICAL; of {@code system:authenticated} (everyone with an
   * account) to a role that is not a built-in {@code system:} role: HIGH. */
  DANGEROUS_SUBJECT("rbac-dangerous-subject", Severity.CRITICAL);

  private final String id;
  private final Severity severity;

  RbacCheck(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  /** @return the stable finding id, for example {@code rbac-secrets-read} */
  public String id() {
    return id;
  }

  /** @return the usual severity of its findings */
  public Severity severity() {
    return severity;
  }
}
