package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.merkle.HashLevels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only, in-memory RFC 6962 / RFC 9162 Merkle tree over SHA-256 leaf hashes, which can give the root of any
 * earlier size and inclusion and consistency proofs between any sizes.
 *
 * <h2>How it is stored</h2>
 *
 * <p>The tree keeps the hash of every complete subtree, by level: level 0 holds the leaf hashes, level {@code k} the
 * hash of each aligned run of {@code 2^k} leaves (the layout of tlog tiles). An append stores the leaf hash and the
 * parents it completes, one node hash on average. {@link #root(long)} and the proofs read O(log n) stored hashes and
 * compute at most O(log n) node hashes, for the one incomplete subtree on the right edge; leaves are never rehashed.
 * Memory is about 64 bytes per leaf.
 *
 * <h2>Thread safety</h2>
 *
 * <p>Not thread-safe: confine a tree to one thread or guard every call with one lock. Proofs and roots returned are
 * immutable values and may be shared freely.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * MerkleTree tree = new MerkleTree();
 * for (byte[] entry : entries) {
 *   tree.appendEntry(entry);                 // leaf hash = SHA-256(0x00 || entry)
 * }
 * Digest root = tree.root();
 * Digest earlier = tree.root(3);             // the root when the tree had 3 leaves
 *
 * InclusionProof inclusion = tree.inclusionProof(2, tree.size());
 * inclusion.verify(tree.leafHash(2), root);
 *
 * ConsistencyProof consistency = tree.consistencyProof(3, tree.size());
 * consistency.verify(earlier, root);
 * }</pre>
 *
 * @since 0.1
 */
public final class MerkleTree {

  private final HashLevels levels = new HashLevels();

  /** Creates an empty tree. */
  public MerkleTree() {}

  /**
   * Appends a leaf hash.
   *
   * @param leafHash the leaf hash, normally {@link MerkleHashes#leafHash(byte[])} of the entry; must not be {@code
   *     null}
   * @return the new leaf's index, which is the size before the call
   */
  public long append(Digest leafHash) {
    Objects.requireNonNull(leafHash, "leafHash must not be null");
    return levels.appendLeafHash(leafHash.bytes());
  }

  /**
   * Appends an entry: hashes it as {@link MerkleHashes#leafHash(byte[])} does and appends the leaf hash. This is the
   * fast path; it creates no intermediate objects.
   *
   * @param entry the entry bytes, may be empty, must not be {@code null}
   * @return the new leaf's index, which is the size before the call
   */
  public long appendEntry(byte[] entry) {
    Objects.requireNonNull(entry, "entry must not be null");
    return levels.appendEntry(entry);
  }

  /**
   * The number of leaves.
   *
   * @return the current tree size
   */
  public long size() {
    return levels.size();
  }

  /**
   * The hash of a leaf.
   *
   * @param index the leaf index, from 0 to {@code size() - 1}
   * @return the leaf hash
   * @throws IndexOutOfBoundsException if there is no such leaf
   */
  public Digest leafHash(long index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("leaf index " + index + " is not below the tree size " + size());
    }
    return Digest.sha256(levels.stored(0, index));
  }

  /**
   * The root of the current tree: {@link MerkleHashes#emptyRoot()} when it is empty.
   *
   * @return the root
   */
  public Digest root() {
    return root(size());
  }

  /**
   * The root the tree had when it had {@code size} leaves (RFC 6962 MTH of the first {@code size} leaves).
   *
   * @param size from 0 to {@link #size()}
   * @return the root; {@link MerkleHashes#emptyRoot()} for size 0
   * @throws IllegalArgumentException if the size is negative or greater than the current size
   */
  public Digest root(long size) {
    checkSize("size", size);
    return Digest.sha256(levels.rangeHash(0, size));
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of size {@code size} (RFC 9162 section 2.1.3.1).
   *
   * @param index the leaf index, from 0 to {@code size - 1}
   * @param size the tree size the proof is for, from 1 to {@link #size()}
   * @return the proof; it verifies against {@code root(size)}
   * @throws IllegalArgumentException if the size is greater than the current size or the index is not below it
   */
  public InclusionProof inclusionProof(long index, long size) {
    checkSize("size", size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " is not below the tree size " + size);
    }
    return new InclusionProof(index, size, digests(levels.inclusionPath(index, size)));
  }

  /**
   * The consistency proof from the tree of size {@code size1} to the tree of size {@code size2} (RFC 9162 section
   * 2.1.4.1). Equal sizes give an empty proof.
   *
   * @param size1 the earlier size, from 1 to {@code size2}; a proof from the empty tree is meaningless
   * @param size2 the later size, at most {@link #size()}
   * @return the proof; it verifies against {@code root(size1)} and {@code root(size2)}
   * @throws IllegalArgumentException if {@code size1} is not positive, {@code size1 > size2}, or {@code size2} is
   *     greater than the current size
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize("size2", size2);
    if (size1 < 1 || size1 > size2) {
      throw new IllegalArgumentException(
          "size1 must be from 1 to size2 (" + size2 + "), was " + size1
              + (size1 == 0 ? "; a consistency proof from the empty tree is meaningless" : ""));
    }
    return new ConsistencyProof(size1, size2, digests(levels.consistencyPath(size1, size2)));
  }

  /** Returns the size and root, for logs. */
  @Override
  public String toString() {
    return "MerkleTree{size=" + size() + ", root=" + root() + "}";
  }

  private void checkSize(String name, long size) {
    if (size < 0 || size > size()) {
      throw new IllegalArgumentException(name + " must be from 0 to the tree size " + size() + ", was " + size);
    }
  }

  private static List<Digest> digests(List<byte[]> hashes) {
    List<Digest> out = new ArrayList<>(hashes.size());
    for (byte[] h : hashes) {
      out.add(Digest.sha256(h));
    }
    return out;
  }
}
