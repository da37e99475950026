package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import dev.modelgov.k8s.rbac.RbacAnalyzer;
import dev.modelgov.k8s.rbac.RbacReport;
import dev.modelgov.k8s.rbac.SubjectFinding;
import dev.modelgov.k8s.rbac.SubjectReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code governance k8s rbac FILE|DIR... [--fail-on SEVERITY]}: analyzes Roles, ClusterRoles and their bindings and
 * prints one line per finding ({@code SEVERITY id kind ns/name path: message -> fix}), then each subject with what
 * it can do through which binding, the bindings whose role was not in the input, and a summary; {@code --json} prints
 * {@code {"findings":[...],"subjects":[...],"unresolvedRoleRefs":[...]}}. Other Kubernetes kinds are skipped; a kind
 * that is not a Kubernetes kind is an error. Exits 0 when no finding is at or above {@code --fail-on} (default
 * HIGH), 1 when one is, 2 for a usage error or an unreadable or invalid file. For internal use only; may change
 * without notice.
 */
@Command(
    name = "rbac",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Finds dangerous permissions in Kubernetes RBAC (Role, ClusterRole, RoleBinding, ClusterRoleBinding): "
          + "wildcards, reading secrets, exec into pods, escalate/bind/impersonate, creating workloads, nodes/proxy, "
          + "admission webhook writes, token and certificate minting, dangerous subjects.",
      "Prints one line per finding (SEVERITY id kind ns/name path: message -> fix), then per subject what it can do "
          + "through which binding and where, worst first. --json prints {\"findings\":[{id, severity, kind, "
          + "namespace, name, container, path, message, fix}], \"subjects\":[...], \"unresolvedRoleRefs\":[...]}."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No finding at or above --fail-on.",
      "1:A finding at or above --fail-on.",
      "2:Usage error, or an unreadable or invalid file."
    })
final class K8sRbacCommand extends ProvenanceCommand {

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "RBAC manifests (YAML or JSON) or directories.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "HIGH",
      description = "Exit 1 when a finding is at least this severe: LOW, MEDIUM, HIGH or CRITICAL "
          + "(default: ${DEFAULT-VALUE}).")
  String failOn;

  /** Picocli creates the command. */
  K8sRbacCommand() {}

  @Override
  int execute() throws CommandException {
    Severity threshold = threshold();
    List<HasMetadata> objects = new ArrayList<>();
    int problems = 0;
    for (Path path : paths) {
      try {
        for (HasMetadata object : KubernetesManifests.load(path)) {
          if (object instanceof GenericKubernetesResource) {
            throw CommandException.usage(path + ": " + describe(object) + " is not a Kubernetes kind that "
                + "governance k8s rbac can read (RBAC input: Role, ClusterRole, RoleBinding, ClusterRoleBinding; "
                + "other built-in kinds are skipped)");
          }
          objects.add(object);
        }
      } catch (ManifestLoadException e) {
        err().println(e.getMessage());
        problems++;
      }
    }
    if (problems > 0) {
      return ExitCodes.USAGE;
    }
    RbacReport report = RbacAnalyzer.analyze(objects);
    boolean failed = !report.atLeast(threshold).isEmpty();
    if (json()) {
      JsonOutput.print(out(), json(report));
    } else {
      for (Finding f : report.findings()) {
        out().println(K8sScanCommand.line(f));
      }
      for (SubjectReport s : report.subjects()) {
        out().println("subject " + s.subject() + " (" + s.worstSeverity() + "):");
        for (SubjectFinding f : s.findings()) {
          out().println("  " + subjectLine(f));
        }
      }
      for (String ref : report.unresolvedRoleRefs()) {
        out().println("note: " + ref + ": the role is not in the input; its permissions were not checked");
      }
      out().println(summary(report, objects, threshold, failed));
    }
    return failed ? ExitCodes.INVALID : ExitCodes.OK;
  }

  private static String describe(HasMetadata object) {
    String name = object.getMetadata() == null || object.getMetadata().getName() == null ? "(unnamed)"
        : object.getMetadata().getName();
    return "kind " + object.getKind() + " (" + object.getApiVersion() + ") of " + name;
  }

  private Severity threshold() {
    return K8sScanCommand.failOn(spec.commandLine(), failOn);
  }

  /**
   * One subject finding for people.
   *
   * @param f the subject finding
   * @return {@code SEVERITY id via BindingKind ns/name (scope): RoleKind ns/name path}
   */
  static String subjectLine(SubjectFinding f) {
    Finding finding = f.finding();
    return finding.severity() + " " + finding.id() + " via " + f.bindingKind() + " "
        + (f.bindingNamespace().isEmpty() ? "" : f.bindingNamespace() + "/") + f.bindingName() + " ("
        + f.scopeText() + "): " + finding.kind() + " " + (finding.namespace().isEmpty() ? "" : finding.namespace()
        + "/") + finding.name() + " " + finding.path();
  }

  private static String summary(RbacReport report, List<HasMetadata> objects, Severity threshold, boolean failed) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    report.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    long roles = objects.stream().filter(o -> o instanceof Role || o instanceof ClusterRole).count();
    long bindings = objects.stream().filter(o -> o instanceof RoleBinding || o instanceof ClusterRoleBinding).count();
    int n = report.findings().size();
    StringBuilder sb = new StringBuilder().append(n).append(n == 1 ? " finding" : " findings");
    if (n > 0) {
      List<String> parts = new ArrayList<>();
      for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW}) {
        if (counts.containsKey(s)) {
          parts.add(counts.get(s) + " " + s);
        }
      }
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    return sb.append("; ").append(roles).append(roles == 1 ? " role, " : " roles, ").append(bindings)
        .append(bindings == 1 ? " binding, " : " bindings, ").append(report.subjects().size())
        .append(report.subjects().size() == 1 ? " subject" : " subjects").append(" with findings; fail-on ")
        .append(threshold).append(": ").append(failed ? "FAIL" : "PASS").toString();
  }

  /**
   * A finding as JSON: {@code {"id","severity","kind","namespace","name","container","path","message","fix"}}.
   *
   * @param f the finding
   * @return a new object
   */
  static ObjectNode findingJson(Finding f) {
    ObjectNode node = JsonOutput.object();
    node.put("id", f.id()).put("severity", f.severity().name()).put("kind", f.kind())
        .put("namespace", f.namespace()).put("name", f.name());
    if (f.container().isPresent()) {
      node.put("container", f.container().get());
    } else {
      node.putNull("container");
    }
    return node.put("path", f.path()).put("message", f.message()).put("fix", f.fix());
  }

  private static ObjectNode json(RbacReport report) {
    ObjectNode root = JsonOutput.object();
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(findingJson(f)));
    ArrayNode subjects = root.putArray("subjects");
    for (SubjectReport s : report.subjects()) {
      ObjectNode node = subjects.addObject();
      node.put("kind", s.subject().kind()).put("namespace", s.subject().namespace()).put("name", s.subject().name())
          .put("worstSeverity", s.worstSeverity().name());
      ArrayNode grants = node.putArray("findings");
      for (SubjectFinding f : s.findings()) {
        ObjectNode grant = findingJson(f.finding());
        grant.putObject("binding").put("kind", f.bindingKind()).put("namespace", f.bindingNamespace())
            .put("name", f.bindingName());
        grant.put("scope", f.scope());
        grants.add(grant);
      }
    }
    root.set("unresolvedRoleRefs", JsonOutput.strings(report.unresolvedRoleRefs()));
    return root;
  }
}
