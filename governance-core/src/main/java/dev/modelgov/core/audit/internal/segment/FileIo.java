package dev.modelgov.core.audit.internal.segment;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads and writes that do not stop short, shared by the segment, tile and verifier code. For internal use
 * only; may change without notice.
 */
public final class FileIo {

  private FileIo() {}

  /**
   * Reads until {@code b} is full.
   *
   * @param ch the channel
   * @param b the buffer to fill
   * @param at the file offset of its first byte
   * @throws EOFException if the file ends first (it shrank while being read)
   * @throws IOException if the read fails
   */
  public static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new EOFException("file shrank while being read: it ends before byte " + p);
      }
      p += n;
    }
  }

  /**
   * Writes all of {@code b}.
   *
   * @param ch the channel
   * @param b the bytes to write
   * @param at the file offset of the first
   * @return the number of bytes written
   * @throws IOException if the write fails
   */
  public static int writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    int total = 0;
    while (b.hasRemaining()) {
      total += ch.write(b, at + total);
    }
    return total;
  }
}
