package dev.modelgov.cli;

/**
 * A problem that ends a command with one line on standard error and an exit code, such as an unreadable key file. The
 * message is that line, {@code <file>: <reason>}; it never holds key material. For internal use only; may change
 * without notice.
 */
final class CommandException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * @param exitCode the exit code
   * @param message the line to print, {@code <file>: <reason>}
   */
  CommandException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /**
   * An unusable input or output: exit code {@link ExitCodes#USAGE}.
   *
   * @param message the line to print
   * @return the exception
   */
  static CommandException usage(String message) {
    return new CommandException(ExitCodes.USAGE, message);
  }

  /** @return the exit code */
  int exitCode() {
    return exitCode;
  }
}
