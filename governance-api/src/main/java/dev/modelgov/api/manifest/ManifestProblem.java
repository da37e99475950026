package dev.modelgov.api.manifest;

import java.util.Objects;

/**
 * One problem found in a manifest: where it is and what is wrong.
 *
 * <p>{@code path} is a JSON path without the leading {@code $}, such as {@code datasets[1].digest}; it is empty for a
 * problem with the document as a whole (a syntax error, for example, whose message then names the line, column and
 * byte offset). Messages never repeat the offending value when it may be personal data.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * new ManifestProblem("datasets[1].digest", "missing").toString(); // "datasets[1].digest: missing"
 * }</pre>
 *
 * @param path where the problem is, or empty for the whole document
 * @param message what is wrong
 */
public record ManifestProblem(String path, String message) {

  /** Checks that neither component is null. */
  public ManifestProblem {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(message, "message must not be null");
  }

  /** Returns {@code path: message}, or just the message for document-level problems. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
