package dev.modelgov.cli;

/**
 * A step of {@code governance demo} that did not succeed, with the one-line reason the report shows. Its message
 * never holds key material or personal data. For internal use only; may change without notice.
 *
 * <pre>{@code
 * throw new DemoFailure(dir + ": is not empty; give a new or empty directory");
 * }</pre>
 */
final class DemoFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param reason the one-line reason
   */
  DemoFailure(String reason) {
    super(reason, null, false, false);
  }
}
