package dev.modelgov.cli;

import picocli.CommandLine.Command;

/** {@code governance manifest}: the commands on model manifests. For internal use only; may change without notice. */
@Command(
    name = "manifest",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Validate, digest, export and assess model manifests, or print their JSON Schema (JSON or YAML, by file extension).",
    subcommands = {ValidateCommand.class, DigestCommand.class, ExportCommand.class, CoverageCommand.class, SchemaCommand.class})
final class ManifestCommand {

  /** Picocli creates the command. */
  ManifestCommand() {}
}
