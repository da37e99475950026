package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import java.util.Objects;

/**
 * The RFC 6962 / RFC 9162 hashes of a Merkle tree over SHA-256, with domain separation between leaves and interior
 * nodes, so that a leaf can never be passed off as a node:
 *
 * <ul>
 *   <li>leaf hash = SHA-256(0x00 || entry);
 *   <li>node hash = SHA-256(0x01 || left || right);
 *   <li>the root of the empty tree = SHA-256("") = {@code e3b0c442...b855}.
 * </ul>
 *
 * <p>Hashing uses the JDK's {@code MessageDigest} (hardware-accelerated where the CPU has SHA extensions), one
 * instance per thread. All methods are thread-safe.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * Digest leaf = MerkleHashes.leafHash("L123456".getBytes(StandardCharsets.US_ASCII));
 * // sha256:395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56
 * Digest parent = MerkleHashes.nodeHash(leaf, MerkleHashes.leafHash(new byte[0]));
 * Digest empty = MerkleHashes.emptyRoot();
 * }</pre>
 *
 * @since 0.1
 */
public final class MerkleHashes {

  private MerkleHashes() {}

  /**
   * The leaf hash of an entry: SHA-256(0x00 || entry).
   *
   * @param entry the entry bytes, may be empty, must not be {@code null}
   * @return the leaf hash
   */
  public static Digest leafHash(byte[] entry) {
    Objects.requireNonNull(entry, "entry must not be null");
    return Digest.sha256(Sha256.forThread().leaf(entry));
  }

  /**
   * The hash of an interior node: SHA-256(0x01 || left || right).
   *
   * @param left the left child's hash, must not be {@code null}
   * @param right the right child's hash, must not be {@code null}
   * @return the node hash
   */
  public static Digest nodeHash(Digest left, Digest right) {
    Objects.requireNonNull(left, "left must not be null");
    Objects.requireNonNull(right, "right must not be null");
    return Digest.sha256(Sha256.forThread().node(left.bytes(), right.bytes()));
  }

  /**
   * SHA-256(0x01 || left || right) over raw children of any length. Tree children are always 32-byte hashes; this
   * form exists for known-answer tests and for hashes read from the wire before they are checked.
   *
   * @param left the left child's bytes, must not be {@code null}
   * @param right the right child's bytes, must not be {@code null}
   * @return the node hash
   */
  public static Digest nodeHash(byte[] left, byte[] right) {
    Objects.requireNonNull(left, "left must not be null");
    Objects.requireNonNull(right, "right must not be null");
    return Digest.sha256(Sha256.forThread().node(left, right));
  }

  /**
   * The root of the empty tree: SHA-256 of no bytes, {@code
   * sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855}.
   *
   * @return the empty-tree root
   */
  public static Digest emptyRoot() {
    return Digest.sha256(Sha256.forThread().empty());
  }
}
