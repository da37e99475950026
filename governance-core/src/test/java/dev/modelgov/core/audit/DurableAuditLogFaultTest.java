package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.assertReceiptRecorded;
import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.paddedEvent;
import static dev.modelgov.core.audit.AuditLogFixtures.referenceTree;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditLogException.Reason;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.internal.store.Layout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Storage faults, injected through the log's {@code ChannelFactory}: the log fails closed (every waiting and later
 * append throws FAILED), never retries, and loses nothing it acknowledged; reopening with a healthy disk recovers a
 * log that verifies.
 */
class DurableAuditLogFaultTest {

  @TempDir Path tmp;

  private final NoteSigner signer = newSigner();

  private DurableAuditLog.Builder builder(Path dir, FaultyChannels channels) {
    return DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .checkpointEvery(10, Duration.ofHours(1)).segmentMaxBytes(4096).channels(channels);
  }

  private static void assertFailed(Throwable t) {
    assertThat(t).isInstanceOfSatisfying(AuditLogException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.FAILED);
      assertThat(e.getMessage()).startsWith("FAILED: ").doesNotContain("FAILED: FAILED");
    });
  }

  /** Reopens with a healthy disk: every acknowledged event is there, proofs agree, and the closed log verifies. */
  private void assertRecoveredWith(Path dir, List<AuditReceipt> acknowledged) throws Exception {
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .segmentMaxBytes(4096).open()) {
      assertThat(log.recovery().status()).isNotEqualTo(RecoveryReport.Status.TAMPERED);
      for (AuditReceipt r : acknowledged) {
        assertReceiptRecorded(dir, r);
      }
      Checkpoint cp = log.checkpointNow();
      MerkleTree ref = referenceTree(dir);
      assertThat(cp.rootHash()).isEqualTo(ref.root(cp.treeSize()));
      for (AuditReceipt r : acknowledged) {
        log.inclusionProof(r.index(), cp.treeSize()).verify(r.leafHash(), cp.rootHash());
      }
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void a_failed_fsync_fails_the_waiting_append_and_every_later_call_and_loses_nothing_acknowledged()
      throws Exception {
    // GIVEN a SYNC log with 25 acknowledged events
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DurableAuditLog log = builder(dir, disk).meterRegistry(registry).open();
    List<AuditReceipt> acknowledged = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      acknowledged.add(log.append(event("w", i)));
    }
    // WHEN fsync starts failing
    disk.failForceFromNowOn();
    // THEN the append waiting for it fails closed
    assertFailed(catchThrowableOfType(AuditLogException.class, () -> log.append(event("w", 25))));
    assertThat(disk.forceFailures()).isEqualTo(1);
    // AND so does every later call, without touching the disk again (no retried fsync)
    for (int i = 0; i < 5; i++) {
      assertFailed(catchThrowableOfType(AuditLogException.class, () -> log.append(event("late", 0))));
    }
    assertFailed(catchThrowableOfType(AuditLogException.class, log::flush));
    assertFailed(catchThrowableOfType(AuditLogException.class, log::checkpointNow));
    assertThat(disk.forceFailures()).isEqualTo(1);
    assertThat(log.isReadOnly()).isTrue();
    assertThat(registry.get("modelgov.audit.failures").counter().count()).isEqualTo(1.0);
    // AND closing reports the failure instead of hiding it
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    // AND with a healthy disk every acknowledged event is back and the log verifies
    assertRecoveredWith(dir, acknowledged);
  }

  @Test
  void every_append_waiting_on_a_failed_group_commit_fails() throws Exception {
    // GIVEN a SYNC log whose fsync is failing, and 8 threads appending at once
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    DurableAuditLog log = builder(dir, disk).open();
    List<AuditReceipt> acknowledged = Collections.synchronizedList(new ArrayList<>());
    acknowledged.add(log.append(event("before", 0)));
    disk.failForceFromNowOn();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Throwable>> outcomes = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      outcomes.add(pool.submit(() -> {
        start.await();
        try {
          acknowledged.add(log.append(event("t" + thread, 0)));
          return null;
        } catch (AuditLogException e) {
          return e;
        }
      }));
    }
    // WHEN they all wait for the failing fsync
    start.countDown();
    // THEN every one of them fails closed, none is acknowledged
    for (Future<Throwable> f : outcomes) {
      assertFailed(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(acknowledged).hasSize(1);
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    assertRecoveredWith(dir, acknowledged);
  }

  @Test
  void in_async_mode_a_failed_fsync_surfaces_at_flush_and_at_every_later_append() throws Exception {
    // GIVEN an ASYNC log with 30 events flushed to disk
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    DurableAuditLog log = builder(dir, disk).durability(Durability.ASYNC).open();
    List<AuditReceipt> durable = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      durable.add(log.append(event("w", i)));
    }
    log.flush();
    // WHEN fsync starts failing and more events are queued
    disk.failForceFromNowOn();
    for (int i = 0; i < 5; i++) {
      try {
        log.append(event("queued", i));
      } catch (AuditLogException e) {
        assertFailed(e);
      }
    }
    // THEN flush reports the failure, and so does every later append
    assertFailed(catchThrowableOfType(AuditLogException.class, log::flush));
    assertFailed(catchThrowableOfType(AuditLogException.class, () -> log.append(event("late", 0))));
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    // AND everything flushed before is recovered
    assertRecoveredWith(dir, durable);
  }

  @ParameterizedTest(name = "disk full after {0} more bytes, preallocate={1}")
  @CsvSource({"0,true", "1,false", "19,false", "20,false", "100,true", "700,false", "2500,true", "5000,false",
      "9000,true", "20000,false", "33333,true"})
  void a_full_disk_fails_the_log_closed_and_loses_nothing_acknowledged(long budget, boolean preallocate)
      throws Exception {
    // GIVEN a SYNC log with small segments and frequent checkpoints, 12 events acknowledged
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    DurableAuditLog log = builder(dir, disk).preallocate(preallocate).open();
    List<AuditReceipt> acknowledged = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      acknowledged.add(log.append(paddedEvent(i, 200)));
    }
    // WHEN the disk fills up after a few more bytes (in a segment, a tile, a checkpoint or a new segment)
    disk.diskFullAfter(budget);
    AuditLogException failure = null;
    for (int i = 12; i < 2000 && failure == null; i++) {
      try {
        acknowledged.add(log.append(paddedEvent(i, 200 + i % 50)));
      } catch (AuditLogException e) {
        failure = e;
      }
    }
    // THEN an append fails closed, and so does the next one
    assertFailed(failure);
    assertThat(disk.writeFailures()).isGreaterThanOrEqualTo(1);
    assertFailed(catchThrowableOfType(AuditLogException.class, () -> log.append(event("late", 0))));
    assertThat(log.isReadOnly()).isTrue();
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    // AND once space is back, every acknowledged event is there and the log verifies
    assertRecoveredWith(dir, acknowledged);
  }

  @Test
  void a_failure_to_create_the_next_segment_fails_the_log_closed() throws Exception {
    // GIVEN a SYNC log with 4 KiB segments, whose next segment cannot be created
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    DurableAuditLog log = builder(dir, disk).open();
    List<AuditReceipt> acknowledged = new ArrayList<>();
    acknowledged.add(log.append(paddedEvent(0, 100)));
    disk.failSegmentCreateFromNowOn();
    // WHEN events are appended until the segment must roll
    AuditLogException failure = null;
    for (int i = 1; i < 100 && failure == null; i++) {
      try {
        acknowledged.add(log.append(paddedEvent(i, 300)));
      } catch (AuditLogException e) {
        failure = e;
      }
    }
    // THEN the append that needed the roll fails closed, as does every later one
    assertFailed(failure);
    assertThat(disk.createFailures()).isEqualTo(1);
    assertFailed(catchThrowableOfType(AuditLogException.class, () -> log.append(event("late", 0))));
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    assertThat(Layout.segments(dir)).hasSize(1);
    // AND reopening (which can create segments again) recovers every acknowledged event
    assertRecoveredWith(dir, acknowledged);
  }

  @Test
  void a_failed_fsync_of_the_final_checkpoint_makes_close_throw() throws Exception {
    // GIVEN a log with acknowledged events not yet covered by a checkpoint
    Path dir = tmp.resolve("log");
    FaultyChannels disk = new FaultyChannels();
    DurableAuditLog log = builder(dir, disk).open();
    List<AuditReceipt> acknowledged = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acknowledged.add(log.append(event("w", i)));
    }
    // WHEN fsync fails while closing
    disk.failForceFromNowOn();
    // THEN close reports it
    assertFailed(catchThrowableOfType(AuditLogException.class, log::close));
    // AND a second close is quiet (idempotent), appends say CLOSED
    log.close();
    assertThatThrownBy(() -> log.append(event("late", 0))).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
    // AND nothing acknowledged is lost
    assertRecoveredWith(dir, acknowledged);
  }
}
