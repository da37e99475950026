package dev.modelgov.cli;

import picocli.CommandLine.Command;

/**
 * {@code governance k8s}: scans Kubernetes workloads and RBAC, answers admission reviews, exports
 * ValidatingAdmissionPolicies, renders a governed model's objects for Git, detects drift between rendered and live
 * objects, and prints the GovernedModel CRD. For internal use only; may change without notice.
 */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Scan Kubernetes workloads and RBAC, answer admission reviews, export ValidatingAdmissionPolicies, "
        + "render a governed model's objects, detect drift, print the GovernedModel CRD.",
    subcommands = {
      K8sScanCommand.class,
      K8sRbacCommand.class,
      K8sRenderCommand.class,
      K8sCrdCommand.class,
      K8sDriftCommand.class,
      K8sAdmitCommand.class,
      K8sVapCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No finding at or above --fail-on; admitted; no drift; rendered, exported or printed.",
      "1:Findings at or above --fail-on (scan, rbac); denied (admit); drift between desired and live objects.",
      "2:Usage error, or an unreadable or invalid input (YAML, manifest)."
    })
final class K8sCommand {

  /** Picocli creates the command. */
  K8sCommand() {}
}
