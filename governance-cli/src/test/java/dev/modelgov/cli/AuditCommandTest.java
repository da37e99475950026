package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance audit ...}: one nested class per command. */
class AuditCommandTest {

  static final String ORIGIN = "bank.example/test/audit";
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String MODEL = "{\"id\":\"risk/credit-scoring\",\"version\":\"2.4.0\",\"manifestDigest\":\"" + DIGEST
      + "\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  Path log;
  Path key;
  Path pub;

  @BeforeEach
  void keys() {
    log = tmp.resolve("audit");
    Path prefix = tmp.resolve("log");
    Cli.Result keygen = Cli.run("keygen", "--algorithm", "ed25519", "--out", prefix.toString());
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    key = tmp.resolve("log.key.pem");
    pub = tmp.resolve("log.pub.pem");
  }

  /** A prediction event line. */
  static String prediction(int i) {
    return "{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r" + i + "\",\"output\":{\"class\":"
        + "\"approve\",\"score\":0.87},\"latencyMs\":12,\"ts\":\"2026-03-01T12:00:00Z\"}";
  }

  Path events(String... lines) throws IOException {
    Path file = tmp.resolve("events-" + System.nanoTime() + ".jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  Cli.Result append(String... lines) throws IOException {
    return Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--origin", ORIGIN,
        "--events", events(lines).toString());
  }

  void appendOk(String... lines) throws IOException {
    Cli.Result result = append(lines);
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  List<JsonNode> jsonLines(String out) {
    return out.lines().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + l, e);
      }
    }).toList();
  }

  DurableAuditLog openLog() throws Exception {
    return DurableAuditLog.builder(log).signer(dev.modelgov.core.audit.NoteSigner.ed25519(ORIGIN,
        dev.modelgov.core.provenance.SigningKey.fromPkcs8Pem(Files.readString(key))))
        .privacy(AuditPrivacy.openOrCreate(log.resolve("privacy"))).checkpointEvery(1_000_000, Duration.ofHours(1))
        .open();
  }

  static Path segment(Path log) throws IOException {
    try (Stream<Path> files = Files.list(log.resolve("segments"))) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  /** The byte offsets of the first records of a segment: header 64 bytes, then len(4) crc(4) index(8) type etc. */
  static List<Long> recordOffsets(Path segment, int count) throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long pos = 64;
      for (int i = 0; i < count; i++) {
        offsets.add(pos);
        ByteBuffer len = ByteBuffer.allocate(4);
        ch.read(len, pos);
        pos += 20 + Integer.toUnsignedLong(len.flip().getInt());
      }
    }
    return offsets;
  }

  static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
      ch.write(b, offset);
    }
  }

  @Nested
  class Append {

    @Test
    void appends_events_from_a_jsonl_file_and_prints_one_receipt_per_event() throws Exception {
      // GIVEN three events and a blank line
      Path file = events(prediction(1), "",
          "{\"type\":\"policy.decision\",\"policy\":\"no-unapproved-models\",\"allowed\":false,"
              + "\"reasons\":[\"not approved\"],\"model\":" + MODEL + "}",
          "{\"type\":\"acme.feature_flag\",\"flag\":\"new-scorer\",\"attributes\":{\"enabled\":true}}");
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--origin",
          ORIGIN, "--events", file.toString());
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).isEmpty();
      List<JsonNode> receipts = jsonLines(result.out());
      assertThat(receipts).hasSize(3);
      try (DurableAuditLog opened = openLog()) {
        for (int i = 0; i < 3; i++) {
          AuditEntry entry = opened.entry(i).orElseThrow();
          assertThat(result.out().lines().toList().get(i))
              .isEqualTo("{\"index\":" + i + ",\"leafHash\":\"" + entry.leafHash() + "\"}");
        }
        assertThat(opened.entry(0).orElseThrow().body().get("latencyMs").asDouble()).isEqualTo(12.0);
        assertThat(opened.entry(1).orElseThrow().body().get("allowed").asBoolean()).isFalse();
        JsonNode custom = opened.entry(2).orElseThrow().body();
        assertThat(custom.get("type").asText()).isEqualTo("acme.feature_flag");
        assertThat(custom.get("attributes")).isEqualTo(JSON.readTree("{\"enabled\":true,\"flag\":\"new-scorer\"}"));
        assertThat(opened.origin()).isEqualTo(ORIGIN);
      }
    }

    @Test
    void one_event_can_be_given_on_the_command_line() throws Exception {
      // GIVEN no log yet, and no --origin
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--event",
          "{\"type\":\"key.rotation\",\"purpose\":\"checkpoints\",\"newKeyId\":\"k2\",\"previousKeyId\":\"k1\"}");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).matches("\\{\"index\":0,\"leafHash\":\"sha256:[0-9a-f]{64}\"}\n");
      assertThat(Files.readString(log.resolve("origin"))).isEqualTo(DurableAuditLog.DEFAULT_ORIGIN);
    }

    @Test
    void a_new_log_without_a_key_is_created_with_a_warning() {
      // GIVEN no log yet
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--event", "{\"type\":\"acme.x\"}");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).isEqualTo("warning: " + log + ": a new log without --key: its checkpoints are "
          + "unsigned, so 'governance audit verify' cannot vouch for it\n");
      assertThat(jsonLines(result.out())).hasSize(1);
    }

    @Test
    void a_bad_event_option_is_named_in_one_clean_line() {
      // GIVEN an event cut short
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--event", "{\"type\":\"prediction\"");
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo("--event: invalid JSON: Unexpected end-of-input: expected close marker for "
          + "Object (column 21)\n");
      assertThat(log).doesNotExist();
    }

    @Test
    void every_built_in_type_maps_to_its_typed_event() throws Exception {
      // GIVEN
      String trace = "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"";
      // WHEN
      Cli.Result result = append(
          "{\"type\":\"deployment\",\"model\":" + MODEL + ",\"action\":\"rolled-back\",\"environment\":\"prod\","
              + "\"replicas\":3,\"image\":\"registry.example/scoring@" + DIGEST + "\"}",
          "{\"type\":\"approval\",\"model\":" + MODEL + ",\"decision\":\"approved\",\"approverRole\":\"mro\","
              + "\"comment\":\"ok\"," + trace + "}",
          "{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r1\",\"inputDigest\":\"" + DIGEST
              + "\",\"input\":[1,2.5,{\"a\":null}],\"ts\":\"2026-03-01T12:00:00.123Z\"}");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      try (DurableAuditLog opened = openLog()) {
        JsonNode deployment = opened.entry(0).orElseThrow().body();
        assertThat(deployment.get("action").asText()).isEqualTo("ROLLED_BACK");
        assertThat(deployment.get("replicas").asInt()).isEqualTo(3);
        assertThat(deployment.get("image").asText()).isEqualTo("registry.example/scoring@" + DIGEST);
        JsonNode approval = opened.entry(1).orElseThrow().body();
        assertThat(approval.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(approval.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        AuditEntry prediction = opened.entry(2).orElseThrow();
        assertThat(prediction.timestamp()).hasToString("2026-03-01T12:00:00.123Z");
        assertThat(prediction.body().get("input")).hasToString("[1,2.5,{\"a\":null}]");
      }
    }

    @Test
    void subjects_are_stored_as_pseudonyms_and_personal_data_encrypted_with_keys_under_the_log() throws Exception {
      // GIVEN an event about a person
      // WHEN
      Cli.Result result = append("{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r1\","
          + "\"subject\":\"customer-4711\",\"personalData\":{\"name\":\"Jane Doe\"}}");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(log.resolve("privacy").resolve(AuditPrivacy.KEK_FILE)).exists();
      String stored = new String(Files.readAllBytes(segment(log)), StandardCharsets.UTF_8);
      assertThat(stored).doesNotContain("customer-4711", "Jane Doe");
      try (DurableAuditLog opened = openLog()) {
        assertThat(opened.entry(0).orElseThrow().personalData()).containsEntry("name",
            java.util.Optional.of("Jane Doe"));
      }
    }

    @Test
    void a_malformed_line_fails_with_its_line_number_after_the_lines_before_it_were_appended() throws Exception {
      // GIVEN line 3 is cut short
      Path file = events(prediction(1), prediction(2), "{\"type\":\"prediction\",", prediction(4));
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--origin",
          ORIGIN, "--events", file.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).startsWith(file + ":3: invalid JSON: ").endsWith("\n");
      assertThat(result.err().lines()).hasSize(1);
      assertNoStackTrace(result.err());
      assertThat(jsonLines(result.out())).extracting(r -> r.get("index").asInt()).containsExactly(0, 1);
      try (DurableAuditLog opened = openLog()) {
        assertThat(opened.entry(1).orElseThrow().body().get("requestId").asText()).isEqualTo("r2");
        // the two events and the checkpoint that closing the log issued
        assertThat(opened.size()).isEqualTo(3);
      }
    }

    @Test
    void an_unknown_type_names_the_field_and_the_types() throws Exception {
      // GIVEN a type that is neither built in nor namespaced
      Path file = events("{\"type\":\"frobnicate\"}");
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--events", file.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo(file + ":1: type: unknown type 'frobnicate'; use prediction, deployment, "
          + "policy.decision, approval, key.rotation, or a namespaced custom type such as acme.feature_flag\n");
      assertThat(log).as("a bad first line leaves no new log behind").doesNotExist();
    }

    @Test
    void a_duplicate_key_is_refused_with_its_path() throws Exception {
      // GIVEN line 2 repeats a key of its model
      Path file = events(prediction(1), "{\"type\":\"prediction\",\"model\":{\"id\":\"a/b\",\"id\":\"c/d\"}}");
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--events", file.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).endsWith("\n" + file + ":2: model.id: duplicate key\n");
      assertThat(jsonLines(result.out())).hasSize(1);
    }

    @Test
    void unknown_and_missing_fields_of_typed_events_are_named() throws Exception {
      // GIVEN
      Path unknown = events("{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r\",\"colour\":1}");
      Path missing = events("{\"type\":\"prediction\",\"model\":" + MODEL + "}");
      Path badDigest = events("{\"type\":\"prediction\",\"requestId\":\"r\",\"model\":{\"id\":\"a/b\","
          + "\"version\":\"1\",\"manifestDigest\":\"md5:x\"}}");
      Path badTrace = events("{\"type\":\"acme.x\",\"traceId\":\"abc\",\"spanId\":\"00f067aa0ba902b7\"}");
      Path erasure = events("{\"type\":\"subject.erased\"}");
      // WHEN
      Cli.Result r1 = Cli.run("audit", "append", "--log", log.toString(), "--events", unknown.toString());
      Cli.Result r2 = Cli.run("audit", "append", "--log", log.toString(), "--events", missing.toString());
      Cli.Result r3 = Cli.run("audit", "append", "--log", log.toString(), "--events", badDigest.toString());
      Cli.Result r4 = Cli.run("audit", "append", "--log", log.toString(), "--events", badTrace.toString());
      Cli.Result r5 = Cli.run("audit", "append", "--log", log.toString(), "--events", erasure.toString());
      // THEN
      assertThat(r1.err()).isEqualTo(unknown + ":1: colour: unknown field for a prediction event\n");
      assertThat(r2.err()).isEqualTo(missing + ":1: requestId: is required\n");
      assertThat(r3.err()).startsWith(badDigest + ":1: model.manifestDigest: ");
      assertThat(r4.err()).isEqualTo(badTrace + ":1: traceId: must be 32 lower-case hex digits\n");
      assertThat(r5.err()).startsWith(erasure + ":1: type: subject.erased events are recorded by");
      assertThat(List.of(r1, r2, r3, r4, r5)).allSatisfy(r -> {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertNoStackTrace(r.err());
      });
    }

    @Test
    void too_deep_nesting_is_refused() throws Exception {
      // GIVEN attributes nested deeper than the limit
      String deep = "[".repeat(40) + "]".repeat(40);
      Path file = events("{\"type\":\"acme.x\",\"attributes\":{\"a\":" + deep + "}}");
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--events", file.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).startsWith(file + ":1: exceeds a limit: ");
      assertNoStackTrace(result.err());
    }

    @Test
    void a_missing_events_file_exits_2() {
      // GIVEN
      Path absent = tmp.resolve("absent.jsonl");
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--events", absent.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo(absent + ": no such file\n");
      assertThat(log).doesNotExist();
    }

    @Test
    void a_key_that_did_not_sign_the_log_is_refused() throws Exception {
      // GIVEN a log signed with one key, and another Ed25519 key and an ECDSA key
      appendOk(prediction(1));
      Cli.run("keygen", "-a", "ed25519", "-o", tmp.resolve("other").toString());
      Cli.run("keygen", "-a", "ecdsa-p256", "-o", tmp.resolve("ec").toString());
      Path file = events(prediction(2));
      // WHEN
      Cli.Result other = Cli.run("audit", "append", "--log", log.toString(), "--key",
          tmp.resolve("other.key.pem").toString(), "--events", file.toString());
      Cli.Result ecdsa = Cli.run("audit", "append", "--log", log.toString(), "--key",
          tmp.resolve("ec.key.pem").toString(), "--events", file.toString());
      Cli.Result none = Cli.run("audit", "append", "--log", log.toString(), "--events", file.toString());
      Cli.Result notAKey = Cli.run("audit", "append", "--log", log.toString(), "--key", pub.toString(), "--events",
          file.toString());
      // THEN
      assertThat(other.exitCode()).isEqualTo(2);
      assertThat(other.err()).startsWith(tmp.resolve("other.key.pem") + ": is not the key that signed the log's "
          + "checkpoints");
      assertThat(ecdsa.exitCode()).isEqualTo(2);
      assertThat(ecdsa.err()).isEqualTo(tmp.resolve("ec.key.pem") + ": is an ECDSA_P256_SHA256 key; audit "
          + "checkpoints are signed with Ed25519 (governance keygen --algorithm ed25519)\n");
      assertThat(none.exitCode()).isEqualTo(2);
      assertThat(none.err()).contains("the log's checkpoints are signed; give its key with --key");
      assertThat(notAKey.exitCode()).isEqualTo(2);
      assertThat(notAKey.err()).startsWith(pub + ": not a PKCS#8 PEM private key");
      assertThat(List.of(other, ecdsa, none, notAKey)).allSatisfy(r -> assertNoStackTrace(r.err()));
      try (DurableAuditLog opened = openLog()) {
        assertThat(opened.size()).as("nothing appended").isEqualTo(2);
      }
    }

    @Test
    void a_log_locked_by_another_writer_exits_2_with_a_clear_line() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      try (DurableAuditLog opened = openLog()) {
        // WHEN
        Cli.Result result = append(prediction(2));
        // THEN
        assertThat(opened.size()).isEqualTo(2);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(log + " is open by another writer (.lock is locked)\n");
      }
    }

    @Test
    void every_durability_mode_is_accepted_and_an_unknown_one_is_a_usage_error() throws Exception {
      // GIVEN
      Path file = events(prediction(1), prediction(2));
      // WHEN
      Cli.Result async = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--mode",
          "ASYNC", "--events", file.toString());
      Cli.Result batched = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--mode",
          "batched", "--events", file.toString());
      Cli.Result bogus = Cli.run("audit", "append", "--log", log.toString(), "--mode", "eventually", "--events",
          file.toString());
      // THEN
      assertThat(async.exitCode()).as(async.err()).isZero();
      assertThat(jsonLines(async.out())).extracting(r -> r.get("index").asInt()).containsExactly(0, 1);
      assertThat(batched.exitCode()).as(batched.err()).isZero();
      assertThat(jsonLines(batched.out())).extracting(r -> r.get("index").asInt()).containsExactly(3, 4);
      assertThat(bogus.exitCode()).isEqualTo(2);
      assertThat(bogus.err()).contains("unknown mode; use sync, batched, async", GovernanceCli.TRY_HELP);
    }

    @Test
    void event_and_events_exclude_each_other_and_one_is_required() throws Exception {
      // GIVEN both inputs, or none
      // WHEN
      Cli.Result both = Cli.run("audit", "append", "--log", log.toString(), "--event", prediction(1), "--events",
          events(prediction(2)).toString());
      Cli.Result neither = Cli.run("audit", "append", "--log", log.toString());
      // THEN
      assertThat(both.exitCode()).isEqualTo(2);
      assertThat(both.err()).contains("mutually exclusive");
      assertThat(neither.exitCode()).isEqualTo(2);
      assertThat(neither.err()).contains("Missing required argument");
    }

    @Test
    void another_origin_for_an_existing_log_is_refused() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      // WHEN
      Cli.Result result = Cli.run("audit", "append", "--log", log.toString(), "--key", key.toString(), "--origin",
          "other.example/audit", "--event", prediction(2));
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo(log + ": is the log of origin " + ORIGIN + ", not other.example/audit\n");
    }
  }

  @Nested
  class Verify {

    @Test
    void an_intact_log_exits_0_with_a_summary() throws Exception {
      // GIVEN
      appendOk(prediction(1), prediction(2), prediction(3));
      // WHEN
      Cli.Result result = Cli.run("audit", "verify", "--log", log.toString(), "--pub", pub.toString());
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).startsWith("verified " + ORIGIN + ": 4 records [0, 4), checkpoint at 3 (root sha256:")
          .endsWith(", 0 uncovered records, 0 torn tail bytes\n");
      assertThat(result.err()).isEmpty();
    }

    @Test
    void json_describes_the_verified_log() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      // WHEN
      Cli.Result result = Cli.run("--json", "audit", "verify", "--log", log.toString(), "--pub", pub.toString());
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode json = result.json();
      assertThat(json.get("verified").asBoolean()).isTrue();
      assertThat(json.get("origin").asText()).isEqualTo(ORIGIN);
      assertThat(json.get("treeSize").asLong()).isEqualTo(2);
      assertThat(json.get("checkpoint").get("treeSize").asLong()).isEqualTo(1);
      assertThat(json.get("checkpoint").get("rootHash").asText()).startsWith("sha256:");
      assertThat(json.get("closedCleanly").asBoolean()).isTrue();
    }

    @Test
    void a_flipped_byte_in_a_record_exits_1_with_index_segment_and_offset() throws Exception {
      // GIVEN record 1's payload altered
      appendOk(prediction(1), prediction(2), prediction(3));
      Path segment = segment(log);
      long offset = recordOffsets(segment, 3).get(1);
      flipByte(segment, offset + 20 + 10);
      // WHEN
      Cli.Result result = Cli.run("audit", "verify", "--log", log.toString(), "--pub", pub.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).isEqualTo("tampered: RECORD_CORRUPT at index 1, segment " + segment.getFileName()
          + ", offset " + offset + ": record CRC mismatch\n");
    }

    @Test
    void json_reports_the_tampering_too() throws Exception {
      // GIVEN
      appendOk(prediction(1), prediction(2));
      Path segment = segment(log);
      long offset = recordOffsets(segment, 2).get(0);
      flipByte(segment, offset + 30);
      // WHEN
      Cli.Result result = Cli.run("audit", "verify", "--json", "--log", log.toString(), "--pub", pub.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(1);
      JsonNode json = result.json();
      assertThat(json.get("verified").asBoolean()).isFalse();
      assertThat(json.get("reason").asText()).isEqualTo("RECORD_CORRUPT");
      assertThat(json.get("index").asLong()).isZero();
      assertThat(json.get("segment").asText()).isEqualTo(segment.getFileName().toString());
      assertThat(json.get("offset").asLong()).isEqualTo(offset);
      assertThat(result.err()).startsWith("tampered: RECORD_CORRUPT at index 0");
    }

    @Test
    void another_key_exits_1() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      Cli.run("keygen", "-a", "ed25519", "-o", tmp.resolve("other").toString());
      // WHEN
      Cli.Result result = Cli.run("audit", "verify", "--log", log.toString(), "--pub",
          tmp.resolve("other.pub.pem").toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).startsWith("tampered: CHECKPOINT_SIGNATURE at index -, segment checkpoint, offset -: ");
    }

    @Test
    void unusable_inputs_exit_2() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      Cli.run("keygen", "-a", "ecdsa-p256", "-o", tmp.resolve("ec").toString());
      Path empty = Files.createDirectory(tmp.resolve("empty"));
      // WHEN
      Cli.Result missingDir = Cli.run("audit", "verify", "--log", tmp.resolve("nope").toString(), "--pub",
          pub.toString());
      Cli.Result notALog = Cli.run("audit", "verify", "--log", empty.toString(), "--pub", pub.toString());
      Cli.Result ecdsa = Cli.run("audit", "verify", "--log", log.toString(), "--pub",
          tmp.resolve("ec.pub.pem").toString());
      Cli.Result missingKey = Cli.run("audit", "verify", "--log", log.toString(), "--pub",
          tmp.resolve("absent.pem").toString());
      // THEN
      assertThat(missingDir.err()).isEqualTo(tmp.resolve("nope") + ": no such directory\n");
      assertThat(notALog.err()).isEqualTo(empty + ": not an audit log (no origin file)\n");
      assertThat(ecdsa.err()).startsWith(tmp.resolve("ec.pub.pem") + ": not an Ed25519 public key");
      assertThat(missingKey.err()).isEqualTo(tmp.resolve("absent.pem") + ": no such file\n");
      assertThat(List.of(missingDir, notALog, ecdsa, missingKey)).allSatisfy(r -> {
        assertThat(r.exitCode()).isEqualTo(2);
        assertNoStackTrace(r.err());
      });
    }

    @Test
    void a_missing_origin_file_of_a_log_is_tampering() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      Files.delete(log.resolve("origin"));
      // WHEN
      Cli.Result result = Cli.run("audit", "verify", "--log", log.toString(), "--pub", pub.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).startsWith("tampered: ORIGIN_MISMATCH");
    }

    @Test
    void a_log_left_open_verifies_with_a_warning_about_uncovered_records() throws Exception {
      // GIVEN a writer that appended after its last checkpoint and is still running
      appendOk(prediction(1));
      try (DurableAuditLog opened = openLog()) {
        opened.append(CustomEvent.builder("acme.x").build());
        // WHEN
        Cli.Result result = Cli.run("audit", "verify", "--log", log.toString(), "--pub", pub.toString());
        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).startsWith("warning: " + log + ": 1 records after the latest checkpoint");
      }
    }
  }

  @Nested
  class Prove {

    @Test
    void prints_an_inclusion_proof_against_the_latest_checkpoint_with_its_note() throws Exception {
      // GIVEN 10 events and the closing checkpoint at size 10
      String[] lines = new String[10];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = prediction(i);
      }
      Cli.Result appended = append(lines);
      JsonNode receipt = jsonLines(appended.out()).get(6);
      // WHEN
      Cli.Result result = Cli.run("audit", "prove", "--log", log.toString(), "--pub", pub.toString(), "--index",
          "6");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode json = result.json();
      assertThat(json.get("index").asLong()).isEqualTo(6);
      assertThat(json.get("treeSize").asLong()).isEqualTo(10);
      assertThat(json.get("leafHash").asText()).isEqualTo(receipt.get("leafHash").asText());
      String note = json.get("checkpoint").asText();
      Checkpoint cp = SignedNote.open(note, List.of(verifier())).checkpoint();
      assertThat(cp.treeSize()).isEqualTo(10);
      assertThat(json.get("rootHash").asText()).isEqualTo(cp.rootHash().toString());
      List<Digest> path = new ArrayList<>();
      json.get("path").forEach(p -> path.add(Digest.parse(p.asText())));
      new InclusionProof(6, 10, path).verify(Digest.parse(json.get("leafHash").asText()), cp.rootHash());
    }

    @Test
    void a_smaller_size_proves_against_that_root_without_a_note() throws Exception {
      // GIVEN
      appendOk(prediction(1), prediction(2), prediction(3), prediction(4));
      // WHEN
      Cli.Result result = Cli.run("audit", "prove", "--log", log.toString(), "--pub", pub.toString(), "--index",
          "1", "--size", "3");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode json = result.json();
      assertThat(json.has("checkpoint")).isFalse();
      try (DurableAuditLog opened = openLog()) {
        assertThat(json.get("rootHash").asText()).isEqualTo(opened.rootHash(3).toString());
      }
    }

    @Test
    void a_checkpoint_record_is_proved_by_the_hash_of_its_note() throws Exception {
      // GIVEN a first checkpoint record at index 1, then more events
      appendOk(prediction(1));
      String firstNote = Files.readString(log.resolve("checkpoint"));
      appendOk(prediction(2));
      // WHEN
      Cli.Result result = Cli.run("audit", "prove", "--log", log.toString(), "--pub", pub.toString(), "--index",
          "1");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.json().get("leafHash").asText()).isEqualTo(
          dev.modelgov.core.audit.MerkleHashes.leafHash(firstNote.getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void an_index_or_size_out_of_range_exits_2() throws Exception {
      // GIVEN
      appendOk(prediction(1), prediction(2));
      // WHEN
      Cli.Result index = Cli.run("audit", "prove", "--log", log.toString(), "--pub", pub.toString(), "--index",
          "2");
      Cli.Result size = Cli.run("audit", "prove", "--log", log.toString(), "--pub", pub.toString(), "--index",
          "0", "--size", "99");
      Cli.Result noLog = Cli.run("audit", "prove", "--log", tmp.resolve("nope").toString(), "--index", "0");
      // THEN
      assertThat(index.err()).isEqualTo("--index must be in [0, 2), below the tree size, was 2\n");
      assertThat(size.err()).isEqualTo("--size must be in [1, 2] (the latest checkpoint), was 99\n");
      assertThat(noLog.err()).isEqualTo(tmp.resolve("nope") + ": no such directory\n");
      assertThat(List.of(index, size, noLog)).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(2));
      assertThat(tmp.resolve("nope")).doesNotExist();
    }

    @Test
    void proves_without_the_signing_key_next_to_a_running_writer_and_refuses_an_untrusted_checkpoint()
        throws Exception {
      // GIVEN a log with a checkpoint, held open by a writer
      appendOk(prediction(1), prediction(2));
      try (DurableAuditLog opened = openLog()) {
        // WHEN proofs are asked for without --pub, and with a key that did not sign the log
        Cli.Result unsigned = Cli.run("audit", "prove", "--log", log.toString(), "--index", "0");
        Path other = tmp.resolve("other");
        Cli.run("keygen", "--algorithm", "ed25519", "--out", other.toString());
        Cli.Result untrusted = Cli.run("audit", "prove", "--log", log.toString(), "--pub",
            tmp.resolve("other.pub.pem").toString(), "--index", "0");
        // THEN the first is served from the tiles, the second refused with exit 1
        assertThat(unsigned.exitCode()).as(unsigned.err()).isZero();
        assertThat(unsigned.json().get("treeSize").asLong()).isEqualTo(2);
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).contains("the checkpoint does not verify");
        assertThat(opened.isReadOnly()).isFalse();
      }
    }
  }

  @Nested
  class Consistency {

    @Test
    void prints_a_consistency_proof_that_verifies() throws Exception {
      // GIVEN checkpoints at sizes 2 and 5
      appendOk(prediction(1), prediction(2));
      appendOk(prediction(3), prediction(4));
      // WHEN
      Cli.Result result = Cli.run("audit", "consistency", "--log", log.toString(), "--pub", pub.toString(),
          "--from", "2");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode json = result.json();
      assertThat(json.get("size1").asLong()).isEqualTo(2);
      assertThat(json.get("size2").asLong()).isEqualTo(5);
      List<Digest> path = new ArrayList<>();
      json.get("path").forEach(p -> path.add(Digest.parse(p.asText())));
      new ConsistencyProof(2, 5, path).verify(Digest.parse(json.get("root1").asText()),
          Digest.parse(json.get("root2").asText()));
      Checkpoint latest = SignedNote.open(Files.readString(log.resolve("checkpoint")), List.of(verifier()))
          .checkpoint();
      assertThat(json.get("root2").asText()).isEqualTo(latest.rootHash().toString());
    }

    @Test
    void from_beyond_to_exits_2() throws Exception {
      // GIVEN
      appendOk(prediction(1), prediction(2));
      // WHEN
      Cli.Result result = Cli.run("audit", "consistency", "--log", log.toString(), "--pub", pub.toString(),
          "--from", "3", "--to", "2");
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo("--from must be in [1, 2], was 3\n");
    }
  }

  @Nested
  class CheckpointCommand {

    @Test
    void issues_a_signed_checkpoint_and_prints_its_note() throws Exception {
      // GIVEN a closed log of two events: its closing checkpoint covers them
      appendOk(prediction(1), prediction(2));
      // WHEN
      Cli.Result result = Cli.run("audit", "checkpoint", "--log", log.toString(), "--key", key.toString());
      Cli.Result json = Cli.run("audit", "checkpoint", "--json", "--log", log.toString(), "--key", key.toString());
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      Checkpoint cp = SignedNote.open(result.out(), List.of(verifier())).checkpoint();
      assertThat(cp.origin()).isEqualTo(ORIGIN);
      assertThat(cp.treeSize()).isEqualTo(2);
      assertThat(result.out()).isEqualTo(Files.readString(log.resolve("checkpoint")));
      assertThat(json.json().get("treeSize").asLong()).isEqualTo(2);
      assertThat(json.json().get("rootHash").asText()).isEqualTo(cp.rootHash().toString());
    }

    @Test
    void without_the_key_a_signed_log_is_left_alone() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      String before = Files.readString(log.resolve("checkpoint"));
      // WHEN
      Cli.Result result = Cli.run("audit", "checkpoint", "--log", log.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo(log + ": the log's checkpoints are signed; give its key with --key K.pem so "
          + "that the checkpoints this command issues are signed too\n");
      assertThat(log.resolve("checkpoint")).hasContent(before);
    }
  }

  @Nested
  class Erase {

    @Test
    void erases_a_subject_prints_the_receipt_and_the_log_still_verifies() throws Exception {
      // GIVEN
      appendOk("{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r1\","
          + "\"subject\":\"customer-4711\",\"personalData\":{\"name\":\"Jane Doe\"}}");
      // WHEN
      Cli.Result result = Cli.run("audit", "erase", "--log", log.toString(), "--key", key.toString(), "--subject",
          "customer-4711", "--reason", "GDPR Art. 17 request 2026-118");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode receipt = result.json();
      assertThat(receipt.get("index").asLong()).isEqualTo(2);
      try (DurableAuditLog opened = openLog()) {
        AuditEntry erasure = opened.entry(2).orElseThrow();
        assertThat(erasure.type()).isEqualTo("subject.erased");
        assertThat(erasure.leafHash().toString()).isEqualTo(receipt.get("leafHash").asText());
        assertThat(erasure.body().get("reason").asText()).isEqualTo("GDPR Art. 17 request 2026-118");
        assertThat(opened.entry(0).orElseThrow().personalData()).containsEntry("name", java.util.Optional.empty());
      }
      Cli.Result verify = Cli.run("audit", "verify", "--log", log.toString(), "--pub", pub.toString());
      assertThat(verify.exitCode()).as(verify.err()).isZero();
    }

    @Test
    void missing_privacy_keys_exit_2_without_creating_them() throws Exception {
      // GIVEN a log whose privacy keys are elsewhere
      appendOk(prediction(1));
      Path elsewhere = tmp.resolve("keys");
      Files.move(log.resolve("privacy"), elsewhere);
      // WHEN
      Cli.Result result = Cli.run("audit", "erase", "--log", log.toString(), "--key", key.toString(), "--subject",
          "customer-1");
      Cli.Result given = Cli.run("audit", "erase", "--log", log.toString(), "--key", key.toString(), "--subject",
          "customer-1", "--privacy", elsewhere.toString());
      // THEN
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).isEqualTo(log.resolve("privacy") + ": no such directory; the privacy keys of the log "
          + "are needed (give --privacy DIR)\n");
      assertThat(log.resolve("privacy")).doesNotExist();
      assertThat(given.exitCode()).as(given.err()).isZero();
    }
  }

  @Nested
  class Tail {

    @Test
    void prints_otel_lines_and_resumes_from_its_cursor() throws Exception {
      // GIVEN
      appendOk("{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r1\","
          + "\"subject\":\"customer-4711\",\"personalData\":{\"name\":\"Jane Doe\"}}", prediction(2));
      Path cursor = tmp.resolve("ship.cursor");
      // WHEN
      Cli.Result first = Cli.run("audit", "tail", "--log", log.toString(), "--format", "jsonl", "--cursor",
          cursor.toString(), "--resource", "service.name=scoring");
      appendOk(prediction(3));
      Cli.Result second = Cli.run("audit", "tail", "--log", log.toString(), "--cursor", cursor.toString());
      // THEN
      assertThat(first.exitCode()).as(first.err()).isZero();
      List<JsonNode> lines = jsonLines(first.out());
      assertThat(lines).extracting(l -> l.get("event_name").asText())
          .containsExactly("prediction", "prediction", "audit.checkpoint");
      assertThat(lines.get(0).get("resource")).isEqualTo(JSON.readTree("{\"service.name\":\"scoring\"}"));
      assertThat(lines.get(0).get("attributes").get("audit.origin").asText()).isEqualTo(ORIGIN);
      assertThat(first.out()).doesNotContain("customer-4711", "Jane Doe");
      assertThat(jsonLines(second.out())).extracting(l -> l.get("attributes").get("audit.seq").asLong())
          .containsExactly(3L, 4L);
    }

    @Test
    void decrypt_prints_personal_data() throws Exception {
      // GIVEN
      appendOk("{\"type\":\"prediction\",\"model\":" + MODEL + ",\"requestId\":\"r1\","
          + "\"subject\":\"customer-4711\",\"personalData\":{\"name\":\"Jane Doe\"}}");
      // WHEN
      Cli.Result result = Cli.run("audit", "tail", "--log", log.toString(), "--decrypt");
      // THEN
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(jsonLines(result.out()).get(0).get("body").get("personalData").get("name").asText())
          .isEqualTo("Jane Doe");
      assertThat(result.out()).doesNotContain("customer-4711");
    }

    @Test
    void follow_keeps_printing_new_records_until_interrupted() throws Exception {
      // GIVEN a running tail --follow
      appendOk(prediction(1));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int[] code = {-1};
      Thread tail = new Thread(() -> code[0] = GovernanceCli.run(new PrintWriter(out), new PrintWriter(err),
          "audit", "tail", "--log", log.toString(), "--follow", "--interval", "10"));
      tail.start();
      awaitLines(out, 2);
      // WHEN
      appendOk(prediction(2));
      awaitLines(out, 4);
      tail.interrupt();
      tail.join(Duration.ofSeconds(20).toMillis());
      // THEN
      assertThat(tail.isAlive()).isFalse();
      assertThat(code[0]).as(err.toString()).isZero();
      assertThat(jsonLines(out.toString())).extracting(l -> l.get("attributes").get("audit.seq").asLong())
          .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void usage_errors_exit_2() throws Exception {
      // GIVEN
      appendOk(prediction(1));
      // WHEN
      Cli.Result format = Cli.run("audit", "tail", "--log", log.toString(), "--format", "xml");
      Cli.Result noLog = Cli.run("audit", "tail", "--log", tmp.resolve("nope").toString());
      Cli.Result badCursor = Cli.run("audit", "tail", "--log", log.toString(), "--cursor",
          tmp.resolve("no/dir/cursor").toString());
      Files.writeString(tmp.resolve("c"), "not json");
      Cli.Result garbledCursor = Cli.run("audit", "tail", "--log", log.toString(), "--cursor",
          tmp.resolve("c").toString());
      // THEN
      assertThat(format.err()).isEqualTo("--format: unknown format 'xml'; use jsonl\n");
      assertThat(noLog.err()).isEqualTo(tmp.resolve("nope") + ": no such directory\n");
      assertThat(badCursor.err()).isEqualTo(tmp.resolve("no/dir/cursor") + ": cannot be written: no such directory\n");
      assertThat(garbledCursor.err()).startsWith(log + ": " + tmp.resolve("c") + ": cursor file is not JSON");
      assertThat(List.of(format, noLog, badCursor, garbledCursor)).allSatisfy(r -> {
        assertThat(r.exitCode()).isEqualTo(2);
        assertNoStackTrace(r.err());
      });
    }

    private void awaitLines(StringWriter out, int count) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        if (out.toString().lines().count() >= count) {
          return;
        }
        Thread.sleep(10);
      }
      throw new AssertionError("expected " + count + " lines, got: " + out);
    }
  }

  NoteVerifier verifier() throws Exception {
    return NoteVerifier.ed25519(ORIGIN, VerificationKey.fromSpkiPem(Files.readString(pub)));
  }

  @Test
  void audit_help_lists_the_commands() {
    // GIVEN the command group
    // WHEN
    Cli.Result result = Cli.run("audit", "--help");
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("append", "verify", "prove", "consistency", "checkpoint", "erase", "tail");
    assertThat(result.err()).isEmpty();
  }
}
