package dev.modelgov.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DurableAuditLog} found when it opened: a clean log, a torn tail it cut after a crash (kept in the
 * log's {@code recovery/} directory and recorded as an {@code audit.recovered} event), or tampering, in which case
 * the log is read-only.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (DurableAuditLog log = DurableAuditLog.builder(dir).signer(signer).open()) {
 *   if (log.recovery().status() == RecoveryReport.Status.TAMPERED) {
 *     alert(log.recovery().message());
 *   }
 * }
 * }</pre>
 *
 * @param status what recovery found
 * @param message a one-line explanation, empty when clean
 * @param index the first bad index, or -1
 * @param segment the segment file holding it, or null
 * @param offset its byte offset in that file, or -1
 * @param cutBytes the bytes cut from a torn tail (0 unless {@link Status#TAIL_CUT})
 * @param quarantine the file under {@code recovery/} holding the cut bytes, or null
 */
public record RecoveryReport(Status status, String message, long index, String segment, long offset, long cutBytes,
    String quarantine) {

  /** What recovery found. */
  public enum Status {
    /** Nothing to repair. */
    CLEAN,
    /** A torn tail after the last checkpoint was cut (records never acknowledged in SYNC mode). */
    TAIL_CUT,
    /** A record at or before the last checkpoint is bad, or the tree disagrees with it: the log is read-only. */
    TAMPERED
  }

  /** Checks the status and message are present. */
  public RecoveryReport {
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(message, "message must not be null");
  }

  /**
   * @return a clean report
   */
  public static RecoveryReport clean() {
    return new RecoveryReport(Status.CLEAN, "", -1, null, -1, 0, null);
  }

  /**
   * @return the quarantine file's name, when bytes were cut
   */
  public Optional<String> quarantineFile() {
    return Optional.ofNullable(quarantine);
  }
}
