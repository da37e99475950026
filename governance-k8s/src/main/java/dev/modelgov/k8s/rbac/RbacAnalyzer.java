package dev.modelgov.k8s.rbac;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds dangerous permissions in Kubernetes RBAC objects ({@code Role}, {@code ClusterRole}, {@code RoleBinding},
 * {@code ClusterRoleBinding}), and what each subject can do through its bindings. A pure function over fabric8 model
 * objects; other kinds in the input are ignored.
 *
 * <p>Each rule of each role is checked against every {@link RbacCheck}; a finding names the role, the JSON Pointer of
 * the element of the rule that grants it (the matching resource, or verb for escalate, bind and impersonate; for
 * example {@code /rules/3/resources/0}), what it allows and how to narrow it. Wildcards count as what they grant: verb
 * {@code *} matches every verb, resource {@code *} every resource, {@code *}/{@code <sub>} that subresource of every
 * resource, apiGroup {@code *} every group. A rule yields at most one finding per check, the most severe. Bindings are
 * checked for {@link RbacCheck#DANGEROUS_SUBJECT}.
 *
 * <p>Per subject: every binding is resolved to its role in the input (a Role in the binding's namespace, or a
 * ClusterRole, including the ClusterRoles an aggregated ClusterRole selects by label) and the role's findings are
 * attached to each subject with the binding and the scope: a ClusterRole bound by a RoleBinding applies in the
 * binding's namespace only; by a ClusterRoleBinding, everywhere. A service account subject without a namespace takes
 * the RoleBinding's. Bindings to roles not in the input are listed in {@link RbacReport#unresolvedRoleRefs()}, except
 * {@code cluster-admin}, which is reported as a dangerous binding.
 *
 * <pre>{@code
 * RbacReport report = RbacAnalyzer.analyze(KubernetesManifests.load(Path.of("config/rbac/")));
 * report.findings().forEach(f -> System.out.println(f.severity() + " " + f.id() + " " + f.name() + f.path()));
 * }</pre>
 */
public final class RbacAnalyzer {

  /**
   * The class path resource with the least-privilege RBAC of ModelGov's own components (ServiceAccount, Role,
   * RoleBinding and the checkpoint ConfigMap in namespace {@code modelgov-system}); it has no finding at MEDIUM or
   * above.
   */
  public static final String COMPONENTS_RBAC_RESOURCE = "/dev/modelgov/k8s/rbac/modelgov-components.yaml";

  static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private static final Comparator<Severity> WORST_FIRST = Comparator.reverseOrder();

  private static final Set<String> READ = Set.of("get", "list", "watch");
  private static final Set<String> WRITE = Set.of("create", "update", "patch");
  private static final Set<String> WRITE_OR_DELETE = Set.of("create", "update", "patch", "delete", "deletecollection");

  private static final List<Target> SECRETS = List.of(new Target("", "secrets"));
  private static final List<Target> EXEC = List.of(new Target("", "pods/exec"), new Target("", "pods/attach"));
  private static final List<Target> EPHEMERAL = List.of(new Target("", "pods/ephemeralcontainers"));
  private static final List<Target> ROLES = List.of(new Target(RBAC_GROUP, "roles"),
      new Target(RBAC_GROUP, "clusterroles"));
  private static final List<Target> BINDINGS = List.of(new Target(RBAC_GROUP, "rolebindings"),
      new Target(RBAC_GROUP, "clusterrolebindings"));
  private static final List<Target> IMPERSONABLE = List.of(new Target("", "users"), new Target("", "groups"),
      new Target("", "serviceaccounts"), new Target("authentication.k8s.io", "uids"),
      new Target("authentication.k8s.io", "userextras"));
  private static final List<Target> WORKLOADS = List.of(new Target("", "pods"),
      new Target("", "replicationcontrollers"), new Target("apps", "deployments"), new Target("apps", "replicasets"),
      new Target("apps", "statefulsets"), new Target("apps", "daemonsets"), new Target("extensions", "deployments"),
      new Target("extensions", "replicasets"), new Target("extensions", "daemonsets"), new Target("batch", "jobs"),
      new Target("batch", "cronjobs"));
  private static final List<Target> NODE_PROXY = List.of(new Target("", "nodes/proxy"));
  private static final String ADMISSION_GROUP = "admissionregistration.k8s.io";
  private static final List<Target> ADMISSION = List.of(new Target(ADMISSION_GROUP, "mutatingwebhookconfigurations"),
      new Target(ADMISSION_GROUP, "validatingwebhookconfigurations"),
      new Target(ADMISSION_GROUP, "validatingadmissionpolicies"),
      new Target(ADMISSION_GROUP, "validatingadmissionpolicybindings"),
      new Target(ADMISSION_GROUP, "mutatingadmissionpolicies"),
      new Target(ADMISSION_GROUP, "mutatingadmissionpolicybindings"));
  private static final List<Target> TOKENS = List.of(new Target("", "serviceaccounts/token"));
  private static final List<Target> CSR_APPROVAL = List.of(
      new Target("certificates.k8s.io", "certificatesigningrequests/approval"));
  private static final List<Target> SIGNERS = List.of(new Target("certificates.k8s.io", "signers"));

  private RbacAnalyzer() {}

  /**
   * Analyzes RBAC objects.
   *
   * @param objects Kubernetes objects, for example from {@code KubernetesManifests.load}; kinds other than Role,
   *     ClusterRole, RoleBinding and ClusterRoleBinding are ignored; must not be {@code null}
   * @return the report
   */
  public static RbacReport analyze(List<? extends HasMetadata> objects) {
    Objects.requireNonNull(objects, "objects must not be null");
    Map<RoleKey, RoleInfo> roles = new LinkedHashMap<>();
    List<HasMetadata> bindings = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (HasMetadata object : objects) {
      Objects.requireNonNull(object, "objects must not contain null");
      if (object instanceof Role role) {
        RoleKey key = new RoleKey("Role", namespace(role), name(role));
        List<Finding> own = ruleFindings(key, role.getRules());
        roles.put(key, new RoleInfo(own, labels(role), null));
        findings.addAll(own);
      } else if (object instanceof ClusterRole role) {
        RoleKey key = new RoleKey("ClusterRole", "", name(role));
        List<Finding> own = ruleFindings(key, role.getRules());
        roles.put(key, new RoleInfo(own, labels(role), role.getAggregationRule()));
        findings.addAll(own);
      } else if (object instanceof RoleBinding || object instanceof ClusterRoleBinding) {
        bindings.add(object);
      }
    }
    Map<RbacSubject, List<SubjectFinding>> bySubject = new TreeMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    for (HasMetadata binding : bindings) {
      boolean cluster = binding instanceof ClusterRoleBinding;
      RoleRef ref = cluster ? ((ClusterRoleBinding) binding).getRoleRef() : ((RoleBinding) binding).getRoleRef();
      List<Subject> subjects = cluster ? ((ClusterRoleBinding) binding).getSubjects()
          : ((RoleBinding) binding).getSubjects();
      String kind = binding.getKind() != null ? binding.getKind() : cluster ? "ClusterRoleBinding" : "RoleBinding";
      String bindingNs = cluster ? "" : namespace(binding);
      String scope = cluster ? "" : bindingNs;
      List<Finding> bindingFindings = bindingFindings(kind, bindingNs, name(binding), ref, nz(subjects));
      findings.addAll(bindingFindings);
      List<Finding> granted = new ArrayList<>();
      for (Finding f : bindingFindings) {
        if (f.path().startsWith("/roleRef")) {
          granted.add(f);
        }
      }
      if (ref != null && ref.getName() != null) {
        boolean clusterRole = "ClusterRole".equals(ref.getKind());
        RoleKey key = new RoleKey(clusterRole ? "ClusterRole" : "Role", clusterRole ? "" : bindingNs, ref.getName());
        if (roles.containsKey(key)) {
          granted.addAll(effectiveFindings(key, roles));
        } else if (!(clusterRole && "cluster-admin".equals(ref.getName()))) {
          unresolved.add(kind + " " + (bindingNs.isEmpty() ? "" : bindingNs + "/") + name(binding) + " -> "
              + key.kind() + " " + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name());
        }
      }
      List<Subject> list = nz(subjects);
      for (int i = 0; i < list.size(); i++) {
        Subject s = list.get(i);
        if (s == null || s.getName() == null || s.getKind() == null) {
          continue;
        }
        String ns = "ServiceAccount".equals(s.getKind())
            ? (s.getNamespace() == null || s.getNamespace().isEmpty() ? bindingNs : s.getNamespace()) : "";
        RbacSubject subject = new RbacSubject(s.getKind(), ns, s.getName());
        List<SubjectFinding> target = bySubject.computeIfAbsent(subject, k -> new ArrayList<>());
        for (Finding f : granted) {
          target.add(new SubjectFinding(f, kind, bindingNs, name(binding), scope));
        }
        String own = "/subjects/" + i + "/";
        for (Finding f : bindingFindings) {
          if (f.path().startsWith(own)) {
            target.add(new SubjectFinding(f, kind, bindingNs, name(binding), scope));
          }
        }
      }
    }
    findings.sort(Comparator.comparing(Finding::severity, WORST_FIRST).thenComparing(Finding::kind)
        .thenComparing(Finding::namespace).thenComparing(Finding::name));
    List<SubjectReport> subjects = new ArrayList<>();
    for (Map.Entry<RbacSubject, List<SubjectFinding>> e : bySubject.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<SubjectFinding> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.comparing((SubjectFinding f) -> f.finding().severity(), WORST_FIRST)
          .thenComparing(f -> f.finding().id()));
      subjects.add(new SubjectReport(e.getKey(), sorted));
    }
    subjects.sort(Comparator.comparing(SubjectReport::worstSeverity, WORST_FIRST)
        .thenComparing(SubjectReport::subject));
    return new RbacReport(findings, subjects, List.copyOf(unresolved));
  }

  private static List<Finding> effectiveFindings(RoleKey key, Map<RoleKey, RoleInfo> roles) {
    RoleInfo info = roles.get(key);
    List<Finding> out = new ArrayList<>(info.findings());
    AggregationRule aggregation = info.aggregation();
    if (aggregation == null) {
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    out.forEach(f -> seen.add(f.name() + f.path() + f.id()));
    for (LabelSelector selector : nz(aggregation.getClusterRoleSelectors())) {
      for (Map.Entry<RoleKey, RoleInfo> e : roles.entrySet()) {
        if (e.getKey().kind().equals("ClusterRole") && !e.getKey().equals(key)
            && matches(selector, e.getValue().labels())) {
          for (Finding f : e.getValue().findings()) {
            if (seen.add(f.name() + f.path() + f.id())) {
              out.add(f);
            }
          }
        }
      }
    }
    return out;
  }

  /** A label selector in the Kubernetes sense; an empty selector matches everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : nz(selector.getMatchExpressions())) {
      String value = labels.get(r.getKey());
      List<String> values = nz(r.getValues());
      boolean ok = switch (String.valueOf(r.getOperator())) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> labels.containsKey(r.getKey());
        case "DoesNotExist" -> !labels.containsKey(r.getKey());
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static List<Finding> ruleFindings(RoleKey role, List<PolicyRule> rules) {
    List<Finding> out = new ArrayList<>();
    List<PolicyRule> list = nz(rules);
    for (int i = 0; i < list.size(); i++) {
      PolicyRule rule = list.get(i);
      if (rule != null) {
        checkRule(role, i, rule, out);
      }
    }
    return out;
  }

  private static void checkRule(RoleKey role, int index, PolicyRule rule, List<Finding> out) {
    Rule r = new Rule(role, index, nz(rule.getApiGroups()), nz(rule.getResources()), nz(rule.getVerbs()),
        nz(rule.getResourceNames()));
    int anyVerb = r.verbs.indexOf("*");
    int anyResource = r.resources.indexOf("*");
    boolean everything = anyVerb >= 0 && anyResource >= 0;
    if (anyVerb >= 0) {
      out.add(r.finding(RbacCheck.WILDCARD_VERBS, everything ? Severity.CRITICAL : Severity.HIGH,
          "/verbs/" + anyVerb, "grants every verb (*) on " + r.resourceText()
              + ", including escalate, bind, impersonate and verbs added later",
          "list the verbs the component needs instead of *"));
    }
    if (anyResource >= 0) {
      out.add(r.finding(RbacCheck.WILDCARD_RESOURCES, everything ? Severity.CRITICAL : Severity.HIGH,
          "/resources/" + anyResource, "grants " + String.join(", ", r.verbs) + " on every resource (*) of "
              + r.groupText() + ", including secrets and custom resources added later",
          "list the resources the component needs instead of *"));
    }
    r.match(SECRETS, READ).ifPresent(m -> out.add(r.finding(RbacCheck.SECRETS_READ,
        r.resourceNames.isEmpty() ? Severity.HIGH : Severity.MEDIUM, "/resources/" + m.resourceIndex(),
        "grants " + m.verbText() + " on secrets" + (r.resourceNames.isEmpty() ? "" : " " + r.resourceNames)
            + ": whoever is bound can read the Secrets in scope, including service account tokens and TLS keys",
        "drop secrets from the rule, or limit it to named secrets with resourceNames; mount secrets as volumes "
            + "instead of reading them through the API")));
    Optional<Match> exec = r.match(EXEC, Set.of("create", "get"));
    if (exec.isEmpty()) {
      exec = r.match(EPHEMERAL, Set.of("update", "patch"));
    }
    exec.ifPresent(m -> out.add(r.finding(RbacCheck.PODS_EXEC, Severity.HIGH, "/resources/" + m.resourceIndex(),
        "grants " + m.verbText() + " on " + m.resourceText()
            + ": whoever is bound can run commands inside other pods and use their credentials",
        "remove pods/exec, pods/attach and pods/ephemeralcontainers; debug with a dedicated, audited break-glass role")));
    Optional<Match> escalate = r.match(ROLES, Set.of("escalate", "bind"));
    Optional<Match> impersonate = escalate.isPresent() ? Optional.empty() : r.match(IMPERSONABLE, Set.of("impersonate"));
    if (escalate.isPresent() || impersonate.isPresent()) {
      Match m = escalate.orElseGet(impersonate::get);
      out.add(r.finding(RbacCheck.ESCALATE_BIND_IMPERSONATE, Severity.CRITICAL, "/verbs/" + m.verbIndex(),
          "grants " + m.verbText() + " on " + m.resourceText()
              + ": whoever is bound can give themselves any permission or act as another identity",
          "remove escalate, bind and impersonate; let cluster administrators manage roles and bindings"));
    } else {
      r.match(BINDINGS, WRITE).ifPresent(m -> out.add(r.finding(RbacCheck.ESCALATE_BIND_IMPERSONATE,
          Severity.MEDIUM, "/resources/" + m.resourceIndex(), "grants " + m.verbText() + " on " + m.resourceText()
              + ": whoever is bound can grant the roles whose permissions they hold to anyone",
          "manage role bindings through GitOps with review instead of a component's service account")));
    }
    r.match(WORKLOADS, WRITE).ifPresent(m -> out.add(r.finding(RbacCheck.CREATE_WORKLOADS, Severity.HIGH,
        "/resources/" + m.resourceIndex(), "grants " + m.verbText() + " on " + m.resourceText()
            + ": whoever is bound can run any image as any service account of the namespace and mount its secrets",
        "let a controller or GitOps own workloads; if needed, limit the rule to named objects with resourceNames "
            + "(update/patch) and enforce admission policies on the pods")));
    r.match(NODE_PROXY, Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
        "proxy")).ifPresent(m -> out.add(r.finding(RbacCheck.NODES_PROXY, Severity.CRITICAL,
        "/resources/" + m.resourceIndex(), "grants " + m.verbText() + " on nodes/proxy: the kubelet API, which runs "
            + "commands in every pod of a node (get is not read-only)",
        "remove nodes/proxy; read node metrics through the metrics API instead")));
    r.match(ADMISSION, WRITE_OR_DELETE).ifPresent(m -> out.add(r.finding(RbacCheck.WEBHOOK_CONFIG, Severity.HIGH,
        "/resources/" + m.resourceIndex(), "grants " + m.verbText() + " on " + m.resourceText()
            + ": whoever is bound can intercept, change or switch off admission control",
        "install webhook and admission policy configurations with the release, not from a running component; if a "
            + "controller must patch its own caBundle, limit the rule to it with resourceNames")));
    Optional<Match> token = r.match(TOKENS, Set.of("create"));
    if (token.isEmpty()) {
      token = r.match(CSR_APPROVAL, Set.of("update", "patch"));
    }
    if (token.isEmpty()) {
      token = r.match(SIGNERS, Set.of("approve"));
    }
    token.ifPresent(m -> out.add(r.finding(RbacCheck.TOKEN_CSR, Severity.HIGH, "/resources/" + m.resourceIndex(),
        "grants " + m.verbText() + " on " + m.resourceText()
            + ": whoever is bound can mint tokens or certificates for other identities",
        "remove serviceaccounts/token, certificatesigningrequests/approval and signers; use projected service "
            + "account tokens")));
  }

  private static List<Finding> bindingFindings(String kind, String ns, String name, RoleRef ref,
      List<Subject> subjects) {
    List<Finding> out = new ArrayList<>();
    if (ref != null && "ClusterRole".equals(ref.getKind()) && "cluster-admin".equals(ref.getName())) {
      out.add(new Finding(RbacCheck.DANGEROUS_SUBJECT.id(), Severity.CRITICAL, kind, ns, name, Optional.empty(),
          "/roleRef/name", kind + " " + name + " binds the cluster-admin ClusterRole: full control of "
              + (kind.equals("ClusterRoleBinding") ? "the cluster" : "namespace " + ns),
          "bind a role with only the permissions needed; keep cluster-admin for break-glass accounts"));
    }
    String roleName = ref == null || ref.getName() == null ? "" : ref.getName();
    for (int i = 0; i < subjects.size(); i++) {
      Subject s = subjects.get(i);
      if (s == null || s.getName() == null) {
        continue;
      }
      String subject = s.getName();
      Severity severity = null;
      String who = null;
      if (subject.equals("system:anonymous") || subject.equals("system:unauthenticated")) {
        severity = Severity.CRITICAL;
        who = "unauthenticated requests (" + subject + ")";
      } else if (subject.equals("system:masters")) {
        severity = Severity.CRITICAL;
        who = "the system:masters group, which bypasses RBAC";
      } else if (subject.equals("system:authenticated") && !roleName.startsWith("system:")) {
        severity = Severity.HIGH;
        who = "every authenticated user and service account (system:authenticated)";
      }
      if (severity != null) {
        out.add(new Finding(RbacCheck.DANGEROUS_SUBJECT.id(), severity, kind, ns, name, Optional.empty(),
            "/subjects/" + i + "/name", kind + " " + name + " grants " + (ref == null ? "a role" : ref.getKind() + " "
                + roleName) + " to " + who,
            "bind named users, groups or service accounts instead"));
      }
    }
    return out;
  }

  private static String namespace(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
  }

  private static String name(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
  }

  private static Map<String, String> labels(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** A role's identity: kind, namespace (empty for ClusterRoles) and name. */
  private record RoleKey(String kind, String namespace, String name) {}

  /** A role's own findings, labels (for aggregation) and aggregation rule. */
  private record RoleInfo(List<Finding> findings, Map<String, String> labels, AggregationRule aggregation) {}

  /** A resource a check looks for: API group and resource (with subresource). */
  private record Target(String group, String resource) {}

  /**
   * What matched in a rule: the index of the first matching resource element and of the first matching verb element,
   * and the verbs and resources matched, for the message.
   */
  private record Match(int resourceIndex, int verbIndex, List<String> verbs, List<String> resources) {

    String verbText() {
      return String.join(", ", verbs);
    }

    String resourceText() {
      return String.join(", ", resources);
    }
  }

  /** One rule of one role, with the matching logic of the Kubernetes RBAC authorizer. */
  private record Rule(RoleKey role, int index, List<String> groups, List<String> resources, List<String> verbs,
      List<String> resourceNames) {

    Optional<Match> match(List<Target> targets, Set<String> wantedVerbs) {
      int resourceIndex = -1;
      Set<String> matched = new LinkedHashSet<>();
      for (int i = 0; i < resources.size(); i++) {
        String granted = resources.get(i);
        for (Target t : targets) {
          if (groupMatches(t.group()) && resourceMatches(granted, t.resource())) {
            if (resourceIndex < 0) {
              resourceIndex = i;
            }
            matched.add(t.resource());
          }
        }
      }
      if (resourceIndex < 0) {
        return Optional.empty();
      }
      int verbIndex = -1;
      List<String> verbsMatched = new ArrayList<>();
      for (int i = 0; i < verbs.size(); i++) {
        String v = verbs.get(i);
        if (v.equals("*") || wantedVerbs.contains(v)) {
          if (verbIndex < 0) {
            verbIndex = i;
          }
          verbsMatched.add(v);
        }
      }
      if (verbIndex < 0) {
        return Optional.empty();
      }
      return Optional.of(new Match(resourceIndex, verbIndex, verbsMatched, List.copyOf(matched)));
    }

    private boolean groupMatches(String group) {
      return groups.contains("*") || groups.contains(group);
    }

    private static boolean resourceMatches(String granted, String wanted) {
      if (granted.equals("*") || granted.equals(wanted)) {
        return true;
      }
      int slash = wanted.indexOf('/');
      if (slash > 0 && granted.equals("*" + wanted.substring(slash))) {
        return true;
      }
      // userextras/<scope> names one extra; impersonating any of them is impersonation.
      return wanted.equals("userextras") && granted.startsWith("userextras/");
    }

    String groupText() {
      return groups.isEmpty() ? "no API group" : groups.stream().map(g -> g.isEmpty() ? "core" : g)
          .reduce((a, b) -> a + ", " + b).orElse("") + (groups.size() == 1 ? " group" : " groups");
    }

    String resourceText() {
      return resources.isEmpty() ? "non-resource URLs" : String.join(", ", resources);
    }

    Finding finding(RbacCheck check, Severity severity, String pointer, String what, String fix) {
      return new Finding(check.id(), severity, role.kind(), role.namespace(), role.name(), Optional.empty(),
          "/rules/" + index + pointer, role.kind() + " " + role.name() + " rule " + index + " " + what, fix);
    }
  }
}
