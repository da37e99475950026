package dev.modelgov.core.policy.spi;

import java.util.Map;

/**
 * A compiled standalone bool expression (a waiver's match condition). Thread-safe.
 *
 * <pre>{@code
 * boolean applies = condition.test(activation, deadline);
 * }</pre>
 */
public interface CelCondition {

  /**
   * Evaluates the condition.
   *
   * @param activation the same activation rules see
   * @param deadlineNanos the {@link System#nanoTime()} after which evaluation stops with an error
   * @return the condition's value
   * @throws CelEvaluationError when it errors or does not yield a bool
   */
  boolean test(Map<String, Object> activation, long deadlineNanos) throws CelEvaluationError;
}
