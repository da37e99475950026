package dev.modelgov.core.policy.spi;

/**
 * A CEL expression failed to evaluate: a missing key, a type mismatch, the iteration cap or the time budget. The
 * message names the expression's position and never includes input values.
 *
 * <pre>{@code
 * throw new CelEvaluationError("matchConditions[governed]: 1:9: no such key: labels");
 * }</pre>
 */
public final class CelEvaluationError extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what failed, where
   */
  public CelEvaluationError(String message) {
    super(message);
  }
}
