package dev.modelgov.api.manifest;

import java.util.List;

/**
 * Thrown when a manifest document (JSON or YAML bytes) cannot be read: a syntax error, a duplicate key, a wrong type,
 * an unknown field, a size or depth limit, or a manifest that parses but is invalid. It lists every problem found,
 * each with its JSON path or, for syntax errors, its line, column and byte offset.
 *
 * <p>Checked, because bad documents are an expected outcome of reading input that the program does not control.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   ModelManifest m = ManifestCodec.defaults().read(path);
 * } catch (ManifestFormatException e) {
 *   e.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class ManifestFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf of records: serializable in practice, not declared as such.
  private final List<ManifestProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found; must not be {@code null} or empty
   */
  public ManifestFormatException(List<ManifestProblem> problems) {
    super(InvalidManifestException.describe(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found, in document order.
   *
   * @return an immutable, non-empty list
   */
  public List<ManifestProblem> problems() {
    return problems;
  }
}
