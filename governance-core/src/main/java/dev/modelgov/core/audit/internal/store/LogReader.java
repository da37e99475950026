package dev.modelgov.core.audit.internal.store;

import dev.modelgov.core.audit.internal.segment.ScanResult;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads records of a log directory in index order, across segments, without taking the writer's lock. Stops at the
 * end of the valid records (a live log's last record may still be in flight). For internal use only.
 */
public final class LogReader {

  /** Receives records. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * @param segment the segment file
     * @param record the record
     * @return false to stop
     * @throws IOException to abort
     */
    boolean visit(Path segment, SegmentRecord record) throws IOException;
  }

  /**
   * Where a follower stopped: the segment, byte offset and index after the last record it visited, so that the next
   * pass reads on from there instead of scanning the segment again. Not thread-safe; one per follower.
   */
  public static final class Resume {
    private long segmentBase = -1;
    private long offset;
    private long next = -1;

    /** A position that knows nothing yet. */
    public Resume() {}

    void set(long segmentBase, long offset, long next) {
      this.segmentBase = segmentBase;
      this.offset = offset;
      this.next = next;
    }
  }

  private LogReader() {}

  /**
   * Visits the records from {@code from} on.
   *
   * @param dir the log directory
   * @param from the first index to visit
   * @param maxPayload the largest valid payload
   * @param visitor receives each record
   * @return the index after the last record visited or skipped (where a follower resumes)
   * @throws IOException if a segment cannot be read, or {@code from} lies in a pruned range
   */
  public static long forEach(Path dir, long from, int maxPayload, Visitor visitor) throws IOException {
    return forEach(dir, from, maxPayload, null, visitor);
  }

  /**
   * Visits the records from {@code from} on.
   *
   * @param dir the log directory
   * @param from the first index to visit
   * @param maxPayload the largest valid payload
   * @param resume where the previous pass stopped (updated as records are visited); null to scan from segment
   *     starts
   * @param visitor receives each record
   * @return the index after the last record visited or skipped (where a follower resumes)
   * @throws IOException if a segment cannot be read, or {@code from} lies in a pruned range
   */
  public static long forEach(Path dir, long from, int maxPayload, Resume resume, Visitor visitor)
      throws IOException {
    TreeMap<Long, Path> segments = Layout.segments(dir);
    if (segments.isEmpty()) {
      return from;
    }
    Map.Entry<Long, Path> first = segments.floorEntry(from);
    if (first == null) {
      throw new IOException("index " + from + " was pruned by retention; the first kept index is "
          + segments.firstKey());
    }
    long next = from;
    for (Map.Entry<Long, Path> e : segments.tailMap(first.getKey(), true).entrySet()) {
      if (e.getKey() > next) {
        break;
      }
      for (int attempt = 1; ; attempt++) {
        try (SegmentScanner s = SegmentScanner.open(e.getValue(), maxPayload).quickEnd()) {
          if (resume != null && attempt == 1 && resume.next == next && resume.segmentBase == e.getKey()) {
            s.skipTo(resume.offset, resume.next);
          }
          for (Optional<SegmentRecord> r = s.next(); r.isPresent(); r = s.next()) {
            SegmentRecord rec = r.get();
            if (rec.index() < next) {
              continue;
            }
            if (!visitor.visit(e.getValue(), rec)) {
              return rec.index() + 1;
            }
            next = rec.index() + 1;
            if (resume != null) {
              resume.set(e.getKey(), rec.end(), next);
            }
          }
          ScanResult result = s.result();
          if (!result.clean()) {
            return next;
          }
          break;
        } catch (NoSuchFileException gone) {
          // Pruned while we read.
          throw new IOException("segment " + e.getValue().getFileName() + " was pruned while reading", gone);
        } catch (EOFException trimmed) {
          // The writer cut the segment's preallocated zeros (it rolled or closed) while we scanned it; the records
          // are unchanged, so scan it again at its new size, skipping what was visited.
          if (attempt == 3) {
            throw trimmed;
          }
        }
      }
    }
    return next;
  }

  /**
   * Reads one record.
   *
   * @param dir the log directory
   * @param index its index
   * @param maxPayload the largest valid payload
   * @return the record, or empty when the log has no such (valid) record
   * @throws IOException if a segment cannot be read or the index was pruned
   */
  public static Optional<SegmentRecord> read(Path dir, long index, int maxPayload) throws IOException {
    SegmentRecord[] found = new SegmentRecord[1];
    forEach(dir, index, maxPayload, (seg, r) -> {
      found[0] = r;
      return false;
    });
    return Optional.ofNullable(found[0]);
  }
}
