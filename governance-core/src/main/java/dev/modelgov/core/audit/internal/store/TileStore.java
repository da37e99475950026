package dev.modelgov.core.audit.internal.store;

import dev.modelgov.core.audit.internal.merkle.Sha256;
import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import dev.modelgov.core.audit.internal.segment.FileIo;
import dev.modelgov.core.audit.internal.merkle.TreePaths;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 tree of the log, persisted as hash tiles: file {@code L} holds the hashes of the complete subtrees of
 * {@code 256^L} leaves, in order. Any complete subtree's hash is a fold of at most 128 stored hashes, so proofs are
 * served without rehashing records.
 *
 * <p>One writer thread appends; any thread may read hashes of the first {@link #size()} leaves. For internal use
 * only; may change without notice.
 */
public final class TileStore implements Closeable {

  /** log2 of the hashes per tile. */
  public static final int TILE_BITS = 8;

  private static final int TILE = 1 << TILE_BITS;
  private static final int H = Sha256.LENGTH;

  private final Path dir;
  private final ChannelFactory channels;
  /** Read by any thread, grown by the writer: copy-on-write keeps readers safe. */
  private final List<FileChannel> files = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** partial[L]: the hashes of the incomplete group of 256 at tile level L (a copy of the file's tail). */
  private final List<byte[]> partial = new ArrayList<>();
  private final List<Integer> partialCount = new ArrayList<>();
  private final Sha256 writerSha = new Sha256();
  private volatile long size;
  /** Whether the files may still hold hashes beyond {@link #size} from before {@link #open}; cut before writing. */
  private boolean untrustedTail = true;

  private TileStore(Path dir, ChannelFactory channels) {
    this.dir = dir;
    this.channels = channels;
  }

  /**
   * Opens the tiles of a log, trusting them for the first {@code trustedSize} leaves and cutting everything after.
   *
   * @param dir the tiles directory (created if missing)
   * @param trustedSize the leaves to keep
   * @param channels how to open files
   * @return the store, of size {@code trustedSize}
   * @throws IOException if a file cannot be read or holds fewer hashes than {@code trustedSize} needs
   */
  public static TileStore open(Path dir, long trustedSize, ChannelFactory channels) throws IOException {
    Files.createDirectories(dir);
    TileStore t = new TileStore(dir, channels);
    try {
      for (int level = 0; ; level++) {
        long count = trustedSize >>> (TILE_BITS * level);
        Path f = dir.resolve(Integer.toString(level));
        if (count == 0 && level > 0) {
          // Stale higher levels are dropped by the first append (see trimUntrustedTail), not here: opening must not
          // change the files of a log that recovery may yet find tampered.
          break;
        }
        FileChannel ch = channels.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        t.files.add(ch);
        if (ch.size() < count * H) {
          throw new IOException("tile level " + level + " holds " + ch.size() / H + " hashes, expected " + count);
        }
        int inGroup = (int) (count & (TILE - 1));
        byte[] group = new byte[TILE * H];
        FileIo.readFully(ch, ByteBuffer.wrap(group, 0, inGroup * H), (count - inGroup) * H);
        t.partial.add(group);
        t.partialCount.add(inGroup);
        if (count == 0) {
          break;
        }
      }
      t.size = trustedSize;
      return t;
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /**
   * @return the number of leaves stored
   */
  public long size() {
    return size;
  }

  /**
   * Appends leaf hashes.
   *
   * @param hashes concatenated 32-byte leaf hashes
   * @param count how many
   * @throws IOException if a write fails
   */
  public void append(byte[] hashes, int count) throws IOException {
    if (count == 0) {
      return;
    }
    if (untrustedTail) {
      trimUntrustedTail();
    }
    long n = size;
    FileIo.writeFully(level(0), ByteBuffer.wrap(hashes, 0, count * H), n * H);
    byte[] parent = new byte[H];
    for (int i = 0; i < count; i++) {
      int level = 0;
      System.arraycopy(hashes, i * H, parent, 0, H);
      while (true) {
        byte[] group = partial.get(level);
        int c = partialCount.get(level);
        System.arraycopy(parent, 0, group, c * H, H);
        c++;
        if (c < TILE) {
          partialCount.set(level, c);
          break;
        }
        partialCount.set(level, 0);
        foldInPlace(writerSha, group, TILE);
        System.arraycopy(group, 0, parent, 0, H);
        long above = (n + i + 1) >>> (TILE_BITS * (level + 1));
        FileIo.writeFully(level(level + 1), ByteBuffer.wrap(parent), (above - 1) * H);
        level++;
      }
    }
    size = n + count;
  }

  /**
   * Reads stored leaf hashes.
   *
   * @param from the first leaf
   * @param count how many, with {@code from + count <= size()}
   * @return the concatenated hashes
   * @throws IOException if the tile cannot be read
   */
  public byte[] leafHashes(long from, int count) throws IOException {
    if (from < 0 || count < 0 || from + count > size) {
      throw new IllegalArgumentException("leaves [" + from + ", " + (from + count) + ") outside size " + size);
    }
    byte[] out = new byte[count * H];
    FileIo.readFully(files.get(0), ByteBuffer.wrap(out), from * H);
    return out;
  }

  /** Makes every written hash durable. */
  public void force() throws IOException {
    for (FileChannel f : files) {
      f.force(false);
    }
  }

  /**
   * The hash of the complete subtree at tree level {@code level} with index {@code index} (its leaves are
   * {@code [index << level, (index + 1) << level)}), read from the tiles.
   *
   * @param level the tree level
   * @param index the subtree's index at that level
   * @return the hash
   */
  public byte[] subtree(int level, long index) {
    int tileLevel = level / TILE_BITS;
    int r = level % TILE_BITS;
    int count = 1 << r;
    byte[] buf = new byte[count * H];
    try {
      FileIo.readFully(files.get(tileLevel), ByteBuffer.wrap(buf), (index << r) * H);
    } catch (IOException e) {
      throw new TileReadException("cannot read tile level " + tileLevel + ": " + e.getMessage(), e);
    }
    foldInPlace(Sha256.forThread(), buf, count);
    return count == 1 ? buf : java.util.Arrays.copyOf(buf, H);
  }

  /**
   * The RFC 6962 hash of leaves {@code [lo, hi)}, where {@code lo} is aligned to the largest power of two in
   * {@code hi - lo} (as in every audit path).
   *
   * @param lo the first leaf
   * @param hi one past the last leaf, at most {@link #size()}
   * @return the hash
   */
  public byte[] rangeHash(long lo, long hi) {
    if (hi > size || lo < 0 || lo > hi) {
      throw new IllegalArgumentException("range [" + lo + ", " + hi + ") outside the tree of size " + size);
    }
    long n = hi - lo;
    if (n == 0) {
      return Sha256.forThread().empty();
    }
    List<byte[]> parts = new ArrayList<>();
    long start = lo;
    for (int bit = 63 - Long.numberOfLeadingZeros(n); bit >= 0; bit--) {
      if ((n & (1L << bit)) != 0) {
        parts.add(subtree(bit, start >>> bit));
        start += 1L << bit;
      }
    }
    Sha256 sha = Sha256.forThread();
    byte[] acc = parts.get(parts.size() - 1);
    for (int j = parts.size() - 2; j >= 0; j--) {
      acc = sha.node(parts.get(j), acc);
    }
    return acc;
  }

  /**
   * @param index the leaf
   * @param treeSize the tree size, at most {@link #size()}
   * @return the inclusion path, bottom-up
   */
  public List<byte[]> inclusionPath(long index, long treeSize) {
    return TreePaths.inclusionPath(this::rangeHash, index, treeSize);
  }

  /**
   * @param size1 the older size
   * @param size2 the newer size, at most {@link #size()}
   * @return the consistency path, bottom-up
   */
  public List<byte[]> consistencyPath(long size1, long size2) {
    return TreePaths.consistencyPath(this::rangeHash, size1, size2);
  }

  /**
   * @return the tiles directory
   */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (FileChannel f : files) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Cuts every level file to the hashes of the first {@link #size} leaves and deletes stale higher levels. */
  private void trimUntrustedTail() throws IOException {
    for (int level = 0; ; level++) {
      long count = size >>> (TILE_BITS * level);
      if (level < files.size()) {
        FileChannel ch = files.get(level);
        if (ch.size() > count * H) {
          ch.truncate(count * H);
        }
      } else if (!Files.deleteIfExists(dir.resolve(Integer.toString(level)))) {
        break;
      }
    }
    untrustedTail = false;
  }

  private FileChannel level(int level) throws IOException {
    while (files.size() <= level) {
      int l = files.size();
      files.add(channels.open(dir.resolve(Integer.toString(l)), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE));
      partial.add(new byte[TILE * H]);
      partialCount.add(0);
    }
    return files.get(level);
  }

  /** Folds {@code count} (a power of two) consecutive hashes into one, left in {@code buf[0..32)}. */
  private static void foldInPlace(Sha256 sha, byte[] buf, int count) {
    for (int n = count; n > 1; n >>>= 1) {
      for (int i = 0; i < n / 2; i++) {
        sha.node(buf, 2 * i * H, buf, (2 * i + 1) * H, buf, i * H);
      }
    }
  }

  /** A tile could not be read while serving a hash. */
  public static final class TileReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TileReadException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
