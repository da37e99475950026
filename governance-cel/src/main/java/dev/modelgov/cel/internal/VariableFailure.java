package dev.modelgov.cel.internal;

/**
 * Thrown out of {@link LazyVariables#get(Object)} when a variable a rule uses failed to evaluate; cel-java wraps it,
 * and the rule's outcome becomes an error naming the variable. Stackless. For internal use only; may change without
 * notice.
 */
final class VariableFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message {@code variables[name]: why}
   */
  VariableFailure(String message) {
    super(message, null, false, false);
  }
}
