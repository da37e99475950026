package dev.modelgov.core.audit;

import java.util.Objects;

/**
 * Thrown when a Merkle inclusion or consistency proof does not verify. Verification fails closed: anything not
 * positively verified throws, and success means no exception. The message says what failed (sizes, a hash length,
 * the proof length or which root did not match); {@link #reason()} gives the same as one of a closed set.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   proof.verify(leafHash, checkpointRoot);
 * } catch (ProofVerificationException e) {
 *   if (e.reason() == ProofVerificationException.Reason.ROOT_MISMATCH) {
 *     log.error("the log does not contain this entry at this size: {}", e.getMessage());
 *   }
 *   throw e;
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ProofVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a proof was rejected. A closed set: new reasons come only with a new major version. */
  public enum Reason {
    /**
     * The sizes cannot have a proof: a leaf index not below the tree size, {@code size1 > size2}, or a consistency
     * proof from the empty tree ({@code size1 = 0}), which is meaningless.
     */
    INVALID_SIZES,
    /** A leaf hash, root or proof hash does not have 32 bytes. */
    MALFORMED_HASH,
    /** The proof has more or fewer hashes than the sizes require (an equal-size consistency proof must be empty). */
    WRONG_PROOF_LENGTH,
    /** The root computed from the proof differs from the expected root, or two roots of equal sizes differ. */
    ROOT_MISMATCH
  }

  private final Reason reason;

  /**
   * A rejected proof.
   *
   * @param reason why it was rejected, must not be {@code null}
   * @param message what failed, must not be {@code null}
   */
  public ProofVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message must not be null"));
    this.reason = Objects.requireNonNull(reason, "reason must not be null");
  }

  /**
   * Why the proof was rejected.
   *
   * @return the reason, never {@code null}
   */
  public Reason reason() {
    return reason;
  }
}
