package dev.modelgov.core.audit.internal.segment;

/**
 * One valid record read from a segment.
 *
 * <p>For internal use only; may change without notice. The payload array is the caller's to keep; it is not copied.
 *
 * @param offset the byte offset of the record header in the file
 * @param index the record index
 * @param type the record type, 0..255
 * @param payload the payload bytes
 */
public record SegmentRecord(long offset, long index, int type, byte[] payload) {

  /**
   * The offset just past this record.
   *
   * @return {@code offset + 20 + payload.length}
   */
  public long end() {
    return offset + RecordFormat.HEADER_SIZE + payload.length;
  }
}
