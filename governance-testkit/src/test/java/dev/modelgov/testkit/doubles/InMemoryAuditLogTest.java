package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditRecords;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryAuditLogTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;

  private static AuditEvent event(long n) {
    return CustomEvent.builder("test.event").timestamp(TS.plusSeconds(n)).attribute("n", n).build();
  }

  private static InMemoryAuditLog logWith(int events) {
    InMemoryAuditLog log = InMemoryAuditLog.create();
    for (int i = 0; i < events; i++) {
      log.append(event(i));
    }
    return log;
  }

  @Test
  void same_events_give_the_same_leaf_hashes_and_root_as_the_durable_log() throws Exception {
    // GIVEN the same 13 events in an in-memory log and a durable log without a signer (no checkpoint records)
    InMemoryAuditLog memory = InMemoryAuditLog.create();
    List<AuditReceipt> memoryReceipts = new ArrayList<>();
    List<AuditReceipt> durableReceipts = new ArrayList<>();
    try (DurableAuditLog durable = DurableAuditLog.builder(tmp.resolve("log")).open()) {
      // WHEN
      for (int i = 0; i < 13; i++) {
        memoryReceipts.add(memory.append(event(i)));
        durableReceipts.add(durable.append(event(i)));
      }
      durable.flush();
      // THEN
      assertThat(memoryReceipts).containsExactlyElementsOf(durableReceipts);
      for (long size = 1; size <= 13; size++) {
        assertThat(memory.rootHash(size)).as("root of size %s", size).isEqualTo(durable.rootHash(size));
      }
      assertThat(memory.inclusionProof(5, 13)).isEqualTo(durable.inclusionProof(5, 13));
      assertThat(memory.consistencyProof(4, 13)).isEqualTo(durable.consistencyProof(4, 13));
    }
  }

  @Test
  void indices_are_dense_and_receipts_hash_the_canonical_record() {
    // GIVEN
    InMemoryAuditLog log = InMemoryAuditLog.create();
    // WHEN
    AuditReceipt a = log.append(event(1));
    AuditReceipt b = log.append(event(2));
    // THEN
    assertThat(a.index()).isZero();
    assertThat(b.index()).isEqualTo(1);
    assertThat(log.size()).isEqualTo(2);
    assertThat(a.leafHash()).isEqualTo(MerkleHashes.leafHash(AuditRecords.encode(event(1), null)));
    assertThat(log.leafHash(1)).isEqualTo(b.leafHash());
  }

  @Test
  void entries_are_decoded_in_index_order_and_filtered_by_type() {
    // GIVEN
    InMemoryAuditLog log = logWith(3);
    log.append(CustomEvent.builder("test.other").timestamp(TS).build());
    // WHEN
    List<AuditEntry> all = log.entries();
    // THEN
    assertThat(all).extracting(AuditEntry::index).containsExactly(0L, 1L, 2L, 3L);
    assertThat(all).extracting(AuditEntry::type).containsExactly("test.event", "test.event", "test.event",
        "test.other");
    assertThat(log.entriesOfType("test.other")).extracting(AuditEntry::index).containsExactly(3L);
    assertThat(log.entry(1)).map(e -> e.body().get("attributes").get("n").asLong()).contains(1L);
    assertThat(log.entry(4)).isEmpty();
    assertThat(log.entry(-1)).isEmpty();
  }

  @Test
  void checkpoint_is_a_signed_note_over_the_current_tree() throws Exception {
    // GIVEN
    InMemoryAuditLog log = logWith(5);
    // WHEN
    Checkpoint cp = log.checkpointNow();
    // THEN
    assertThat(cp.origin()).isEqualTo(InMemoryAuditLog.DEFAULT_ORIGIN);
    assertThat(cp.treeSize()).isEqualTo(5);
    assertThat(cp.rootHash()).isEqualTo(log.rootHash(5));
    SignedNote note = SignedNote.open(log.latestCheckpointNote(), List.of(log.verifier()));
    assertThat(note.checkpoint()).isEqualTo(cp);
    assertThat(log.checkpointNow()).as("nothing new: the same checkpoint").isEqualTo(cp);
    assertThat(log.checkpointNotes()).hasSize(1);
  }

  @Test
  void inclusion_and_consistency_proofs_verify_against_checkpoints() throws Exception {
    // GIVEN two checkpoints
    InMemoryAuditLog log = logWith(3);
    Checkpoint first = log.checkpointNow();
    log.append(event(3));
    AuditReceipt r = log.append(event(4));
    Checkpoint second = log.checkpointNow();
    // WHEN / THEN (verify throws when a proof is wrong)
    log.inclusionProof(r.index(), second.treeSize()).verify(r.leafHash(), second.rootHash());
    log.consistencyProof(first.treeSize(), second.treeSize()).verify(first.rootHash(), second.rootHash());
    assertThat(second.treeSize()).isEqualTo(5);
  }

  @Test
  void verify_passes_on_an_intact_log() throws Exception {
    // GIVEN a log with three checkpoints
    InMemoryAuditLog log = logWith(2);
    log.checkpointNow();
    log.append(event(2));
    log.checkpointNow();
    log.append(event(3));
    log.checkpointNow();
    // WHEN
    InMemoryVerification ok = log.verify(log.verifier());
    // THEN
    assertThat(ok).isEqualTo(new InMemoryVerification(InMemoryAuditLog.DEFAULT_ORIGIN, 4, 3));
  }

  @Test
  void tampering_with_a_record_makes_verify_name_its_index() {
    // GIVEN a checkpointed log whose record 3 is rewritten
    InMemoryAuditLog log = logWith(6);
    log.checkpointNow();
    byte[] forged = AuditRecords.encode(event(99), null);
    log.tamperWithRecord(3, forged);
    // WHEN
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> log.verify(log.verifier()));
    // THEN
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AuditTamperException.Reason.RECORD_CORRUPT);
    assertThat(e.index()).isEqualTo(3);
    assertThat(e.getMessage()).contains("index 3");
    assertThat(log.entry(3)).map(AuditEntry::recordedBytes).hasValueSatisfying(b -> assertThat(b).isEqualTo(forged));
    assertThat(log.leafHash(3)).as("the recorded hash is unchanged").isNotEqualTo(AuditRecords.leafHash(forged));
  }

  @Test
  void dropping_a_record_makes_verify_name_the_gap() {
    // GIVEN a log whose record 2 is dropped
    InMemoryAuditLog log = logWith(5);
    log.checkpointNow();
    log.dropRecord(2);
    // WHEN
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> log.verify(log.verifier()));
    // THEN
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AuditTamperException.Reason.RECORD_MISSING);
    assertThat(e.index()).isEqualTo(2);
    assertThat(log.entries()).extracting(AuditEntry::index).containsExactly(0L, 1L, 3L, 4L);
    assertThat(log.entry(2)).isEmpty();
    assertThat(log.size()).as("later indices keep their place").isEqualTo(5);
  }

  @Test
  void tampering_after_the_latest_checkpoint_is_found_too() {
    // GIVEN a record appended after the last checkpoint, then altered
    InMemoryAuditLog log = logWith(2);
    log.checkpointNow();
    log.append(event(2));
    log.tamperWithRecord(2, "{}".getBytes(StandardCharsets.UTF_8));
    // WHEN
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> log.verify(log.verifier()));
    // THEN
    assertThat(e).isNotNull();
    assertThat(e.index()).isEqualTo(2);
  }

  @Test
  void verify_with_an_untrusted_key_fails_on_the_checkpoint_signature() {
    // GIVEN
    InMemoryAuditLog log = logWith(2);
    log.checkpointNow();
    NoteVerifier stranger = NoteSigner.ed25519(InMemoryAuditLog.DEFAULT_ORIGIN,
        SigningKey.generate(SignatureAlgorithm.ED25519)).verifier();
    // WHEN
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> log.verify(stranger));
    // THEN
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AuditTamperException.Reason.CHECKPOINT_SIGNATURE);
  }

  @Test
  void verify_without_any_checkpoint_fails_closed() {
    // GIVEN records that no checkpoint covers
    InMemoryAuditLog log = logWith(2);
    // WHEN
    AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> log.verify(log.verifier()));
    // THEN
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(AuditTamperException.Reason.CHECKPOINT_MISSING);
    assertThat(e.getMessage()).contains("checkpointNow()");
  }

  @Test
  void verify_needs_a_trusted_key() {
    InMemoryAuditLog log = logWith(1);
    assertThatThrownBy(log::verify).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted");
  }

  @Test
  void close_signs_a_final_checkpoint_and_refuses_appends() throws Exception {
    // GIVEN
    InMemoryAuditLog log = logWith(3);
    // WHEN
    log.close();
    // THEN
    assertThat(log.isClosed()).isTrue();
    assertThat(Checkpoint.parse(SignedNote.open(log.latestCheckpointNote(), List.of(log.verifier())).text())
        .treeSize()).isEqualTo(3);
    assertThatThrownBy(() -> log.append(event(3)))
        .isInstanceOfSatisfying(AuditLogException.class,
            e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
    assertThatThrownBy(log::flush).isInstanceOf(AuditLogException.class);
    assertThat(log.verify(log.verifier()).treeSize()).isEqualTo(3);
  }

  @Test
  void erase_subject_pseudonymises_destroys_the_key_and_records_an_erasure() throws Exception {
    // GIVEN an event with personal data
    TestClock clock = TestClock.at(TS);
    InMemoryAuditLog log = InMemoryAuditLog.builder().clock(clock).build();
    log.append(CustomEvent.builder("bank.loan_decision").timestamp(TS).subject("applicant-17")
        .personalData("name", "Jane Doe").build());
    assertThat(log.entry(0).orElseThrow().personalData()).containsEntry("name", Optional.of("Jane Doe"));
    // WHEN
    clock.advance(java.time.Duration.ofMinutes(5));
    AuditReceipt r = log.eraseSubject("applicant-17", "GDPR Art. 17 request 9");
    // THEN
    AuditEntry before = log.entry(0).orElseThrow();
    assertThat(before.personalData()).containsEntry("name", Optional.empty());
    assertThat(before.toJson(true)).contains(AuditEntry.ERASED).doesNotContain("Jane Doe");
    AuditEntry erasure = log.entry(r.index()).orElseThrow();
    assertThat(erasure.type()).isEqualTo(ErasureEvent.TYPE);
    assertThat(erasure.timestamp()).isEqualTo(TS.plusSeconds(300));
    assertThat(erasure.toJson(false)).contains(before.subjectPseudonym().orElseThrow()).doesNotContain("applicant-17");
    log.checkpointNow();
    assertThat(log.verify(log.verifier()).treeSize()).as("erasure keeps the log verifiable").isEqualTo(2);
  }

  @Test
  void durability_is_the_weakest_mode() {
    assertThat(InMemoryAuditLog.create().durability()).isEqualTo(Durability.ASYNC);
  }

  @Test
  void to_string_names_origin_and_size_but_no_personal_data() {
    // GIVEN
    InMemoryAuditLog log = InMemoryAuditLog.builder().origin("bank.example/test/audit").build();
    log.append(CustomEvent.builder("x.person").timestamp(TS).subject("applicant-17").personalData("name", "Jane Doe")
        .build());
    // WHEN
    String text = log.toString();
    // THEN
    assertThat(text).contains("bank.example/test/audit").contains("size=1").doesNotContain("Jane Doe")
        .doesNotContain("applicant-17");
  }

  @Test
  void builder_uses_the_given_signer_and_privacy() throws Exception {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("audit");
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    InMemoryAuditLog log = InMemoryAuditLog.builder().origin("bank.example/a").signer(keys.noteSigner("audit",
        "bank.example/a")).privacy(privacy).build();
    log.append(CustomEvent.builder("x.person").timestamp(TS).subject("s-1").build());
    log.checkpointNow();
    // WHEN / THEN
    assertThat(log.verify(keys.noteVerifier("audit", "bank.example/a")).checkpointsVerified()).isEqualTo(1);
    assertThat(log.entry(0).orElseThrow().subjectPseudonym()).contains(privacy.pseudonym("s-1"));
  }

  @Test
  void builder_names_a_bad_origin() {
    assertThatThrownBy(() -> InMemoryAuditLog.builder().origin("has space").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("origin");
    assertThatThrownBy(() -> InMemoryAuditLog.builder().origin("a+b").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("origin");
  }

  @Test
  void damage_helpers_refuse_unknown_indices() {
    InMemoryAuditLog log = logWith(2);
    assertThatThrownBy(() -> log.dropRecord(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 2)");
    log.dropRecord(1);
    assertThatThrownBy(() -> log.tamperWithRecord(1, new byte[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropped");
  }

  @Test
  void proofs_refuse_sizes_beyond_the_log() {
    InMemoryAuditLog log = logWith(2);
    assertThatThrownBy(() -> log.inclusionProof(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.consistencyProof(0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.rootHash(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.leafHash(2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.rootHash(0)).isEqualTo(MerkleHashes.emptyRoot());
    assertThat(log.rootHash(2)).isNotEqualTo(Digest.sha256(new byte[32]));
  }

  @Test
  void latest_checkpoint_note_before_any_checkpoint_says_what_to_do() {
    assertThatThrownBy(() -> InMemoryAuditLog.create().latestCheckpointNote())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpointNow()");
  }
}
