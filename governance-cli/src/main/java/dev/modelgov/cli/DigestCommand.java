package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code governance manifest digest FILE}: prints the manifest digest, {@code sha256:<hex>} over the canonical JSON
 * (RFC 8785). For internal use only; may change without notice.
 */
@Command(
    name = "digest",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the manifest digest: sha256:<hex> over its canonical JSON (RFC 8785).",
      "It does not change when the file is re-indented, its keys reordered, or converted between YAML and JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Digest printed.", "1:The manifest is invalid.", "2:Usage error or unreadable file."})
final class DigestCommand extends ManifestSubcommand {

  @Parameters(paramLabel = "FILE", arity = "1", description = "The manifest file, .json or .yaml/.yml.")
  Path file;

  /** Picocli creates the command. */
  DigestCommand() {}

  @Override
  public Integer call() {
    ManifestInput input = ManifestInput.read(services().codec(), file);
    Optional<ModelManifest> manifest = input.requireValid(out(), err(), json());
    if (manifest.isEmpty()) {
      return input.exitCode();
    }
    Digest digest = services().codec().digest(manifest.get());
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("file", file.toString());
      node.put("id", manifest.get().id().toString());
      node.put("version", manifest.get().version());
      node.put("digest", digest.toString());
      JsonOutput.print(out(), node);
    } else {
      out().println(digest);
    }
    return ExitCodes.OK;
  }
}
