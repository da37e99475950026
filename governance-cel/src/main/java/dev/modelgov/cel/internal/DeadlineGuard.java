package dev.modelgov.cel.internal;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

/**
 * Stops an evaluation that runs past its deadline. cel-java has no cost limit, but its trace mode calls a listener
 * after every node; this one reads {@link System#nanoTime()} every {@value #STRIDE} nodes and throws {@link
 * DeadlineExceeded}, which cel-java wraps in its {@code CelEvaluationException}. Used by one thread. For internal use
 * only; may change without notice.
 */
class DeadlineGuard implements CelEvaluationListener {

  /** Nodes between two clock reads (a power of two). */
  static final int STRIDE = 32;

  private final long deadlineNanos;
  private int nodes;

  DeadlineGuard(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    if ((++nodes & (STRIDE - 1)) == 0) {
      check();
    }
  }

  /** Throws when the deadline has passed. */
  final void check() {
    if (System.nanoTime() - deadlineNanos >= 0) {
      throw DeadlineExceeded.INSTANCE;
    }
  }

  /** @return whether the deadline has passed */
  final boolean expired() {
    return System.nanoTime() - deadlineNanos >= 0;
  }
}
