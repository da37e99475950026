package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.LogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower of a live log reads on from where it stopped, and sees exactly what a fresh full scan sees. */
class LogReaderResumeTest {

  @TempDir Path dir;

  @Test
  void a_resumed_pass_visits_only_the_new_records_across_segment_rolls() throws Exception {
    // GIVEN a live, preallocated SYNC log with small segments, read once to its end
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).segmentMaxBytes(8192).open()) {
      for (int i = 0; i < 50; i++) {
        log.append(event("w", i));
      }
      LogReader.Resume resume = new LogReader.Resume();
      List<Long> first = new ArrayList<>();
      long next = LogReader.forEach(dir, 0, RecordFormat.LIMIT_MAX_PAYLOAD, resume, (seg, r) -> first.add(r.index()));

      // WHEN more records arrive (rolling segments) and the follower reads on with its resume position
      for (int i = 50; i < 200; i++) {
        log.append(event("w", i));
      }
      List<SegmentRecord> second = new ArrayList<>();
      long end = LogReader.forEach(dir, next, RecordFormat.LIMIT_MAX_PAYLOAD, resume, (seg, r) -> second.add(r));

      // THEN the first pass saw 0..49, the second exactly 50..199, with the same bytes a fresh scan reads
      assertThat(first).hasSize(50).startsWith(0L).endsWith(49L);
      assertThat(second).extracting(SegmentRecord::index).containsExactlyElementsOf(range(50, 200));
      assertThat(end).isEqualTo(200);
      List<SegmentRecord> fresh = new ArrayList<>();
      LogReader.forEach(dir, 50, RecordFormat.LIMIT_MAX_PAYLOAD, (seg, r) -> fresh.add(r));
      assertThat(fresh).hasSameSizeAs(second);
      for (int i = 0; i < fresh.size(); i++) {
        assertThat(second.get(i).payload()).isEqualTo(fresh.get(i).payload());
      }
    }
  }

  @Test
  void a_stale_resume_position_falls_back_to_a_scan_from_the_segment_start() throws Exception {
    // GIVEN a log and a resume position for index 10
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).open()) {
      for (int i = 0; i < 20; i++) {
        log.append(event("w", i));
      }
      LogReader.Resume resume = new LogReader.Resume();
      LogReader.forEach(dir, 0, RecordFormat.LIMIT_MAX_PAYLOAD, resume, (seg, r) -> r.index() < 9);

      // WHEN the follower asks for index 3 instead (it went back to a saved cursor)
      List<Long> seen = new ArrayList<>();
      LogReader.forEach(dir, 3, RecordFormat.LIMIT_MAX_PAYLOAD, resume, (seg, r) -> seen.add(r.index()));

      // THEN the position is ignored and every record from 3 on is visited
      assertThat(seen).containsExactlyElementsOf(range(3, 20));
    }
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
