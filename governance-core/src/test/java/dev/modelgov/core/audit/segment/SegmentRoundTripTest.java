package dev.modelgov.core.audit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.ScanResult;
import dev.modelgov.core.audit.internal.segment.ScanResult.Status;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import dev.modelgov.core.audit.segment.Segments.Read;
import dev.modelgov.core.audit.segment.Segments.Rec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading back segments: header layout, record framing, offsets, preallocation, append rules. */
class SegmentRoundTripTest {

  @TempDir Path dir;

  @Test
  void many_records_of_varied_sizes_round_trip_with_their_offsets() throws IOException {
    // GIVEN 300 records with payloads from 0 to 70 KiB, including the edge sizes
    Random rnd = new Random(42);
    List<Rec> recs = new ArrayList<>();
    int[] edges = {0, 1, 19, 20, 21, 4095, 4096, 65535, 65536, 70 * 1024};
    for (int e : edges) {
      byte[] p = new byte[e];
      rnd.nextBytes(p);
      recs.add(new Rec(e & 0xFF, p));
    }
    recs.addAll(Segments.randomRecords(7, 290, 70 * 1024));
    Path file = dir.resolve("audit-00000000000000001000.seg");
    // WHEN they are written from base index 1000 and read back
    long[] offsets = Segments.write(file, 1000, recs, 0);
    Read read = Segments.read(file);
    // THEN every record comes back in order, at the offset append() returned, and the scan ends cleanly at EOF
    assertThat(read.header()).isEqualTo(new SegmentHeader(Segments.ORIGIN_HASH, 1000, 1000));
    assertThat(read.records()).hasSize(recs.size());
    for (int i = 0; i < recs.size(); i++) {
      var r = read.records().get(i);
      assertThat(r.index()).isEqualTo(1000L + i);
      assertThat(r.offset()).isEqualTo(offsets[i]);
      assertThat(recs.get(i).sameAs(r)).as("record %d", i).isTrue();
    }
    assertThat(offsets[0]).isEqualTo(SegmentHeader.SIZE);
    assertThat(read.result()).isEqualTo(
        new ScanResult(Status.CLEAN_END, recs.size(), Files.size(file), 1000L + recs.size(), Files.size(file), ""));
  }

  @Test
  void header_and_record_layouts_are_exactly_as_documented() throws IOException {
    // GIVEN a segment with one record of payload "hi", type 7, at index 5
    Path file = dir.resolve("layout.seg");
    Segments.write(file, 5, List.of(new Rec(7, "hi".getBytes(StandardCharsets.US_ASCII))), 0);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    // THEN the header is magic, u16 version, origin hash, base index, tree size, zero u16, CRC32C of bytes 0..59
    assertThat(b.capacity()).isEqualTo(64 + 20 + 2);
    assertThat(new String(b.array(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("GOVAUD01");
    assertThat(b.getShort(8)).isEqualTo((short) 1);
    assertThat(Arrays.copyOfRange(b.array(), 10, 42)).isEqualTo(Segments.ORIGIN_HASH);
    assertThat(b.getLong(42)).isEqualTo(5);
    assertThat(b.getLong(50)).isEqualTo(5);
    assertThat(b.getShort(58)).isZero();
    var crc = new java.util.zip.CRC32C();
    crc.update(b.array(), 0, 60);
    assertThat(b.getInt(60)).isEqualTo((int) crc.getValue());
    // AND the record is len, CRC32C(index||type||payload), index, type, flags, reserved, payload
    assertThat(b.getInt(64)).isEqualTo(2);
    var rc = new java.util.zip.CRC32C();
    rc.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 7, 'h', 'i'});
    assertThat(b.getInt(68)).isEqualTo((int) rc.getValue());
    assertThat(b.getLong(72)).isEqualTo(5);
    assertThat(b.get(80)).isEqualTo((byte) 7);
    assertThat(b.get(81)).isZero();
    assertThat(b.getShort(82)).isZero();
    assertThat(new String(b.array(), 84, 2, StandardCharsets.US_ASCII)).isEqualTo("hi");
  }

  @Test
  void an_empty_segment_scans_clean_at_the_end_of_its_header() throws IOException {
    // GIVEN a segment with a header only
    Path file = dir.resolve("empty.seg");
    Segments.write(file, 0, List.of(), 0);
    // WHEN scanned THEN it is a clean end after 64 bytes, with index 0 next
    assertThat(SegmentScanner.scan(file, RecordFormat.DEFAULT_MAX_PAYLOAD))
        .isEqualTo(new ScanResult(Status.CLEAN_END, 0, 64, 0, 64, ""));
  }

  @Test
  void a_zero_filled_preallocated_tail_is_a_clean_end() throws IOException {
    // GIVEN a segment preallocated to 1 MiB with 50 records written into it
    Path file = dir.resolve("prealloc.seg");
    List<Rec> recs = Segments.randomRecords(3, 50, 2000);
    long[] offsets = Segments.write(file, 10, recs, 1 << 20);
    long end = offsets[recs.size()];
    assertThat(Files.size(file)).isEqualTo(1 << 20);
    // WHEN scanned THEN it ends cleanly at the end of the last record, not at the end of the file
    Read read = Segments.read(file);
    assertThat(read.records()).hasSize(50);
    assertThat(read.result()).isEqualTo(new ScanResult(Status.CLEAN_END, 50, end, 60, end, ""));
    // AND appending resumes there, and the new records are read back
    try (SegmentWriter w = SegmentWriter.openForAppend(file, RecordFormat.DEFAULT_MAX_PAYLOAD)) {
      assertThat(w.nextIndex()).isEqualTo(60);
      assertThat(w.append(60, 1, new byte[] {1, 2, 3})).isEqualTo(end);
      w.force();
    }
    Read again = Segments.read(file);
    assertThat(again.records()).hasSize(51);
    assertThat(again.result().status()).isEqualTo(Status.CLEAN_END);
    assertThat(again.result().validBytes()).isEqualTo(end + 23);
  }

  @Test
  void a_zero_tail_shorter_than_a_record_header_is_a_torn_tail_and_a_longer_one_a_clean_end() throws IOException {
    // GIVEN a segment followed by 7 zero bytes (as a record torn inside its len field leaves)
    Path file = dir.resolve("zeros.seg");
    long[] offsets = Segments.write(file, 0, Segments.randomRecords(1, 3, 100), 0);
    Files.write(file, new byte[7], java.nio.file.StandardOpenOption.APPEND);
    // THEN the scan reports a torn tail after the last record
    ScanResult r = SegmentScanner.scan(file, RecordFormat.DEFAULT_MAX_PAYLOAD);
    assertThat(r.status()).isEqualTo(Status.TORN_TAIL);
    assertThat(r.validBytes()).isEqualTo(offsets[3]);
    // WHEN 13 more zero bytes make the zero tail as long as a record header THEN it is a clean end
    Files.write(file, new byte[13], java.nio.file.StandardOpenOption.APPEND);
    ScanResult z = SegmentScanner.scan(file, RecordFormat.DEFAULT_MAX_PAYLOAD);
    assertThat(z.status()).isEqualTo(Status.CLEAN_END);
    assertThat(z.validBytes()).isEqualTo(offsets[3]);
  }

  @Test
  void the_writer_rejects_non_contiguous_indexes_bad_types_oversized_payloads_and_existing_files() throws IOException {
    // GIVEN a writer at base index 100 with a 1 KiB payload cap
    Path file = dir.resolve("rules.seg");
    try (SegmentWriter w = SegmentWriter.create(file, new SegmentHeader(Segments.ORIGIN_HASH, 100, 100), 1024, 0)) {
      // THEN only index 100, types 0..255 and payloads up to 1024 bytes are accepted
      assertThatThrownBy(() -> w.append(101, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("index 101 is not the next index 100");
      assertThatThrownBy(() -> w.append(100, 256, new byte[0])).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> w.append(100, -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> w.append(100, 0, new byte[1025])).isInstanceOf(IllegalArgumentException.class);
      assertThat(w.append(100, 255, new byte[1024])).isEqualTo(64);
      assertThat(w.nextIndex()).isEqualTo(101);
    }
    // AND creating over an existing file fails
    assertThatThrownBy(() -> SegmentWriter.create(file, new SegmentHeader(Segments.ORIGIN_HASH, 0, 0),
        RecordFormat.DEFAULT_MAX_PAYLOAD, 0)).isInstanceOf(FileAlreadyExistsException.class);
    // AND a closed writer refuses appends
    SegmentWriter closed = SegmentWriter.openForAppend(file, 1024);
    closed.close();
    assertThatThrownBy(() -> closed.append(101, 0, new byte[0])).isInstanceOf(IOException.class);
  }

  @Test
  void header_arguments_are_checked() {
    assertThatThrownBy(() -> new SegmentHeader(new byte[31], 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentHeader(new byte[32], -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentHeader(new byte[32], 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
