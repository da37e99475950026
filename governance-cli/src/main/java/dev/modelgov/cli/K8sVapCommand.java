package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.suite.PolicySources;
import dev.modelgov.k8s.vap.NotExported;
import dev.modelgov.k8s.vap.VapExport;
import dev.modelgov.k8s.vap.VapExporter;
import dev.modelgov.k8s.vap.VapOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code governance k8s vap --policy FILE [--point admission] [--out FILE]}: exports a CEL policy to Kubernetes
 * ValidatingAdmissionPolicy objects and bindings (YAML on standard output or into {@code --out}), and lists the rules
 * that cannot be exported, with the reason, on standard error. {@code --json} prints {@code {"objects":[...],
 * "notExported":[{"part","reason"}]}}. Exits 0, or 2 for a usage error or an unreadable or invalid policy. For
 * internal use only; may change without notice.
 */
@Command(
    name = "vap",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Exports a CEL policy to ValidatingAdmissionPolicy + ValidatingAdmissionPolicyBinding objects "
          + "(admissionregistration.k8s.io/v1), one pair per mode: <policy>-deny [Deny], -warn [Warn], -audit [Audit].",
      "Only rules over object, oldObject, request, namespaceObject and variables are exported; the others (rules over "
          + "manifest, context or now, Java checks, stage/risk/environment conditions) are listed on standard error.",
      "governance k8s vap --policy examples/policies/k8s-workload.yaml | kubectl apply -f -"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Exported (possibly nothing: see the list on standard error).",
      "2:Usage error, or an unreadable or invalid policy, or an unwritable --out."
    })
final class K8sVapCommand extends ProvenanceCommand {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy file (YAML or JSON), or builtin-cel.")
  String policy;

  @Option(
      names = "--point",
      paramLabel = "POINT",
      defaultValue = "admission",
      description = "The enforcement point whose modes and applicability are exported (default: ${DEFAULT-VALUE}).")
  String point;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "A prefix for every object name, for example bank-.")
  String prefix;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the YAML to this file (replaced if it exists) instead of standard output.")
  Path out;

  /** Picocli creates the command. */
  K8sVapCommand() {}

  @Override
  int execute() throws CommandException {
    EnforcementPoint at;
    VapOptions options;
    try {
      at = EnforcementPoint.parse(point);
      options = VapOptions.builder().namePrefix(prefix).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Policy loaded = load();
    VapExport export = VapExporter.export(loaded, at, options);
    String yaml = export.yaml();
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < export.policies().size(); i++) {
      objects.add(export.policies().get(i));
      objects.add(export.bindings().get(i));
    }
    if (out != null) {
      CliFiles.write(out, yaml.getBytes(StandardCharsets.UTF_8));
    }
    if (json()) {
      ObjectNode result = JsonOutput.object();
      ArrayNode array = result.putArray("objects");
      for (HasMetadata o : objects) {
        array.add(asJson(o));
      }
      ArrayNode missing = result.putArray("notExported");
      for (NotExported n : export.notExported()) {
        missing.addObject().put("part", n.part()).put("reason", n.reason());
      }
      if (out != null) {
        result.put("out", out.toString());
      }
      JsonOutput.print(out(), result);
    } else {
      for (NotExported n : export.notExported()) {
        err().println("not exported: " + n.part() + ": " + n.reason());
      }
      if (out != null) {
        out().println("wrote " + objects.size() + " objects to " + out);
      } else {
        out().print(yaml);
      }
    }
    return ExitCodes.OK;
  }

  private static JsonNode asJson(HasMetadata object) {
    try {
      return new ObjectMapper().readTree(SERIALIZATION.asJson(object));
    } catch (IOException e) {
      throw new IllegalStateException("an exported object does not serialize as JSON", e);
    }
  }

  private Policy load() throws CommandException {
    PolicySources sources = PolicySources.defaults();
    boolean named = policy.equals(PolicySources.BUILTIN) || policy.equals(PolicySources.BUILTIN_CEL);
    Path file = Path.of(policy);
    if (!named && !Files.isRegularFile(file)) {
      throw CommandException.usage(policy + ": " + (Files.isDirectory(file) ? "is a directory, not a file"
          : "no such file"));
    }
    try {
      Policy loaded = sources.load(policy, Path.of(""), PolicyLimits.defaults());
      try {
        PolicyEngine.builder().build().compile(loaded);
      } catch (PolicyCompileException e) {
        throw PolicySources.naming(e, loaded, policy);
      }
      return loaded;
    } catch (PolicyCompileException e) {
      throw CommandException.usage(e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(policy + ": " + CliFiles.readProblem(e));
    }
  }
}
