package dev.modelgov.core.audit;

import java.util.Objects;

/**
 * Thrown by {@link AuditVerifier#verify(java.nio.file.Path)} when a log directory is not positively verified:
 * verification fails closed, so anything that could not be checked throws, and success means no exception.
 *
 * <p>The {@link #reason()} is one of a closed set, and the problem is located where possible: the first bad record
 * {@link #index()}, the {@link #segment() file} it was found in and the byte {@link #offset()} in that file. The
 * message names all four. It never contains payload bytes (which may hold personal data) or key material.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * try {
 *   AuditVerification ok = verifier.verify(logDir);
 * } catch (AuditTamperException e) {
 *   // e.g. "RECORD_CORRUPT at index 17, segment audit-00000000000000000000.seg, offset 1234: record CRC mismatch"
 *   alert(e.reason(), e.index(), e.segment(), e.offset());
 *   throw e;
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class AuditTamperException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a log did not verify. A closed set: new reasons come only with a new major version. */
  public enum Reason {
    /** The {@code checkpoint} file is missing. */
    CHECKPOINT_MISSING,
    /**
     * A checkpoint (the {@code checkpoint} file or an in-log checkpoint record) is not signed by a trusted key: no
     * signature by a trusted key, a bad signature, or a malformed or unsigned note.
     */
    CHECKPOINT_SIGNATURE,
    /**
     * The {@code origin} file is missing or invalid, or a checkpoint's origin or a segment header's origin hash does
     * not match it.
     */
    ORIGIN_MISMATCH,
    /**
     * A segment header is truncated or invalid (magic, version, reserved bytes, CRC), or its base index or tree size
     * does not match the number in the file name.
     */
    SEGMENT_HEADER,
    /** The segments are not contiguous: a segment does not start where the previous one ends. */
    SEGMENT_GAP,
    /**
     * A record at or before the latest checkpoint (or anywhere before the last segment) is damaged: incomplete,
     * CRC mismatch, non-zero flags or reserved bytes, or an unknown record type.
     */
    RECORD_CORRUPT,
    /** The log ends before the record of the latest checkpoint, or that record was pruned. */
    RECORD_MISSING,
    /** A record with a valid CRC carries the wrong index: records were deleted, inserted, duplicated or swapped. */
    INDEX_MISMATCH,
    /** A hash tile disagrees with the recomputed leaf or subtree hash, or lacks hashes the checkpoint covers. */
    TILE_MISMATCH,
    /** The root recomputed from the records differs from the latest checkpoint's root. */
    ROOT_MISMATCH,
    /**
     * An in-log checkpoint record disagrees with the log: its tree size is not its own index, its root is not the root
     * of the records before it, it is not a checkpoint, or (for the latest) it differs from the {@code checkpoint}
     * file.
     */
    CHECKPOINT_INCONSISTENT,
    /** Records before the first segment are gone, and no {@code audit.pruned} event covered by the checkpoint says so. */
    UNDECLARED_PRUNING,
    /** A configured {@link AuditVerifier.Limits limit} was exceeded (payload size, segment count, note size). */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long index;
  private final String segment;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param reason why the log did not verify, must not be {@code null}
   * @param detail what failed, must not be {@code null}; must not contain payload bytes or key material
   * @param index the first bad record index, or -1 when the problem is not about one record
   * @param segment the file the problem was found in, or {@code null}: a segment file name ({@code
   *     audit-<20 digits>.seg}, in {@code segments/}) or a path relative to the log directory ({@code tiles/1})
   * @param offset the byte offset in that file, or -1
   */
  public AuditTamperException(Reason reason, String detail, long index, String segment, long offset) {
    super(message(reason, detail, index, segment, offset));
    this.reason = reason;
    this.index = index < 0 ? -1 : index;
    this.segment = segment;
    this.offset = offset < 0 ? -1 : offset;
  }

  private static String message(Reason reason, String detail, long index, String segment, long offset) {
    Objects.requireNonNull(reason, "reason must not be null");
    Objects.requireNonNull(detail, "detail must not be null");
    return reason
        + " at index " + (index < 0 ? "-" : Long.toString(index))
        + ", segment " + (segment == null ? "-" : segment)
        + ", offset " + (offset < 0 ? "-" : Long.toString(offset))
        + ": " + detail;
  }

  /**
   * Why the log did not verify.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The index of the first bad record: the record that failed, the first missing index, or the first leaf of a bad
   * subtree.
   *
   * @return the index, or -1 when the problem is not about one record (for example a bad {@code checkpoint} file)
   */
  public long index() {
    return index;
  }

  /**
   * The file the problem was found in: a segment file name such as {@code audit-00000000000000000000.seg} (in the
   * {@code segments/} directory), or a path relative to the log directory such as {@code tiles/1}.
   *
   * @return the file, or {@code null} when the problem is not in one file
   */
  public String segment() {
    return segment;
  }

  /**
   * The byte offset of the problem in {@link #segment()}: a record's first byte, 0 for a segment header, the end of
   * the valid data when records are missing, or a hash's offset in a tile file.
   *
   * @return the offset, or -1 when there is no file
   */
  public long offset() {
    return offset;
  }
}
