package dev.modelgov.core.audit;

import java.util.Objects;

/**
 * The result of a successful {@link AuditVerifier#verify(java.nio.file.Path) verification} of an audit log
 * directory. Holding one means every record up to the latest checkpoint was verified; the counts say what lies
 * beyond it.
 *
 * <ul>
 *   <li>{@link #treeSize()}: the index after the last valid record, i.e. the size of the verified tree (pruned
 *       leaves included).
 *   <li>{@link #checkpoint()}: the latest signed checkpoint, from the {@code checkpoint} file; its record is at index
 *       {@code checkpoint().treeSize()} and commits to every record before it.
 *   <li>{@link #uncoveredRecords()}: valid records after the latest checkpoint's record, not yet covered by a signed
 *       checkpoint (a log that crashed, or is being written). Their framing, CRCs and indexes were checked, but
 *       nothing signed vouches for them yet.
 *   <li>{@link #tornTailBytes()}: bytes of an incomplete or invalid tail after the latest checkpoint's record, as a
 *       crash leaves them before recovery cuts them; not an error.
 * </ul>
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * AuditVerification v = AuditVerifier.builder().trust(logKey).build().verify(logDir);
 * log.info(v.summary());
 * if (v.uncoveredRecords() > 0 || v.tornTailBytes() > 0) {
 *   warn("the log was not closed cleanly; open it with the writer to recover");
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AuditVerification {

  private final String origin;
  private final long treeSize;
  private final Checkpoint checkpoint;
  private final long checkpointsVerified;
  private final long firstIndex;
  private final long uncoveredRecords;
  private final long tornTailBytes;

  AuditVerification(String origin, long treeSize, Checkpoint checkpoint, long checkpointsVerified, long firstIndex,
      long uncoveredRecords, long tornTailBytes) {
    this.origin = Objects.requireNonNull(origin, "origin must not be null");
    this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint must not be null");
    this.treeSize = treeSize;
    this.checkpointsVerified = checkpointsVerified;
    this.firstIndex = firstIndex;
    this.uncoveredRecords = uncoveredRecords;
    this.tornTailBytes = tornTailBytes;
  }

  /**
   * The log's origin, from the {@code origin} file; equal to every checkpoint's origin.
   *
   * @return the origin
   */
  public String origin() {
    return origin;
  }

  /**
   * The size of the verified tree: the index after the last valid record, counting pruned records.
   *
   * @return the tree size, at least {@code checkpoint().treeSize() + 1}
   */
  public long treeSize() {
    return treeSize;
  }

  /**
   * The latest checkpoint, from the {@code checkpoint} file, verified with a trusted key and against the records.
   *
   * @return the checkpoint
   */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * How many in-log checkpoint records (type 2) were verified: signature, origin, tree size and root.
   *
   * @return the count, at least 1 (the latest checkpoint's own record)
   */
  public long checkpointsVerified() {
    return checkpointsVerified;
  }

  /**
   * The index of the first record present: 0, unless retention pruned older segments (then the leaf hashes before it
   * came from {@code tiles/0}).
   *
   * @return the first index
   */
  public long firstIndex() {
    return firstIndex;
  }

  /**
   * Valid records after the latest checkpoint's record, not yet covered by a signed checkpoint.
   *
   * @return the count, 0 for a cleanly closed log
   */
  public long uncoveredRecords() {
    return uncoveredRecords;
  }

  /**
   * Bytes of an incomplete or invalid tail after the latest checkpoint's record (a crash before recovery).
   *
   * @return the count, 0 for a cleanly closed log
   */
  public long tornTailBytes() {
    return tornTailBytes;
  }

  /**
   * Whether the log ends cleanly at its latest checkpoint: no uncovered records and no torn tail.
   *
   * @return {@code uncoveredRecords() == 0 && tornTailBytes() == 0}
   */
  public boolean closedCleanly() {
    return uncoveredRecords == 0 && tornTailBytes == 0;
  }

  /**
   * A one-line summary, for logs and the command line.
   *
   * @return for example {@code "verified example.com/audit: 1001 records [0, 1001), checkpoint at 1000
   *     (root sha256:...), 11 in-log checkpoints, 0 uncovered records, 0 torn tail bytes"}
   */
  public String summary() {
    return "verified " + origin + ": " + (treeSize - firstIndex) + " records [" + firstIndex + ", " + treeSize
        + "), checkpoint at " + checkpoint.treeSize() + " (root " + checkpoint.rootHash() + "), "
        + checkpointsVerified + " in-log checkpoints, " + uncoveredRecords + " uncovered records, "
        + tornTailBytes + " torn tail bytes";
  }

  /**
   * Equal results have equal fields.
   *
   * @param o another object
   * @return whether it is an equal result
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuditVerification v
        && origin.equals(v.origin)
        && treeSize == v.treeSize
        && checkpoint.equals(v.checkpoint)
        && checkpointsVerified == v.checkpointsVerified
        && firstIndex == v.firstIndex
        && uncoveredRecords == v.uncoveredRecords
        && tornTailBytes == v.tornTailBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, treeSize, checkpoint, checkpointsVerified, firstIndex, uncoveredRecords,
        tornTailBytes);
  }

  /**
   * All fields.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "AuditVerification{origin=" + origin + ", treeSize=" + treeSize + ", checkpoint=" + checkpoint.treeSize()
        + "/" + checkpoint.rootHash() + ", checkpointsVerified=" + checkpointsVerified + ", firstIndex=" + firstIndex
        + ", uncoveredRecords=" + uncoveredRecords + ", tornTailBytes=" + tornTailBytes + "}";
  }
}
