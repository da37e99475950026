package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.k8s.crd.GovernedModelCrd;
import java.io.IOException;
import picocli.CommandLine.Command;

/**
 * {@code governance k8s crd}: prints the GovernedModel CustomResourceDefinition as committed in the library (YAML;
 * with {@code --json}, the same document as JSON), for {@code kubectl apply -f -}. Exits 0. For internal use only; may
 * change without notice.
 */
@Command(
    name = "crd",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the GovernedModel CustomResourceDefinition (governedmodels.governance.modelgov.dev, v1alpha1, "
          + "namespaced, short name gm, status subresource): governance k8s crd | kubectl apply -f -",
      "--json prints the same document as JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Printed.", "2:Usage error."})
final class K8sCrdCommand extends ProvenanceCommand {

  /** Picocli creates the command. */
  K8sCrdCommand() {}

  @Override
  int execute() throws CommandException {
    String yaml = GovernedModelCrd.yaml();
    if (json()) {
      JsonNode tree;
      try {
        tree = new YAMLMapper().readTree(yaml);
      } catch (IOException e) {
        throw new IllegalStateException("the committed CRD is not YAML", e);
      }
      JsonOutput.print(out(), tree);
    } else {
      out().print(yaml);
    }
    return ExitCodes.OK;
  }
}
