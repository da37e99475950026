package dev.modelgov.core.policy.spi;

import java.util.Map;

/**
 * A policy's compiled CEL parts. Thread-safe: one instance serves concurrent evaluations.
 *
 * <pre>{@code
 * CelEvaluation e = program.begin(activation, System.nanoTime() + budgetNanos);
 * if (e.failedMatchCondition().isEmpty()) { CelRuleOutcome o = e.evaluate("model.image.digest"); }
 * }</pre>
 */
public interface CelProgram {

  /**
   * Starts one evaluation over an activation. The evaluation memoises variables and is used by one thread.
   *
   * @param activation {@code manifest}, {@code context}, {@code params}, {@code now}
   * @param deadlineNanos the {@link System#nanoTime()} after which evaluation stops with an error
   * @return the evaluation
   */
  CelEvaluation begin(Map<String, Object> activation, long deadlineNanos);
}
