package dev.modelgov.core.audit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.ScanResult;
import dev.modelgov.core.audit.internal.segment.ScanResult.Status;
import dev.modelgov.core.audit.internal.segment.SegmentFormatException;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import dev.modelgov.core.audit.segment.Segments.Read;
import dev.modelgov.core.audit.segment.Segments.Rec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn tails, corrupted records and corrupted headers, and how the scan reports each. */
class SegmentDamageTest {

  private static final long BASE = 500;
  private static final int COUNT = 6;
  private static final int MIDDLE = 3;

  @TempDir Path dir;
  private Path file;
  private List<Rec> recs;
  private long[] offsets;
  private byte[] seg;

  @BeforeEach
  void writeSegment() {
    // GIVEN a closed segment of 6 records from index 500 (payloads up to 300 bytes)
    file = dir.resolve("seg");
    recs = Segments.randomRecords(11, COUNT, 300);
    offsets = Segments.write(file, BASE, recs, 0);
    seg = Segments.readBytes(file);
  }

  private Read rewriteAndRead(byte[] bytes) throws IOException {
    Segments.writeBytes(file, bytes);
    return Segments.read(file);
  }

  private void assertPrefixIntact(Read read, int n) {
    assertThat(read.records()).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(recs.get(i).sameAs(read.records().get(i))).isTrue();
    }
  }

  @Test
  void truncation_at_every_byte_inside_the_last_record_is_a_torn_tail_ending_at_the_previous_record()
      throws IOException {
    int last = COUNT - 1;
    long start = offsets[last];
    long end = offsets[COUNT];
    // WHEN the file is cut at the start of the last record THEN that is a clean end
    assertThat(rewriteAndRead(Arrays.copyOf(seg, (int) start)).result())
        .isEqualTo(new ScanResult(Status.CLEAN_END, last, start, BASE + last, start, ""));
    for (long cut = start + 1; cut < end; cut++) {
      // WHEN it is cut anywhere inside the last record
      Read read = rewriteAndRead(Arrays.copyOf(seg, (int) cut));
      // THEN the scan reports a torn tail at the last record, with the valid bytes ending at the previous record
      ScanResult r = read.result();
      assertThat(r.status()).as("cut at %d", cut).isEqualTo(Status.TORN_TAIL);
      assertThat(r.validBytes()).isEqualTo(start);
      assertThat(r.badOffset()).isEqualTo(start);
      assertThat(r.badIndex()).isEqualTo(BASE + last);
      assertThat(r.validRecords()).isEqualTo(last);
      assertPrefixIntact(read, last);
    }
  }

  @Test
  void a_torn_tail_truncated_to_its_valid_bytes_scans_clean_and_accepts_appends() throws IOException {
    // GIVEN the last record cut in half
    int last = COUNT - 1;
    Segments.writeBytes(file, Arrays.copyOf(seg, (int) (offsets[last] + offsets[COUNT]) / 2));
    ScanResult torn = SegmentScanner.scan(file, RecordFormat.DEFAULT_MAX_PAYLOAD);
    assertThat(torn.status()).isEqualTo(Status.TORN_TAIL);
    assertThatThrownBy(() -> SegmentWriter.openForAppend(file, RecordFormat.DEFAULT_MAX_PAYLOAD))
        .isInstanceOf(IOException.class).hasMessageContaining("TORN_TAIL");
    // WHEN truncated to its valid bytes
    SegmentWriter.truncateTo(file, torn.validBytes());
    // THEN it scans clean, and the lost record can be appended again at the same offset
    assertThat(Files.size(file)).isEqualTo(offsets[last]);
    try (SegmentWriter w = SegmentWriter.openForAppend(file, RecordFormat.DEFAULT_MAX_PAYLOAD)) {
      assertThat(w.append(BASE + last, recs.get(last).type(), recs.get(last).payload())).isEqualTo(offsets[last]);
    }
    assertThat(Segments.readBytes(file)).isEqualTo(seg);
    assertThatThrownBy(() -> SegmentWriter.truncateTo(file, 63)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentWriter.truncateTo(file, seg.length + 1L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void every_bit_flip_in_a_middle_record_is_reported_at_that_record() throws IOException {
    int start = (int) offsets[MIDDLE];
    int end = (int) offsets[MIDDLE + 1];
    int tornByLen = 0;
    for (int pos = start; pos < end; pos++) {
      for (int bit = 0; bit < 8; bit++) {
        // WHEN one bit of the middle record is flipped
        byte[] bad = seg.clone();
        bad[pos] ^= (byte) (1 << bit);
        Read read = rewriteAndRead(bad);
        // THEN the scan stops at that record's index and offset, with the records before it intact
        ScanResult r = read.result();
        assertThat(r.badIndex()).as("byte %d bit %d", pos, bit).isEqualTo(BASE + MIDDLE);
        assertThat(r.badOffset()).isEqualTo(start);
        assertThat(r.validBytes()).isEqualTo(start);
        assertPrefixIntact(read, MIDDLE);
        if (pos < start + 4 && r.status() == Status.TORN_TAIL) {
          // a larger len (not covered by the CRC) that reaches past EOF looks like a torn tail
          assertThat(ByteBuffer.wrap(bad).getInt(start)).isGreaterThan(seg.length - start - 20);
          tornByLen++;
        } else {
          // AND it is reported as corruption
          assertThat(r.status()).as("byte %d bit %d: %s", pos, bit, r.reason()).isEqualTo(Status.CORRUPT);
        }
      }
    }
    assertThat(tornByLen).isLessThan(32);
  }

  @Test
  void every_bit_flip_in_the_header_is_a_format_error() {
    for (int pos = 0; pos < 64; pos++) {
      for (int bit = 0; bit < 8; bit++) {
        // WHEN one bit of the header is flipped THEN opening the segment fails
        byte[] bad = seg.clone();
        bad[pos] ^= (byte) (1 << bit);
        Segments.writeBytes(file, bad);
        assertThatThrownBy(() -> SegmentScanner.open(file, RecordFormat.DEFAULT_MAX_PAYLOAD).close())
            .as("byte %d bit %d", pos, bit)
            .isInstanceOf(SegmentFormatException.class);
      }
    }
  }

  @Test
  void a_truncated_header_an_unknown_version_and_non_zero_reserved_bytes_are_format_errors() {
    Segments.writeBytes(file, Arrays.copyOf(seg, 63));
    assertThatThrownBy(() -> Segments.read(file)).isInstanceOf(SegmentFormatException.class)
        .hasMessage("segment header truncated: 63 of 64 bytes");
    // a version 2 or reserved bytes with a valid CRC
    for (int[] change : new int[][] {{9, 2}, {58, 1}, {59, 1}}) {
      byte[] bad = seg.clone();
      bad[change[0]] = (byte) change[1];
      var crc = new java.util.zip.CRC32C();
      crc.update(bad, 0, 60);
      ByteBuffer.wrap(bad).putInt(60, (int) crc.getValue());
      Segments.writeBytes(file, bad);
      assertThatThrownBy(() -> Segments.read(file)).isInstanceOf(SegmentFormatException.class)
          .hasMessageContainingAll(change[0] == 9 ? "version 2" : "reserved");
    }
  }

  @Test
  void a_non_contiguous_index_with_a_valid_crc_is_corrupt() throws IOException {
    // WHEN the middle record claims index +1 (CRC fixed up) THEN the scan reports corruption at it
    byte[] skip = seg.clone();
    Segments.setIndex(skip, (int) offsets[MIDDLE], BASE + MIDDLE + 1);
    Read read = rewriteAndRead(skip);
    assertThat(read.result()).isEqualTo(new ScanResult(Status.CORRUPT, MIDDLE, offsets[MIDDLE], BASE + MIDDLE,
        offsets[MIDDLE], "record index " + (BASE + MIDDLE + 1) + ", expected " + (BASE + MIDDLE)));
    // AND a first record that does not carry the base index is corrupt too
    byte[] first = seg.clone();
    Segments.setIndex(first, 64, BASE - 1);
    assertThat(rewriteAndRead(first).result().status()).isEqualTo(Status.CORRUPT);
    assertThat(Segments.read(file).result().validBytes()).isEqualTo(64);
  }

  @Test
  void a_length_above_the_maximum_is_corrupt() throws IOException {
    // WHEN the middle record's len is set to 1 MiB + 1 THEN it is corrupt, even though the file is shorter
    byte[] big = seg.clone();
    ByteBuffer.wrap(big).putInt((int) offsets[MIDDLE], RecordFormat.DEFAULT_MAX_PAYLOAD + 1);
    ScanResult r = rewriteAndRead(big).result();
    assertThat(r.status()).isEqualTo(Status.CORRUPT);
    assertThat(r.badIndex()).isEqualTo(BASE + MIDDLE);
    assertThat(r.reason()).isEqualTo("record length 1048577 exceeds maximum 1048576");
    // AND an unsigned len of 0xFFFFFFFF is corrupt
    ByteBuffer.wrap(big).putInt((int) offsets[MIDDLE], -1);
    assertThat(rewriteAndRead(big).result().reason()).isEqualTo("record length 4294967295 exceeds maximum 1048576");
    // AND an intact record above a reader's smaller maximum is corrupt for that reader
    Segments.writeBytes(file, seg);
    int len = recs.get(0).payload().length;
    assertThat(Segments.read(file, len - 1).result())
        .isEqualTo(new ScanResult(Status.CORRUPT, 0, 64, BASE, 64,
            "record length " + len + " exceeds maximum " + (len - 1)));
  }

  @Test
  void non_zero_flags_or_reserved_bytes_are_corrupt() throws IOException {
    for (int at : new int[] {17, 18, 19}) {
      byte[] bad = seg.clone();
      bad[(int) offsets[MIDDLE] + at] = 1;
      ScanResult r = rewriteAndRead(bad).result();
      assertThat(r.status()).isEqualTo(Status.CORRUPT);
      assertThat(r.badOffset()).isEqualTo(offsets[MIDDLE]);
    }
  }

  @Test
  void a_partial_record_header_is_a_torn_tail_and_non_zero_garbage_after_the_data_is_not_clean() throws IOException {
    // GIVEN 5 non-zero bytes after the last record THEN that is a torn tail (an incomplete header)
    byte[] tail = Arrays.copyOf(seg, seg.length + 5);
    tail[seg.length + 2] = 9;
    ScanResult r = rewriteAndRead(tail).result();
    assertThat(r.status()).isEqualTo(Status.TORN_TAIL);
    assertThat(r.validBytes()).isEqualTo(seg.length);
    assertThat(r.badIndex()).isEqualTo(BASE + COUNT);
  }
}
