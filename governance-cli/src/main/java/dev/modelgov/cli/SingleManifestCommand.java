package dev.modelgov.cli;

import dev.modelgov.api.manifest.ModelManifest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * A command on one manifest file: reads and validates it, reports its problems (exit 1, or 2 when unreadable), and
 * hands a valid manifest to {@link #run(ModelManifest)}. For internal use only; may change without notice.
 */
abstract class SingleManifestCommand extends ManifestSubcommand {

  @Parameters(paramLabel = "FILE", arity = "1", description = "The manifest file, .json or .yaml/.yml.")
  Path file;

  @Override
  public final Integer call() {
    ManifestInput input = ManifestInput.read(services().codec(), file);
    Optional<ModelManifest> manifest = input.requireValid(out(), err(), json());
    return manifest.isEmpty() ? input.exitCode() : run(manifest.get());
  }

  /**
   * Runs the command on a valid manifest.
   *
   * @param manifest the manifest read from {@link #file}
   * @return the exit code
   */
  abstract int run(ModelManifest manifest);
}
