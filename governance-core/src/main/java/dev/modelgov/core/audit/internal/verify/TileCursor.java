package dev.modelgov.core.audit.internal.verify;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the 32-byte hashes of one tile file ({@code tiles/L}) in chunks, for indexes that only go forward. A missing
 * file holds no hashes; a partial hash at the end of the file does not count.
 *
 * <p>For internal use only; may change without notice. Not thread-safe.
 */
final class TileCursor implements Closeable {

  private static final int H = CompactRange.H;

  private final String name;
  private final FileChannel channel;
  private final long hashes;
  private final byte[] buf;
  private long first;
  private int count;

  private TileCursor(String name, FileChannel channel, long hashes, int chunkHashes) {
    this.name = name;
    this.channel = channel;
    this.hashes = hashes;
    this.buf = new byte[(int) Math.max(1, Math.min(chunkHashes, hashes)) * H];
  }

  /**
   * Opens a tile file.
   *
   * @param tilesDir the {@code tiles} directory
   * @param level the tile level
   * @param chunkHashes how many hashes to read at a time
   * @return the cursor
   * @throws IOException if the file exists but cannot be read
   */
  static TileCursor open(Path tilesDir, int level, int chunkHashes) throws IOException {
    String name = "tiles/" + level;
    Path file = tilesDir.resolve(Integer.toString(level));
    if (!Files.isRegularFile(file)) {
      return new TileCursor(name, null, 0, 1);
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return new TileCursor(name, null, 0, 1);
    }
    try {
      return new TileCursor(name, ch, ch.size() / H, chunkHashes);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** @return the file's name relative to the log directory, {@code tiles/L} */
  String name() {
    return name;
  }

  /** @return the number of complete hashes in the file */
  long hashes() {
    return hashes;
  }

  /** @return the array {@link #locate(long)} offsets point into */
  byte[] buffer() {
    return buf;
  }

  /**
   * Finds hash {@code j}, reading the next chunk when needed.
   *
   * @param j the hash index; at least the previous call's
   * @return its offset in {@link #buffer()}, or -1 if the file has no hash {@code j}
   * @throws IOException if the file cannot be read
   */
  int locate(long j) throws IOException {
    if (j >= hashes) {
      return -1;
    }
    if (j < first || j >= first + count) {
      int n = (int) Math.min(buf.length / H, hashes - j);
      ByteBuffer b = ByteBuffer.wrap(buf, 0, n * H);
      long at = j * H;
      while (b.hasRemaining()) {
        if (channel.read(b, at + b.position()) < 0) {
          throw new EOFException(name + " shrank while being read");
        }
      }
      first = j;
      count = n;
    }
    return (int) (j - first) * H;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
