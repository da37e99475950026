package dev.modelgov.api.audit;

/**
 * What an {@link AuditLog} promises when {@link AuditLog#append(AuditEvent)} returns.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * DurableAuditLog.builder(dir).durability(Durability.SYNC).open();
 * }</pre>
 */
public enum Durability {
  /**
   * The default. {@code append} returns only after the event is on stable storage ({@code fsync}); concurrent callers
   * share one {@code fsync} (group commit). Nothing acknowledged is lost in a crash.
   */
  SYNC,
  /**
   * {@code append} returns once the event is written to the operating system; an {@code fsync} runs every configured
   * interval. A power loss (not a process crash) can lose the events acknowledged within the last interval.
   */
  BATCHED,
  /**
   * {@code append} returns once the event is in a bounded in-memory queue; a full queue blocks the caller, never drops.
   * A process crash can lose the queued events; call {@link AuditLog#flush()} to wait until they are durable.
   */
  ASYNC
}
