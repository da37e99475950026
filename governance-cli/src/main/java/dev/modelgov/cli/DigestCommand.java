package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import picocli.CommandLine.Command;

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
final class DigestCommand extends SingleManifestCommand {


  /** Picocli creates the command. */
  DigestCommand() {}

  @Override
  int run(ModelManifest manifest) {
    Digest digest = services().codec().digest(manifest);
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("file", file.toString());
      node.put("id", manifest.id().toString());
      node.put("version", manifest.version());
      node.put("digest", digest.toString());
      JsonOutput.print(out(), node);
    } else {
      out().println(digest);
    }
    return ExitCodes.OK;
  }
}
