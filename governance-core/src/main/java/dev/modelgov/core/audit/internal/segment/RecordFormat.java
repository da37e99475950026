package dev.modelgov.core.audit.internal.segment;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one record in a segment. All integers are big-endian.
 *
 * <pre>
 * offset size field
 *      0    4 len       u32, payload length in bytes (0..maxPayload)
 *      4    4 crc       u32, CRC32C (java.util.zip.CRC32C) of index(8) || type(1) || payload(len)
 *      8    8 index     u64, = previous record's index + 1 (the first record's = the header's baseIndex)
 *     16    1 type      u8, record type (any value; covered by the CRC)
 *     17    1 flags     u8, must be 0 in version 1 (not covered by the CRC, so a reader rejects non-zero)
 *     18    2 reserved  must be 0 (not covered by the CRC, so a reader rejects non-zero)
 *     20  len payload
 * </pre>
 *
 * <p>{@code len} is not covered by the CRC either: a changed {@code len} is caught by the CRC only through the payload
 * bytes it then spans, and a larger {@code len} on the last record of a file looks like a torn tail.
 *
 * <p>For internal use only; may change without notice.
 */
public final class RecordFormat {

  /** The size of the record header in bytes. */
  public static final int HEADER_SIZE = 20;

  /** The default maximum payload length: 1 MiB. */
  public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

  /** The largest maximum payload length a writer or reader accepts: 256 MiB. */
  public static final int LIMIT_MAX_PAYLOAD = 1 << 28;

  static final int OFF_LEN = 0;
  static final int OFF_CRC = 4;
  static final int OFF_INDEX = 8;
  static final int OFF_TYPE = 16;
  static final int OFF_FLAGS = 17;
  static final int OFF_RESERVED = 18;

  private RecordFormat() {}

  /**
   * The record CRC: CRC32C of index (8 bytes, big-endian) || type (1 byte) || payload.
   *
   * @param index the record index
   * @param type the record type, 0..255
   * @param payload the payload
   * @param off the payload's offset in {@code payload}
   * @param len the payload length
   * @return the CRC as a u32 in an {@code int}
   */
  public static int crc(long index, int type, byte[] payload, int off, int len) {
    CRC32C c = new CRC32C();
    ByteBuffer prefix = ByteBuffer.allocate(9).putLong(index).put((byte) type).flip();
    c.update(prefix);
    c.update(payload, off, len);
    return (int) c.getValue();
  }

  static int checkMaxPayload(int maxPayload) {
    if (maxPayload < 0 || maxPayload > LIMIT_MAX_PAYLOAD) {
      throw new IllegalArgumentException("maxPayload must be in 0.." + LIMIT_MAX_PAYLOAD + ", got " + maxPayload);
    }
    return maxPayload;
  }
}
