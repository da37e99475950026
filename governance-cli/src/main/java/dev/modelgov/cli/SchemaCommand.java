package dev.modelgov.cli;

import dev.modelgov.core.manifest.ManifestCodec;
import picocli.CommandLine.Command;

/**
 * {@code governance manifest schema}: prints the JSON Schema of the manifest format, for editors and other validators.
 * For internal use only; may change without notice.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the JSON Schema (draft 2020-12) of the manifest format.",
      "Save it next to your manifests and point your editor at it, e.g. with a first line",
      "# yaml-language-server: $schema=model-manifest-v1.schema.json"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Printed."})
final class SchemaCommand extends ManifestSubcommand {

  /** Picocli creates the command. */
  SchemaCommand() {}

  @Override
  public Integer call() {
    out().print(ManifestCodec.jsonSchema());
    out().flush();
    return ExitCodes.OK;
  }
}
