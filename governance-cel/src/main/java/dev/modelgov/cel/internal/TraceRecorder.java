package dev.modelgov.cel.internal;

import dev.cel.common.ast.CelExpr;
import java.util.Arrays;

/**
 * Records every node's value in evaluation order (children before parents), for explanations, and enforces the
 * deadline like {@link DeadlineGuard}. Bounded: past {@link #MAX_EVENTS} events it stops recording and marks itself
 * overflowed. Used by one thread. For internal use only; may change without notice.
 */
final class TraceRecorder extends DeadlineGuard {

  static final int MAX_EVENTS = 1 << 20;

  private long[] ids = new long[64];
  private Object[] values = new Object[64];
  private int size;
  private boolean overflowed;

  TraceRecorder(long deadlineNanos) {
    super(deadlineNanos);
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    super.callback(expr, result);
    if (size == MAX_EVENTS) {
      overflowed = true;
      return;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    ids[size] = expr.id();
    values[size++] = result;
  }

  int size() {
    return size;
  }

  boolean overflowed() {
    return overflowed;
  }

  Object value(int index) {
    return values[index];
  }

  /** @return the last event of the node in the open range (from, to), or -1 */
  int lastIn(long id, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }

  /** @return the first event of the node in the open range (from, to) whose value is {@code false}, or -1 */
  int firstFalseIn(long id, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (ids[i] == id && Boolean.FALSE.equals(values[i])) {
        return i;
      }
    }
    return -1;
  }
}
