package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import dev.modelgov.k8s.posture.ClusterContext;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code governance k8s scan FILE|DIR... [--profile baseline|restricted|governance-strict] [--fail-on SEVERITY]
 * [--include ID]... [--ignore ID]...}: runs the workload posture checks over Kubernetes manifests and prints one line
 * per finding, {@code SEVERITY id kind ns/name [container] path: message -> fix}, then a summary; {@code --json}
 * prints {@code {"findings":[...]}}. Every object read from all the arguments together is the cluster context of the
 * NetworkPolicy, HPA and PDB checks. Exits 0 when no finding is at or above {@code --fail-on}, 1 when one is, 2 for a
 * usage error or an unreadable or invalid manifest. For internal use only; may change without notice.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Checks the posture of Kubernetes workloads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, "
          + "CronJob, KServe InferenceService) in YAML or JSON manifests: Pod Security Standards baseline or "
          + "restricted, or governance-strict (adds image digests, resources, probes, secrets, token automount, "
          + "model URIs, NetworkPolicy, HPA and PDB).",
      "A directory is read recursively (*.yaml, *.yml, *.json; hidden entries skipped). All objects read form the "
          + "context of the NetworkPolicy, HPA and PDB checks.",
      "Prints one line per finding: SEVERITY id kind ns/name [container] path: message -> fix, then a summary. "
          + "--json prints {\"findings\":[{id, severity, kind, namespace, name, container, path, message, fix}]}."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No finding at or above --fail-on.",
      "1:A finding at or above --fail-on.",
      "2:Usage error, or an unreadable or invalid manifest."
    })
final class K8sScanCommand extends ProvenanceCommand {

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Manifest files or directories.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "governance-strict",
      description = "baseline, restricted or governance-strict (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "HIGH",
      description = "Exit 1 when a finding is at least this severe: LOW, MEDIUM, HIGH or CRITICAL "
          + "(default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--include", paramLabel = "ID", description = "Also run this check (a finding id); repeatable.")
  List<String> include = new ArrayList<>();

  @Option(names = "--ignore", paramLabel = "ID", description = "Skip this check (a finding id); repeatable.")
  List<String> ignore = new ArrayList<>();

  /** Picocli creates the command. */
  K8sScanCommand() {}

  @Override
  int execute() throws CommandException {
    PostureScanner scanner = scanner();
    Severity threshold = threshold();
    List<HasMetadata> objects = new ArrayList<>();
    Map<HasMetadata, Path> sources = new IdentityHashMap<>();
    int problems = 0;
    for (Path path : paths) {
      try {
        for (HasMetadata object : KubernetesManifests.load(path)) {
          objects.add(object);
          sources.put(object, path);
        }
      } catch (ManifestLoadException e) {
        err().println(e.getMessage());
        problems++;
      }
    }
    if (problems > 0) {
      return ExitCodes.USAGE;
    }
    List<Finding> findings = scan(scanner, objects, sources);
    boolean failed = findings.stream().anyMatch(f -> f.atLeast(threshold));
    if (json()) {
      JsonOutput.print(out(), json(findings));
    } else {
      for (Finding f : findings) {
        out().println(line(f));
      }
      out().println(summary(findings, objects, scanner, threshold, failed));
    }
    return failed ? ExitCodes.INVALID : ExitCodes.OK;
  }

  /** As {@link PostureScanner#scanAll}, but an invalid object is reported with the file it came from. */
  private static List<Finding> scan(PostureScanner scanner, List<HasMetadata> objects, Map<HasMetadata, Path> sources)
      throws CommandException {
    for (HasMetadata object : objects) {
      try {
        ClusterContext.of(List.of(object));
      } catch (IllegalArgumentException e) {
        throw CommandException.usage(sources.get(object) + ": " + e.getMessage());
      }
    }
    ClusterContext context = ClusterContext.of(objects);
    List<Finding> findings = new ArrayList<>();
    for (HasMetadata object : objects) {
      try {
        findings.addAll(scanner.scan(object, context));
      } catch (IllegalArgumentException e) {
        throw CommandException.usage(sources.get(object) + ": " + e.getMessage());
      }
    }
    return findings;
  }

  private PostureScanner scanner() {
    PostureProfile p;
    try {
      p = PostureProfile.parse(profile);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
    }
    PostureScanner.Builder builder = PostureScanner.builder().profile(p);
    include.forEach(builder::include);
    ignore.forEach(builder::ignore);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      boolean named = message.startsWith("include:") || message.startsWith("ignore:");
      throw new ParameterException(spec.commandLine(), (named ? "--" : "") + message);
    }
  }

  private Severity threshold() {
    return failOn(spec.commandLine(), failOn);
  }

  /**
   * Parses a {@code --fail-on} value; shared by {@code k8s scan} and {@code k8s rbac}.
   *
   * @param commandLine the command, for the usage error
   * @param value the option's value
   * @return the severity
   * @throws ParameterException naming the option and the accepted values
   */
  static Severity failOn(picocli.CommandLine commandLine, String value) {
    try {
      return Severity.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine,
          "--fail-on: unknown severity '" + value + "'; expected LOW, MEDIUM, HIGH or CRITICAL");
    }
  }

  /**
   * One finding for people.
   *
   * @param f the finding
   * @return {@code SEVERITY id kind ns/name [container] path: message -> fix} (no {@code ns/} without a namespace)
   */
  static String line(Finding f) {
    StringBuilder sb = new StringBuilder().append(f.severity()).append(' ').append(f.id()).append(' ').append(f.kind())
        .append(' ');
    if (!f.namespace().isEmpty()) {
      sb.append(f.namespace()).append('/');
    }
    sb.append(f.name());
    f.container().ifPresent(c -> sb.append(" [").append(c).append(']'));
    return sb.append(' ').append(f.path()).append(": ").append(f.message()).append(" -> ").append(f.fix())
        .toString();
  }

  private static String summary(
      List<Finding> findings, List<HasMetadata> objects, PostureScanner scanner, Severity threshold, boolean failed) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    long workloads = objects.stream().filter(PostureScanner::supports).count();
    StringBuilder sb =
        new StringBuilder().append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
    if (!findings.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW}) {
        if (counts.containsKey(s)) {
          parts.add(counts.get(s) + " " + s);
        }
      }
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    return sb.append("; ").append(workloads).append(" of ").append(objects.size()).append(" objects scanned; profile ")
        .append(scanner.profile().cliName()).append("; fail-on ").append(threshold).append(": ")
        .append(failed ? "FAIL" : "PASS").toString();
  }

  private static ObjectNode json(List<Finding> findings) {
    ObjectNode root = JsonOutput.object();
    ArrayNode array = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode node = array.addObject();
      node.put("id", f.id()).put("severity", f.severity().name()).put("kind", f.kind())
          .put("namespace", f.namespace()).put("name", f.name());
      if (f.container().isPresent()) {
        node.put("container", f.container().get());
      } else {
        node.putNull("container");
      }
      node.put("path", f.path()).put("message", f.message()).put("fix", f.fix());
    }
    return root;
  }
}
