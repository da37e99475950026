package dev.modelgov.api.manifest;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown by {@link ModelManifest.Builder#build()} when a manifest is incomplete or inconsistent. It lists
 * <em>every</em> problem found, each with its JSON path, so that a user can fix them all in one pass.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   ModelManifest.builder().version("1.0").build();
 * } catch (InvalidManifestException e) {
 *   e.problems().forEach(p -> System.err.println(p)); // "id: missing", "description: missing", ...
 * }
 * }</pre>
 */
public final class InvalidManifestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The problems, never empty. */
  @SuppressWarnings("serial") // List.copyOf of records: serializable in practice, not declared as such.
  private final List<ManifestProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found; must not be {@code null} or empty
   */
  public InvalidManifestException(List<ManifestProblem> problems) {
    super(describe(problems));
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

  static String describe(List<ManifestProblem> problems) {
    Objects.requireNonNull(problems, "problems must not be null");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    return "invalid manifest, " + problems.size() + (problems.size() == 1 ? " problem:\n  " : " problems:\n  ")
        + problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n  "));
  }
}
