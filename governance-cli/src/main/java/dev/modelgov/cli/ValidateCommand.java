package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code governance manifest validate FILE...}: checks manifests strictly. Exits 0 when every file is valid, 1 when one
 * is invalid, 2 when one cannot be read. For internal use only; may change without notice.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Checks that each file is a valid manifest: syntax, duplicate keys, unknown fields, types and required fields.",
      "Problems go to standard error, one line each: <file>: <path>: <message>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Every manifest is valid.",
      "1:A manifest is invalid.",
      "2:Usage error or unreadable file."
    })
final class ValidateCommand extends ManifestSubcommand {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Manifest files, .json or .yaml/.yml.")
  List<Path> files = new ArrayList<>();

  /** Picocli creates the command. */
  ValidateCommand() {}

  @Override
  public Integer call() {
    int exit = ExitCodes.OK;
    ArrayNode results = JsonOutput.array();
    for (Path file : files) {
      ManifestInput input = ManifestInput.read(services().codec(), file);
      exit = ExitCodes.worst(exit, input.exitCode());
      input.reportProblems(err());
      if (json()) {
        results.add(input.toJson());
      } else if (input.valid()) {
        out().println(file + ": valid (" + input.manifest().orElseThrow().coordinates() + ")");
      }
    }
    if (json()) {
      JsonOutput.print(out(), results.size() == 1 ? results.get(0) : results);
    }
    return exit;
  }
}
