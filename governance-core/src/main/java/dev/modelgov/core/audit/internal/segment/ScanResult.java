package dev.modelgov.core.audit.internal.segment;

import java.util.Objects;

/**
 * How a scan of a segment's records ended. Every record before {@code badOffset} is valid; a recovery step decides from
 * the last durable checkpoint whether to truncate to {@code validBytes} (torn tail after the checkpoint) or to stop and
 * go read-only (anything bad at or before it).
 *
 * <p>For internal use only; may change without notice.
 *
 * @param status how the scan ended
 * @param validRecords the number of valid records
 * @param validBytes the length of the valid prefix of the file (header plus valid records): the offset of the last
 *     valid byte plus one; {@link SegmentHeader#SIZE} when there are no valid records
 * @param badIndex the index the first bad record should have had ({@code baseIndex + validRecords}); for {@link
 *     Status#CLEAN_END}, the next index to append
 * @param badOffset the byte offset of the first bad record; always equal to {@code validBytes}, as records are
 *     contiguous
 * @param reason a short human-readable explanation, empty for a clean end
 */
public record ScanResult(Status status, long validRecords, long validBytes, long badIndex, long badOffset,
    String reason) {

  /** How a scan ended. */
  public enum Status {
    /** End of file, or only zero bytes (a preallocated tail) after the last valid record. */
    CLEAN_END,
    /** An incomplete record at the end of the file: fewer bytes than a record header, or than its {@code len}. */
    TORN_TAIL,
    /**
     * A complete record that is invalid: CRC mismatch, {@code len} above the maximum, non-contiguous index, or non-zero
     * flags or reserved bytes.
     */
    CORRUPT
  }

  /**
   * Creates a result.
   *
   * @throws NullPointerException if {@code status} or {@code reason} is {@code null}
   */
  public ScanResult {
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }

  /**
   * Whether the scan reached the end of the data without a problem.
   *
   * @return {@code status == CLEAN_END}
   */
  public boolean clean() {
    return status == Status.CLEAN_END;
  }
}
