package dev.modelgov.core.audit.internal.segment;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends records to one segment file in the format of {@link SegmentHeader} and {@link RecordFormat}.
 *
 * <p>Indexes must be contiguous from the header's {@code baseIndex}. Nothing is durable until {@link #force()}
 * returns; creating a file also needs an fsync of its directory, which is the caller's job. After any I/O error the
 * writer fails closed: every later call throws.
 *
 * <p>For internal use only; may change without notice. Not thread-safe.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * try (SegmentWriter w = SegmentWriter.create(file, new SegmentHeader(originHash, 0, 0),
 *     RecordFormat.DEFAULT_MAX_PAYLOAD, 0)) {
 *   long offset = w.append(0, 1, payload);
 *   w.force();
 * }
 * }</pre>
 */
public final class SegmentWriter implements Closeable {

  private static final int ZERO_CHUNK = 64 * 1024;

  private final FileChannel channel;
  private final SegmentHeader header;
  private final int maxPayload;
  private long position;
  private long nextIndex;
  private IOException failure;
  private ByteBuffer batch;

  private SegmentWriter(FileChannel channel, SegmentHeader header, int maxPayload, long position, long nextIndex) {
    this.channel = channel;
    this.header = header;
    this.maxPayload = maxPayload;
    this.position = position;
    this.nextIndex = nextIndex;
  }

  /**
   * Creates a new segment file and writes its header.
   *
   * @param file the file to create; must not exist
   * @param header the segment header
   * @param maxPayload the largest payload accepted, 0..{@link RecordFormat#LIMIT_MAX_PAYLOAD}
   * @param preallocateBytes if larger than the header, the file is zero-filled to this size (readers treat a zero
   *     tail as the end of data); 0 for none
   * @return a writer positioned after the header
   * @throws java.nio.file.FileAlreadyExistsException if the file exists
   * @throws IOException if the file cannot be created or written
   */
  public static SegmentWriter create(Path file, SegmentHeader header, int maxPayload, long preallocateBytes)
      throws IOException {
    return create(file, header, maxPayload, preallocateBytes, ChannelFactory.DEFAULT);
  }

  /**
   * As {@link #create(Path, SegmentHeader, int, long)}, opening the file through {@code channels}, and forcing the
   * header and preallocation to disk before returning.
   *
   * @param file the new segment file; must not exist
   * @param header its header
   * @param maxPayload the largest payload accepted
   * @param preallocateBytes the file length to fill with zeros up front
   * @param channels how to open the file
   * @return a writer positioned after the header
   * @throws IOException if the file exists or cannot be written
   */
  public static SegmentWriter create(Path file, SegmentHeader header, int maxPayload, long preallocateBytes,
      ChannelFactory channels) throws IOException {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(header, "header must not be null");
    RecordFormat.checkMaxPayload(maxPayload);
    if (preallocateBytes < 0) {
      throw new IllegalArgumentException("preallocateBytes must be >= 0");
    }
    FileChannel ch = channels.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileIo.writeFully(ch, ByteBuffer.wrap(header.encode()), 0);
      ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
      for (long p = SegmentHeader.SIZE; p < preallocateBytes; ) {
        zeros.clear().limit((int) Math.min(ZERO_CHUNK, preallocateBytes - p));
        p += FileIo.writeFully(ch, zeros, p);
      }
      if (channels != ChannelFactory.DEFAULT || preallocateBytes > 0) {
        ch.force(true);
      }
      return new SegmentWriter(ch, header, maxPayload, SegmentHeader.SIZE, header.baseIndex());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Opens an existing segment to append after its last record. The segment must scan clean; recover it first
   * otherwise.
   *
   * @param file the segment file
   * @param maxPayload the largest payload accepted and read
   * @return a writer positioned after the last valid record
   * @throws SegmentFormatException if the header is invalid
   * @throws IOException if the segment does not scan clean, or cannot be read or opened
   */
  public static SegmentWriter openForAppend(Path file, int maxPayload) throws IOException {
    return openForAppend(file, maxPayload, ChannelFactory.DEFAULT);
  }

  /**
   * As {@link #openForAppend(Path, int)}, opening the file through {@code channels}.
   *
   * @param file an existing segment that scans clean
   * @param maxPayload the largest payload accepted
   * @param channels how to open the file
   * @return a writer positioned after the last record
   * @throws IOException if the segment does not scan clean or cannot be opened
   */
  public static SegmentWriter openForAppend(Path file, int maxPayload, ChannelFactory channels) throws IOException {
    ScanResult r;
    SegmentHeader header;
    try (SegmentScanner s = SegmentScanner.open(file, maxPayload)) {
      while (s.next().isPresent()) {
        // skip to the end
      }
      r = s.result();
      header = s.header();
    }
    if (!r.clean()) {
      throw new IOException("segment needs recovery: " + r.status() + " at offset " + r.badOffset() + ": "
          + r.reason());
    }
    return openAt(file, header, r.validBytes(), r.badIndex(), maxPayload, channels);
  }

  /**
   * Continues a segment that the caller has just scanned clean (crash recovery does), without scanning it again.
   *
   * @param file the segment
   * @param header its header, as the scan read it
   * @param position the end of its last valid record ({@link ScanResult#validBytes()})
   * @param nextIndex the index to append next ({@link ScanResult#badIndex()} of a clean scan)
   * @param maxPayload the largest payload accepted
   * @param channels how to open the file
   * @return a writer positioned after the last record
   * @throws IOException if the file cannot be opened
   */
  public static SegmentWriter openAt(Path file, SegmentHeader header, long position, long nextIndex, int maxPayload,
      ChannelFactory channels) throws IOException {
    if (position < SegmentHeader.SIZE || nextIndex < header.baseIndex()) {
      throw new IllegalArgumentException("position " + position + " or next index " + nextIndex
          + " is not inside segment " + file.getFileName());
    }
    FileChannel ch = channels.open(file, StandardOpenOption.WRITE);
    return new SegmentWriter(ch, header, maxPayload, position, nextIndex);
  }

  /**
   * Cuts a segment file to its valid prefix and makes the new size durable (as Kafka's {@code truncateTo}). Use only
   * after deciding the tail is torn, never on corruption before the last checkpoint.
   *
   * @param file the segment file; no writer may have it open
   * @param validBytes the new size, from {@link ScanResult#validBytes()}
   * @throws IllegalArgumentException if {@code validBytes} is below the header size or above the file size
   * @throws IOException if the file cannot be truncated or synced
   */
  public static void truncateTo(Path file, long validBytes) throws IOException {
    Objects.requireNonNull(file, "file must not be null");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (validBytes < SegmentHeader.SIZE || validBytes > ch.size()) {
        throw new IllegalArgumentException(
            "validBytes must be in " + SegmentHeader.SIZE + ".." + ch.size() + ", got " + validBytes);
      }
      ch.truncate(validBytes);
      ch.force(true);
    }
  }

  /**
   * Appends a record.
   *
   * @param index the record index; must equal {@link #nextIndex()}
   * @param type the record type, 0..255
   * @param payload the payload, at most the maximum payload length
   * @return the byte offset of the record in the file
   * @throws IllegalArgumentException if the index, type or payload length is invalid
   * @throws IOException if the write fails (the writer then fails closed)
   */
  public long append(long index, int type, byte[] payload) throws IOException {
    Objects.requireNonNull(payload, "payload must not be null");
    checkUsable();
    if (index != nextIndex) {
      throw new IllegalArgumentException("index " + index + " is not the next index " + nextIndex);
    }
    if (type < 0 || type > 0xFF) {
      throw new IllegalArgumentException("type must be in 0..255, got " + type);
    }
    if (payload.length > maxPayload) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds maximum " + maxPayload);
    }
    ByteBuffer rh = ByteBuffer.allocate(RecordFormat.HEADER_SIZE)
        .putInt(payload.length)
        .putInt(RecordFormat.crc(index, type, payload, 0, payload.length))
        .putLong(index)
        .put((byte) type)
        .put((byte) 0)
        .putShort((short) 0)
        .flip();
    long offset = position;
    try {
      FileIo.writeFully(channel, rh, offset);
      FileIo.writeFully(channel, ByteBuffer.wrap(payload), offset + RecordFormat.HEADER_SIZE);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    position = offset + RecordFormat.HEADER_SIZE + payload.length;
    nextIndex = index + 1;
    return offset;
  }

  /**
   * Frames records {@code [from, to)} of {@code payloads} (indexes {@link #nextIndex()} onwards) into one buffer and
   * writes them with one positional write.
   *
   * @param payloads the payloads
   * @param types the record type of each payload
   * @param from the first to write
   * @param to one past the last to write
   * @return the byte offset of the first record written
   * @throws IOException if the write fails; the writer then accepts no more calls
   */
  public long appendAll(byte[][] payloads, byte[] types, int from, int to) throws IOException {
    checkUsable();
    int bytes = 0;
    for (int i = from; i < to; i++) {
      if (payloads[i].length > maxPayload) {
        throw new IllegalArgumentException(
            "payload of " + payloads[i].length + " bytes exceeds maximum " + maxPayload);
      }
      bytes += RecordFormat.HEADER_SIZE + payloads[i].length;
    }
    if (batch == null || batch.capacity() < bytes) {
      batch = ByteBuffer.allocateDirect(Math.max(bytes, 64 * 1024));
    }
    ByteBuffer b = batch.clear();
    long index = nextIndex;
    for (int i = from; i < to; i++) {
      byte[] p = payloads[i];
      int type = types[i] & 0xFF;
      b.putInt(p.length).putInt(RecordFormat.crc(index, type, p, 0, p.length)).putLong(index).put((byte) type)
          .put((byte) 0).putShort((short) 0).put(p);
      index++;
    }
    b.flip();
    long offset = position;
    try {
      FileIo.writeFully(channel, b, offset);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    position = offset + bytes;
    nextIndex = index;
    return offset;
  }

  /**
   * Cuts the preallocated zeros after the last record, for a closed segment.
   *
   * @throws IOException if the truncation fails
   */
  public void trimPreallocation() throws IOException {
    checkUsable();
    channel.truncate(position);
    channel.force(true);
  }

  /**
   * Makes everything appended so far durable: {@code FileChannel.force(false)}.
   *
   * @throws IOException if the sync fails (the writer then fails closed; never retry an fsync)
   */
  public void force() throws IOException {
    checkUsable();
    try {
      channel.force(false);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  /**
   * The segment header.
   *
   * @return the header
   */
  public SegmentHeader header() {
    return header;
  }

  /**
   * The index the next record must have.
   *
   * @return the next index
   */
  public long nextIndex() {
    return nextIndex;
  }

  /**
   * The end of the written data: where the next record goes.
   *
   * @return the byte offset
   */
  public long position() {
    return position;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void checkUsable() throws IOException {
    if (failure != null) {
      throw new IOException("segment writer failed earlier; it accepts no more calls", failure);
    }
    if (!channel.isOpen()) {
      throw new IOException("segment writer is closed");
    }
  }
}
