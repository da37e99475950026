package dev.modelgov.core.audit.internal.segment;

import dev.modelgov.core.audit.internal.segment.ScanResult.Status;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a segment file: validates its {@link SegmentHeader} on open, then returns its records in order with their byte
 * offsets, stopping at the first problem and describing it in a {@link ScanResult}.
 *
 * <p>Rules, applied at each record boundary {@code pos} of a file of {@code size} bytes:
 *
 * <ol>
 *   <li>{@code pos == size}, or at least 20 bytes left and all of them zero (a preallocated tail): {@link
 *       Status#CLEAN_END}. A zero record header can never be valid, because the CRC32C of nine zero bytes is not zero.
 *   <li>1 to 19 bytes left, zero or not: {@link Status#TORN_TAIL}. A torn record usually starts with zero bytes (the
 *       high bytes of {@code len}), so a short zero remainder is not taken for preallocation.
 *   <li>{@code len > maxPayload}: {@link Status#CORRUPT}.
 *   <li>fewer than {@code 20 + len} bytes left: {@link Status#TORN_TAIL}.
 *   <li>non-zero flags or reserved bytes, CRC mismatch, or index not equal to the previous index + 1 (the header's
 *       {@code baseIndex} for the first record): {@link Status#CORRUPT}.
 * </ol>
 *
 * <p>A torn write into a preallocated (zero-filled) region is therefore reported as {@link Status#CORRUPT}, since the
 * record looks complete; a recovery step must judge by the last checkpoint, not by the status alone. Zeroing whole
 * records at the end of a file is indistinguishable from a clean end; only a checkpoint can catch it.
 *
 * <p>For internal use only; may change without notice. Not thread-safe.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * try (SegmentScanner s = SegmentScanner.open(file, RecordFormat.DEFAULT_MAX_PAYLOAD)) {
 *   for (Optional<SegmentRecord> r = s.next(); r.isPresent(); r = s.next()) {
 *     handle(r.get());
 *   }
 *   ScanResult result = s.result();
 * }
 * }</pre>
 */
public final class SegmentScanner implements Closeable {

  private static final int ZERO_CHECK_CHUNK = 64 * 1024;

  private final FileChannel channel;
  private final SegmentHeader header;
  private final int maxPayload;
  private final long size;
  private long pos = SegmentHeader.SIZE;
  private long count;
  private ScanResult result;
  private boolean quickEnd;

  private SegmentScanner(FileChannel channel, SegmentHeader header, int maxPayload, long size) {
    this.channel = channel;
    this.header = header;
    this.maxPayload = maxPayload;
    this.size = size;
  }

  /**
   * Opens a segment and validates its header.
   *
   * @param file the segment file
   * @param maxPayload the largest valid payload length, 0..{@link RecordFormat#LIMIT_MAX_PAYLOAD}
   * @return a scanner positioned before the first record
   * @throws SegmentFormatException if the header is truncated or invalid
   * @throws IOException if the file cannot be read
   */
  public static SegmentScanner open(Path file, int maxPayload) throws IOException {
    Objects.requireNonNull(file, "file must not be null");
    RecordFormat.checkMaxPayload(maxPayload);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = ch.size();
      if (size < SegmentHeader.SIZE) {
        throw new SegmentFormatException("segment header truncated: " + size + " of " + SegmentHeader.SIZE + " bytes");
      }
      ByteBuffer hb = ByteBuffer.allocate(SegmentHeader.SIZE);
      FileIo.readFully(ch, hb, 0);
      SegmentHeader header = SegmentHeader.decode(hb.array());
      return new SegmentScanner(ch, header, maxPayload, size);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * For readers of a live log: treat an all-zero record header as the end of the records without reading the rest of
   * the preallocated file (recovery and verification keep the full check, which tells a torn write in the
   * preallocated zeros from a clean end).
   *
   * @return this scanner
   */
  public SegmentScanner quickEnd() {
    this.quickEnd = true;
    return this;
  }

  /**
   * Continues from a record boundary found by an earlier scan of this segment, instead of from its first record.
   *
   * @param offset the byte offset just after a record that scanned valid
   * @param index the index of the record expected there
   * @throws IllegalArgumentException if the position is outside the file or the index outside the segment
   */
  public void skipTo(long offset, long index) {
    if (offset < SegmentHeader.SIZE || offset > size || index < header.baseIndex() || result != null) {
      throw new IllegalArgumentException("cannot skip to offset " + offset + ", index " + index);
    }
    pos = offset;
    count = index - header.baseIndex();
  }

  /**
   * Scans a whole segment, discarding the records.
   *
   * @param file the segment file
   * @param maxPayload the largest valid payload length
   * @return how the scan ended
   * @throws SegmentFormatException if the header is truncated or invalid
   * @throws IOException if the file cannot be read
   */
  public static ScanResult scan(Path file, int maxPayload) throws IOException {
    try (SegmentScanner s = open(file, maxPayload)) {
      while (s.next().isPresent()) {
        // discard
      }
      return s.result();
    }
  }

  /**
   * The validated header.
   *
   * @return the header
   */
  public SegmentHeader header() {
    return header;
  }

  /**
   * Reads the next record.
   *
   * @return the record, or empty at the end of the valid records (then {@link #result()} says why)
   * @throws IOException if the file cannot be read
   */
  public Optional<SegmentRecord> next() throws IOException {
    if (result != null) {
      return Optional.empty();
    }
    long expected = header.baseIndex() + count;
    long remaining = size - pos;
    if (remaining == 0
        || remaining >= RecordFormat.HEADER_SIZE && allZero(pos, quickEnd ? pos + RecordFormat.HEADER_SIZE : size)) {
      return stop(Status.CLEAN_END, expected, "");
    }
    if (remaining < RecordFormat.HEADER_SIZE) {
      return stop(Status.TORN_TAIL, expected, "incomplete record header: " + remaining + " bytes");
    }
    ByteBuffer rh = ByteBuffer.allocate(RecordFormat.HEADER_SIZE);
    FileIo.readFully(channel, rh, pos);
    long len = Integer.toUnsignedLong(rh.getInt(RecordFormat.OFF_LEN));
    if (len > maxPayload) {
      return stop(Status.CORRUPT, expected, "record length " + len + " exceeds maximum " + maxPayload);
    }
    if (remaining - RecordFormat.HEADER_SIZE < len) {
      return stop(Status.TORN_TAIL, expected,
          "incomplete record: " + (remaining - RecordFormat.HEADER_SIZE) + " of " + len + " payload bytes");
    }
    int flags = Byte.toUnsignedInt(rh.get(RecordFormat.OFF_FLAGS));
    if (flags != 0 || rh.getShort(RecordFormat.OFF_RESERVED) != 0) {
      return stop(Status.CORRUPT, expected, "record flags or reserved bytes are not zero");
    }
    int storedCrc = rh.getInt(RecordFormat.OFF_CRC);
    long index = rh.getLong(RecordFormat.OFF_INDEX);
    int type = Byte.toUnsignedInt(rh.get(RecordFormat.OFF_TYPE));
    ByteBuffer pb = ByteBuffer.allocate((int) len);
    FileIo.readFully(channel, pb, pos + RecordFormat.HEADER_SIZE);
    byte[] payload = pb.array();
    if (RecordFormat.crc(index, type, payload, 0, payload.length) != storedCrc) {
      return stop(Status.CORRUPT, expected, "record CRC mismatch");
    }
    if (index != expected) {
      return stop(Status.CORRUPT, expected, "record index " + Long.toUnsignedString(index) + ", expected " + expected);
    }
    SegmentRecord r = new SegmentRecord(pos, index, type, payload);
    pos = r.end();
    count++;
    return Optional.of(r);
  }

  /**
   * How the scan ended.
   *
   * @return the result
   * @throws IllegalStateException if {@link #next()} has not yet returned empty
   */
  public ScanResult result() {
    if (result == null) {
      throw new IllegalStateException("scan not finished");
    }
    return result;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private Optional<SegmentRecord> stop(Status status, long expected, String reason) {
    result = new ScanResult(status, count, pos, expected, pos, reason);
    return Optional.empty();
  }

  private boolean allZero(long from, long to) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(ZERO_CHECK_CHUNK, Math.max(0, to - from)));
    for (long p = from; p < to; ) {
      b.clear().limit((int) Math.min(b.capacity(), to - p));
      FileIo.readFully(channel, b, p);
      byte[] a = b.array();
      for (int i = 0, n = b.limit(); i < n; i++) {
        if (a[i] != 0) {
          return false;
        }
      }
      p += b.limit();
    }
    return true;
  }
}
