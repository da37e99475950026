package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.ORIGIN;
import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.files;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static dev.modelgov.core.audit.AuditLogFixtures.records;
import static dev.modelgov.core.audit.AuditLogFixtures.referenceTree;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.provenance.SigningKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery at open: a torn tail after the last checkpoint is cut and kept; anything wrong at or before the checkpoint
 * makes the log read-only without touching a byte; derived tiles are rebuilt. "Crash states" are copies of a live log
 * directory taken while the writer is idle, which is what a killed process leaves behind.
 */
class DurableAuditLogRecoveryTest {

  @TempDir Path tmp;

  private final NoteSigner signer = newSigner();

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  private DurableAuditLog.Builder builder(Path dir) {
    return quietBuilder(dir, signer).segmentMaxBytes(1 << 20);
  }

  /** A closed log of {@code n} events: records 0..n-1, then its final checkpoint record n. */
  private Path closedLog(String name, int n) throws IOException {
    Path dir = tmp.resolve(name);
    try (DurableAuditLog log = builder(dir).open()) {
      for (int i = 0; i < n; i++) {
        log.append(event("w", i));
      }
    }
    return dir;
  }

  /** What a crash leaves: a copy of a live log's directory. */
  private static Path crashCopy(DurableAuditLog live, Path to) throws IOException {
    live.flush();
    copyTree(live.directory(), to);
    return to;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  private static Map<String, byte[]> snapshot(Path dir) {
    Map<String, byte[]> out = new HashMap<>();
    for (Path f : files(dir)) {
      try {
        out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertThat(Arrays.equals(after.get(e.getKey()), e.getValue()))
          .as("%s is unchanged (%d bytes before, %d after)", e.getKey(), e.getValue().length,
              after.get(e.getKey()).length)
          .isTrue();
    }
  }

  /** The first event of a type at or after an index. */
  private static AuditEntry firstEntry(DurableAuditLog log, long from, String type) throws IOException {
    for (long i = from; i < log.size(); i++) {
      var e = log.entry(i);
      if (e.isPresent() && e.get().type().equals(type)) {
        return e.get();
      }
    }
    throw new AssertionError("no " + type + " event from index " + from);
  }

  private static Path lastSegment(Path dir) throws IOException {
    return Layout.segments(dir).lastEntry().getValue();
  }

  private static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }

  private static void writeAt(Path file, long at, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b, at + b.position());
      }
    }
  }

  /** A framed record whose payload is cut to {@code keep} bytes: what a torn write leaves. */
  private static byte[] tornRecord(long index, byte[] payload, int keep) {
    ByteBuffer b = ByteBuffer.allocate(RecordFormat.HEADER_SIZE + keep);
    b.putInt(payload.length).putInt(RecordFormat.crc(index, Layout.TYPE_EVENT, payload, 0, payload.length))
        .putLong(index).put(Layout.TYPE_EVENT).put((byte) 0).putShort((short) 0).put(payload, 0, keep);
    return b.array();
  }

  private static void assertReadOnly(DurableAuditLog log) {
    assertThat(log.isReadOnly()).isTrue();
    assertThatThrownBy(() -> log.append(event("late", 0))).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.READ_ONLY));
    assertThatThrownBy(log::checkpointNow).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.READ_ONLY));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Torn tails

  @Test
  void garbage_after_the_last_record_of_a_closed_log_is_cut_quarantined_and_recorded() throws Exception {
    // GIVEN a closed log of 20 events (record 20 is its final checkpoint) with a half-written record appended
    Path dir = closedLog("log", 20);
    Path seg = lastSegment(dir);
    long end = Files.size(seg);
    byte[] torn = tornRecord(21, "{\"type\":\"never.acknowledged\"}".getBytes(StandardCharsets.UTF_8), 9);
    appendBytes(seg, torn);
    // WHEN the log is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN recovery cut exactly the torn bytes
      RecoveryReport r = log.recovery();
      assertThat(r.status()).isEqualTo(RecoveryReport.Status.TAIL_CUT);
      assertThat(r.index()).isEqualTo(21);
      assertThat(r.segment()).isEqualTo(seg.getFileName().toString());
      assertThat(r.offset()).isEqualTo(end);
      assertThat(r.cutBytes()).isEqualTo(torn.length);
      // AND kept them under recovery/
      assertThat(r.quarantineFile()).isPresent();
      assertThat(Files.readAllBytes(dir.resolve(Layout.RECOVERY).resolve(r.quarantine()))).isEqualTo(torn);
      // AND recorded an audit.recovered event in the torn record's place
      AuditEntry recovered = log.entry(21).orElseThrow();
      assertThat(recovered.type()).isEqualTo("audit.recovered");
      assertThat(recovered.body().path("cutBytes").asLong()).isEqualTo(torn.length);
      assertThat(recovered.body().path("offset").asLong()).isEqualTo(end);
      assertThat(recovered.body().path("quarantine").asText()).isEqualTo(r.quarantine());
      // AND the log is writable and continues after it
      assertThat(log.isReadOnly()).isFalse();
      assertThat(log.append(event("after", 0)).index()).isGreaterThan(21);
    }
    // AND the log verifies
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void a_torn_record_in_a_preallocated_zero_filled_segment_is_cut_while_uncovered_records_are_kept()
      throws Exception {
    // GIVEN a crash state: 30 events covered by a checkpoint, 10 more acknowledged (SYNC) but not yet covered,
    // and a torn record after them in the zero-filled preallocated segment
    Path crashed;
    List<AuditReceipt> acknowledged = new ArrayList<>();
    try (DurableAuditLog live = builder(tmp.resolve("live")).open()) {
      for (int i = 0; i < 30; i++) {
        acknowledged.add(live.append(event("w", i)));
      }
      live.checkpointNow();
      for (int i = 30; i < 40; i++) {
        acknowledged.add(live.append(event("w", i)));
      }
      crashed = crashCopy(live, tmp.resolve("crashed"));
    }
    Path seg = lastSegment(crashed);
    assertThat(Files.size(seg)).as("preallocated").isEqualTo(1 << 20);
    List<SegmentRecord> before = records(crashed);
    SegmentRecord last = before.get(before.size() - 1);
    byte[] payload = "{\"pad\":\"".concat("y".repeat(300)).concat("\"}").getBytes(StandardCharsets.UTF_8);
    byte[] torn = tornRecord(last.index() + 1, payload, 100);
    writeAt(seg, last.end(), torn);
    // WHEN the crashed log is opened
    try (DurableAuditLog log = builder(crashed).open()) {
      // THEN the torn record (whose zeros made its CRC fail) is cut, and only its non-zero bytes are kept
      RecoveryReport r = log.recovery();
      assertThat(r.status()).isEqualTo(RecoveryReport.Status.TAIL_CUT);
      assertThat(r.index()).isEqualTo(last.index() + 1);
      assertThat(r.offset()).isEqualTo(last.end());
      assertThat(Files.readAllBytes(crashed.resolve(Layout.RECOVERY).resolve(r.quarantine()))).isEqualTo(torn);
      // AND every acknowledged event is still there with its leaf hash
      for (AuditReceipt a : acknowledged) {
        AuditLogFixtures.assertReceiptRecorded(crashed, a);
      }
      // AND the cut is recorded (after the checkpoint that now covers the kept records)
      AuditEntry recovered = firstEntry(log, last.index() + 1, "audit.recovered");
      assertThat(recovered.body().path("index").asLong()).isEqualTo(last.index() + 1);
      assertThat(recovered.body().path("cutBytes").asLong()).isEqualTo(torn.length);
    }
    // AND the log verifies, covering everything
    AuditVerification v = verify(crashed, signer);
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.checkpoint().treeSize()).isGreaterThan(last.index() + 1);
  }

  @Test
  void records_after_the_last_checkpoint_are_kept_and_covered_by_a_new_checkpoint_at_once() throws Exception {
    // GIVEN a crash state with 25 acknowledged events after the last checkpoint and no torn tail
    Path crashed;
    List<AuditReceipt> acknowledged = new ArrayList<>();
    try (DurableAuditLog live = builder(tmp.resolve("live")).open()) {
      live.append(event("w", -1));
      live.checkpointNow();
      for (int i = 0; i < 25; i++) {
        acknowledged.add(live.append(event("w", i)));
      }
      crashed = crashCopy(live, tmp.resolve("crashed"));
    }
    // WHEN it is opened
    try (DurableAuditLog log = builder(crashed).open()) {
      // THEN nothing was cut
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(log.size()).isGreaterThanOrEqualTo(27);
      // AND a checkpoint covering them is issued without any further append
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (log.latestCheckpoint().orElseThrow().treeSize() < 27 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Checkpoint cp = log.latestCheckpoint().orElseThrow();
      assertThat(cp.treeSize()).isEqualTo(27);
      for (AuditReceipt a : acknowledged) {
        log.inclusionProof(a.index(), cp.treeSize()).verify(a.leafHash(), cp.rootHash());
      }
    }
    assertThat(verify(crashed, signer).closedCleanly()).isTrue();
  }

  @Test
  void any_garbage_after_the_acknowledged_records_is_cut_and_nothing_acknowledged_is_lost() {
    qt().withExamples(25)
        .forAll(integers().between(1, 60), integers().between(0, 60), integers().between(0, 2000), longs().all())
        .checkAssert((covered, uncovered, garbageLength, seed) -> {
          int gap = (int) Math.floorMod(seed, 301L);
          try {
            // GIVEN a crash state: events covered by a checkpoint, more acknowledged after it, in 4 KiB segments
            Path live = Files.createTempDirectory(tmp, "live");
            Path crashed = live.resolveSibling(live.getFileName() + "-crashed");
            List<AuditReceipt> acknowledged = new ArrayList<>();
            try (DurableAuditLog log = quietBuilder(live, signer).segmentMaxBytes(4096).open()) {
              for (int i = 0; i < covered; i++) {
                acknowledged.add(log.append(AuditLogFixtures.paddedEvent(i, i * 37 % 500)));
              }
              log.checkpointNow();
              for (int i = 0; i < uncovered; i++) {
                acknowledged.add(log.append(AuditLogFixtures.paddedEvent(i, i * 53 % 500)));
              }
              crashCopy(log, crashed);
            }
            // AND random bytes written after the last record, at a random distance into the zero-filled space
            List<SegmentRecord> before = records(crashed);
            byte[] garbage = new byte[garbageLength];
            new java.util.Random(seed).nextBytes(garbage);
            writeAt(lastSegment(crashed), before.get(before.size() - 1).end() + gap, garbage);
            // WHEN the crashed log is opened
            try (DurableAuditLog log = quietBuilder(crashed, signer).segmentMaxBytes(4096).open()) {
              // THEN it is never taken for tampering, and every acknowledged event is still there
              assertThat(log.recovery().status()).isNotEqualTo(RecoveryReport.Status.TAMPERED);
              assertThat(log.recovery().cutBytes()).isLessThanOrEqualTo(gap + garbageLength);
              for (AuditReceipt a : acknowledged) {
                AuditLogFixtures.assertReceiptRecorded(crashed, a);
              }
            }
            // AND the closed log verifies
            assertThat(verify(crashed, signer).closedCleanly()).isTrue();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void a_full_preallocated_segment_ending_in_a_few_zero_bytes_is_not_mistaken_for_a_torn_tail() throws Exception {
    // GIVEN a crash state whose preallocated 8 KiB segment is filled up to 10 bytes before its end
    Path crashed;
    int segmentBytes = 8192;
    try (DurableAuditLog live = builder(tmp.resolve("live")).segmentMaxBytes(segmentBytes).open()) {
      long pos = 64;
      int i = 0;
      while (segmentBytes - pos > 1000) {
        pos += RecordFormat.HEADER_SIZE + EventCodec.encode(AuditLogFixtures.paddedEvent(i, 400), null).length;
        live.append(AuditLogFixtures.paddedEvent(i++, 400));
      }
      int payload = (int) (segmentBytes - pos - 10 - RecordFormat.HEADER_SIZE);
      int bare = EventCodec.encode(AuditLogFixtures.paddedEvent(i, 0), null).length;
      live.append(AuditLogFixtures.paddedEvent(i, payload - bare));
      crashed = crashCopy(live, tmp.resolve("crashed"));
    }
    List<SegmentRecord> before = records(crashed);
    assertThat(Layout.segments(crashed)).hasSize(1);
    assertThat(Files.size(lastSegment(crashed)) - before.get(before.size() - 1).end()).isEqualTo(10);
    // WHEN it is opened
    try (DurableAuditLog log = builder(crashed).segmentMaxBytes(segmentBytes).open()) {
      // THEN there is nothing to cut or report: the zeros are unused preallocation
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(crashed.resolve(Layout.RECOVERY)).doesNotExist();
      // AND every record is kept and the log goes on in a new segment
      assertThat(records(crashed)).hasSize(before.size());
      log.append(event("after", 0));
      assertThat(Layout.segments(crashed)).hasSize(2);
    }
    assertThat(verify(crashed, signer).closedCleanly()).isTrue();
  }

  @Test
  void reopening_with_a_smaller_event_limit_neither_cuts_nor_distrusts_larger_acknowledged_records()
      throws Exception {
    // GIVEN a crash state of a log that took 3 KiB events: some covered by a checkpoint, some not yet
    Path crashed;
    List<AuditReceipt> acknowledged = new ArrayList<>();
    try (DurableAuditLog live = builder(tmp.resolve("live")).open()) {
      for (int i = 0; i < 5; i++) {
        acknowledged.add(live.append(AuditLogFixtures.paddedEvent(i, 3000)));
      }
      live.checkpointNow();
      for (int i = 5; i < 10; i++) {
        acknowledged.add(live.append(AuditLogFixtures.paddedEvent(i, 3000)));
      }
      crashed = crashCopy(live, tmp.resolve("crashed"));
    }
    // WHEN it is reopened by a process configured for events of at most 1 KiB
    try (DurableAuditLog log = builder(crashed).maxEventBytes(1024).open()) {
      // THEN recovery keeps every acknowledged record: the limit is for new events, not for reading the log
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      for (AuditReceipt a : acknowledged) {
        AuditLogFixtures.assertReceiptRecorded(crashed, a);
        assertThat(log.entry(a.index())).isPresent();
      }
      // AND new events are held to the new limit
      assertThatThrownBy(() -> log.append(AuditLogFixtures.paddedEvent(99, 3000)))
          .isInstanceOfSatisfying(AuditLogException.class,
              e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED));
    }
    assertThat(verify(crashed, signer).closedCleanly()).isTrue();
  }

  @Test
  void a_torn_tail_is_recorded_even_with_the_smallest_event_limit() throws Exception {
    // GIVEN a closed log with a torn record after its last record
    Path dir = closedLog("log", 3);
    appendBytes(lastSegment(dir), tornRecord(4, new byte[100], 30));
    // WHEN it is reopened with the smallest event limit (256 bytes), below the size of the log's own events
    try (DurableAuditLog log = builder(dir).maxEventBytes(256).open()) {
      // THEN the cut is recorded and the log is writable
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAIL_CUT);
      assertThat(log.entry(4).orElseThrow().type()).isEqualTo("audit.recovered");
      assertThat(log.isReadOnly()).isFalse();
      assertThat(log.append(event("after", 0)).index()).isEqualTo(5);
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Tampering: read-only, nothing touched

  @Test
  void a_flipped_byte_in_a_record_before_the_last_checkpoint_opens_read_only_and_changes_no_file()
      throws Exception {
    // GIVEN a closed log whose record 5 has one payload byte flipped
    Path dir = closedLog("log", 20);
    SegmentRecord victim = AuditLogFixtures.record(dir, 5);
    Path seg = AuditLogFixtures.segmentOf(dir, 5);
    byte[] bytes = Files.readAllBytes(seg);
    bytes[(int) victim.offset() + RecordFormat.HEADER_SIZE + 3] ^= 0x20;
    Files.write(seg, bytes);
    Map<String, byte[]> before = snapshot(dir);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // WHEN the log is reopened
    try (DurableAuditLog log = builder(dir).meterRegistry(registry).open()) {
      // THEN recovery reports tampering at record 5 and the log is read-only
      assertThat(registry.get("modelgov.audit.verification.failures").counter().count()).isEqualTo(1.0);
      RecoveryReport r = log.recovery();
      assertThat(r.status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertThat(r.index()).isEqualTo(5);
      assertThat(r.segment()).isEqualTo(seg.getFileName().toString());
      assertThat(r.offset()).isEqualTo(victim.offset());
      assertThat(r.cutBytes()).isZero();
      assertReadOnly(log);
      assertThatThrownBy(() -> log.rootHash(1)).isInstanceOf(IllegalStateException.class);
    }
    // AND not a byte changed, nothing was quarantined
    assertSameFiles(before, snapshot(dir));
    // AND opening it again finds the same, and releases the directory again
    try (DurableAuditLog again = builder(dir).open()) {
      assertThat(again.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertThat(again.recovery().index()).isEqualTo(5);
    }
    assertSameFiles(before, snapshot(dir));
    assertThat(dir.resolve(Layout.RECOVERY)).doesNotExist();
    // AND the offline verifier rejects the log at the same record
    assertThatThrownBy(() -> verify(dir, signer)).isInstanceOfSatisfying(AuditTamperException.class,
        e -> assertThat(e.index()).isEqualTo(5));
  }

  @Test
  void a_record_rewritten_with_a_valid_crc_is_caught_by_its_tile_entry() throws Exception {
    // GIVEN a closed log whose record 7 was rewritten, same length, with a recomputed CRC
    Path dir = closedLog("log", 20);
    SegmentRecord victim = AuditLogFixtures.record(dir, 7);
    byte[] forged = victim.payload().clone();
    int digit = new String(forged, StandardCharsets.UTF_8).indexOf("\"n\":7") + 4;
    forged[digit] = '8';
    ByteBuffer header = ByteBuffer.allocate(8).putInt(forged.length)
        .putInt(RecordFormat.crc(7, Layout.TYPE_EVENT, forged, 0, forged.length));
    Path seg = AuditLogFixtures.segmentOf(dir, 7);
    writeAt(seg, victim.offset(), header.array());
    writeAt(seg, victim.offset() + RecordFormat.HEADER_SIZE, forged);
    Map<String, byte[]> before = snapshot(dir);
    // WHEN the log is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN it is tampered at record 7 and read-only
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertThat(log.recovery().index()).isEqualTo(7);
      assertReadOnly(log);
    }
    assertSameFiles(before, snapshot(dir));
  }

  @Test
  void a_checkpoint_file_signed_by_another_key_opens_read_only() throws Exception {
    // GIVEN a closed log whose checkpoint file was replaced by the same checkpoint signed with another key
    Path dir = closedLog("log", 10);
    String note = Files.readString(dir.resolve(Layout.CHECKPOINT), StandardCharsets.UTF_8);
    Checkpoint cp = SignedNote.open(note, List.of(signer.verifier())).checkpoint();
    NoteSigner impostor = NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
    Files.writeString(dir.resolve(Layout.CHECKPOINT), impostor.sign(cp), StandardCharsets.UTF_8);
    Map<String, byte[]> before = snapshot(dir);
    // WHEN the log is opened with its own key
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN it is tampered and read-only
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertThat(log.recovery().message()).contains("checkpoint");
      assertReadOnly(log);
    }
    assertSameFiles(before, snapshot(dir));
  }

  @Test
  void a_log_cut_short_before_its_last_checkpoint_opens_read_only_and_is_not_cut_further() throws Exception {
    // GIVEN a closed log whose segment lost its final checkpoint record (as if truncated behind the log's back)
    Path dir = closedLog("log", 20);
    SegmentRecord finalCheckpoint = AuditLogFixtures.record(dir, 20);
    try (FileChannel ch = FileChannel.open(lastSegment(dir), StandardOpenOption.WRITE)) {
      ch.truncate(finalCheckpoint.offset());
    }
    Map<String, byte[]> before = snapshot(dir);
    // WHEN it is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN the missing records are reported as tampering, and the log is read-only
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertReadOnly(log);
    }
    assertSameFiles(before, snapshot(dir));
  }

  @Test
  void a_torn_record_in_an_earlier_segment_is_not_cut_because_acknowledged_segments_follow_it() throws Exception {
    // GIVEN a crash state with small segments: a checkpoint at 10, then acknowledged events over many segments
    Path crashed;
    try (DurableAuditLog live = quietBuilder(tmp.resolve("live"), signer).segmentMaxBytes(4096).open()) {
      for (int i = 0; i < 10; i++) {
        live.append(event("w", i));
      }
      live.checkpointNow();
      for (int i = 10; i < 300; i++) {
        live.append(event("w", i));
      }
      crashed = crashCopy(live, tmp.resolve("crashed"));
    }
    TreeMap<Long, Path> segs = Layout.segments(crashed);
    assertThat(segs).hasSizeGreaterThan(3);
    // AND garbage appended to a middle segment, after the checkpoint
    Path middle = new ArrayList<>(segs.values()).get(segs.size() / 2);
    appendBytes(middle, new byte[] {0, 0, 1, 7, 1, 2, 3});
    Map<String, byte[]> before = snapshot(crashed);
    // WHEN it is opened
    try (DurableAuditLog log = quietBuilder(crashed, signer).segmentMaxBytes(4096).open()) {
      // THEN recovery refuses to cut: the log is read-only and untouched
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertThat(log.recovery().segment()).isEqualTo(middle.getFileName().toString());
      assertReadOnly(log);
    }
    assertSameFiles(before, snapshot(crashed));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Derived tiles

  @Test
  void deleted_tiles_are_rebuilt_from_the_segments_transparently() throws Exception {
    // GIVEN a closed log of 700 events (three tile groups of 256) whose tiles directory was deleted
    Path dir = closedLog("log", 700);
    Digest root;
    try (DurableAuditLog log = builder(dir).open()) {
      root = log.rootHash(701);
    }
    try (Stream<Path> s = Files.list(dir.resolve(Layout.TILES))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir.resolve(Layout.TILES));
    // WHEN it is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN it is clean, with the same root and working proofs
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(log.rootHash(701)).isEqualTo(root);
      MerkleTree ref = referenceTree(dir);
      assertThat(log.inclusionProof(300, 700)).isEqualTo(ref.inclusionProof(300, 700));
      assertThat(log.append(event("after", 0)).index()).isEqualTo(701);
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void truncated_or_corrupted_tiles_are_rebuilt_from_the_segments_transparently() throws Exception {
    // GIVEN a closed log of 600 events whose tiles/0 was cut in half and tiles/1 overwritten with zeros
    Path dir = closedLog("log", 600);
    Path t0 = dir.resolve(Layout.TILES).resolve("0");
    Path t1 = dir.resolve(Layout.TILES).resolve("1");
    try (FileChannel ch = FileChannel.open(t0, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    Files.write(t1, new byte[(int) Files.size(t1)]);
    // WHEN it is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN it is clean and its root is the reference root
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.CLEAN);
      assertThat(log.rootHash(601)).isEqualTo(referenceTree(dir).root(601));
    }
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
  }

  @Test
  void tiles_and_records_forged_together_still_disagree_with_the_signed_checkpoint() throws Exception {
    // GIVEN a closed log where record 3 was rewritten (valid CRC) and the tiles were deleted to hide it
    Path dir = closedLog("log", 20);
    SegmentRecord victim = AuditLogFixtures.record(dir, 3);
    byte[] forged = victim.payload().clone();
    int digit = new String(forged, StandardCharsets.UTF_8).indexOf("\"n\":3") + 4;
    forged[digit] = '4';
    Path seg = AuditLogFixtures.segmentOf(dir, 3);
    writeAt(seg, victim.offset() + 4,
        ByteBuffer.allocate(4).putInt(RecordFormat.crc(3, Layout.TYPE_EVENT, forged, 0, forged.length)).array());
    writeAt(seg, victim.offset() + RecordFormat.HEADER_SIZE, forged);
    try (Stream<Path> s = Files.list(dir.resolve(Layout.TILES))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    // WHEN it is reopened
    try (DurableAuditLog log = builder(dir).open()) {
      // THEN the rebuilt tree does not match the checkpoint: tampered, read-only
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAMPERED);
      assertReadOnly(log);
    }
    // AND the segment still holds the forged bytes (nothing was "repaired")
    assertThat(Arrays.copyOfRange(Files.readAllBytes(seg), (int) victim.offset() + RecordFormat.HEADER_SIZE,
        (int) victim.end())).isEqualTo(forged);
  }
}
