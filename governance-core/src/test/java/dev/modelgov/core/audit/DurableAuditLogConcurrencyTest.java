package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.records;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many threads appending at once: every event recorded exactly once, where its receipt says, in one tree. */
class DurableAuditLogConcurrencyTest {

  static final int THREADS = 16;
  static final int PER_THREAD = 2_000;

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Durability.class)
  void sixteen_threads_appending_lose_and_duplicate_nothing_and_build_one_consistent_tree(Durability mode)
      throws Exception {
    // GIVEN a log with small segments and frequent checkpoints, so rolls and checkpoints interleave with appends
    Path dir = tmp.resolve(mode.name());
    NoteSigner signer = newSigner();
    DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .durability(mode).segmentMaxBytes(256 * 1024).checkpointEvery(2_000, Duration.ofMillis(200))
        .queueCapacity(1_024).open();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong proofsChecked = new AtomicLong();
    List<Future<AuditReceipt[]>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String name = "t" + t;
      writers.add(pool.submit(() -> {
        start.await();
        AuditReceipt[] out = new AuditReceipt[PER_THREAD];
        for (int i = 0; i < PER_THREAD; i++) {
          out[i] = log.append(event(name, i));
        }
        return out;
      }));
    }
    // AND a reader proving inclusion against the latest checkpoint while the tree grows
    Future<?> reader = pool.submit(() -> {
      start.await();
      while (writing.get()) {
        Optional<Checkpoint> cp = log.latestCheckpoint();
        if (cp.isPresent() && cp.get().treeSize() > 0) {
          long size = cp.get().treeSize();
          long index = Math.floorMod(System.nanoTime(), size);
          byte[] leaf = AuditLogFixtures.record(dir, index).payload();
          log.inclusionProof(index, size).verify(AuditLogFixtures.leafDigest(leaf), cp.get().rootHash());
          assertThat(log.rootHash(size)).isEqualTo(cp.get().rootHash());
          proofsChecked.incrementAndGet();
        }
        Thread.sleep(1);
      }
      return null;
    });
    // WHEN all threads append at once
    start.countDown();
    List<AuditReceipt[]> receipts = new ArrayList<>();
    for (Future<AuditReceipt[]> f : writers) {
      receipts.add(f.get(5, TimeUnit.MINUTES));
    }
    log.flush();
    writing.set(false);
    reader.get(1, TimeUnit.MINUTES);
    Checkpoint cp = log.checkpointNow();
    pool.shutdown();

    // THEN every receipt's index holds exactly that thread's event
    List<SegmentRecord> recs = records(dir);
    assertThat(recs).hasSize((int) log.size());
    Map<Long, Integer> owners = new HashMap<>();
    for (int t = 0; t < THREADS; t++) {
      long previous = -1;
      for (int i = 0; i < PER_THREAD; i++) {
        AuditReceipt r = receipts.get(t)[i];
        assertThat(owners.put(r.index(), t)).as("index %d given twice", r.index()).isNull();
        assertThat(r.index()).as("a thread's events are in its order").isGreaterThan(previous);
        previous = r.index();
        SegmentRecord rec = recs.get((int) r.index());
        assertThat(rec.index()).isEqualTo(r.index());
        assertThat(rec.payload()).isEqualTo(EventCodec.encode(event("t" + t, i), null));
        assertThat(AuditLogFixtures.leafDigest(rec.payload())).isEqualTo(r.leafHash());
      }
    }
    // AND every other record is a checkpoint: nothing was lost, nothing recorded that was not appended
    long events = recs.stream().filter(r -> r.type() == Layout.TYPE_EVENT).count();
    assertThat(events).isEqualTo((long) THREADS * PER_THREAD);
    assertThat(recs.stream().filter(r -> r.type() != Layout.TYPE_EVENT && r.type() != Layout.TYPE_CHECKPOINT))
        .isEmpty();
    // AND the tree equals a sequential recomputation over the records read back
    MerkleTree ref = new MerkleTree();
    recs.forEach(r -> ref.appendEntry(r.payload()));
    assertThat(cp.rootHash()).isEqualTo(ref.root(cp.treeSize()));
    assertThat(log.rootHash(log.size())).isEqualTo(ref.root());
    assertThat(proofsChecked.get()).isPositive();
    log.close();
    // AND the log verifies, every in-log checkpoint included
    AuditVerification v = verify(dir, signer);
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.treeSize()).as("closing added nothing after the last checkpoint").isEqualTo(recs.size());
    assertThat(v.checkpointsVerified()).isEqualTo(recs.size() - events);
  }

  @Test
  void a_queue_of_one_blocks_appenders_but_never_deadlocks_or_drops() throws Exception {
    // GIVEN an ASYNC log whose queue holds a single record
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    List<Future<AuditReceipt[]>> writers = new ArrayList<>();
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .durability(Durability.ASYNC).queueCapacity(1).open()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      // WHEN 8 threads append 300 events each
      for (int t = 0; t < 8; t++) {
        String name = "q" + t;
        writers.add(pool.submit(() -> {
          AuditReceipt[] out = new AuditReceipt[300];
          for (int i = 0; i < out.length; i++) {
            out[i] = log.append(event(name, i));
          }
          return out;
        }));
      }
      for (Future<AuditReceipt[]> f : writers) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
    }
    // THEN all 2,400 are recorded, each where its receipt says
    List<SegmentRecord> recs = records(dir);
    for (int t = 0; t < 8; t++) {
      AuditReceipt[] out = writers.get(t).get();
      for (int i = 0; i < out.length; i++) {
        assertThat(recs.get((int) out[i].index()).payload()).isEqualTo(EventCodec.encode(event("q" + t, i), null));
      }
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void closing_while_threads_append_acknowledges_only_what_is_recorded(Durability mode) throws Exception {
    // GIVEN 8 threads appending as fast as they can
    Path dir = tmp.resolve(mode.name());
    NoteSigner signer = newSigner();
    DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .durability(mode).segmentMaxBytes(8192).open();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch running = new CountDownLatch(8);
    List<Future<List<AuditReceipt>>> writers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String name = "c" + t;
      writers.add(pool.submit(() -> {
        List<AuditReceipt> out = new ArrayList<>();
        running.countDown();
        for (int i = 0; ; i++) {
          try {
            out.add(log.append(event(name, i)));
          } catch (dev.modelgov.api.audit.AuditLogException e) {
            // THEN appenders stop only with CLOSED
            assertThat(e.reason()).isEqualTo(dev.modelgov.api.audit.AuditLogException.Reason.CLOSED);
            return out;
          }
        }
      }));
    }
    running.await();
    Thread.sleep(50);
    // WHEN the log is closed under them
    log.close();
    // THEN every receipt handed out is in the closed log, and it verifies
    List<SegmentRecord> recs = records(dir);
    for (Future<List<AuditReceipt>> f : writers) {
      for (AuditReceipt r : f.get(1, TimeUnit.MINUTES)) {
        assertThat(r.index()).isLessThan(recs.size());
        assertThat(AuditLogFixtures.leafDigest(recs.get((int) r.index()).payload())).isEqualTo(r.leafHash());
      }
    }
    pool.shutdown();
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"SYNC", "ASYNC"})
  void entries_read_back_while_segments_roll_never_fail(Durability mode) throws Exception {
    // GIVEN a log with preallocated 4 KiB segments, so that the writer trims and rolls every few records
    Path dir = tmp.resolve(mode.name());
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(newSigner())
        .durability(mode).segmentMaxBytes(4096).open()) {
      AtomicLong lastDurable = new AtomicLong(-1);
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<Long> reader = pool.submit(() -> {
        long reads = 0;
        while (writing.get()) {
          long index = lastDurable.get();
          if (index >= 0) {
            // WHEN a reader reads the newest durable event over and over
            assertThat(log.entry(index)).isPresent();
            reads++;
          }
        }
        return reads;
      });
      for (int i = 0; i < 1_500; i++) {
        AuditReceipt r = log.append(event("w", i));
        if (i % 10 == 9) {
          log.flush();
          lastDurable.set(r.index());
        }
      }
      writing.set(false);
      // THEN every read succeeded
      assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
      pool.shutdown();
      assertThat(Layout.segments(dir).size()).isGreaterThan(25);
    }
  }
}
