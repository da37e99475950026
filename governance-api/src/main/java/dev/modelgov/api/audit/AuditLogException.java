package dev.modelgov.api.audit;

import java.util.Objects;

/**
 * Thrown when an {@link AuditLog} cannot record an event. The log fails closed: after a storage error (a failed
 * write or {@code fsync}, a full disk) it accepts nothing more, and no event is acknowledged that was not recorded as
 * promised. The {@link #reason()} tells callers whether to alert, retry elsewhere or fix the event.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   auditLog.append(event);
 * } catch (AuditLogException e) {
 *   if (e.reason() == AuditLogException.Reason.FAILED) {
 *     readiness.markDown("audit log failed closed: " + e.getMessage());
 *   }
 *   throw e;
 * }
 * }</pre>
 */
public final class AuditLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the event was not recorded. */
  public enum Reason {
    /** The log was closed. */
    CLOSED,
    /** A storage error made the log fail closed; it accepts no more events until reopened. */
    FAILED,
    /** The log opened read-only, because recovery found tampering or corruption. */
    READ_ONLY,
    /** The event itself cannot be recorded (too large, or personal data without the keys to protect it). */
    REJECTED,
    /** The calling thread was interrupted while waiting; the event may or may not be recorded. */
    INTERRUPTED
  }

  private final Reason reason;

  /**
   * @param reason why the event was not recorded, must not be {@code null}
   * @param message what happened, without personal data or key material
   */
  public AuditLogException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason must not be null") + ": " + message);
    this.reason = reason;
  }

  /**
   * @param reason why the event was not recorded, must not be {@code null}
   * @param message what happened, without personal data or key material
   * @param cause the underlying error
   */
  public AuditLogException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason must not be null") + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * @return why the event was not recorded
   */
  public Reason reason() {
    return reason;
  }
}
