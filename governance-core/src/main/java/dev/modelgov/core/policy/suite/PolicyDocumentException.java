package dev.modelgov.core.policy.suite;

import java.util.Objects;

/**
 * A policy suite or evaluation-context document is malformed: a syntax error, an unknown field, a value of the wrong
 * type, a missing required field, a file it names that cannot be read, or a document over the size or depth limits.
 * The message is one line, {@code <source>: <path>: <problem>}, where the path is the JSON path of the bad field (for
 * a suite case it starts with the case, {@code cases[3] "name"}); it never repeats manifest or parameter values.
 *
 * <pre>{@code
 * try {
 *   PolicySuite.read(Path.of("builtin.suite.yaml"));
 * } catch (PolicyDocumentException e) {
 *   System.err.println(e.getMessage()); // builtin.suite.yaml: cases[2] "owner": expect.effect: unknown effect 'DENIED'; ...
 * }
 * }</pre>
 */
public final class PolicyDocumentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param source the file or document name, must not be {@code null}
   * @param path the JSON path of the bad field, or empty for the document as a whole
   * @param detail what is wrong, must not be {@code null}
   */
  public PolicyDocumentException(String source, String path, String detail) {
    super(format(source, path, detail));
    this.source = Objects.requireNonNull(source, "source must not be null");
    this.path = path == null ? "" : path;
    this.detail = Objects.requireNonNull(detail, "detail must not be null");
  }

  private static String format(String source, String path, String detail) {
    return source + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + detail;
  }

  /** @return the file or document name */
  public String source() {
    return source;
  }

  /** @return the JSON path of the bad field, empty for the document as a whole */
  public String path() {
    return path;
  }

  /** @return what is wrong, without the source and path */
  public String detail() {
    return detail;
  }
}
