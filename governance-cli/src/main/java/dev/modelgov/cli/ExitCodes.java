package dev.modelgov.cli;

/** The process exit codes of the {@code governance} command. For internal use only; may change without notice. */
final class ExitCodes {

  /** Success. */
  static final int OK = 0;

  /** A manifest is invalid, or ({@code verify}) verification failed. */
  static final int INVALID = 1;

  /** A usage error, an unreadable input or an internal error. */
  static final int USAGE = 2;

  private ExitCodes() {}

  /**
   * The more severe of two exit codes.
   *
   * @param a one code
   * @param b another code
   * @return the larger, since codes grow with severity
   */
  static int worst(int a, int b) {
    return Math.max(a, b);
  }
}
