package dev.modelgov.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.ErasureEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuditRecords}: the records and leaf hashes other logs share with {@link DurableAuditLog}. */
class AuditRecordsTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;

  private static List<AuditEvent> events() {
    return List.of(
        CustomEvent.builder("test.started").timestamp(TS).attribute("n", 1).build(),
        CustomEvent.builder("test.nested").timestamp(TS.plusSeconds(1))
            .attribute("list", List.of("a", 2, true)).attribute("text", "gr\u00fc\u00dfe \uD83D\uDE00").build(),
        ErasureEvent.builder().timestamp(TS.plusSeconds(2)).subjectPseudonym("hmac-sha256:" + "ab".repeat(32))
            .reason("GDPR Art. 17 request 7").build(),
        CustomEvent.builder("test.traced").timestamp(TS.plusSeconds(3))
            .trace("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331").build());
  }

  private static Digest independentLeafHash(byte[] record) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 0);
    return Digest.sha256(sha.digest(record));
  }

  @Test
  void leaf_hash_of_the_encoded_event_equals_the_durable_logs_receipt() throws Exception {
    // GIVEN a durable log without a signer (so no checkpoint records take indexes)
    List<AuditEvent> events = events();
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = DurableAuditLog.builder(tmp.resolve("log")).open()) {
      // WHEN the same events are appended
      for (AuditEvent e : events) {
        receipts.add(log.append(e));
      }
      // THEN each receipt's leaf hash is AuditRecords.leafHash(AuditRecords.encode(e)), and so is the tree's
      for (int i = 0; i < events.size(); i++) {
        Digest expected = AuditRecords.leafHash(AuditRecords.encode(events.get(i), null));
        assertThat(receipts.get(i).leafHash()).as("event %s", i).isEqualTo(expected);
        assertThat(log.leafHash(receipts.get(i).index())).isEqualTo(expected);
      }
    }
  }

  @Test
  void encoded_bytes_are_the_bytes_the_durable_log_stores() throws Exception {
    // GIVEN an event without personal data appended to a durable log
    AuditEvent event = events().get(1);
    Optional<AuditEntry> stored;
    try (DurableAuditLog log = DurableAuditLog.builder(tmp.resolve("log")).open()) {
      long index = log.append(event).index();
      log.flush();
      stored = log.entry(index);
    }
    // WHEN the event is encoded on its own
    byte[] record = AuditRecords.encode(event, null);
    // THEN the bytes are identical
    assertThat(stored).isPresent();
    assertThat(stored.get().recordedBytes()).isEqualTo(record);
  }

  @Test
  void encoding_is_canonical_json_with_sorted_members() {
    // GIVEN an event with attributes
    AuditEvent event = CustomEvent.builder("test.kat").timestamp(TS).attribute("b", 2).attribute("a", "x").build();
    // WHEN
    String json = new String(AuditRecords.encode(event, null), StandardCharsets.UTF_8);
    // THEN members are sorted and there is no whitespace
    assertThat(json).isEqualTo(
        "{\"attributes\":{\"a\":\"x\",\"b\":2},\"ts\":\"2026-03-01T12:00:00Z\",\"type\":\"test.kat\"}");
  }

  @Test
  void leaf_hash_is_sha256_of_a_zero_byte_and_the_record() throws Exception {
    for (byte[] record : List.of(new byte[0], "{}".getBytes(StandardCharsets.UTF_8),
        AuditRecords.encode(events().get(0), null))) {
      // WHEN / THEN
      assertThat(AuditRecords.leafHash(record)).isEqualTo(independentLeafHash(record));
    }
  }

  @Test
  void leaf_hash_differs_from_a_plain_sha256_of_the_record() throws Exception {
    // GIVEN a record
    byte[] record = AuditRecords.encode(events().get(0), null);
    // WHEN
    Digest leaf = AuditRecords.leafHash(record);
    // THEN the 0x00 prefix separates leaves from nodes
    assertThat(leaf).isNotEqualTo(Digest.sha256(MessageDigest.getInstance("SHA-256").digest(record)));
  }

  @Test
  void decode_reads_back_type_time_and_personal_data() {
    // GIVEN an event with a subject and personal data, encoded with ephemeral privacy keys
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    AuditEvent event = CustomEvent.builder("bank.loan_decision").timestamp(TS).subject("applicant-17")
        .personalData("name", "Jane Doe").attribute("approved", true).build();
    byte[] record = AuditRecords.encode(event, privacy);
    // WHEN
    AuditEntry entry = AuditRecords.decode(5, record, privacy);
    // THEN
    assertThat(entry.index()).isEqualTo(5);
    assertThat(entry.type()).isEqualTo("bank.loan_decision");
    assertThat(entry.timestamp()).isEqualTo(TS);
    assertThat(entry.subjectPseudonym()).contains(privacy.pseudonym("applicant-17"));
    assertThat(entry.personalData()).containsEntry("name", Optional.of("Jane Doe"));
    assertThat(entry.leafHash()).isEqualTo(AuditRecords.leafHash(record));
    assertThat(new String(record, StandardCharsets.UTF_8)).doesNotContain("Jane Doe").doesNotContain("applicant-17");
  }

  @Test
  void encode_rejects_a_subject_without_privacy_keys() {
    // GIVEN an event about a person
    AuditEvent event = CustomEvent.builder("test.person").timestamp(TS).subject("applicant-17").build();
    // WHEN / THEN
    assertThatThrownBy(() -> AuditRecords.encode(event, null))
        .isInstanceOfSatisfying(AuditLogException.class,
            e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED))
        .hasMessageContaining("privacy")
        .hasMessageNotContaining("applicant-17");
  }

  @Test
  void encode_rejects_a_record_larger_than_the_limit() {
    // GIVEN an event one mebibyte large
    AuditEvent event = DeploymentEvent.builder().timestamp(TS)
        .model(new dev.modelgov.api.ModelRef(new dev.modelgov.api.ModelId("risk", "credit"), "1.0.0",
            Digest.sha256(new byte[32])))
        .action(DeploymentEvent.Action.DEPLOYED)
        .attribute("pad", "x".repeat(AuditRecords.MAX_RECORD_BYTES)).build();
    // WHEN / THEN
    assertThatThrownBy(() -> AuditRecords.encode(event, null))
        .isInstanceOfSatisfying(AuditLogException.class,
            e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED));
  }

  @Test
  void decode_names_the_index_of_a_malformed_record() {
    // GIVEN bytes that are not a record
    byte[] junk = "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    // WHEN / THEN
    assertThatThrownBy(() -> AuditRecords.decode(9, junk, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audit entry 9")
        .hasMessageContaining("ts");
  }

  @Test
  void null_arguments_are_refused() {
    assertThatThrownBy(() -> AuditRecords.encode(null, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("event");
    assertThatThrownBy(() -> AuditRecords.leafHash(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("record");
    assertThatThrownBy(() -> AuditRecords.decode(0, null, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void erasing_a_subject_destroys_its_key_and_names_it_only_by_pseudonym() {
    // GIVEN a personal field encrypted for a subject
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String pseudonym = privacy.pseudonym("applicant-7");
    Instant at = Instant.parse("2026-06-01T12:00:00Z");
    String sealed = privacy.encryptField(pseudonym, "prediction", at, "name", "Jane Doe");

    // WHEN the subject is erased
    ErasureEvent event = AuditRecords.eraseSubject(privacy, "applicant-7", "GDPR Art. 17", at);

    // THEN the event carries the pseudonym, never the id, and the field no longer decrypts
    assertThat(event.subjectPseudonym()).isEqualTo(pseudonym);
    assertThat(event.timestamp()).isEqualTo(at);
    assertThat(event.toString()).doesNotContain("applicant-7");
    assertThat(privacy.isErased(pseudonym)).isTrue();
    assertThat(privacy.decryptField(pseudonym, "prediction", at, "name", sealed)).isEmpty();
  }
}
