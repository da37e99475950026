package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.ORIGIN;
import static dev.modelgov.core.audit.AuditLogFixtures.TS;
import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.leafDigest;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.paddedEvent;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static dev.modelgov.core.audit.AuditLogFixtures.record;
import static dev.modelgov.core.audit.AuditLogFixtures.records;
import static dev.modelgov.core.audit.AuditLogFixtures.referenceTree;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import dev.modelgov.core.audit.internal.store.Layout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The durable audit log's contract: receipts, recorded bytes, roots and proofs, checkpoints, reopening, limits. */
class DurableAuditLogTest {

  static final ModelRef MODEL = new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0",
      Digest.parse("sha256:" + "a".repeat(64)));

  @TempDir Path tmp;

  static List<AuditEvent> typedEvents(int n) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditEvent e = switch (i % 6) {
        case 0 -> PredictionEvent.builder().timestamp(TS).model(MODEL).requestId("req-" + i).output("approve")
            .latency(Duration.ofMillis(i)).build();
        case 1 -> DeploymentEvent.builder().timestamp(TS).model(MODEL).action(DeploymentEvent.Action.DEPLOYED)
            .image(ImageRef.parse("registry.example/scorer@sha256:" + "b".repeat(64))).environment("prod")
            .replicas(3).build();
        case 2 -> PolicyDecisionEvent.builder().timestamp(TS).policy("no-pii-" + i).model(MODEL).allowed(i % 4 == 0)
            .reason("rule " + i).build();
        case 3 -> ApprovalEvent.builder().timestamp(TS).model(MODEL).decision(ApprovalDecision.APPROVED)
            .approverRole("model-risk-officer").comment("ok " + i).build();
        case 4 -> KeyRotationEvent.builder().timestamp(TS).purpose("checkpoints").previousKeyId("k" + i)
            .newKeyId("k" + (i + 1)).build();
        default -> CustomEvent.builder("acme.feature_flag").timestamp(TS).attribute("flag", "f" + i)
            .attribute("enabled", true).attribute("nested", Map.of("list", List.of(1, 2.5, "x"))).build();
      };
      out.add(e);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void appends_typed_events_with_contiguous_receipts_over_their_canonical_bytes(Durability mode) throws Exception {
    // GIVEN a fresh log in each durability mode
    Path dir = tmp.resolve(mode.name());
    NoteSigner signer = newSigner();
    List<AuditEvent> events = typedEvents(120);
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = quietBuilder(dir, signer).durability(mode).open()) {
      assertThat(log.durability()).isEqualTo(mode);
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      // WHEN every typed event is appended and flushed
      for (AuditEvent e : events) {
        receipts.add(log.append(e));
      }
      log.flush();
      // THEN the receipts count up from 0 without gaps
      for (int i = 0; i < receipts.size(); i++) {
        assertThat(receipts.get(i).index()).isEqualTo(i);
      }
      assertThat(log.size()).isEqualTo(events.size());
      // AND each record holds the event's canonical JSON, hashed as SHA-256(0x00 || bytes)
      for (int i = 0; i < events.size(); i++) {
        SegmentRecord r = record(dir, i);
        assertThat(r.type()).isEqualTo(Layout.TYPE_EVENT);
        assertThat(r.payload()).isEqualTo(EventCodec.encode(events.get(i), null));
        assertThat(receipts.get(i).leafHash()).isEqualTo(leafDigest(r.payload()));
        AuditEntry entry = log.entry(i).orElseThrow();
        assertThat(entry.type()).isEqualTo(events.get(i).type());
        assertThat(entry.timestamp()).isEqualTo(TS);
        assertThat(entry.leafHash()).isEqualTo(receipts.get(i).leafHash());
      }
    }
    // AND the closed log verifies offline
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void roots_and_proofs_served_from_the_tiles_equal_the_in_memory_reference_tree() throws Exception {
    // GIVEN a log of 1,000 events (enough for a complete tile of 256 and partial ones) and a checkpoint
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      for (int i = 0; i < 1000; i++) {
        log.append(event("w", i));
      }
      Checkpoint cp = log.checkpointNow();
      // WHEN the records are read back and hashed into a MerkleTree
      MerkleTree ref = referenceTree(dir);
      // THEN the checkpoint is for the records before its own record
      assertThat(cp.treeSize()).isEqualTo(1000);
      assertThat(cp.rootHash()).isEqualTo(ref.root(1000));
      assertThat(ref.size()).isEqualTo(1001);
      // AND every root agrees
      for (long size : new long[] {0, 1, 2, 3, 255, 256, 257, 511, 512, 513, 999, 1000, 1001}) {
        assertThat(log.rootHash(size)).as("root of %d", size).isEqualTo(ref.root(size));
      }
      // AND inclusion proofs equal the reference's and verify against the checkpoint
      for (long index = 0; index < 1000; index += 7) {
        InclusionProof p = log.inclusionProof(index, cp.treeSize());
        assertThat(p).isEqualTo(ref.inclusionProof(index, cp.treeSize()));
        p.verify(ref.leafHash(index), cp.rootHash());
      }
      // AND consistency proofs equal the reference's and verify
      long[] sizes = {1, 2, 7, 64, 255, 256, 300, 512, 777, 1000, 1001};
      for (long a : sizes) {
        for (long b : sizes) {
          if (a <= b) {
            ConsistencyProof p = log.consistencyProof(a, b);
            assertThat(p).isEqualTo(ref.consistencyProof(a, b));
            p.verify(ref.root(a), ref.root(b));
          }
        }
      }
      // AND sizes beyond the log are refused
      assertThatThrownBy(() -> log.rootHash(1002)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.inclusionProof(1000, 1000)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.consistencyProof(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void the_checkpoint_file_is_a_note_signed_by_the_log_key_for_the_latest_tree() throws Exception {
    // GIVEN a log with a signer
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      for (int i = 0; i < 10; i++) {
        log.append(event("w", i));
      }
      // WHEN a checkpoint is issued
      Checkpoint cp = log.checkpointNow();
      // THEN the checkpoint file verifies with the signer's public key and names the log's size and root
      String note = Files.readString(dir.resolve(Layout.CHECKPOINT), StandardCharsets.UTF_8);
      Checkpoint fromFile = SignedNote.open(note, List.of(signer.verifier())).checkpoint();
      assertThat(fromFile).isEqualTo(cp);
      assertThat(fromFile.origin()).isEqualTo(ORIGIN);
      assertThat(fromFile.treeSize()).isEqualTo(10);
      assertThat(fromFile.rootHash()).isEqualTo(log.rootHash(10));
      assertThat(log.latestCheckpoint()).contains(cp);
      assertThat(log.latestCheckpointNote()).contains(note);
      // AND the same note is the log's record at index 10 (type checkpoint)
      SegmentRecord r = record(dir, 10);
      assertThat(r.type()).isEqualTo(Layout.TYPE_CHECKPOINT);
      assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo(note);
      // AND it does not verify with another key
      assertThatThrownBy(() -> SignedNote.open(note, List.of(newSigner().verifier())))
          .isInstanceOf(NoteVerificationException.class);
      // AND asking again without new records returns the same checkpoint
      assertThat(log.checkpointNow()).isEqualTo(cp);
      assertThat(log.size()).isEqualTo(11);
    }
  }

  @Test
  void checkpoints_are_issued_every_n_records_each_for_the_records_before_it() throws Exception {
    // GIVEN a log checkpointing every 25 records
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(ORIGIN).signer(signer)
        .checkpointEvery(25, Duration.ofHours(1)).open()) {
      // WHEN 200 events are appended one by one
      for (int i = 0; i < 200; i++) {
        log.append(event("w", i));
      }
    }
    // THEN the log holds checkpoint records, each a signed note for its own index and the root before it
    MerkleTree ref = referenceTree(dir);
    int checkpoints = 0;
    for (SegmentRecord r : records(dir)) {
      if (r.type() == Layout.TYPE_CHECKPOINT) {
        checkpoints++;
        Checkpoint cp = SignedNote.open(new String(r.payload(), StandardCharsets.UTF_8),
            List.of(signer.verifier())).checkpoint();
        assertThat(cp.treeSize()).isEqualTo(r.index());
        assertThat(cp.rootHash()).isEqualTo(ref.root(r.index()));
      }
    }
    assertThat(checkpoints).isGreaterThanOrEqualTo(200 / 25);
    assertThat(verify(dir, signer).checkpointsVerified()).isEqualTo(checkpoints);
  }

  @Test
  void reopening_continues_the_indexes_and_the_tree() throws Exception {
    // GIVEN a log closed after 50 events (close adds a final checkpoint record)
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    long sizeAtClose;
    Digest rootAtClose;
    DurableAuditLog first = quietBuilder(dir, signer).open();
    for (int i = 0; i < 50; i++) {
      first.append(event("first", i));
    }
    first.close();
    sizeAtClose = first.size();
    assertThat(sizeAtClose).isEqualTo(51);
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      // WHEN it is reopened
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(log.size()).isEqualTo(51);
      assertThat(log.latestCheckpoint()).get().extracting(Checkpoint::treeSize).isEqualTo(50L);
      rootAtClose = log.rootHash(51);
      // THEN the next event takes the next index
      AuditReceipt r = log.append(event("second", 0));
      assertThat(r.index()).isEqualTo(51);
      // AND the old tree is a prefix of the new one
      Checkpoint cp = log.checkpointNow();
      log.consistencyProof(51, cp.treeSize()).verify(rootAtClose, cp.rootHash());
    }
    // AND reopening without naming the origin or a signer reads the stored origin
    try (DurableAuditLog log = DurableAuditLog.builder(dir).open()) {
      assertThat(log.origin()).isEqualTo(ORIGIN);
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void small_segments_roll_and_keep_every_record_readable_and_every_proof_right() throws Exception {
    // GIVEN a log with 4 KiB segments
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = quietBuilder(dir, signer).segmentMaxBytes(4096).open()) {
      // WHEN 600 events of varying size are appended
      for (int i = 0; i < 600; i++) {
        receipts.add(log.append(paddedEvent(i, (i * 37) % 700)));
      }
      Checkpoint cp = log.checkpointNow();
      // THEN the log spans many segments
      TreeMap<Long, Path> segs = Layout.segments(dir);
      assertThat(segs).hasSizeGreaterThan(40);
      // AND each segment is at most 4 KiB and its header names its first record
      for (Map.Entry<Long, Path> e : segs.entrySet()) {
        try (SegmentScanner s = SegmentScanner.open(e.getValue(), 1 << 20)) {
          assertThat(s.header().baseIndex()).isEqualTo(e.getKey());
          assertThat(s.next()).get().extracting(SegmentRecord::index).isEqualTo(e.getKey());
        }
        assertThat(Files.size(e.getValue())).isLessThanOrEqualTo(4096);
      }
      // AND every receipt's record is readable and proofs across segments verify against the checkpoint
      MerkleTree ref = referenceTree(dir);
      assertThat(log.rootHash(cp.treeSize())).isEqualTo(ref.root(cp.treeSize())).isEqualTo(cp.rootHash());
      for (AuditReceipt r : receipts) {
        assertThat(ref.leafHash(r.index())).isEqualTo(r.leafHash());
        if (r.index() % 13 == 0) {
          log.inclusionProof(r.index(), cp.treeSize()).verify(r.leafHash(), cp.rootHash());
        }
      }
    }
    // AND after reopening, appends continue in the last segment and the log verifies
    try (DurableAuditLog log = quietBuilder(dir, signer).segmentMaxBytes(4096).open()) {
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      for (int i = 0; i < 100; i++) {
        log.append(paddedEvent(i, 300));
      }
    }
    AuditVerification v = verify(dir, signer);
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.checkpoint().treeSize()).isEqualTo(referenceTree(dir).size() - 1);
  }

  @Test
  void random_event_sizes_segment_sizes_and_reopen_points_keep_the_tree_equal_to_the_reference() {
    qt().withExamples(12)
        .forAll(lists().of(integers().between(0, 2000)).ofSizeBetween(1, 120), integers().between(4096, 12000),
            integers().between(0, 119))
        .checkAssert((pads, segmentBytes, reopenAt) -> {
          try {
            // GIVEN a log with a generated segment size, closed and reopened at a generated point
            Path dir = Files.createTempDirectory(tmp, "prop");
            NoteSigner signer = newSigner();
            List<AuditReceipt> receipts = new ArrayList<>();
            DurableAuditLog log = quietBuilder(dir, signer).segmentMaxBytes(segmentBytes).open();
            for (int i = 0; i < pads.size(); i++) {
              if (i == reopenAt) {
                log.close();
                log = quietBuilder(dir, signer).segmentMaxBytes(segmentBytes).open();
              }
              // WHEN events of generated sizes are appended
              receipts.add(log.append(paddedEvent(i, pads.get(i))));
            }
            Checkpoint cp = log.checkpointNow();
            // THEN the root and every receipt agree with the reference tree over the records read back
            MerkleTree ref = referenceTree(dir);
            assertThat(cp.rootHash()).isEqualTo(ref.root(cp.treeSize()));
            for (AuditReceipt r : receipts) {
              assertThat(ref.leafHash(r.index())).isEqualTo(r.leafHash());
              log.inclusionProof(r.index(), cp.treeSize()).verify(r.leafHash(), cp.rootHash());
            }
            log.close();
            verify(dir, signer);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void segments_also_roll_by_age() throws Exception {
    // GIVEN a log whose segments roll after an hour, on a clock the test moves
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    AuditLogFixtures.MutableClock clock = new AuditLogFixtures.MutableClock();
    try (DurableAuditLog log = quietBuilder(dir, signer).clock(clock).segmentMaxAge(Duration.ofHours(1))
        .checkpointEvery(1_000_000, Duration.ofDays(10)).open()) {
      for (int hour = 0; hour < 5; hour++) {
        // WHEN a few events are appended each hour
        for (int i = 0; i < 3; i++) {
          log.append(event("h" + hour, i));
        }
        clock.advance(Duration.ofMinutes(61));
      }
      log.append(event("last", 0));
      // THEN each hour's events went to a segment of their own
      TreeMap<Long, Path> segs = Layout.segments(dir);
      assertThat(segs.keySet()).containsExactly(0L, 3L, 6L, 9L, 12L, 15L);
      Checkpoint cp = log.checkpointNow();
      assertThat(cp.rootHash()).isEqualTo(referenceTree(dir).root(cp.treeSize()));
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void closing_an_async_log_makes_every_queued_event_durable() throws Exception {
    // GIVEN an ASYNC log with many events queued
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    List<AuditReceipt> receipts = new ArrayList<>();
    DurableAuditLog log = quietBuilder(dir, signer).durability(Durability.ASYNC).open();
    for (int i = 0; i < 5_000; i++) {
      receipts.add(log.append(event("w", i)));
    }
    // WHEN it is closed at once
    log.close();
    // THEN every event is on disk, covered by the final checkpoint
    List<SegmentRecord> recs = records(dir);
    for (AuditReceipt r : receipts) {
      assertThat(leafDigest(recs.get((int) r.index()).payload())).isEqualTo(r.leafHash());
    }
    AuditVerification v = verify(dir, signer);
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.checkpoint().treeSize()).isEqualTo(5_000);
  }

  @Test
  void entries_exist_for_events_only() throws Exception {
    // GIVEN a log with two events and a checkpoint record
    try (DurableAuditLog log = quietBuilder(tmp.resolve("log"), newSigner()).open()) {
      log.append(event("w", 0));
      log.append(event("w", 1));
      log.checkpointNow();
      // WHEN entries are read THEN events are found, the checkpoint record and indexes past the end are not
      assertThat(log.entry(1)).get().extracting(AuditEntry::type).isEqualTo("test.event");
      assertThat(log.entry(2)).isEmpty();
      assertThat(log.entry(3)).isEmpty();
      assertThat(log.entry(1_000)).isEmpty();
    }
  }

  @Test
  void a_log_past_65536_records_uses_three_tile_levels_across_reopen_and_rebuild() throws Exception {
    // GIVEN an ASYNC log of 65,600 events (tile levels 0, 1 and 2) that is closed and reopened
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog log = quietBuilder(dir, signer).durability(Durability.ASYNC).open()) {
      for (int i = 0; i < 65_600; i++) {
        log.append(event("w", i));
      }
    }
    assertThat(dir.resolve(Layout.TILES).resolve("2")).exists();
    try (DurableAuditLog log = quietBuilder(dir, signer).durability(Durability.ASYNC).open()) {
      // WHEN more events follow
      for (int i = 0; i < 300; i++) {
        log.append(event("x", i));
      }
      Checkpoint cp = log.checkpointNow();
      // THEN roots and proofs around the level boundaries agree with the reference tree
      MerkleTree ref = referenceTree(dir);
      for (long size : new long[] {65_535, 65_536, 65_537, 65_601, cp.treeSize()}) {
        assertThat(log.rootHash(size)).as("root of %d", size).isEqualTo(ref.root(size));
      }
      for (long index : new long[] {0, 255, 256, 65_535, 65_536, 65_700}) {
        assertThat(log.inclusionProof(index, cp.treeSize())).isEqualTo(ref.inclusionProof(index, cp.treeSize()));
      }
      assertThat(log.consistencyProof(65_536, cp.treeSize())).isEqualTo(ref.consistencyProof(65_536, cp.treeSize()));
    }
    // AND after the tiles are deleted, they are rebuilt to the same root
    Digest root = referenceTree(dir).root();
    try (var files = Files.list(dir.resolve(Layout.TILES))) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(log.rootHash(log.size())).isEqualTo(root);
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void close_is_idempotent_and_later_calls_fail_as_closed() throws Exception {
    // GIVEN an open log with one event
    DurableAuditLog log = quietBuilder(tmp.resolve("log"), newSigner()).open();
    log.append(event("w", 0));
    // WHEN it is closed twice
    log.close();
    log.close();
    // THEN it is read-only and appends, flushes and checkpoints fail with CLOSED
    assertThat(log.isReadOnly()).isTrue();
    assertThatThrownBy(() -> log.append(event("w", 1))).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
    assertThatThrownBy(log::flush).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
    assertThatThrownBy(log::checkpointNow).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
    assertThatThrownBy(() -> log.eraseSubject("s", "r")).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
  }

  @Test
  void a_second_writer_on_the_same_directory_is_refused_until_the_first_closes() throws Exception {
    // GIVEN an open log
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog first = quietBuilder(dir, signer).open()) {
      first.append(event("w", 0));
      // WHEN a second log opens the same directory
      // THEN it is refused, and the first keeps working
      assertThatThrownBy(() -> quietBuilder(dir, signer).open()).isInstanceOf(IOException.class)
          .hasMessageContaining("another writer");
      assertThat(first.append(event("w", 1)).index()).isEqualTo(1);
    }
    // AND once closed, the directory opens again
    try (DurableAuditLog again = quietBuilder(dir, signer).open()) {
      assertThat(again.size()).isEqualTo(3);
    }
  }

  @Test
  void reopening_with_another_origin_is_refused() throws Exception {
    // GIVEN a log created with an origin
    Path dir = tmp.resolve("log");
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).open()) {
      log.append(event("w", 0));
    }
    // WHEN it is opened with another origin THEN that fails, naming the stored one
    assertThatThrownBy(() -> DurableAuditLog.builder(dir).origin("other.example/audit").open())
        .isInstanceOf(IOException.class).hasMessageContaining(ORIGIN);
    // AND the log is untouched: it opens with its own origin
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(ORIGIN).open()) {
      assertThat(log.size()).isEqualTo(2);
    }
  }

  @Test
  void an_event_above_the_size_limit_is_rejected_and_the_log_stays_writable() throws Exception {
    // GIVEN a log accepting events up to 1 KiB
    try (DurableAuditLog log = quietBuilder(tmp.resolve("log"), newSigner()).maxEventBytes(1024).open()) {
      // WHEN a larger event is appended THEN it is rejected
      assertThatThrownBy(() -> log.append(paddedEvent(0, 2000))).isInstanceOfSatisfying(AuditLogException.class,
          e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED));
      // AND the next event still gets index 0
      assertThat(log.append(paddedEvent(1, 10)).index()).isZero();
      assertThat(log.isReadOnly()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"ASYNC", "BATCHED"})
  void check_point_now_covers_every_event_appended_before_it(Durability mode) throws Exception {
    // GIVEN a log that acknowledges before fsync and also checkpoints on its own every few records
    Path dir = tmp.resolve("log");
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(ORIGIN).signer(newSigner()).durability(mode)
        .checkpointEvery(3, Duration.ofMillis(1)).open()) {
      for (int round = 0; round < 20; round++) {
        // WHEN events are appended and a checkpoint is asked for at once
        AuditReceipt last = null;
        for (int i = 0; i < 5; i++) {
          last = log.append(event("w", i));
        }
        Checkpoint cp = log.checkpointNow();
        // THEN the checkpoint covers the last of them
        assertThat(cp.treeSize()).as("round %d", round).isGreaterThan(last.index());
      }
    }
  }

  @Test
  void the_queue_depth_gauge_shows_events_waiting_for_a_stalled_disk_also_after_reopening() throws Exception {
    // GIVEN one registry, and an ASYNC log that was opened and closed once on it before
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Path dir = tmp.resolve("log");
    NoteSigner signer = newSigner();
    try (DurableAuditLog first = quietBuilder(dir, signer).durability(Durability.ASYNC).meterRegistry(registry)
        .open()) {
      first.append(event("first", 0));
    }
    FaultyChannels disk = new FaultyChannels();
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    try (DurableAuditLog log = quietBuilder(dir, signer).durability(Durability.ASYNC).meterRegistry(registry)
        .channels(disk).open()) {
      try {
        // WHEN the disk stalls on fsync and events keep coming
        disk.stallForceUntil(gate);
        log.append(event("w", 0));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!writerIsStalled() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        for (int i = 1; i <= 50; i++) {
          log.append(event("w", i));
        }
        // THEN the gauge shows the events waiting for the reopened log's writer
        Gauge depth = registry.get("modelgov.audit.queue.depth").gauge();
        assertThat(depth.value()).isEqualTo(50);
        gate.countDown();
        log.flush();
        assertThat(depth.value()).isZero();
      } finally {
        gate.countDown();
      }
    }
  }

  /** Whether the writer is stuck in a stalled fsync (it then holds the first event and takes no more). */
  private static boolean writerIsStalled() {
    return Thread.getAllStackTraces().entrySet().stream()
        .anyMatch(e -> e.getKey().getName().equals("modelgov-audit-writer")
            && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("await")
                && f.getClassName().contains("CountDownLatch")));
  }

  @Test
  void the_meters_count_appends_checkpoints_fsyncs_and_show_the_queue_depth() throws Exception {
    // GIVEN a log with a Micrometer registry
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DurableAuditLog log = quietBuilder(tmp.resolve("log"), newSigner()).meterRegistry(registry).open()) {
      // WHEN 40 events are appended and a checkpoint is issued
      for (int i = 0; i < 40; i++) {
        log.append(event("w", i));
      }
      log.checkpointNow();
      // THEN the meters show it
      Counter appends = registry.get("modelgov.audit.appends").tag("durability", "sync").tag("origin", ORIGIN)
          .counter();
      assertThat(appends.count()).isEqualTo(40.0);
      assertThat(registry.get("modelgov.audit.checkpoints").counter().count()).isEqualTo(1.0);
      Timer fsync = registry.get("modelgov.audit.fsync").timer();
      assertThat(fsync.count()).isGreaterThanOrEqualTo(1);
      Gauge depth = registry.get("modelgov.audit.queue.depth").gauge();
      assertThat(depth.value()).isZero();
      assertThat(registry.get("modelgov.audit.failures").counter().count()).isZero();
    }
  }
}
