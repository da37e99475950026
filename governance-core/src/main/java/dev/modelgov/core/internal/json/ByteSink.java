package dev.modelgov.core.internal.json;

import java.util.Arrays;

/** A growable byte buffer without synchronisation. For internal use only; may change without notice. */
public final class ByteSink {

  private byte[] buf;
  private int size;

  /**
   * @param initialCapacity the first buffer size
   */
  public ByteSink(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Makes room for {@code n} more bytes. */
  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  /**
   * @param b the byte to append
   */
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /**
   * Appends an ASCII string.
   *
   * @param ascii characters below 0x80 only
   */
  public void writeAscii(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) ascii.charAt(i);
    }
  }

  /**
   * @return the bytes written so far, copied
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * @return the number of bytes written
   */
  public int size() {
    return size;
  }
}
