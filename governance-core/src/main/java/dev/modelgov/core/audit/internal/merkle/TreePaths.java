package dev.modelgov.core.audit.internal.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6962 (RFC 9162 section 2.1) audit paths over any source of range hashes: the in-memory {@link HashLevels} and
 * the persisted tile store share them.
 *
 * <p>For internal use only; may change without notice.
 */
public final class TreePaths {

  /** A source of the Merkle tree hash of the leaves {@code [lo, hi)}. */
  @FunctionalInterface
  public interface RangeHasher {
    /**
     * @param lo the first leaf
     * @param hi one past the last leaf
     * @return the RFC 6962 hash of the range
     */
    byte[] rangeHash(long lo, long hi);
  }

  private TreePaths() {}

  /**
   * The inclusion path of leaf {@code index} in the tree of the first {@code treeSize} leaves, bottom-up.
   *
   * @param h the range hashes
   * @param index the leaf, {@code 0 <= index < treeSize}
   * @param treeSize the tree size
   * @return the sibling hashes from the leaf up
   */
  public static List<byte[]> inclusionPath(RangeHasher h, long index, long treeSize) {
    List<byte[]> topDown = new ArrayList<>();
    long lo = 0;
    long hi = treeSize;
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (index - lo < k) {
        topDown.add(h.rangeHash(lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(h.rangeHash(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /**
   * The consistency path from {@code size1} to {@code size2}, bottom-up (RFC 9162 SUBPROOF).
   *
   * @param h the range hashes
   * @param size1 the older size, {@code 0 < size1 <= size2}
   * @param size2 the newer size
   * @return the proof hashes
   */
  public static List<byte[]> consistencyPath(RangeHasher h, long size1, long size2) {
    List<byte[]> topDown = new ArrayList<>();
    long lo = 0;
    long hi = size2;
    boolean whole = true;
    while (true) {
      long n = hi - lo;
      long m = size1 - lo;
      if (m == n) {
        if (!whole) {
          topDown.add(h.rangeHash(lo, hi));
        }
        break;
      }
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        topDown.add(h.rangeHash(lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(h.rangeHash(lo, lo + k));
        lo += k;
        whole = false;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }
}
