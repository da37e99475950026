package dev.modelgov.cli;

/**
 * The base of the provenance commands ({@code keygen}, {@code hash-model}, {@code sign}, {@code verify}): a command
 * that may stop early with a {@link CommandException}, reported as one line on standard error. For internal use only;
 * may change without notice.
 */
abstract class ProvenanceCommand extends ManifestSubcommand {

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandException e) {
      err().println(e.getMessage());
      return e.exitCode();
    }
  }

  /**
   * Runs the command.
   *
   * @return the exit code
   * @throws CommandException to stop with one line on standard error
   */
  abstract int execute() throws CommandException;
}
