package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import dev.modelgov.k8s.gitops.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code governance k8s render MANIFEST [--namespace NS] [--kind deployment|inferenceservice] [--argocd APP]
 * [--flux [NS/]NAME] [--provenance-ref REF] [--out FILE]}: renders the Kubernetes objects that serve a model
 * (hardened workload, Service, NetworkPolicies, autoscaler, disruption budget, ServiceAccount, GovernedModel) as
 * deterministic YAML on standard output, or into {@code --out}; {@code --json} prints {@code {"objects":[...]}}.
 * Exits 0, or 2 for a usage error, an invalid or unreadable manifest, or a manifest without a serving image. For
 * internal use only; may change without notice.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Renders the Kubernetes objects that serve a model for a GitOps repository: a hardened Deployment (or KServe "
          + "InferenceService), Service, default-deny and allow-serving NetworkPolicies, HorizontalPodAutoscaler, "
          + "PodDisruptionBudget, ServiceAccount and the GovernedModel, labelled with app.kubernetes.io/* and the "
          + "model's identity, digests and lineage.",
      "The YAML is deterministic: the same manifest and options always give the same bytes. The manifest needs a "
          + "servingImage pinned by digest."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Rendered.",
      "2:Usage error, an unreadable or invalid manifest, a manifest without servingImage, or an unwritable --out."
    })
final class K8sRenderCommand extends ProvenanceCommand {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Parameters(paramLabel = "MANIFEST", arity = "1", description = "The model manifest, .json or .yaml/.yml.")
  Path manifestFile;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace of the objects (default: the model id's namespace).")
  String namespace;

  @Option(
      names = "--kind",
      paramLabel = "deployment|inferenceservice",
      defaultValue = "deployment",
      description = "What serves the model: deployment (default) or inferenceservice (KServe, RawDeployment).")
  String kind;

  @Option(names = "--argocd", paramLabel = "APP", description = "Add Argo CD tracking annotations for this Application.")
  String argoCd;

  @Option(
      names = "--flux",
      paramLabel = "[NS/]NAME",
      description = "Add Flux labels for this Kustomization (namespace default flux-system).")
  String flux;

  @Option(
      names = "--provenance-ref",
      paramLabel = "REF",
      description = "Where the model's signed provenance is; recorded in the GovernedModel and the annotations.")
  String provenanceRef;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the YAML to this file (replaced if it exists) instead of standard output.")
  Path out;

  /** Picocli creates the command. */
  K8sRenderCommand() {}

  @Override
  int execute() throws CommandException {
    WorkloadKind workloadKind = parseKind();
    ManifestInput input = ManifestInput.read(services().codec(), manifestFile);
    Optional<ModelManifest> valid = input.requireValid(out(), err(), json());
    if (valid.isEmpty()) {
      return ExitCodes.USAGE;
    }
    ModelManifest manifest = valid.get();
    Digest digest = services().codec().digest(manifest);
    GitOpsRenderer renderer = renderer(manifest, workloadKind);
    List<HasMetadata> objects;
    try {
      objects = renderer.render(manifest, digest);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(manifestFile + ": " + e.getMessage());
    }
    String yaml = GitOpsRenderer.toYaml(objects);
    if (out != null) {
      CliFiles.write(out, yaml.getBytes(StandardCharsets.UTF_8));
      if (json()) {
        ObjectNode summary = JsonOutput.object().put("out", out.toString()).put("objects", objects.size());
        JsonOutput.print(out(), summary);
      } else {
        out().println("wrote " + objects.size() + " objects ("
            + String.join(", ", objects.stream().map(HasMetadata::getKind).distinct().toList()) + ") to " + out);
      }
    } else if (json()) {
      JsonOutput.print(out(), asJson(yaml));
    } else {
      out().print(yaml);
    }
    return ExitCodes.OK;
  }

  private WorkloadKind parseKind() {
    return switch (kind.trim().toLowerCase(Locale.ROOT)) {
      case "deployment" -> WorkloadKind.DEPLOYMENT;
      case "inferenceservice", "inference-service", "isvc" -> WorkloadKind.INFERENCE_SERVICE;
      default -> throw new ParameterException(spec.commandLine(),
          "--kind: unknown kind '" + kind + "'; expected deployment or inferenceservice");
    };
  }

  private GitOpsRenderer renderer(ModelManifest manifest, WorkloadKind workloadKind) {
    String ns = namespace;
    if (ns == null) {
      ns = manifest.id().namespace();
      if (!DNS_LABEL.matcher(ns).matches()) {
        throw new ParameterException(spec.commandLine(), "--namespace: the model namespace '" + ns
            + "' is not a Kubernetes namespace name; give --namespace");
      }
    }
    GitOpsRenderer.Builder builder = GitOpsRenderer.builder().namespace(ns).workloadKind(workloadKind)
        .argoCdApplication(argoCd).provenanceRef(provenanceRef);
    if (flux != null) {
      int slash = flux.indexOf('/');
      builder.fluxKustomization(slash < 0 ? flux : flux.substring(slash + 1),
          slash < 0 ? "flux-system" : flux.substring(0, slash));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String option = message.startsWith("namespace") ? "--namespace: "
          : message.startsWith("argoCdApplication") ? "--argocd: "
          : message.startsWith("fluxKustomization") ? "--flux: "
          : message.startsWith("provenanceRef") ? "--provenance-ref: " : "";
      throw new ParameterException(spec.commandLine(), option + message);
    }
  }

  private static JsonNode asJson(String yaml) {
    ObjectNode root = JsonOutput.object();
    ArrayNode objects = root.putArray("objects");
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the rendered objects are not YAML", e);
    }
    return root;
  }
}
