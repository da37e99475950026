package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.paddedEvent;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static dev.modelgov.core.audit.AuditLogFixtures.records;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.core.audit.AuditLogFixtures.MutableClock;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: whole old segments covered by a checkpoint are deleted, declared in the log, and proofs still hold. */
class DurableAuditLogRetentionTest {

  static final Duration SIX_MONTHS = Duration.ofDays(183);

  @TempDir Path tmp;

  private final NoteSigner signer = newSigner();

  private DurableAuditLog.Builder builder(Path dir, Clock clock) {
    return quietBuilder(dir, signer).segmentMaxBytes(4096).retention(SIX_MONTHS).clock(clock);
  }

  private static List<AuditEntry> entriesOfType(DurableAuditLog log, String type) throws IOException {
    List<AuditEntry> out = new ArrayList<>();
    for (SegmentRecord r : records(log.directory())) {
      if (r.type() == Layout.TYPE_EVENT) {
        AuditEntry e = log.entry(r.index()).orElseThrow();
        if (e.type().equals(type)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  @Test
  void old_segments_covered_by_a_checkpoint_are_deleted_declared_and_every_proof_still_verifies()
      throws Exception {
    // GIVEN a log with 6 months' retention, 300 events in small segments, a checkpoint, and 40 uncovered events
    Path dir = tmp.resolve("log");
    MutableClock clock = new MutableClock();
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = builder(dir, clock).open()) {
      for (int i = 0; i < 300; i++) {
        receipts.add(log.append(paddedEvent(i, 200)));
      }
      Checkpoint covered = log.checkpointNow();
      Digest root = log.rootHash(covered.treeSize());
      for (int i = 300; i < 340; i++) {
        receipts.add(log.append(paddedEvent(i, 200)));
      }
      TreeMap<Long, Path> segmentsBefore = Layout.segments(dir);

      // WHEN seven months pass and retention runs
      clock.advance(Duration.ofDays(213));
      int deleted = log.enforceRetention();

      // THEN whole segments before the checkpoint are gone, and nothing it does not cover
      TreeMap<Long, Path> segs = Layout.segments(dir);
      long first = segs.firstKey();
      assertThat(deleted).isPositive().isEqualTo(segmentsBefore.headMap(first).size());
      assertThat(segmentsBefore.headMap(first).values()).allSatisfy(p -> assertThat(p).doesNotExist());
      assertThat(first).isPositive().isLessThanOrEqualTo(covered.treeSize());
      assertThat(records(dir).get(0).index()).isEqualTo(first);
      for (AuditReceipt r : receipts) {
        if (r.index() >= first) {
          AuditLogFixtures.assertReceiptRecorded(dir, r);
        } else {
          long pruned = r.index();
          assertThatThrownBy(() -> log.entry(pruned)).isInstanceOf(IOException.class)
              .hasMessageContaining("pruned");
        }
      }
      // AND an audit.pruned event declares what was deleted
      List<AuditEntry> pruned = entriesOfType(log, "audit.pruned");
      assertThat(pruned).hasSize(1);
      assertThat(pruned.get(0).body().path("before").asLong()).isEqualTo(first);
      assertThat(pruned.get(0).body().path("segments")).hasSize(deleted);
      assertThat(pruned.get(0).body().path("retentionDays").asLong()).isEqualTo(183);
      assertThat(pruned.get(0).timestamp()).isEqualTo(clock.instant());

      // AND the root is unchanged and proofs (from the kept tiles) verify for every record, kept or pruned
      assertThat(log.rootHash(covered.treeSize())).isEqualTo(root);
      Checkpoint now = log.checkpointNow();
      for (AuditReceipt r : receipts) {
        log.inclusionProof(r.index(), covered.treeSize() > r.index() ? covered.treeSize() : now.treeSize())
            .verify(r.leafHash(), covered.treeSize() > r.index() ? root : now.rootHash());
      }
      log.consistencyProof(covered.treeSize(), now.treeSize()).verify(root, now.rootHash());

      // AND the directory verifies at once, while the log is still open, with the pruning declared
      AuditVerification v = verify(dir, signer);
      assertThat(v.firstIndex()).isEqualTo(first);
    }
    // AND it reopens cleanly, continues, and still verifies when closed
    try (DurableAuditLog log = builder(dir, clock).open()) {
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      long size = log.size();
      assertThat(log.append(event("after", 0)).index()).isEqualTo(size);
    }
    AuditVerification v = verify(dir, signer);
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.firstIndex()).isEqualTo(Layout.segments(dir).firstKey());
  }

  @Test
  void the_directory_verifies_right_after_pruning_before_any_later_checkpoint() throws Exception {
    // GIVEN a log with old, covered segments
    Path dir = tmp.resolve("log");
    MutableClock clock = new MutableClock();
    try (DurableAuditLog log = builder(dir, clock).open()) {
      for (int i = 0; i < 200; i++) {
        log.append(paddedEvent(i, 200));
      }
      clock.advance(Duration.ofDays(365));
      log.append(event("recent", 0));
      log.checkpointNow();
      // WHEN retention deletes some of them (well before the next checkpoint is due)
      assertThat(log.enforceRetention()).isPositive();
      // THEN an offline verifier, run at once, finds the pruning declared under the latest signed checkpoint
      AuditVerification v = verify(dir, signer);
      assertThat(v.firstIndex()).isEqualTo(Layout.segments(dir).firstKey());
      assertThat(v.uncoveredRecords()).isZero();
    }
  }

  @Test
  void segments_younger_than_the_retention_or_not_covered_by_a_checkpoint_are_kept() throws Exception {
    // GIVEN a log whose segments are all old except one in the middle, and a checkpoint covering half the records
    Path dir = tmp.resolve("log");
    MutableClock clock = new MutableClock();
    try (DurableAuditLog log = builder(dir, clock).open()) {
      for (int i = 0; i < 120; i++) {
        log.append(paddedEvent(i, 200));
      }
      Checkpoint cp = log.checkpointNow();
      for (int i = 120; i < 240; i++) {
        log.append(paddedEvent(i, 200));
      }
      TreeMap<Long, Path> segs = Layout.segments(dir);
      List<Long> bases = new ArrayList<>(segs.keySet());
      long young = bases.get(3);
      Instant old = clock.instant().minus(Duration.ofDays(400));
      for (Map.Entry<Long, Path> e : segs.entrySet()) {
        Files.setLastModifiedTime(e.getValue(), FileTime.from(e.getKey() == young ? clock.instant() : old));
      }
      // WHEN retention runs
      int deleted = log.enforceRetention();
      // THEN only the old segments before the young one are deleted
      assertThat(deleted).isEqualTo(3);
      assertThat(Layout.segments(dir).firstKey()).isEqualTo(young);

      // AND WHEN more events follow the latest checkpoint and every segment is old
      Checkpoint latest = log.latestCheckpoint().orElseThrow();
      assertThat(latest.treeSize()).isGreaterThanOrEqualTo(cp.treeSize());
      for (int i = 240; i < 300; i++) {
        log.append(paddedEvent(i, 200));
      }
      for (Path p : Layout.segments(dir).values()) {
        Files.setLastModifiedTime(p, FileTime.from(old));
      }
      log.enforceRetention();
      // THEN deletion stops at the segment holding the latest checkpoint's record: nothing uncovered is deleted
      long first = Layout.segments(dir).firstKey();
      assertThat(first).isPositive().isLessThanOrEqualTo(latest.treeSize());
      assertThat(records(dir).stream().map(SegmentRecord::index)).contains(latest.treeSize());
      // AND every pruning was declared
      List<AuditEntry> declared = entriesOfType(log, "audit.pruned");
      assertThat(declared).hasSizeBetween(1, 2);
      assertThat(declared.get(declared.size() - 1).body().path("before").asLong()).isEqualTo(first);
    }
    assertThat(verify(dir, signer).firstIndex()).isEqualTo(Layout.segments(dir).firstKey());
  }

  @Test
  void without_a_retention_nothing_is_ever_deleted() throws Exception {
    // GIVEN a log without retention and old segments
    Path dir = tmp.resolve("log");
    MutableClock clock = new MutableClock();
    try (DurableAuditLog log = quietBuilder(dir, signer).segmentMaxBytes(4096).clock(clock).open()) {
      for (int i = 0; i < 100; i++) {
        log.append(paddedEvent(i, 200));
      }
      log.checkpointNow();
      int segments = Layout.segments(dir).size();
      clock.advance(Duration.ofDays(3650));
      // WHEN retention is asked to run THEN it deletes nothing and records nothing
      assertThat(log.enforceRetention()).isZero();
      assertThat(Layout.segments(dir)).hasSize(segments);
      assertThat(entriesOfType(log, "audit.pruned")).isEmpty();
    }
  }

  @Test
  void retention_runs_on_its_own_schedule() throws Exception {
    // GIVEN a log with retention checked as often as allowed (every second) and old, covered segments
    Path dir = tmp.resolve("log");
    MutableClock clock = new MutableClock();
    try (DurableAuditLog log = builder(dir, clock).retentionCheckInterval(Duration.ofMillis(1)).open()) {
      for (int i = 0; i < 100; i++) {
        log.append(paddedEvent(i, 200));
      }
      log.checkpointNow();
      clock.advance(Duration.ofDays(365));
      // WHEN the application just waits
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (Layout.segments(dir).firstKey() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // THEN old segments were pruned
      assertThat(Layout.segments(dir).firstKey()).isPositive();
    }
    // AND the pruning was declared, and the log verifies
    assertThat(records(dir).stream().filter(r -> r.type() == Layout.TYPE_EVENT)
        .map(r -> AuditEntry.parse(r.index(), r.payload(), null).type())).contains("audit.pruned");
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }
}
