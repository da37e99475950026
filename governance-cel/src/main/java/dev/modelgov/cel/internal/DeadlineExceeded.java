package dev.modelgov.cel.internal;

/**
 * Thrown by {@link DeadlineGuard} out of cel-java's evaluation loop. Stackless and shared. For internal use only; may
 * change without notice.
 */
final class DeadlineExceeded extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final DeadlineExceeded INSTANCE = new DeadlineExceeded();

  private DeadlineExceeded() {
    super("evaluation time budget exceeded", null, false, false);
  }
}
