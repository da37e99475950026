package dev.modelgov.core.audit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.core.audit.internal.segment.ScanResult.Status;
import dev.modelgov.core.audit.internal.segment.SegmentFormatException;
import dev.modelgov.core.audit.segment.Segments.Read;
import dev.modelgov.core.audit.segment.Segments.Rec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of generated segments: round trips, and that no single-byte change goes unnoticed. */
class SegmentPropertiesTest {

  @TempDir Path dir;
  private final AtomicInteger files = new AtomicInteger();

  private Path newFile() {
    return dir.resolve("p" + files.incrementAndGet() + ".seg");
  }

  private static Read read(Path file) {
    try {
      return Segments.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void generated_segments_round_trip() {
    qt().withExamples(200).forAll(integers().between(0, 20), longs().all(), longs().between(0, 1L << 62))
        .checkAssert((n, seed, base) -> {
          // GIVEN generated records WHEN written and read back THEN they are the same, ending cleanly
          List<Rec> recs = Segments.randomRecords(seed, n, 600);
          Path file = newFile();
          long[] offsets = Segments.write(file, base, recs, 0);
          Read read = read(file);
          assertThat(read.result().status()).isEqualTo(Status.CLEAN_END);
          assertThat(read.result().validBytes()).isEqualTo(offsets[n]);
          assertThat(read.records()).hasSize(n);
          for (int i = 0; i < n; i++) {
            assertThat(read.records().get(i).index()).isEqualTo(base + i);
            assertThat(read.records().get(i).offset()).isEqualTo(offsets[i]);
            assertThat(recs.get(i).sameAs(read.records().get(i))).isTrue();
          }
        });
  }

  @Test
  void any_single_byte_change_in_a_closed_segment_is_detected() {
    qt().withExamples(1000)
        .forAll(integers().between(1, 8), longs().all(), integers().between(0, Integer.MAX_VALUE - 1),
            integers().between(1, 255))
        .checkAssert((n, seed, where, mask) -> {
          // GIVEN a closed segment of generated records
          List<Rec> recs = Segments.randomRecords(seed, n, 300);
          Path file = newFile();
          long[] offsets = Segments.write(file, seed & 0xFFFF_FFFFL, recs, 0);
          byte[] seg = Segments.readBytes(file);
          // WHEN one byte is changed
          int pos = where % seg.length;
          seg[pos] ^= (byte) (int) mask;
          Segments.writeBytes(file, seg);
          Read read;
          try {
            read = Segments.read(file);
          } catch (SegmentFormatException e) {
            // THEN a change in the header fails to open
            assertThat(pos).isLessThan(64);
            return;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          assertThat(pos).as("header change went unnoticed").isGreaterThanOrEqualTo(64);
          // THEN the scan never ends cleanly; it stops at the changed record, with every record before it intact
          int hit = 0;
          while (offsets[hit + 1] <= pos) {
            hit++;
          }
          assertThat(read.result().status()).isNotEqualTo(Status.CLEAN_END);
          assertThat(read.result().badOffset()).isEqualTo(offsets[hit]);
          assertThat(read.records()).hasSize(hit);
          for (int i = 0; i < hit; i++) {
            assertThat(recs.get(i).sameAs(read.records().get(i))).isTrue();
          }
          // AND it is CORRUPT, except a larger len (which the CRC does not cover) running past the end of the file
          if (pos - offsets[hit] >= 4) {
            assertThat(read.result().status()).isEqualTo(Status.CORRUPT);
          }
          try {
            Files.delete(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
