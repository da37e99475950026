package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.merkle.ProofVerifier;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 consistency proof: the hashes that show the tree of size {@code size2} is an append-only extension of
 * the tree of size {@code size1}, i.e. that no entry of the first tree was changed or removed. Produced by {@link
 * MerkleTree#consistencyProof(long, long)}.
 *
 * <p>The record holds what it is given, so a proof read from the wire can be built as is; only {@link #verify}
 * decides whether it is valid.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #verify} implements RFC 9162 section 2.1.4.2 with the rules of transparency-dev/merkle: a proof from
 *       {@code size1 = 0} is always an error (it would prove nothing), {@code size1 > size2} is an error, equal sizes
 *       require an empty proof and equal roots, every hash must have 32 bytes and the path must have exactly the
 *       length the sizes require. Anything else throws {@link ProofVerificationException}.
 *   <li>Both computed roots are compared with the expected ones in constant time ({@code MessageDigest.isEqual}).
 * </ul>
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * // A monitor holds the last checkpoint it trusted (size1, root1) and sees a new one (size2, root2):
 * ConsistencyProof proof = tree.consistencyProof(size1, size2);
 * proof.verify(root1, root2);   // throws if the log was rewritten
 * }</pre>
 *
 * @param size1 the earlier tree size
 * @param size2 the later tree size
 * @param path the proof hashes, bottom up; copied
 * @since 0.1
 */
public record ConsistencyProof(long size1, long size2, List<Digest> path) {

  /**
   * Copies the path.
   *
   * @throws NullPointerException if the path or one of its hashes is {@code null}
   */
  public ConsistencyProof {
    Objects.requireNonNull(path, "path must not be null");
    path = List.copyOf(path);
  }

  /**
   * Checks that the tree with root {@code root2} extends the tree with root {@code root1}.
   *
   * @param root1 the root of the tree of size {@link #size1()}, must not be {@code null}
   * @param root2 the root of the tree of size {@link #size2()}, must not be {@code null}
   * @throws ProofVerificationException if the sizes cannot have a proof, the path has the wrong length, or a root
   *     computed from the path differs from the expected one; the message says which
   */
  public void verify(Digest root1, Digest root2) throws ProofVerificationException {
    Objects.requireNonNull(root1, "root1 must not be null");
    Objects.requireNonNull(root2, "root2 must not be null");
    ProofVerifier.verifyConsistency(size1, size2, InclusionProof.bytes(path), root1.bytes(), root2.bytes());
  }

  /**
   * Verifies a consistency proof given as raw bytes, as read from the wire, before any of it is trusted to be
   * well-formed. Same checks as {@link #verify(Digest, Digest)}; a root or path hash that does not have 32 bytes is a
   * verification failure, not a programming error. As in transparency-dev/merkle, two equal sizes with an empty
   * proof only require the two roots to be byte-for-byte equal.
   *
   * @param size1 the earlier tree size
   * @param size2 the later tree size
   * @param path the proof hashes, bottom up, must not be {@code null} or contain {@code null}
   * @param root1 the earlier root, must not be {@code null}
   * @param root2 the later root, must not be {@code null}
   * @throws ProofVerificationException if the proof does not verify; the message says why
   */
  public static void verifyRaw(long size1, long size2, List<byte[]> path, byte[] root1, byte[] root2)
      throws ProofVerificationException {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(root1, "root1 must not be null");
    Objects.requireNonNull(root2, "root2 must not be null");
    for (byte[] node : path) {
      Objects.requireNonNull(node, "path must not contain null");
    }
    ProofVerifier.verifyConsistency(size1, size2, path, root1, root2);
  }
}
