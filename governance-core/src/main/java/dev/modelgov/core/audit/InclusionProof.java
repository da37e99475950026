package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.merkle.ProofVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof (audit path): the sibling hashes, leaf to root, that link leaf {@code leafIndex} to the
 * root of the tree of size {@code treeSize}. Produced by {@link MerkleTree#inclusionProof(long, long)}.
 *
 * <p>The record holds what it is given, so a proof read from the wire can be built as is; only {@link #verify}
 * decides whether it is valid.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #verify} implements RFC 9162 section 2.1.3.2 with the rules of transparency-dev/merkle: the index must
 *       be below the size, every hash must have 32 bytes and the path must have exactly the length the index and
 *       size require. Anything else throws {@link ProofVerificationException}.
 *   <li>The computed root is compared with the expected one in constant time ({@code MessageDigest.isEqual}).
 *   <li>A verified proof shows that the leaf hash is at that index in a tree with that root. It says nothing about
 *       whether the root is trusted: check the root against a signed checkpoint.
 * </ul>
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * MerkleTree tree = new MerkleTree();
 * long index = tree.appendEntry(entryBytes);
 * InclusionProof proof = tree.inclusionProof(index, tree.size());
 *
 * // Later, offline, with a root from a signed checkpoint:
 * proof.verify(MerkleHashes.leafHash(entryBytes), checkpointRoot);   // throws if not included
 * }</pre>
 *
 * @param leafIndex the index of the leaf, from 0
 * @param treeSize the size of the tree whose root the path leads to
 * @param path the sibling hashes, leaf to root; copied
 * @since 0.1
 */
public record InclusionProof(long leafIndex, long treeSize, List<Digest> path) {

  /**
   * Copies the path.
   *
   * @throws NullPointerException if the path or one of its hashes is {@code null}
   */
  public InclusionProof {
    Objects.requireNonNull(path, "path must not be null");
    path = List.copyOf(path);
  }

  /**
   * Checks that this proof leads from a leaf hash to a root.
   *
   * @param leafHash the leaf hash ({@link MerkleHashes#leafHash(byte[])} of the entry), must not be {@code null}
   * @param root the expected root of the tree of size {@link #treeSize()}, must not be {@code null}
   * @throws ProofVerificationException if the index is not below the size, the path has the wrong length, or the
   *     computed root is not {@code root}; the message says which
   */
  public void verify(Digest leafHash, Digest root) throws ProofVerificationException {
    Objects.requireNonNull(leafHash, "leafHash must not be null");
    Objects.requireNonNull(root, "root must not be null");
    ProofVerifier.verifyInclusion(leafIndex, treeSize, bytes(path), leafHash.bytes(), root.bytes());
  }

  /**
   * Verifies an inclusion proof given as raw bytes, as read from the wire or from tiles, before any of it is trusted
   * to be well-formed. Same checks as {@link #verify(Digest, Digest)}, plus: a leaf hash, root or path hash that does
   * not have 32 bytes is a verification failure, not a programming error.
   *
   * @param leafIndex the index of the leaf
   * @param treeSize the tree size
   * @param path the sibling hashes, leaf to root, must not be {@code null} or contain {@code null}
   * @param leafHash the leaf hash, must not be {@code null}
   * @param root the expected root, must not be {@code null}
   * @throws ProofVerificationException if the proof does not verify; the message says why
   */
  public static void verifyRaw(long leafIndex, long treeSize, List<byte[]> path, byte[] leafHash, byte[] root)
      throws ProofVerificationException {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(leafHash, "leafHash must not be null");
    Objects.requireNonNull(root, "root must not be null");
    for (byte[] node : path) {
      Objects.requireNonNull(node, "path must not contain null");
    }
    ProofVerifier.verifyInclusion(leafIndex, treeSize, path, leafHash, root);
  }

  static List<byte[]> bytes(List<Digest> path) {
    List<byte[]> out = new ArrayList<>(path.size());
    for (Digest d : path) {
      out.add(d.bytes());
    }
    return out;
  }
}
