package dev.modelgov.cli;

import picocli.CommandLine.Command;

/**
 * {@code governance metrics}: renders the Prometheus alerting rules of a metrics configuration, and checks two data
 * sets for drift offline. For internal use only; may change without notice.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Render Prometheus alerting rules from a metrics configuration; check data for drift offline.",
    subcommands = {
      MetricsAlertsCommand.class,
      MetricsDriftCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success; no drift detected.",
      "1:Drift detected.",
      "2:Usage error, unreadable input, or an invalid configuration or data file."
    })
final class MetricsCommand {

  /** Picocli creates the command. */
  MetricsCommand() {}
}
