package dev.modelgov.testkit.doubles;

import java.util.Objects;

/**
 * The result of {@link InMemoryAuditLog#verify(dev.modelgov.core.audit.NoteVerifier...)}: what was positively
 * verified. Verification fails by throwing, so holding one means every record, checkpoint signature and consistency
 * check passed.
 *
 * <pre>{@code
 * InMemoryVerification ok = log.verify(log.verifier());
 * assertThat(ok.treeSize()).isEqualTo(log.size());
 * }</pre>
 *
 * @param origin the log's origin, the first line of its checkpoints
 * @param treeSize the number of records whose leaf hashes were recomputed from the stored bytes
 * @param checkpointsVerified how many signed checkpoints were checked (signature, root and consistency)
 */
public record InMemoryVerification(String origin, long treeSize, long checkpointsVerified) {

  /** Checks that the origin is present and the counts are not negative. */
  public InMemoryVerification {
    Objects.requireNonNull(origin, "origin must not be null");
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize must be >= 0, got " + treeSize);
    }
    if (checkpointsVerified < 0) {
      throw new IllegalArgumentException("checkpointsVerified must be >= 0, got " + checkpointsVerified);
    }
  }
}
