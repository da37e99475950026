package dev.modelgov.core.audit.segment;

import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.ScanResult;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test helpers: generated records, writing a segment, and reading one back. */
final class Segments {

  static final byte[] ORIGIN_HASH = sha256("example.com/prod/ns/component/audit");

  private Segments() {}

  /** A record to write. */
  record Rec(int type, byte[] payload) {

    boolean sameAs(SegmentRecord r) {
      return r.type() == type && Arrays.equals(r.payload(), payload);
    }
  }

  /** Everything read from a segment. */
  record Read(SegmentHeader header, List<SegmentRecord> records, ScanResult result) {}

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Rec> randomRecords(long seed, int count, int maxPayload) {
    Random rnd = new Random(seed);
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] p = new byte[rnd.nextInt(maxPayload + 1)];
      rnd.nextBytes(p);
      out.add(new Rec(rnd.nextInt(256), p));
    }
    return out;
  }

  /** Writes the records from {@code baseIndex} and returns each record's offset, plus the end offset last. */
  static long[] write(Path file, long baseIndex, List<Rec> recs, long preallocate) {
    try (SegmentWriter w = SegmentWriter.create(file, new SegmentHeader(ORIGIN_HASH, baseIndex, baseIndex),
        RecordFormat.DEFAULT_MAX_PAYLOAD, preallocate)) {
      long[] offsets = new long[recs.size() + 1];
      for (int i = 0; i < recs.size(); i++) {
        offsets[i] = w.append(baseIndex + i, recs.get(i).type(), recs.get(i).payload());
      }
      offsets[recs.size()] = w.position();
      w.force();
      return offsets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Read read(Path file) throws IOException {
    return read(file, RecordFormat.DEFAULT_MAX_PAYLOAD);
  }

  static Read read(Path file, int maxPayload) throws IOException {
    try (SegmentScanner s = SegmentScanner.open(file, maxPayload)) {
      List<SegmentRecord> records = new ArrayList<>();
      for (var r = s.next(); r.isPresent(); r = s.next()) {
        records.add(r.get());
      }
      return new Read(s.header(), records, s.result());
    }
  }

  static void writeBytes(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the index field of the record at {@code offset} and fixes up its CRC, so only the index is wrong. */
  static void setIndex(byte[] seg, int offset, long newIndex) {
    ByteBuffer b = ByteBuffer.wrap(seg);
    int len = b.getInt(offset);
    int type = Byte.toUnsignedInt(b.get(offset + 16));
    b.putLong(offset + 8, newIndex);
    b.putInt(offset + 4, RecordFormat.crc(newIndex, type, seg, offset + RecordFormat.HEADER_SIZE, len));
  }
}
