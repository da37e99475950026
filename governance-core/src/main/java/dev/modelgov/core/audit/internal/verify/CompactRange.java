package dev.modelgov.core.audit.internal.verify;

import dev.modelgov.core.audit.AuditTamperException;
import java.io.IOException;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The compact range of an RFC 6962 tree growing from leaf 0: the roots of its maximal complete subtrees, largest
 * first (at most 64 of them), so appending a leaf costs one node hash per completed subtree (one on average) and the
 * root of the current size costs at most 63 node hashes. Leaf hashes are written straight into the next slot with
 * {@link #leafSlot()}, so appending allocates nothing.
 *
 * <p>For internal use only; may change without notice. Not thread-safe.
 */
final class CompactRange {

  /** Told of every completed subtree whose height is a positive multiple of 8 (a tile level). */
  interface TileListener {
    /**
     * A complete subtree of {@code 2^height} leaves was hashed.
     *
     * @param height the subtree height, a positive multiple of 8
     * @param index its index at that height (its first leaf is {@code index << height})
     * @param hash the array holding its hash
     * @param off the hash's offset in {@code hash}
     * @throws AuditTamperException if the stored tile disagrees
     * @throws IOException if a tile cannot be read
     */
    void completed(int height, long index, byte[] hash, int off) throws AuditTamperException, IOException;
  }

  static final int H = 32;
  private static final byte NODE = 0x01;

  private final byte[] stack = new byte[65 * H];
  private final byte[] scratch = new byte[H];
  private final MessageDigest md;
  private int depth;
  private long size;

  CompactRange(MessageDigest md) {
    this.md = md;
  }

  /** @return the number of leaves */
  long size() {
    return size;
  }

  /** @return the array to write the next leaf hash into, at {@link #leafOffset()} */
  byte[] leafSlot() {
    return stack;
  }

  /** @return where the next leaf hash goes in {@link #leafSlot()} */
  int leafOffset() {
    return depth * H;
  }

  /**
   * Appends a leaf hash copied from an array.
   *
   * @param hash the array
   * @param off the hash's offset
   * @param listener told of completed tile-level subtrees
   * @throws AuditTamperException what the listener throws
   * @throws IOException what the listener throws
   */
  void append(byte[] hash, int off, TileListener listener) throws AuditTamperException, IOException {
    System.arraycopy(hash, off, stack, depth * H, H);
    commitLeaf(listener);
  }

  /**
   * Appends the leaf hash already written at {@link #leafOffset()}, then merges the subtrees it completes.
   *
   * @param listener told of completed tile-level subtrees
   * @throws AuditTamperException what the listener throws
   * @throws IOException what the listener throws
   */
  void commitLeaf(TileListener listener) throws AuditTamperException, IOException {
    depth++;
    long n = ++size;
    int height = 0;
    while ((n & 1) == 0) {
      n >>>= 1;
      height++;
      int left = (depth - 2) * H;
      md.update(NODE);
      md.update(stack, left, 2 * H);
      finish(stack, left);
      depth--;
      if ((height & 7) == 0) {
        listener.completed(height, (size >>> height) - 1, stack, left);
      }
    }
  }

  /**
   * The root of the current tree (SHA-256 of nothing when empty).
   *
   * @param out a 32-byte array for the root
   */
  void root(byte[] out) {
    if (depth == 0) {
      finish(out, 0);
      return;
    }
    System.arraycopy(stack, (depth - 1) * H, scratch, 0, H);
    for (int i = depth - 2; i >= 0; i--) {
      md.update(NODE);
      md.update(stack, i * H, H);
      md.update(scratch, 0, H);
      finish(scratch, 0);
    }
    System.arraycopy(scratch, 0, out, 0, H);
  }

  /** Writes the digest of what was fed to {@code md} into {@code out[off, off+32)}. */
  void finish(byte[] out, int off) {
    try {
      md.digest(out, off, H);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit", e);
    }
  }
}
