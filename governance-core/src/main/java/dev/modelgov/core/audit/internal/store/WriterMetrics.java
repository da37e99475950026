package dev.modelgov.core.audit.internal.store;

/**
 * What the writer reports, so that Micrometer stays optional. For internal use only; may change without notice.
 */
public interface WriterMetrics {

  /** Reports nothing. */
  WriterMetrics NONE = new WriterMetrics() {};

  /**
   * @param records records written in one batch
   */
  default void appended(int records) {}

  /**
   * @param nanos how long one fsync took
   */
  default void fsync(long nanos) {}

  /** A checkpoint was issued. */
  default void checkpoint() {}

  /** The log failed closed. */
  default void failed() {}

  /** The log closed: drop what reads its live state (the queue-depth gauge), so a reopened log can register its own. */
  default void close() {}
}
