package dev.modelgov.core.audit.internal.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An append-only Merkle tree stored as the hashes of every complete subtree, by level: level {@code k} holds, at
 * index {@code i}, the hash of leaves {@code [i * 2^k, (i + 1) * 2^k)}. Level 0 holds the leaf hashes. This is the
 * layout of tlog tiles, so it can later be persisted tile by tile. Any root or proof takes O(log n) stored hashes and
 * at most O(log n) node hashes for the one incomplete subtree on the right border.
 *
 * <p>For internal use only; may change without notice. Not thread-safe.
 */
public final class HashLevels {

  /** log2 of the hashes per chunk: 4096 hashes (128 KiB), the first chunk of each level grows up to that. */
  private static final int CHUNK_BITS = 12;

  private static final int CHUNK_HASHES = 1 << CHUNK_BITS;
  private static final int FIRST_CHUNK_HASHES = 8;
  private static final int L = Sha256.LENGTH;

  /** levels[k] is the list of chunks of level k; only as many levels as the tree has. */
  private final List<List<byte[]>> levels = new ArrayList<>();

  private final Sha256 sha = new Sha256();
  private long size;

  /**
   * The number of leaves.
   *
   * @return the tree size
   */
  public long size() {
    return size;
  }

  /**
   * Appends the SHA-256 leaf hash of an entry, computed in place.
   *
   * @param entry the entry bytes
   * @return the new leaf's index
   */
  public long appendEntry(byte[] entry) {
    long index = size;
    int off = reserve(0, index);
    sha.leaf(entry, 0, entry.length, chunk(0, index), off);
    return complete(index);
  }

  /**
   * Appends a 32-byte leaf hash.
   *
   * @param leafHash the hash, 32 bytes
   * @return the new leaf's index
   */
  public long appendLeafHash(byte[] leafHash) {
    if (leafHash.length != L) {
      throw new IllegalArgumentException("a leaf hash has " + L + " bytes, got " + leafHash.length);
    }
    long index = size;
    int off = reserve(0, index);
    System.arraycopy(leafHash, 0, chunk(0, index), off, L);
    return complete(index);
  }

  /** Stores the parents completed by leaf {@code index}, then counts the leaf. */
  private long complete(long index) {
    long i = index;
    int level = 0;
    while ((i & 1) == 1) {
      byte[] left = chunk(level, i - 1);
      int leftOff = offset(i - 1);
      byte[] right = chunk(level, i);
      int rightOff = offset(i);
      long parent = i >>> 1;
      int outOff = reserve(level + 1, parent);
      sha.node(left, leftOff, right, rightOff, chunk(level + 1, parent), outOff);
      i = parent;
      level++;
    }
    size = index + 1;
    return index;
  }

  /**
   * A copy of the stored hash of the complete subtree at {@code level}, {@code index}.
   *
   * @param level the level, 0 for leaves
   * @param index the index on that level
   * @return a new 32-byte array
   */
  public byte[] stored(int level, long index) {
    byte[] out = new byte[L];
    System.arraycopy(chunk(level, index), offset(index), out, 0, L);
    return out;
  }

  /**
   * The RFC 6962 MTH of leaves {@code [lo, hi)}, where {@code lo} is a multiple of the smallest power of two not
   * below {@code hi - lo} (true of every subtree in the RFC's recursion) and {@code hi <= size}.
   *
   * @param lo the first leaf
   * @param hi one past the last leaf; {@code hi == lo} gives the empty-tree root
   * @return a new 32-byte array
   */
  public byte[] rangeHash(long lo, long hi) {
    long n = hi - lo;
    if (n == 0) {
      return sha.empty();
    }
    // The range splits into complete subtrees, largest first, one per set bit of n.
    int parts = Long.bitCount(n);
    int[] partLevel = new int[parts];
    long[] partIndex = new long[parts];
    long start = lo;
    int p = 0;
    for (int bit = 63 - Long.numberOfLeadingZeros(n); bit >= 0; bit--) {
      if ((n & (1L << bit)) != 0) {
        partLevel[p] = bit;
        partIndex[p] = start >>> bit;
        start += 1L << bit;
        p++;
      }
    }
    byte[] acc = stored(partLevel[parts - 1], partIndex[parts - 1]);
    for (int j = parts - 2; j >= 0; j--) {
      long idx = partIndex[j];
      // Safe in place: both children are read before the digest is written.
      sha.node(chunk(partLevel[j], idx), offset(idx), acc, 0, acc, 0);
    }
    return acc;
  }

  /**
   * RFC 9162 section 2.1.3.1 PATH(index, D[0:size]), leaf to root.
   *
   * @param index the leaf, below size
   * @param treeSize the tree size, at most {@link #size()}
   * @return the audit path
   */
  public List<byte[]> inclusionPath(long index, long treeSize) {
    return TreePaths.inclusionPath(this::rangeHash, index, treeSize);
  }

  /**
   * The consistency path from {@code size1} to {@code size2}; see {@link TreePaths#consistencyPath}.
   *
   * @param size1 the older size
   * @param size2 the newer size
   * @return the proof hashes, bottom-up
   */
  public List<byte[]> consistencyPath(long size1, long size2) {
    return TreePaths.consistencyPath(this::rangeHash, size1, size2);
  }

  private static int offset(long index) {
    return (int) (index & (CHUNK_HASHES - 1)) * L;
  }

  private byte[] chunk(int level, long index) {
    return levels.get(level).get((int) (index >>> CHUNK_BITS));
  }

  /** Makes room for hash {@code index} on {@code level} (always the next one) and returns its offset. */
  private int reserve(int level, long index) {
    if (level == levels.size()) {
      levels.add(new ArrayList<>());
    }
    List<byte[]> chunks = levels.get(level);
    int c = (int) (index >>> CHUNK_BITS);
    int off = offset(index);
    if (c == chunks.size()) {
      if (chunks.size() == Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("the tree is full");
      }
      chunks.add(new byte[(c == 0 ? FIRST_CHUNK_HASHES : CHUNK_HASHES) * L]);
    } else if (chunks.get(c).length <= off) {
      chunks.set(c, Arrays.copyOf(chunks.get(c), Math.min(2 * chunks.get(c).length, CHUNK_HASHES * L)));
    }
    return off;
  }
}
