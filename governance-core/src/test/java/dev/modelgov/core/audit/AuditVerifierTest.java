package dev.modelgov.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.audit.AuditTamperException.Reason;
import dev.modelgov.core.audit.LogFixture.Log;
import dev.modelgov.core.audit.LogFixture.Rec;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier on intact logs, on each kind of damage (located exactly), and on the RFC 6962 vectors. */
class AuditVerifierTest {

  @TempDir Path tmp;
  private int logs;

  private Path newDir() {
    return tmp.resolve("log" + (++logs));
  }

  /** 40 events of 60 bytes, a checkpoint every 6 events, segments of at most 700 bytes. */
  private Log standardLog() {
    return LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).write(newDir());
  }

  private static AuditTamperException tamper(Log log) {
    return tamper(LogFixture.verifier(), log.dir);
  }

  private static AuditTamperException tamper(AuditVerifier verifier, Path dir) {
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> verifier.verify(dir));
    assertThat(e).as("verification must fail").isNotNull();
    return e;
  }

  private static void assertLocated(AuditTamperException e, Reason reason, long index, String segment,
      long offset) {
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.index()).as(e.getMessage()).isEqualTo(index);
    assertThat(e.segment()).as(e.getMessage()).isEqualTo(segment);
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    assertThat(e.getMessage()).startsWith(reason.name())
        .contains("index " + (index < 0 ? "-" : Long.toString(index)))
        .contains("segment " + (segment == null ? "-" : segment))
        .contains("offset " + (offset < 0 ? "-" : Long.toString(offset)));
  }

  private static void assertAt(AuditTamperException e, Reason reason, Rec rec) {
    assertLocated(e, reason, rec.index(), rec.segment(), rec.offset());
  }

  // ------------------------------------------------------------------------------------------------ intact logs

  @Test
  void an_intact_log_verifies_with_the_right_values() throws Exception {
    // GIVEN an intact, closed log over several segments
    Log log = standardLog();
    assertThat(log.segments).hasSizeGreaterThan(3);

    // WHEN it is verified
    AuditVerification v = LogFixture.verifier().verify(log.dir);

    // THEN everything is accounted for
    assertThat(v.origin()).isEqualTo(LogFixture.ORIGIN);
    assertThat(v.treeSize()).isEqualTo(log.size()).isEqualTo(47);
    assertThat(v.checkpoint().treeSize()).isEqualTo(log.checkpointSize).isEqualTo(46);
    assertThat(v.checkpoint().rootHash()).isEqualTo(Digest.sha256(log.checkpointRoot));
    assertThat(v.checkpoint().origin()).isEqualTo(LogFixture.ORIGIN);
    assertThat(v.checkpointsVerified()).isEqualTo(log.checkpointRecords()).isEqualTo(7);
    assertThat(v.firstIndex()).isZero();
    assertThat(v.uncoveredRecords()).isZero();
    assertThat(v.tornTailBytes()).isZero();
    assertThat(v.closedCleanly()).isTrue();
    assertThat(v.summary()).contains(LogFixture.ORIGIN, "47 records [0, 47)", "checkpoint at 46",
        "7 in-log checkpoints", "0 uncovered records", "0 torn tail bytes");
    assertThat(v).isEqualTo(LogFixture.verifier().verify(log.dir));
  }

  @Test
  void the_root_matches_an_independent_merkle_tree() throws Exception {
    // GIVEN a log whose events are random-sized, with only the final checkpoint
    Log log = LogFixture.builder().events(300).checkpointEvery(0).rollBytes(4000).randomPayloads(5).write(newDir());
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < log.checkpointSize; i++) {
      tree.appendEntry(log.rec(i).payload());
    }

    // WHEN it is verified THEN the checkpoint's root is the tree's, and tiles/1 (256 leaves) was in play
    assertThat(LogFixture.verifier().verify(log.dir).checkpoint().rootHash()).isEqualTo(tree.root());
    assertThat(Files.size(log.tileFile(1))).isEqualTo(32);
  }

  @Test
  void a_single_record_log_verifies() throws Exception {
    // GIVEN a log that holds only its checkpoint of the empty tree
    Log log = LogFixture.builder().events(0).write(newDir());

    // WHEN it is verified
    AuditVerification v = LogFixture.verifier().verify(log.dir);

    // THEN the checkpoint is for size 0 with the empty root
    assertThat(v.treeSize()).isEqualTo(1);
    assertThat(v.checkpoint().treeSize()).isZero();
    assertThat(v.checkpoint().rootHash()).isEqualTo(MerkleHashes.emptyRoot());
  }

  @Test
  void a_rotated_key_verifies_when_both_keys_are_trusted() throws Exception {
    // GIVEN a log whose checkpoint records before size 20 were signed by an older key
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700)
        .rotatedFrom(LogFixture.otherSigner(), 20).write(newDir());

    // WHEN verified trusting only the current key THEN the first old record fails, located
    assertAt(tamper(log), Reason.CHECKPOINT_SIGNATURE, log.rec(6));
    // WHEN both keys are trusted THEN the log verifies
    AuditVerifier both = AuditVerifier.builder()
        .trust(LogFixture.signer().verifier(), LogFixture.otherSigner().verifier()).build();
    assertThat(both.verify(log.dir).checkpointsVerified()).isEqualTo(7);
  }

  // ----------------------------------------------------------------------------------- uncovered and torn tails

  @Test
  void records_after_the_checkpoint_are_reported_as_uncovered() throws Exception {
    // GIVEN a log that crashed after 5 more events, before issuing a checkpoint for them
    Log log = LogFixture.builder().events(20).checkpointEvery(5).rollBytes(600).uncovered(5).write(newDir());

    // WHEN it is verified
    AuditVerification v = LogFixture.verifier().verify(log.dir);

    // THEN the checkpoint covers up to its record, and 5 records are uncovered
    assertThat(v.checkpoint().treeSize()).isEqualTo(log.checkpointSize);
    assertThat(v.treeSize()).isEqualTo(log.size());
    assertThat(v.uncoveredRecords()).isEqualTo(5);
    assertThat(v.tornTailBytes()).isZero();
    assertThat(v.closedCleanly()).isFalse();
  }

  @Test
  void a_torn_tail_after_the_checkpoint_is_reported_but_accepted() throws Exception {
    // GIVEN a log with 3 uncovered records, the last of which is cut in half by a crash
    Log log = LogFixture.builder().events(12).checkpointEvery(4).uncovered(3).write(newDir());
    Rec last = log.rec(log.size() - 1);
    log.truncate(last.segment(), last.offset() + last.size() / 2);

    // WHEN it is verified
    AuditVerification v = LogFixture.verifier().verify(log.dir);

    // THEN the cut record's bytes are a torn tail, the other two are uncovered
    assertThat(v.uncoveredRecords()).isEqualTo(2);
    assertThat(v.tornTailBytes()).isEqualTo(last.size() / 2);
    assertThat(v.treeSize()).isEqualTo(log.size() - 1);
  }

  @Test
  void garbage_and_partial_headers_after_the_checkpoint_record_are_a_torn_tail() throws Exception {
    for (int kind = 0; kind < 5; kind++) {
      // GIVEN a closed log followed by a torn or invalid write
      Log log = LogFixture.builder().events(8).checkpointEvery(3).write(newDir());
      byte[] valid = LogFixture.encode(log.size(), LogFixture.EVENT, LogFixture.event(log.size(), 200));
      byte[] badCrc = valid.clone();
      badCrc[100] ^= 1;
      byte[] t = switch (kind) {
        case 0 -> new byte[] {0, 0, 0, 7, 1};                                       // a partial record header
        case 1 -> zerosThenJunk();                                                  // zero header, junk later
        case 2 -> "not a record at all, just bytes".getBytes(StandardCharsets.US_ASCII); // length above limit
        case 3 -> Arrays.copyOf(valid, 100);                                        // a partial payload
        default -> badCrc;                                                          // a torn write into zeros
      };
      log.append(log.lastSegment(), t);

      // WHEN it is verified THEN the bytes are reported, nothing is uncovered
      AuditVerification v = LogFixture.verifier().verify(log.dir);
      assertThat(v.tornTailBytes()).as("tail of %d bytes", t.length).isEqualTo(t.length);
      assertThat(v.uncoveredRecords()).isZero();
    }
  }

  private static byte[] zerosThenJunk() {
    byte[] b = new byte[40];
    b[39] = 1;
    return b;
  }

  @Test
  void a_zero_filled_preallocated_tail_is_a_clean_end() throws Exception {
    // GIVEN a closed log whose last segment has 4 KiB of preallocated zeros
    Log log = LogFixture.builder().events(8).write(newDir());
    log.append(log.lastSegment(), new byte[4096]);

    // WHEN / THEN it verifies cleanly
    assertThat(LogFixture.verifier().verify(log.dir).closedCleanly()).isTrue();
  }

  @Test
  void a_segment_started_without_a_complete_header_after_the_checkpoint_is_a_torn_tail() throws Exception {
    // GIVEN a closed log, and a new segment whose header the crash cut short
    Log log = LogFixture.builder().events(8).write(newDir());
    byte[] header = new SegmentHeader(LogFixture.originHash(LogFixture.ORIGIN), log.size(), log.size()).encode();
    Files.write(log.segmentFile(LogFixture.segmentName(log.size())), Arrays.copyOf(header, 30));

    // WHEN / THEN it verifies with a torn tail of those 30 bytes
    assertThat(LogFixture.verifier().verify(log.dir).tornTailBytes()).isEqualTo(30);
  }

  @Test
  void a_corrupt_record_after_the_checkpoint_in_an_earlier_segment_is_not_a_tail() throws Exception {
    // GIVEN uncovered records over two segments, with a CRC error in the first of them
    Log log = LogFixture.builder().events(4).checkpointEvery(0).rollBytes(300).uncovered(6).write(newDir());
    Rec bad = log.rec(log.checkpointSize + 1);
    assertThat(bad.segment()).isNotEqualTo(log.lastSegment());
    log.flip(bad.segment(), bad.offset() + 25, 0x20);

    // WHEN / THEN it is corruption, since a later segment follows
    assertAt(tamper(log), Reason.RECORD_CORRUPT, bad);
  }

  @Test
  void truncating_into_the_last_checkpoint_record_is_rejected() {
    // GIVEN a closed log cut inside its last (checkpoint) record
    Log log = standardLog();
    Rec cp = log.rec(log.checkpointSize);
    log.truncate(cp.segment(), cp.offset() + 30);

    // WHEN / THEN the checkpoint's record is corrupt, located
    assertAt(tamper(log), Reason.RECORD_CORRUPT, cp);
  }

  @Test
  void truncating_at_the_last_checkpoint_record_is_a_missing_record() {
    // GIVEN a closed log cut right before its last (checkpoint) record
    Log log = standardLog();
    Rec cp = log.rec(log.checkpointSize);
    log.truncate(cp.segment(), cp.offset());

    // WHEN / THEN the record is missing, at the end of the data
    assertAt(tamper(log), Reason.RECORD_MISSING, cp);
  }

  @Test
  void deleting_the_last_segment_is_rejected() throws IOException {
    // GIVEN a closed log without its last segment
    Log log = standardLog();
    String last = log.lastSegment();
    Rec firstLost = log.recordsIn(last).get(0);
    String previous = log.segments.get(log.segments.size() - 2);
    Files.delete(log.segmentFile(last));

    // WHEN / THEN the records are missing from the end of the previous segment on
    assertLocated(tamper(log), Reason.RECORD_MISSING, firstLost.index(), previous,
        Files.size(log.segmentFile(previous)));
  }

  // --------------------------------------------------------------------------------------- damaged records

  @Test
  void a_changed_payload_byte_is_a_corrupt_record() {
    // GIVEN a changed byte in the payload of record 9
    Log log = standardLog();
    Rec r = log.rec(9);
    log.flip(r.segment(), r.offset() + 20 + 5, 0x01);

    // WHEN / THEN the CRC catches it at record 9
    AuditTamperException e = tamper(log);
    assertAt(e, Reason.RECORD_CORRUPT, r);
    assertThat(e.getMessage()).contains("CRC");
  }

  @Test
  void non_zero_flags_are_a_corrupt_record() {
    // GIVEN record 3 with a non-zero flags byte (not covered by the CRC)
    Log log = standardLog();
    Rec r = log.rec(3);
    log.flip(r.segment(), r.offset() + 17, 0x80);

    // WHEN / THEN it is rejected at record 3
    assertAt(tamper(log), Reason.RECORD_CORRUPT, r);
  }

  @Test
  void an_unknown_record_type_is_a_corrupt_record_even_with_a_valid_crc() {
    // GIVEN record 12 rewritten as type 7, CRC fixed
    Log log = standardLog();
    log.replaceRecord(12, 7, log.rec(12).payload());

    // WHEN / THEN it is rejected at record 12
    assertAt(tamper(log), Reason.RECORD_CORRUPT, log.rec(12));
  }

  @Test
  void error_messages_never_contain_payload_bytes() {
    // GIVEN a log whose events carry personal data, one of them damaged
    Log log = LogFixture.builder().events(6).payloads(
        i -> ("{\"email\":\"jane.doe" + i + "@example.com\",\"type\":\"test\"}").getBytes(StandardCharsets.UTF_8))
        .write(newDir());
    Rec r = log.rec(2);
    log.replaceRecord(2, 9, r.payload());

    // WHEN / THEN the message locates the record without quoting it
    AuditTamperException e = tamper(log);
    assertThat(e.reason()).isEqualTo(Reason.RECORD_CORRUPT);
    assertThat(e.getMessage()).doesNotContain("jane", "example.com\"", "email");
  }

  @Test
  void swapping_two_records_is_an_index_mismatch_at_the_first() {
    // GIVEN records 8 and 11 swapped (same segment or not)
    Log log = standardLog();
    Rec first = log.rec(8);
    log.swap(8, 11);

    // WHEN / THEN the first position holds the wrong index
    assertAt(tamper(log), Reason.INDEX_MISMATCH, first);
  }

  @Test
  void deleting_a_record_is_an_index_mismatch_where_it_was() {
    // GIVEN record 15 deleted
    Log log = standardLog();
    Rec r = log.rec(15);
    assertThat(log.rec(16).segment()).isEqualTo(r.segment());
    log.deleteRecord(15);

    // WHEN / THEN record 16 is found where 15 should be
    assertAt(tamper(log), Reason.INDEX_MISMATCH, r);
  }

  @Test
  void a_duplicated_record_is_an_index_mismatch_after_the_original() {
    // GIVEN record 15 duplicated in place
    Log log = standardLog();
    log.insertCopy(15, 16);

    // WHEN / THEN the copy is found where 16 should be
    Rec r = log.rec(16);
    assertLocated(tamper(log), Reason.INDEX_MISMATCH, 16, log.rec(15).segment(), log.rec(15).end());
    assertThat(r.offset()).isEqualTo(log.rec(15).end());
  }

  @Test
  void deleting_the_last_record_of_a_segment_is_a_gap() {
    // GIVEN the last record of the first segment deleted
    Log log = standardLog();
    List<Rec> in = log.recordsIn(log.segments.get(0));
    Rec last = in.get(in.size() - 1);
    log.deleteRecord(last.index());

    // WHEN / THEN the next segment does not start where this one ends
    assertAt(tamper(log), Reason.SEGMENT_GAP, last);
  }

  @Test
  void a_segment_claiming_records_the_previous_one_holds_is_a_gap_at_the_repeated_record() {
    // GIVEN a copy of the second segment's first record appended to the first segment (a valid record there)
    Log log = standardLog();
    String first = log.segments.get(0);
    List<Rec> in = log.recordsIn(first);
    Rec next = log.recordsIn(log.segments.get(1)).get(0);
    log.insertCopyAtEnd(next.index(), first);

    // WHEN / THEN the overlap is reported at the repeated record in the first segment
    assertLocated(tamper(log), Reason.SEGMENT_GAP, next.index(), first, in.get(in.size() - 1).end());
  }

  @Test
  void deleting_a_middle_segment_is_a_gap() throws IOException {
    // GIVEN the second segment deleted
    Log log = standardLog();
    String first = log.segments.get(0);
    Rec lost = log.recordsIn(log.segments.get(1)).get(0);
    Files.delete(log.segmentFile(log.segments.get(1)));

    // WHEN / THEN the gap is reported at the end of the first segment
    assertLocated(tamper(log), Reason.SEGMENT_GAP, lost.index(), first, Files.size(log.segmentFile(first)));
  }

  // ------------------------------------------------------------------------------------------- segment headers

  @Test
  void a_changed_header_byte_is_a_segment_header_error() {
    // GIVEN a changed byte in the third segment's header
    Log log = standardLog();
    String seg = log.segments.get(2);
    log.flip(seg, 45, 0x04);

    // WHEN / THEN it is reported at offset 0 of that segment, with its first index
    assertLocated(tamper(log), Reason.SEGMENT_HEADER, log.recordsIn(seg).get(0).index(), seg, 0);
  }

  @Test
  void a_header_whose_base_disagrees_with_the_file_name_is_rejected() throws IOException {
    // GIVEN the second segment's header rewritten (valid CRC) with another base index
    Log log = standardLog();
    String seg = log.segments.get(1);
    long base = log.recordsIn(seg).get(0).index();
    byte[] b = log.bytes(seg);
    System.arraycopy(new SegmentHeader(LogFixture.originHash(LogFixture.ORIGIN), base + 1, base + 1).encode(), 0, b,
        0, 64);
    log.write(seg, b);

    // WHEN / THEN it is a segment header error
    assertLocated(tamper(log), Reason.SEGMENT_HEADER, base, seg, 0);
  }

  @Test
  void a_header_for_another_origin_is_an_origin_mismatch() {
    // GIVEN the second segment's header rewritten for another origin
    Log log = standardLog();
    String seg = log.segments.get(1);
    long base = log.recordsIn(seg).get(0).index();
    byte[] b = log.bytes(seg);
    System.arraycopy(new SegmentHeader(LogFixture.originHash("example.com/other"), base, base).encode(), 0, b, 0, 64);
    log.write(seg, b);

    // WHEN / THEN it is an origin mismatch at that header
    assertLocated(tamper(log), Reason.ORIGIN_MISMATCH, base, seg, 0);
  }

  // ---------------------------------------------------------------------------------- origin and checkpoints

  @Test
  void a_changed_origin_file_is_an_origin_mismatch() throws IOException {
    // GIVEN the origin file changed
    Log log = standardLog();
    Files.writeString(log.dir.resolve("origin"), "example.com/other");

    // WHEN / THEN the checkpoint's origin no longer matches
    assertLocated(tamper(log), Reason.ORIGIN_MISMATCH, -1, "checkpoint", -1);
  }

  @Test
  void a_missing_origin_file_is_rejected() throws IOException {
    // GIVEN the origin file deleted
    Log log = standardLog();
    Files.delete(log.dir.resolve("origin"));

    // WHEN / THEN it is rejected
    assertLocated(tamper(log), Reason.ORIGIN_MISMATCH, -1, "origin", -1);
  }

  @Test
  void a_missing_checkpoint_file_is_rejected() throws IOException {
    // GIVEN the checkpoint file deleted
    Log log = standardLog();
    Files.delete(log.dir.resolve("checkpoint"));

    // WHEN / THEN it is rejected
    assertLocated(tamper(log), Reason.CHECKPOINT_MISSING, -1, null, -1);
  }

  @Test
  void a_checkpoint_signed_by_an_untrusted_key_is_rejected() {
    // GIVEN an intact log, verified with another key
    Log log = standardLog();
    AuditVerifier wrong = AuditVerifier.builder().trust(LogFixture.otherSigner().verifier()).build();

    // WHEN / THEN the checkpoint file is not signed by a trusted key
    AuditTamperException e = tamper(wrong, log.dir);
    assertLocated(e, Reason.CHECKPOINT_SIGNATURE, -1, "checkpoint", -1);
    assertThat(e.getMessage()).contains("UNKNOWN_KEY");
  }

  @Test
  void an_unsigned_checkpoint_is_rejected() {
    // GIVEN a log written without a signing key (checkpoints are bare bodies)
    Log log = LogFixture.builder().events(10).signer(null).write(newDir());

    // WHEN / THEN it cannot be verified
    assertLocated(tamper(log), Reason.CHECKPOINT_SIGNATURE, -1, "checkpoint", -1);
  }

  @Test
  void a_changed_checkpoint_file_is_rejected() throws IOException {
    // GIVEN one character of the checkpoint file's root changed
    Log log = standardLog();
    Path cp = log.dir.resolve("checkpoint");
    String text = Files.readString(cp);
    int rootAt = text.indexOf('\n', text.indexOf('\n') + 1) + 3;
    Files.writeString(cp, text.substring(0, rootAt) + (text.charAt(rootAt) == 'A' ? 'B' : 'A')
        + text.substring(rootAt + 1));

    // WHEN / THEN its signature fails
    assertLocated(tamper(log), Reason.CHECKPOINT_SIGNATURE, -1, "checkpoint", -1);
  }

  @Test
  void an_older_checkpoint_file_verifies_with_the_rest_uncovered() throws Exception {
    // GIVEN the checkpoint file replaced by the validly signed in-log checkpoint for size 6
    Log log = standardLog();
    Files.write(log.dir.resolve("checkpoint"), log.rec(6).payload());

    // WHEN verified THEN it is consistent with the log up to its record; the log goes on (uncovered)
    AuditVerification v = LogFixture.verifier().verify(log.dir);
    assertThat(v.checkpoint().treeSize()).isEqualTo(6);
    assertThat(v.uncoveredRecords()).isEqualTo(log.size() - 7);
  }

  @Test
  void a_checkpoint_file_that_differs_from_its_record_is_rejected() throws Exception {
    // GIVEN the checkpoint file re-signed over the same body, with an extra signature by an untrusted key
    Log log = standardLog();
    String note = NoteSigner.signAll(Checkpoint.parse(log.checkpointNote.substring(0,
        log.checkpointNote.indexOf("\n\n") + 1)).body(), List.of(LogFixture.signer(), LogFixture.otherSigner()));
    Files.writeString(log.dir.resolve("checkpoint"), note);

    // WHEN / THEN the file verifies alone, but is not the log's record
    assertAt(tamper(log), Reason.CHECKPOINT_INCONSISTENT, log.rec(log.checkpointSize));
  }

  @Test
  void an_in_log_checkpoint_for_the_wrong_size_is_inconsistent() {
    // GIVEN checkpoint record 13 replaced by a validly signed checkpoint for size 12, tiles rebuilt to match
    Log log = standardLog();
    assertThat(log.rec(13).type()).isEqualTo(LogFixture.CHECKPOINT);
    String wrong = LogFixture.note(LogFixture.signer(), LogFixture.ORIGIN, 12, rootOf(log, 12));
    log.replaceRecord(13, LogFixture.CHECKPOINT, wrong.getBytes(StandardCharsets.UTF_8));
    log.rebuildTiles();

    // WHEN / THEN it is inconsistent at record 13
    AuditTamperException e = tamper(log);
    assertAt(e, Reason.CHECKPOINT_INCONSISTENT, log.rec(13));
    assertThat(e.getMessage()).contains("tree size 12");
  }

  @Test
  void an_in_log_checkpoint_with_the_wrong_root_is_inconsistent() {
    // GIVEN checkpoint record 13 replaced by a validly signed checkpoint for size 13 with another root
    Log log = standardLog();
    String wrong = LogFixture.note(LogFixture.signer(), LogFixture.ORIGIN, 13, rootOf(log, 12));
    log.replaceRecord(13, LogFixture.CHECKPOINT, wrong.getBytes(StandardCharsets.UTF_8));
    log.rebuildTiles();

    // WHEN / THEN it is inconsistent at record 13
    assertAt(tamper(log), Reason.CHECKPOINT_INCONSISTENT, log.rec(13));
  }

  @Test
  void an_in_log_checkpoint_for_another_origin_is_an_origin_mismatch() {
    // GIVEN checkpoint record 6 replaced by a note for another origin, signed by the trusted key
    Log log = standardLog();
    String other = LogFixture.note(LogFixture.signer(), "example.com/other", 6, rootOf(log, 6));
    log.replaceRecord(6, LogFixture.CHECKPOINT, other.getBytes(StandardCharsets.UTF_8));
    log.rebuildTiles();

    // WHEN / THEN it is located at record 6
    assertAt(tamper(log), Reason.ORIGIN_MISMATCH, log.rec(6));
  }

  @Test
  void an_event_at_the_checkpoint_index_is_inconsistent() throws IOException {
    // GIVEN the checkpoint file pointing at index 5, which holds an event
    Log log = standardLog();
    Files.writeString(log.dir.resolve("checkpoint"),
        LogFixture.note(LogFixture.signer(), LogFixture.ORIGIN, 5, rootOf(log, 5)));

    // WHEN / THEN record 5 is not the checkpoint's record
    assertAt(tamper(log), Reason.CHECKPOINT_INCONSISTENT, log.rec(5));
  }

  @Test
  void a_rewritten_event_with_matching_tiles_is_a_root_mismatch_at_the_checkpoint() {
    // GIVEN a log with only the final checkpoint, one event rewritten (valid CRC) and the tiles rebuilt
    Log log = LogFixture.builder().events(30).checkpointEvery(0).rollBytes(800).write(newDir());
    log.replaceRecord(17, LogFixture.EVENT, LogFixture.event(1017, 60));
    log.rebuildTiles();

    // WHEN / THEN nothing but the checkpoint's root can tell: a root mismatch at the checkpoint's record
    assertAt(tamper(log), Reason.ROOT_MISMATCH, log.rec(log.checkpointSize));
  }

  @Test
  void a_rewritten_event_with_matching_tiles_is_caught_by_the_next_in_log_checkpoint() {
    // GIVEN event 8 rewritten (valid CRC) with the tiles rebuilt; record 13 is the next checkpoint
    Log log = standardLog();
    log.replaceRecord(8, LogFixture.EVENT, LogFixture.event(1008, 60));
    log.rebuildTiles();

    // WHEN / THEN the checkpoint at 13 no longer matches
    assertAt(tamper(log), Reason.CHECKPOINT_INCONSISTENT, log.rec(13));
  }

  // ------------------------------------------------------------------------------------------------------ tiles

  @Test
  void a_rewritten_event_is_a_tile_mismatch_at_that_record() {
    // GIVEN event 8 rewritten with a valid CRC, tiles untouched
    Log log = standardLog();
    log.replaceRecord(8, LogFixture.EVENT, LogFixture.event(1008, 60));

    // WHEN / THEN its leaf hash disagrees with tiles/0
    assertAt(tamper(log), Reason.TILE_MISMATCH, log.rec(8));
  }

  @Test
  void a_tampered_leaf_tile_is_a_tile_mismatch_at_that_record() {
    // GIVEN leaf hash 20 in tiles/0 changed
    Log log = standardLog();
    byte[] h = log.tileHash(0, 20);
    h[31] ^= 1;
    log.writeTileHash(0, 20, h);

    // WHEN / THEN record 20 is where it is reported
    AuditTamperException e = tamper(log);
    assertAt(e, Reason.TILE_MISMATCH, log.rec(20));
    assertThat(e.getMessage()).contains("tiles/0");
  }

  @Test
  void a_truncated_leaf_tile_file_is_rejected() throws IOException {
    // GIVEN tiles/0 holding only 10 of the leaf hashes the checkpoint covers
    Log log = standardLog();
    byte[] t = Files.readAllBytes(log.tileFile(0));
    Files.write(log.tileFile(0), Arrays.copyOf(t, 10 * 32 + 7));

    // WHEN / THEN record 10 has no tile
    assertAt(tamper(log), Reason.TILE_MISMATCH, log.rec(10));
  }

  @Test
  void leaf_tiles_beyond_the_checkpoint_are_not_required() throws Exception {
    // GIVEN a log with 5 uncovered records whose tiles were never written
    Log log = LogFixture.builder().events(10).uncovered(5).write(newDir());
    byte[] t = Files.readAllBytes(log.tileFile(0));
    Files.write(log.tileFile(0), Arrays.copyOf(t, (int) log.checkpointSize * 32));

    // WHEN / THEN it verifies
    assertThat(LogFixture.verifier().verify(log.dir).uncoveredRecords()).isEqualTo(5);
  }

  @Test
  void a_tampered_upper_tile_is_a_tile_mismatch() {
    // GIVEN a log of over 512 leaves, with the second hash of tiles/1 changed
    Log log = LogFixture.builder().events(600).checkpointEvery(100).rollBytes(8000).write(newDir());
    byte[] h = log.tileHash(1, 1);
    h[0] ^= 0x40;
    log.writeTileHash(1, 1, h);

    // WHEN / THEN the subtree [256, 512) is reported in tiles/1
    AuditTamperException e = tamper(log);
    assertLocated(e, Reason.TILE_MISMATCH, 256, "tiles/1", 32);
  }

  @Test
  void a_missing_upper_tile_file_is_rejected() throws IOException {
    // GIVEN a log of over 256 leaves without tiles/1
    Log log = LogFixture.builder().events(300).checkpointEvery(100).rollBytes(8000).write(newDir());
    Files.delete(log.tileFile(1));

    // WHEN / THEN the first complete subtree has no tile
    assertLocated(tamper(log), Reason.TILE_MISMATCH, 0, "tiles/1", 0);
  }

  // --------------------------------------------------------------------------------------------------- pruning

  @Test
  void a_declared_pruned_log_verifies() throws Exception {
    // GIVEN a log whose first 3 segments were deleted by retention, declared by an audit.pruned event
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).prune(3, true).write(newDir());
    assertThat(log.firstIndex).isPositive();

    // WHEN it is verified
    AuditVerification v = LogFixture.verifier().verify(log.dir);

    // THEN it starts at the first retained index, and the root still covers everything
    assertThat(v.firstIndex()).isEqualTo(log.firstIndex);
    assertThat(v.treeSize()).isEqualTo(log.size());
    assertThat(v.checkpoint().rootHash()).isEqualTo(Digest.sha256(log.checkpointRoot));
    assertThat(v.checkpointsVerified()).isEqualTo(log.checkpointRecords());
    assertThat(v.summary()).contains("[" + log.firstIndex + ", " + log.size() + ")");
  }

  @Test
  void an_undeclared_pruned_log_is_rejected() {
    // GIVEN the same pruning without an audit.pruned event
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).prune(3, false).write(newDir());

    // WHEN / THEN the pruning is undeclared
    AuditTamperException e = tamper(log);
    assertLocated(e, Reason.UNDECLARED_PRUNING, 0, null, -1);
    assertThat(e.getMessage()).contains("[0, " + log.firstIndex + ")");
  }

  @Test
  void a_declaration_for_less_than_what_was_pruned_is_rejected() throws IOException {
    // GIVEN a declared pruning of 2 segments, and then the third deleted too
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).prune(2, true).write(newDir());
    String third = log.segments.get(0);
    long base3 = log.recordsIn(log.segments.get(1)).get(0).index();
    Files.delete(log.segmentFile(third));

    // WHEN / THEN the declaration does not reach the new first index
    AuditTamperException e = tamper(log);
    assertLocated(e, Reason.UNDECLARED_PRUNING, 0, null, -1);
    assertThat(e.getMessage()).contains("[0, " + base3 + ")");
  }

  @Test
  void a_pruned_log_without_the_pruned_leaf_tiles_is_rejected() throws IOException {
    // GIVEN a declared pruned log whose tiles/0 lost its first hashes
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).prune(3, true).write(newDir());
    Files.write(log.tileFile(0), Arrays.copyOf(Files.readAllBytes(log.tileFile(0)), 5 * 32));

    // WHEN / THEN leaf 5 has no hash
    assertLocated(tamper(log), Reason.TILE_MISMATCH, 5, "tiles/0", 5 * 32);
  }

  @Test
  void a_pruned_log_with_a_tampered_pruned_leaf_is_rejected() {
    // GIVEN a declared pruned log with a pruned leaf's hash changed in tiles/0
    Log log = LogFixture.builder().events(40).checkpointEvery(6).rollBytes(700).prune(3, true).write(newDir());
    byte[] h = log.tileHash(0, 2);
    h[5] ^= 1;
    log.writeTileHash(0, 2, h);

    // WHEN / THEN the first checkpoint record after the pruned range catches it
    Rec firstCheckpoint = log.present().stream().filter(r -> r.type() == LogFixture.CHECKPOINT).findFirst()
        .orElseThrow();
    assertThat(firstCheckpoint.index()).isLessThan(log.checkpointSize);
    assertAt(tamper(log), Reason.CHECKPOINT_INCONSISTENT, firstCheckpoint);
  }

  // ------------------------------------------------------------------------------------------------------ limits

  @Test
  void a_payload_above_the_limit_is_rejected() {
    // GIVEN a log with a 300-byte event at index 4, verified with a 250-byte payload limit
    Log log = LogFixture.builder().events(10).checkpointEvery(0)
        .payloads(i -> LogFixture.event(i, i == 4 ? 300 : 60)).write(newDir());
    AuditVerifier v = AuditVerifier.builder().trust(LogFixture.signer().verifier())
        .limits(AuditVerifier.Limits.defaults().withMaxPayloadBytes(250)).build();

    // WHEN / THEN record 4 exceeds it
    assertAt(tamper(v, log.dir), Reason.LIMIT_EXCEEDED, log.rec(4));
  }

  @Test
  void more_segments_than_the_limit_are_rejected() {
    // GIVEN a log of more than 3 segments, verified with a limit of 3
    Log log = standardLog();
    AuditVerifier v = AuditVerifier.builder().trust(LogFixture.signer().verifier())
        .limits(AuditVerifier.Limits.defaults().withMaxSegments(3)).build();

    // WHEN / THEN it is rejected before any segment is read
    AuditTamperException e = tamper(v, log.dir);
    assertLocated(e, Reason.LIMIT_EXCEEDED, -1, null, -1);
    assertThat(e.getMessage()).contains("segment");
  }

  @Test
  void a_note_above_the_limit_is_rejected() {
    // GIVEN an intact log, verified with a note limit of 100 bytes
    Log log = standardLog();
    AuditVerifier v = AuditVerifier.builder().trust(LogFixture.signer().verifier())
        .limits(AuditVerifier.Limits.defaults().withMaxNoteBytes(100)).build();

    // WHEN / THEN the checkpoint file exceeds it
    assertLocated(tamper(v, log.dir), Reason.LIMIT_EXCEEDED, -1, "checkpoint", -1);
  }

  // ------------------------------------------------------------------------------------------------- the API

  @Test
  void a_verifier_needs_a_trusted_key_and_valid_limits() {
    // GIVEN / WHEN / THEN no key, or invalid limits, are programming errors
    assertThatThrownBy(() -> AuditVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trusted key");
    assertThatThrownBy(() -> new AuditVerifier.Limits(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditVerifier.Limits(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditVerifier.Limits(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditVerifier.builder().trust((NoteVerifier) null))
        .isInstanceOf(NullPointerException.class);
    AuditVerifier v = AuditVerifier.builder().trust(LogFixture.signer().verifier(), LogFixture.signer().verifier())
        .build();
    assertThat(v.trustedKeys()).hasSize(1);
    assertThat(v.limits()).isEqualTo(AuditVerifier.Limits.defaults());
  }

  @Test
  void a_missing_directory_is_an_io_error() {
    // GIVEN / WHEN / THEN a directory that does not exist is not a tampered log
    assertThatThrownBy(() -> LogFixture.verifier().verify(tmp.resolve("nope")))
        .isInstanceOf(NoSuchFileException.class);
  }

  // ------------------------------------------------------------------------------------------ RFC 6962 vectors

  @Test
  void the_rfc6962_leaves_give_the_published_roots() throws Exception {
    JsonNode vectors = new JsonMapper().readTree(
        TestFiles.shared().resolve("vectors/merkle/rfc6962-basics.json").toFile());
    HexFormat hex = HexFormat.of();
    List<byte[]> leaves = new ArrayList<>();
    vectors.get("leaves_hex").forEach(n -> leaves.add(hex.parseHex(n.asText())));
    JsonNode leafHashes = vectors.get("node_hashes_by_level").get(0);
    for (int n = 0; n <= leaves.size(); n++) {
      // GIVEN a log whose first n records are the vector leaves, then a checkpoint for size n, with tiles/0 taken
      // from the published leaf hashes
      final int size = n;
      Log log = LogFixture.builder().events(n).checkpointEvery(0).payloads(i -> leaves.get((int) i))
          .rollBytes(120).write(newDir());
      byte[] published = new byte[32 * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(hex.parseHex(leafHashes.get(i).asText()), 0, published, 32 * i, 32);
      }
      Files.write(log.tileFile(0), published);

      // WHEN it is verified
      AuditVerification v = LogFixture.verifier().verify(log.dir);

      // THEN the verified root is the published root for that size
      assertThat(v.checkpoint().treeSize()).isEqualTo(size);
      assertThat(v.checkpoint().rootHash().hex()).as("root of %d leaves", size)
          .isEqualTo(vectors.get("root_by_tree_size").get(size).asText());
    }
  }

  @Test
  void a_vector_leaf_changed_in_tiles_is_caught() throws Exception {
    // GIVEN the 8 vector leaves as records, with tiles/0 holding a wrong hash for leaf 3
    JsonNode vectors = new JsonMapper().readTree(
        TestFiles.shared().resolve("vectors/merkle/rfc6962-basics.json").toFile());
    List<byte[]> leaves = new ArrayList<>();
    vectors.get("leaves_hex").forEach(n -> leaves.add(HexFormat.of().parseHex(n.asText())));
    Log log = LogFixture.builder().events(8).checkpointEvery(0).payloads(i -> leaves.get((int) i)).write(newDir());
    log.writeTileHash(0, 3, HexFormat.of().parseHex(vectors.get("node_hashes_by_level").get(0).get(4).asText()));

    // WHEN / THEN record 3 does not hash to it
    assertAt(tamper(log), Reason.TILE_MISMATCH, log.rec(3));
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private static byte[] rootOf(Log log, long size) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < size; i++) {
      t.appendEntry(log.rec(i).payload());
    }
    return t.root().bytes();
  }
}
