package dev.modelgov.k8s.admission;

/**
 * A workload names a model, but its manifest or provenance cannot be read: an annotation is not base64, the manifest
 * is invalid, a registry cannot be reached. The handler denies the request naming {@code model.manifest.unreadable} and
 * this message, so the message must name the annotation or source and never hold secrets.
 *
 * <pre>{@code
 * throw new ManifestResolutionException("governance.modelgov.dev/manifest: not base64 (offset 12)");
 * }</pre>
 */
public final class ManifestResolutionException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what cannot be read, naming the annotation or source
   */
  public ManifestResolutionException(String message) {
    super(message);
  }

  /**
   * @param message what cannot be read, naming the annotation or source
   * @param cause the underlying failure
   */
  public ManifestResolutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
