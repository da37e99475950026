package dev.modelgov.k8s;

import java.util.Objects;

/**
 * A Kubernetes manifest file that cannot be loaded: unreadable, too large, not YAML or JSON, a document that is not a
 * Kubernetes object, or a field of the wrong type. The message is one line naming the file, the document (1-based,
 * counting every {@code ---} document of the file) and the line and column when known; it never repeats a value from
 * the file.
 *
 * <pre>{@code
 * try {
 *   KubernetesManifests.load(Path.of("deploy/"));
 * } catch (ManifestLoadException e) {
 *   // "deploy/app.yaml: document 2 (line 14, column 3): kind is missing"
 * }
 * }</pre>
 */
public final class ManifestLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int document;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * @param source the file or source name
   * @param document the 1-based document index, or 0 when the problem is the whole file
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param problem what is wrong
   * @param cause the underlying exception, or {@code null}
   */
  public ManifestLoadException(String source, int document, int line, int column, String problem, Throwable cause) {
    super(format(source, document, line, column, problem), cause);
    this.source = Objects.requireNonNull(source, "source must not be null");
    this.document = document;
    this.line = line;
    this.column = column;
    this.problem = Objects.requireNonNull(problem, "problem must not be null");
  }

  private static String format(String source, int document, int line, int column, String problem) {
    StringBuilder sb = new StringBuilder(String.valueOf(source)).append(": ");
    if (document > 0) {
      sb.append("document ").append(document);
      if (line > 0) {
        sb.append(" (line ").append(line);
        if (column > 0) {
          sb.append(", column ").append(column);
        }
        sb.append(')');
      }
      sb.append(": ");
    } else if (line > 0) {
      sb.append("line ").append(line).append(column > 0 ? ", column " + column : "").append(": ");
    }
    return sb.append(problem).toString();
  }

  /** @return the file or source name */
  public String source() {
    return source;
  }

  /** @return the 1-based document index, or 0 when the problem is the whole file */
  public int document() {
    return document;
  }

  /** @return the 1-based line, or 0 when unknown */
  public int line() {
    return line;
  }

  /** @return the 1-based column, or 0 when unknown */
  public int column() {
    return column;
  }

  /** @return what is wrong, without the location */
  public String problem() {
    return problem;
  }
}
