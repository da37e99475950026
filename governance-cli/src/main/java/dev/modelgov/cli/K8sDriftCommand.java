package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import dev.modelgov.k8s.gitops.DriftDetector;
import dev.modelgov.k8s.gitops.DriftItem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance k8s drift --desired FILE|DIR --live FILE|DIR}: compares desired objects (for example the output of
 * {@code governance k8s render}) with live ones (for example {@code kubectl get deploy,svc,... -o yaml}), ignoring
 * server-owned and server-defaulted fields, and prints one line per difference ({@code TYPE kind ns/name path: desired
 * -> live}) and a summary; {@code --json} prints {@code {"drift":[{kind, namespace, name, path, desired, live,
 * type}]}}. Exits 0 when there is no drift, 1 when there is, 2 for a usage error or an unreadable or invalid file.
 * For internal use only; may change without notice.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Compares the desired objects with the live ones and prints what differs: MISSING (desired, not live), EXTRA "
          + "(live, not desired) or CHANGED, with the JSON Pointer of the field.",
      "Only fields the desired objects set are compared; status, server metadata (uid, resourceVersion, generation, "
          + "creationTimestamp, managedFields) and the last-applied and revision annotations are ignored. Secret data "
          + "is shown as <redacted>. A kubectl List is read item by item."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No drift.",
      "1:Drift.",
      "2:Usage error, or an unreadable or invalid file."
    })
final class K8sDriftCommand extends ProvenanceCommand {

  @Option(names = "--desired", required = true, paramLabel = "FILE|DIR", description = "The desired objects.")
  Path desired;

  @Option(names = "--live", required = true, paramLabel = "FILE|DIR", description = "The live objects.")
  Path live;

  /** Picocli creates the command. */
  K8sDriftCommand() {}

  @Override
  int execute() throws CommandException {
    List<HasMetadata> desiredObjects = load(desired);
    List<HasMetadata> liveObjects = load(live);
    List<DriftItem> drift;
    try {
      drift = DriftDetector.diff(desiredObjects, liveObjects);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw CommandException.usage((message.startsWith("desired") ? desired : live) + ": " + message);
    }
    if (json()) {
      ObjectNode root = JsonOutput.object();
      ArrayNode items = root.putArray("drift");
      for (DriftItem d : drift) {
        ObjectNode node = items.addObject().put("kind", d.kind()).put("namespace", d.namespace())
            .put("name", d.name()).put("path", d.path());
        putOptional(node, "desired", d.desired().orElse(null));
        putOptional(node, "live", d.live().orElse(null));
        node.put("type", d.type().name());
      }
      JsonOutput.print(out(), root);
    } else {
      drift.forEach(d -> out().println(d));
      out().println((drift.isEmpty() ? "no drift" : drift.size() + (drift.size() == 1 ? " difference" : " differences"))
          + " between " + desiredObjects.size() + " desired and " + liveObjects.size() + " live objects");
    }
    return drift.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private static void putOptional(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static List<HasMetadata> load(Path path) throws CommandException {
    try {
      return KubernetesManifests.load(path);
    } catch (ManifestLoadException e) {
      throw CommandException.usage(e.getMessage());
    }
  }
}
