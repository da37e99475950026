package dev.modelgov.core.provenance;

import java.io.IOException;
import java.util.Objects;

/**
 * Thrown when a model cannot be hashed because of what it contains: a symbolic link that is not allowed, a special
 * file, a name that cannot be a resource name, more files or a longer name than the limits allow, or a file that
 * changed while it was hashed. The message and {@link #relativePath()} name the culprit by its relative POSIX name
 * ({@code "."} is the model path itself).
 *
 * <p>Plain I/O failures inside the model (permission denied, a vanished file) are reported with this type too, with
 * the original exception as the cause. A model path that does not exist gives a {@link
 * java.nio.file.NoSuchFileException}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   ModelHash hash = ModelHasher.defaults().hash(Path.of("models/bert"));
 * } catch (ModelHashingException e) {
 *   // "'weights/latest.bin' is a symbolic link; symbolic links are refused unless allowSymlinks is set"
 *   String culprit = e.relativePath();   // "weights/latest.bin"
 * }
 * }</pre>
 */
public class ModelHashingException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The relative POSIX name of the culprit. */
  private final String relativePath;

  /**
   * A failure about one path of the model.
   *
   * @param message what is wrong, naming the path; must not be {@code null}
   * @param relativePath the culprit's relative POSIX name, must not be {@code null}
   */
  public ModelHashingException(String message, String relativePath) {
    super(Objects.requireNonNull(message, "message must not be null"));
    this.relativePath = Objects.requireNonNull(relativePath, "relativePath must not be null");
  }

  /**
   * A failure about one path of the model, caused by another exception.
   *
   * @param message what is wrong, naming the path; must not be {@code null}
   * @param relativePath the culprit's relative POSIX name, must not be {@code null}
   * @param cause the underlying failure, must not be {@code null}
   */
  public ModelHashingException(String message, String relativePath, Throwable cause) {
    super(
        Objects.requireNonNull(message, "message must not be null"),
        Objects.requireNonNull(cause, "cause must not be null"));
    this.relativePath = Objects.requireNonNull(relativePath, "relativePath must not be null");
  }

  /**
   * The culprit.
   *
   * @return its relative POSIX name ({@code "."} for the model path itself)
   */
  public String relativePath() {
    return relativePath;
  }
}
