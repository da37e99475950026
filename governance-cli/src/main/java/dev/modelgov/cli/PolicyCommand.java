package dev.modelgov.cli;

import picocli.CommandLine.Command;

/**
 * {@code governance policy}: evaluates policies on manifests, runs policy suites, lints policy files and lists waivers.
 * For internal use only; may change without notice.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Evaluate a policy on a manifest, run policy test suites, lint policy files, list waivers.",
    subcommands = {
      PolicyEvalCommand.class,
      PolicyTestCommand.class,
      PolicyLintCommand.class,
      PolicyWaiversCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Allowed (or allowed with warnings); every suite case passed; every policy is clean.",
      "1:Denied; a suite case failed; a policy has errors; a waiver has expired.",
      "2:Usage error, unreadable input, or an invalid policy, suite, context or waiver file."
    })
final class PolicyCommand {

  /** Picocli creates the command. */
  PolicyCommand() {}
}
