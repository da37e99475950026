package dev.modelgov.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.core.audit.internal.event.EventCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading recorded entries back: parsing, leaf hashes, decryption, erasure and malformed input. */
class AuditEntryTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");
  private static final ModelRef MODEL =
      new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0", Digest.parse("sha256:" + "a".repeat(64)));
  private static final String MODEL_JSON = "\"model\":{\"id\":\"risk/credit-scoring\",\"manifestDigest\":\"sha256:"
      + "a".repeat(64) + "\",\"version\":\"2.4.0\"}";

  @TempDir Path dir;

  private AuditPrivacy privacy() {
    byte[] pk = new byte[32];
    byte[] kek = new byte[32];
    for (int i = 0; i < 32; i++) {
      pk[i] = (byte) i;
      kek[i] = (byte) (0xa0 + i);
    }
    return AuditPrivacy.builder().pseudonymKey(pk).keyEncryptionKey(kek).keyStore(dir).build();
  }

  private static ApprovalEvent approval() {
    return ApprovalEvent.builder().timestamp(TS).model(MODEL).decision(ApprovalDecision.APPROVED)
        .approverRole("model-risk-officer").subject("employee-4711").personalData("name", "Jane Doe")
        .personalData("email", "jane@example.com").build();
  }

  @Test
  void an_encoded_event_parses_back_with_its_personal_data() {
    // GIVEN an approval recorded with privacy keys
    AuditPrivacy privacy = privacy();
    byte[] recorded = EventCodec.encode(approval(), privacy);
    String p = privacy.pseudonym("employee-4711");
    // WHEN
    AuditEntry entry = AuditEntry.parse(41, recorded, privacy);
    // THEN
    assertThat(entry.index()).isEqualTo(41);
    assertThat(entry.type()).isEqualTo("approval");
    assertThat(entry.timestamp()).isEqualTo(TS);
    assertThat(entry.leafHash()).isEqualTo(MerkleHashes.leafHash(recorded));
    assertThat(entry.recordedBytes()).isEqualTo(recorded);
    assertThat(entry.subjectPseudonym()).contains(p);
    assertThat(entry.personalData()).containsExactly(Map.entry("email", Optional.of("jane@example.com")),
        Map.entry("name", Optional.of("Jane Doe")));
    assertThat(entry.isErased()).isFalse();
    assertThat(entry.body().get("encrypted").get("name").textValue()).startsWith("aes256gcm:");
    assertThat(entry.toJson(false)).isEqualTo(new String(recorded, UTF_8));
    assertThat(entry.toJson(true)).isEqualTo("{\"approverRole\":\"model-risk-officer\",\"decision\":\"APPROVED\","
        + MODEL_JSON + ",\"personalData\":{\"email\":\"jane@example.com\",\"name\":\"Jane Doe\"},\"subject\":\"" + p
        + "\",\"ts\":\"2026-03-01T12:00:00Z\",\"type\":\"approval\"}");
  }

  @Test
  void after_erasure_the_fields_show_as_erased() throws Exception {
    // GIVEN a recorded approval whose subject is then erased
    AuditPrivacy privacy = privacy();
    byte[] recorded = EventCodec.encode(approval(), privacy);
    privacy.erase(privacy.pseudonym("employee-4711"));
    // WHEN
    AuditEntry entry = AuditEntry.parse(0, recorded, privacy);
    // THEN the entry still hashes the same, but its personal data is gone
    assertThat(entry.leafHash()).isEqualTo(MerkleHashes.leafHash(recorded));
    assertThat(entry.isErased()).isTrue();
    assertThat(entry.personalData()).containsExactly(Map.entry("email", Optional.empty()),
        Map.entry("name", Optional.empty()));
    assertThat(entry.toJson(true)).contains("\"personalData\":{\"email\":\"<erased>\",\"name\":\"<erased>\"}")
        .doesNotContain("encrypted");
  }

  @Test
  void an_event_recorded_after_the_subject_returned_is_not_erased() throws Exception {
    // GIVEN a subject erased and then named by a new event
    AuditPrivacy privacy = privacy();
    byte[] old = EventCodec.encode(approval(), privacy);
    privacy.erase(privacy.pseudonym("employee-4711"));
    byte[] fresh = EventCodec.encode(approval(), privacy);
    // WHEN
    AuditEntry oldEntry = AuditEntry.parse(0, old, privacy);
    AuditEntry freshEntry = AuditEntry.parse(1, fresh, privacy);
    // THEN
    assertThat(oldEntry.isErased()).isTrue();
    assertThat(freshEntry.isErased()).isFalse();
    assertThat(freshEntry.personalData().get("name")).contains("Jane Doe");
  }

  @Test
  void without_keys_the_fields_are_unavailable() {
    // GIVEN an entry read without privacy keys
    byte[] recorded = EventCodec.encode(approval(), privacy());
    // WHEN
    AuditEntry entry = AuditEntry.parse(3, recorded, null);
    // THEN
    assertThat(entry.personalData()).containsOnlyKeys("email", "name").allSatisfy((k, v) -> assertThat(v).isEmpty());
    assertThat(entry.isErased()).isFalse();
    assertThat(entry.toJson(true)).contains("\"personalData\":{\"email\":\"<unavailable>\",\"name\":\"<unavailable>\"}");
  }

  @Test
  void an_altered_ciphertext_is_reported_when_read() {
    // GIVEN an entry whose ciphertext was swapped between fields
    AuditPrivacy privacy = privacy();
    AuditEntry original = AuditEntry.parse(0, EventCodec.encode(approval(), privacy), privacy);
    ObjectNode body = (ObjectNode) original.body();
    ObjectNode enc = (ObjectNode) body.get("encrypted");
    JsonNode name = enc.get("name");
    enc.set("name", enc.get("email"));
    enc.set("email", name);
    // WHEN
    AuditEntry altered = AuditEntry.parse(0, body.toString().getBytes(UTF_8), privacy);
    // THEN
    assertThatThrownBy(altered::personalData).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failed authentication").hasMessageNotContaining("Jane");
  }

  @Test
  void body_and_bytes_are_copies() {
    // GIVEN
    byte[] recorded = EventCodec.encode(CustomEvent.builder("acme.x").timestamp(TS).attribute("a", 1).build(), null);
    AuditEntry entry = AuditEntry.parse(7, recorded, null);
    // WHEN the caller changes what it got
    ((ObjectNode) entry.body()).put("type", "forged");
    entry.recordedBytes()[0] = 'X';
    recorded[1] = 'X';
    // THEN the entry is unchanged
    assertThat(entry.body().get("type").textValue()).isEqualTo("acme.x");
    assertThat(entry.recordedBytes()[0]).isEqualTo((byte) '{');
    assertThat(entry.recordedBytes()[1]).isEqualTo((byte) '"');
    assertThat(entry.subjectPseudonym()).isEmpty();
    assertThat(entry.personalData()).isEmpty();
    assertThat(entry.toJson(true)).isEqualTo(entry.toJson(false));
  }

  @Test
  void internal_events_parse_too() {
    // GIVEN
    byte[] recorded = EventCodec.encodeInternal("audit.recovered", TS, Map.of("truncatedBytes", 17));
    // WHEN
    AuditEntry entry = AuditEntry.parse(9, recorded, null);
    // THEN
    assertThat(entry.type()).isEqualTo("audit.recovered");
    assertThat(entry.body().get("truncatedBytes").intValue()).isEqualTo(17);
    assertThat(entry).isEqualTo(AuditEntry.parse(9, recorded, privacy())).isNotEqualTo(AuditEntry.parse(8, recorded,
        null));
  }

  @Test
  void to_string_shows_no_personal_data() {
    // GIVEN
    AuditPrivacy privacy = privacy();
    AuditEntry entry = AuditEntry.parse(5, EventCodec.encode(approval(), privacy), privacy);
    // WHEN
    String s = entry.toString();
    // THEN
    assertThat(s).startsWith("AuditEntry[index=5, type=approval, ts=2026-03-01T12:00:00Z, leafHash=sha256:")
        .doesNotContain("Jane", "jane", "employee-4711", privacy.pseudonym("employee-4711"), "aes256gcm");
  }

  @Test
  void malformed_json_is_reported_with_its_byte_offset() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> AuditEntry.parse(12, "{\"type\":\"x\",\"ts\":".getBytes(UTF_8), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("audit entry 12 is malformed: ")
        .hasMessageContaining("byte offset");
    assertThatThrownBy(() -> AuditEntry.parse(12, "{\"type\":\"x\",\"type\":\"y\"}".getBytes(UTF_8), null))
        .hasMessageContaining("Duplicate field 'type'").hasMessageContaining("byte offset 18");
    assertThatThrownBy(() -> AuditEntry.parse(12, "{\"type\":\"x\"} {}".getBytes(UTF_8), null))
        .hasMessageContaining("byte offset");
    assertThatThrownBy(() -> AuditEntry.parse(12, new byte[0], null)).hasMessageContaining("empty");
  }

  @Test
  void structural_errors_name_the_field() {
    // GIVEN / WHEN / THEN
    String ts = "\"ts\":\"2026-03-01T12:00:00Z\"";
    assertThatThrownBy(() -> parse("[1]")).hasMessage("audit entry 0 is not a JSON object");
    assertThatThrownBy(() -> parse("{" + ts + "}")).hasMessage("audit entry 0: field type is missing or empty");
    assertThatThrownBy(() -> parse("{\"type\":7," + ts + "}")).hasMessage("audit entry 0: field type is not a string");
    assertThatThrownBy(() -> parse("{\"type\":\"x\"}")).hasMessage("audit entry 0: field ts is missing");
    assertThatThrownBy(() -> parse("{\"ts\":\"yesterday\",\"type\":\"x\"}"))
        .hasMessage("audit entry 0: field ts is not an ISO-8601 UTC instant");
    assertThatThrownBy(() -> parse("{\"subject\":\"customer-991\"," + ts + ",\"type\":\"x\"}"))
        .hasMessage("audit entry 0: field subject is not a pseudonym (hmac-sha256:<64 lower-case hex digits>)")
        .hasMessageNotContaining("customer-991");
    assertThatThrownBy(() -> parse("{\"encrypted\":{\"a\":\"aes256gcm:AA\"}," + ts + ",\"type\":\"x\"}"))
        .hasMessage("audit entry 0: field encrypted has no subject");
    String subject = "\"subject\":\"hmac-sha256:" + "0".repeat(64) + "\"";
    assertThatThrownBy(() -> parse("{\"encrypted\":{\"a\":1}," + subject + "," + ts + ",\"type\":\"x\"}"))
        .hasMessage("audit entry 0: field encrypted.a is not a string");
    assertThatThrownBy(() -> parse("{\"encrypted\":[]," + subject + "," + ts + ",\"type\":\"x\"}"))
        .hasMessage("audit entry 0: field encrypted is not an object");
    assertThatThrownBy(() -> AuditEntry.parse(-1, "{}".getBytes(UTF_8), null))
        .hasMessage("index must be >= 0, got -1");
  }

  private static AuditEntry parse(String json) {
    return AuditEntry.parse(0, json.getBytes(UTF_8), null);
  }
}
