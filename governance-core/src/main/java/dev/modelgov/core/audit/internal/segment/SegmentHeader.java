package dev.modelgov.core.audit.internal.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The fixed 64-byte header at offset 0 of every segment file. All integers are big-endian; the u64 fields must be
 * {@code 0 <= value <= Long.MAX_VALUE}.
 *
 * <pre>
 * offset size field
 *      0    8 magic        ASCII "GOVAUD01"
 *      8    2 version      u16, = 1
 *     10   32 originHash   SHA-256 of the log's origin string (UTF-8)
 *     42    8 baseIndex    u64, index of the first record in this segment
 *     50    8 treeSize     u64, Merkle tree size when the segment was started
 *     58    2 reserved     zeros (a reader rejects anything else)
 *     60    4 headerCrc    u32, CRC32C (java.util.zip.CRC32C) of bytes 0..59
 * </pre>
 *
 * <p>The tree root at the segment start (32 bytes) does not fit in 64 bytes; it is not stored here.
 *
 * <p>For internal use only; may change without notice. Immutable and thread-safe.
 */
public final class SegmentHeader {

  /** The encoded size in bytes. */
  public static final int SIZE = 64;

  /** The supported format version. */
  public static final int VERSION = 1;

  /** The length of the origin hash in bytes. */
  public static final int ORIGIN_HASH_LENGTH = 32;

  static final int OFF_VERSION = 8;
  static final int OFF_ORIGIN = 10;
  static final int OFF_BASE_INDEX = 42;
  static final int OFF_TREE_SIZE = 50;
  static final int OFF_RESERVED = 58;
  static final int OFF_CRC = 60;

  private static final byte[] MAGIC = "GOVAUD01".getBytes(StandardCharsets.US_ASCII);

  private final byte[] originHash;
  private final long baseIndex;
  private final long treeSize;

  /**
   * Creates a header.
   *
   * @param originHash SHA-256 of the origin, exactly 32 bytes (copied)
   * @param baseIndex the index of the segment's first record, {@code >= 0}
   * @param treeSize the tree size at the segment start, {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range
   */
  public SegmentHeader(byte[] originHash, long baseIndex, long treeSize) {
    Objects.requireNonNull(originHash, "originHash must not be null");
    if (originHash.length != ORIGIN_HASH_LENGTH) {
      throw new IllegalArgumentException("originHash must be 32 bytes, got " + originHash.length);
    }
    if (baseIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException("baseIndex and treeSize must be >= 0");
    }
    this.originHash = originHash.clone();
    this.baseIndex = baseIndex;
    this.treeSize = treeSize;
  }

  /**
   * The SHA-256 of the origin.
   *
   * @return a copy of the 32-byte hash
   */
  public byte[] originHash() {
    return originHash.clone();
  }

  /**
   * The index of the segment's first record.
   *
   * @return the base index
   */
  public long baseIndex() {
    return baseIndex;
  }

  /**
   * The Merkle tree size when the segment was started.
   *
   * @return the tree size
   */
  public long treeSize() {
    return treeSize;
  }

  /**
   * Encodes the header.
   *
   * @return a new 64-byte array
   */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
    b.put(MAGIC).putShort((short) VERSION).put(originHash).putLong(baseIndex).putLong(treeSize).putShort((short) 0);
    b.putInt(OFF_CRC, crc(b.array()));
    return b.array();
  }

  /**
   * Decodes and validates a header.
   *
   * @param bytes at least 64 bytes; only the first 64 are read
   * @return the header
   * @throws SegmentFormatException if the bytes are too short, or the magic, version, reserved bytes, CRC or a u64
   *     field is invalid
   */
  public static SegmentHeader decode(byte[] bytes) throws SegmentFormatException {
    Objects.requireNonNull(bytes, "bytes must not be null");
    if (bytes.length < SIZE) {
      throw new SegmentFormatException("segment header truncated: " + bytes.length + " of " + SIZE + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE).order(ByteOrder.BIG_ENDIAN);
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new SegmentFormatException("bad segment magic");
    }
    int storedCrc = b.getInt(OFF_CRC);
    if (storedCrc != crc(bytes)) {
      throw new SegmentFormatException("segment header CRC mismatch");
    }
    int version = Short.toUnsignedInt(b.getShort(OFF_VERSION));
    if (version != VERSION) {
      throw new SegmentFormatException("unsupported segment version " + version);
    }
    if (b.getShort(OFF_RESERVED) != 0) {
      throw new SegmentFormatException("segment header reserved bytes are not zero");
    }
    long base = b.getLong(OFF_BASE_INDEX);
    long size = b.getLong(OFF_TREE_SIZE);
    if (base < 0 || size < 0) {
      throw new SegmentFormatException("segment header baseIndex or treeSize exceeds 2^63-1");
    }
    return new SegmentHeader(Arrays.copyOfRange(bytes, OFF_ORIGIN, OFF_ORIGIN + ORIGIN_HASH_LENGTH), base, size);
  }

  private static int crc(byte[] header) {
    CRC32C c = new CRC32C();
    c.update(header, 0, OFF_CRC);
    return (int) c.getValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentHeader h
        && baseIndex == h.baseIndex
        && treeSize == h.treeSize
        && Arrays.equals(originHash, h.originHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(originHash), baseIndex, treeSize);
  }

  @Override
  public String toString() {
    return "SegmentHeader[baseIndex=" + baseIndex + ", treeSize=" + treeSize + "]";
  }
}
