package dev.modelgov.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuditTailer}: OpenTelemetry JSON lines from a durable audit log, resumed from a cursor. */
class AuditTailerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORIGIN = "bank.example/test/audit";
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant OBSERVED = Instant.parse("2026-03-01T12:00:05.5Z");
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final ModelRef MODEL = new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0",
      Digest.parse("sha256:" + "ab".repeat(32)));

  @TempDir Path tmp;

  private Path logDir;
  private NoteSigner signer;
  private AuditPrivacy privacy;

  @BeforeEach
  void setUp() throws Exception {
    logDir = tmp.resolve("audit");
    signer = NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
    privacy = AuditPrivacy.openOrCreate(tmp.resolve("keys"));
  }

  private DurableAuditLog.Builder logBuilder() {
    return DurableAuditLog.builder(logDir).origin(ORIGIN).signer(signer).privacy(privacy)
        .checkpointEvery(1_000_000, Duration.ofHours(1)).segmentMaxBytes(1 << 20);
  }

  private static PredictionEvent prediction(int i) {
    return PredictionEvent.builder().model(MODEL).requestId("req-" + i).output("approve")
        .timestamp(T0.plusSeconds(i)).build();
  }

  @Test
  void ships_each_event_as_one_otel_line_with_exact_fields() throws Exception {
    // GIVEN a closed log: a prediction with trace context, a denied policy decision, a custom event and the final
    // checkpoint (record 3, tree size 3)
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = logBuilder().open()) {
      receipts.add(log.append(PredictionEvent.builder().model(MODEL).requestId("req-1").output("approve")
          .timestamp(T0).trace(TRACE, SPAN).build()));
      receipts.add(log.append(PolicyDecisionEvent.builder().policy("no-unapproved-models").allowed(false)
          .reason("model not approved").timestamp(T0.plusSeconds(1)).build()));
      receipts.add(log.append(CustomEvent.builder("acme.feature_flag").attribute("flag", "new-scorer")
          .timestamp(T0.plusSeconds(2)).build()));
    }
    Map<String, String> resource = new LinkedHashMap<>();
    resource.put("service.name", "scoring");
    resource.put("k8s.namespace.name", "risk");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    long shipped;
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).resource(resource)
        .clock(Clock.fixed(OBSERVED, ZoneOffset.UTC)).build()) {
      shipped = tailer.drain();
    }
    // THEN
    assertThat(shipped).isEqualTo(4);
    List<JsonNode> lines = lines(out);
    assertThat(lines).hasSize(4);
    JsonNode prediction = lines.get(0);
    assertThat(fieldNames(prediction)).containsExactly("timestamp", "observed_timestamp", "severity_text",
        "severity_number", "event_name", "trace_id", "span_id", "body", "attributes", "resource");
    assertThat(prediction.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(prediction.get("observed_timestamp").asText()).isEqualTo("2026-03-01T12:00:05.500Z");
    assertThat(prediction.get("severity_text").asText()).isEqualTo("INFO");
    assertThat(prediction.get("severity_number").asInt()).isEqualTo(9);
    assertThat(prediction.get("event_name").asText()).isEqualTo("prediction");
    assertThat(prediction.get("trace_id").asText()).isEqualTo(TRACE);
    assertThat(prediction.get("span_id").asText()).isEqualTo(SPAN);
    assertThat(prediction.get("body").get("requestId").asText()).isEqualTo("req-1");
    assertThat(prediction.get("body").get("output").asText()).isEqualTo("approve");
    assertThat(fieldNames(prediction.get("attributes"))).containsExactly("audit.seq", "audit.leaf_hash",
        "audit.origin", "audit.checkpoint_size");
    assertThat(prediction.get("attributes").get("audit.seq").asLong()).isZero();
    assertThat(prediction.get("attributes").get("audit.leaf_hash").asText())
        .isEqualTo(receipts.get(0).leafHash().toString());
    assertThat(prediction.get("attributes").get("audit.origin").asText()).isEqualTo(ORIGIN);
    assertThat(prediction.get("attributes").get("audit.checkpoint_size").asLong()).isEqualTo(3);
    assertThat(prediction.get("resource")).isEqualTo(JSON.valueToTree(resource));
    assertThat(fieldNames(prediction.get("resource"))).containsExactly("service.name", "k8s.namespace.name");

    JsonNode denied = lines.get(1);
    assertThat(denied.get("severity_text").asText()).isEqualTo("WARN");
    assertThat(denied.get("severity_number").asInt()).isEqualTo(13);
    assertThat(denied.get("event_name").asText()).isEqualTo("policy.decision");
    assertThat(denied.has("trace_id")).isFalse();
    assertThat(denied.get("attributes").get("audit.seq").asLong()).isEqualTo(1);
    assertThat(denied.get("attributes").get("audit.leaf_hash").asText())
        .isEqualTo(receipts.get(1).leafHash().toString());

    JsonNode custom = lines.get(2);
    assertThat(custom.get("event_name").asText()).isEqualTo("acme.feature_flag");
    assertThat(custom.get("severity_text").asText()).isEqualTo("INFO");
    assertThat(custom.get("body").get("attributes").get("flag").asText()).isEqualTo("new-scorer");
    assertThat(custom.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:02Z");
  }

  @Test
  void the_body_is_the_event_json_exactly_as_recorded() throws Exception {
    // GIVEN
    AuditReceipt receipt;
    try (DurableAuditLog log = logBuilder().open()) {
      receipt = log.append(prediction(7));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).build()) {
      tailer.drain();
    }
    // THEN the body's canonical bytes hash to the receipt's leaf hash
    JsonNode body = lines(out).get(0).get("body");
    byte[] canonical = dev.modelgov.core.json.CanonicalJson.canonicalize(body);
    assertThat(MerkleHashes.leafHash(canonical)).isEqualTo(receipt.leafHash());
  }

  @Test
  void a_checkpoint_record_ships_as_audit_checkpoint_with_its_size_root_and_note() throws Exception {
    // GIVEN two events and a checkpoint issued for them (record 2)
    Checkpoint cp;
    String note;
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(1));
      log.append(prediction(2));
      cp = log.checkpointNow();
      note = log.latestCheckpointNote().orElseThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // WHEN
      try (AuditTailer tailer = AuditTailer.builder(logDir).output(out)
          .clock(Clock.fixed(OBSERVED, ZoneOffset.UTC)).build()) {
        tailer.drain();
      }
      // THEN
      List<JsonNode> lines = lines(out);
      assertThat(lines).hasSize(3);
      JsonNode line = lines.get(2);
      assertThat(line.has("timestamp")).as("a checkpoint has no event time").isFalse();
      assertThat(line.get("observed_timestamp").asText()).isEqualTo(OBSERVED.toString());
      assertThat(line.get("event_name").asText()).isEqualTo("audit.checkpoint");
      assertThat(line.get("severity_text").asText()).isEqualTo("INFO");
      assertThat(line.get("body").asText()).isEqualTo(note);
      JsonNode attributes = line.get("attributes");
      assertThat(attributes.get("audit.seq").asLong()).isEqualTo(2);
      assertThat(attributes.get("audit.checkpoint.tree_size").asLong()).isEqualTo(2);
      assertThat(attributes.get("audit.checkpoint.root_hash").asText()).isEqualTo(cp.rootHash().toString())
          .isEqualTo(log.rootHash(2).toString());
      assertThat(attributes.get("audit.leaf_hash").asText())
          .isEqualTo(MerkleHashes.leafHash(note.getBytes(UTF_8)).toString());
      assertThat(attributes.has("audit.checkpoint_size")).as("a checkpoint does not cover itself").isFalse();
      assertThat(lines.get(0).get("attributes").get("audit.checkpoint_size").asLong()).isEqualTo(2);
    }
  }

  @Test
  void records_after_the_latest_checkpoint_have_no_checkpoint_size() throws Exception {
    // GIVEN one event covered by a checkpoint and one after it, log still open
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(1));
      log.checkpointNow();
      log.append(prediction(2));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // WHEN
      try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).build()) {
        tailer.drain();
      }
      // THEN
      List<JsonNode> lines = lines(out);
      assertThat(lines).extracting(l -> l.get("event_name").asText())
          .containsExactly("prediction", "audit.checkpoint", "prediction");
      assertThat(lines.get(0).get("attributes").get("audit.checkpoint_size").asLong()).isEqualTo(1);
      assertThat(lines.get(2).get("attributes").has("audit.checkpoint_size")).isFalse();
    }
  }

  @Test
  void a_restarted_tailer_resumes_from_its_cursor_without_duplicates_or_gaps() throws Exception {
    // GIVEN a tailer that shipped 5 events and was closed
    Path cursor = tmp.resolve("ship.cursor");
    Path output = tmp.resolve("audit.jsonl");
    try (DurableAuditLog log = logBuilder().open()) {
      for (int i = 0; i < 5; i++) {
        log.append(prediction(i));
      }
      try (AuditTailer first = AuditTailer.builder(logDir).output(output).cursor(cursor).build()) {
        assertThat(first.drain()).isEqualTo(5);
        assertThat(first.position()).isEqualTo(5);
      }
      assertThat(JSON.readTree(Files.readString(cursor)).get("next").asLong()).isEqualTo(5);
      // WHEN 3 more events arrive and a new tailer starts with the same cursor
      for (int i = 5; i < 8; i++) {
        log.append(prediction(i));
      }
      long shipped;
      try (AuditTailer second = AuditTailer.builder(logDir).output(output).cursor(cursor).build()) {
        shipped = second.drain();
        // THEN a drain with nothing new ships nothing
        assertThat(second.drain()).isZero();
      }
      // THEN
      assertThat(shipped).isEqualTo(3);
      List<Long> seqs = Files.readAllLines(output).stream().map(AuditTailerTest::parse)
          .map(l -> l.get("attributes").get("audit.seq").asLong()).toList();
      assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
      assertThat(JSON.readTree(Files.readString(cursor))).isEqualTo(JSON.readTree(
          "{\"next\":8,\"origin\":\"" + ORIGIN + "\"}"));
      try (Stream<Path> files = Files.list(tmp)) {
        assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("ship.cursor.tmp");
      }
    }
  }

  @Test
  void a_cursor_saved_before_a_crash_ships_the_unsaved_lines_again_with_the_same_seq() throws Exception {
    // GIVEN 4 events shipped, then the cursor rolled back to 2 as if the process crashed before saving it
    Path cursor = tmp.resolve("ship.cursor");
    try (DurableAuditLog log = logBuilder().open()) {
      for (int i = 0; i < 4; i++) {
        log.append(prediction(i));
      }
    }
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(first).cursor(cursor).build()) {
      tailer.drain();
    }
    Files.writeString(cursor, "{\"next\":2,\"origin\":\"" + ORIGIN + "\"}\n");
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(second).cursor(cursor).build()) {
      tailer.drain();
    }
    // THEN the re-shipped lines are the same records, recognizable by audit.seq and audit.leaf_hash
    List<JsonNode> before = lines(first);
    List<JsonNode> again = lines(second);
    assertThat(again).extracting(l -> l.get("attributes").get("audit.seq").asLong()).containsExactly(2L, 3L, 4L);
    assertThat(again.get(0).get("attributes")).isEqualTo(before.get(2).get("attributes"));
    assertThat(again.get(0).get("body")).isEqualTo(before.get(2).get("body"));
  }

  @Test
  void a_cursor_of_another_log_is_refused() throws Exception {
    // GIVEN
    Path cursor = tmp.resolve("ship.cursor");
    Files.writeString(cursor, "{\"next\":2,\"origin\":\"other.example/audit\"}\n");
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(1));
    }
    AuditTailer tailer = AuditTailer.builder(logDir).output(new ByteArrayOutputStream()).cursor(cursor).build();
    // WHEN / THEN
    assertThatThrownBy(tailer::drain).isInstanceOf(IOException.class)
        .hasMessageContaining("other.example/audit").hasMessageContaining("delete it");
  }

  @Test
  void a_malformed_cursor_is_refused_with_its_file_name() throws Exception {
    // GIVEN
    Path cursor = tmp.resolve("ship.cursor");
    Files.writeString(cursor, "{\"next\":-1,\"origin\":\"" + ORIGIN + "\"}");
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(1));
    }
    AuditTailer tailer = AuditTailer.builder(logDir).output(new ByteArrayOutputStream()).cursor(cursor).build();
    // WHEN / THEN
    assertThatThrownBy(tailer::drain).isInstanceOf(IOException.class)
        .hasMessageContaining(cursor.toString()).hasMessageContaining("next");
  }

  @Test
  void a_line_over_16_KiB_ships_a_truncated_body_and_the_log_keeps_the_full_record() throws Exception {
    // GIVEN an event of about 40 KB in a log that allows it, and a small one
    String big = "x".repeat(40_000);
    AuditReceipt bigReceipt;
    try (DurableAuditLog log = logBuilder().maxEventBytes(64 * 1024).open()) {
      bigReceipt = log.append(CustomEvent.builder("acme.blob").attribute("data", big).timestamp(T0).build());
      log.append(prediction(1));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).build()) {
      tailer.drain();
    }
    // THEN
    String[] raw = out.toString(UTF_8).split("\n");
    assertThat(raw).allSatisfy(l -> assertThat(l.getBytes(UTF_8).length + 1).isLessThanOrEqualTo(16_384));
    JsonNode truncated = parse(raw[0]);
    try (DurableAuditLog log = logBuilder().maxEventBytes(64 * 1024).open()) {
      AuditEntry entry = log.entry(0).orElseThrow();
      assertThat(truncated.get("body")).isEqualTo(JSON.readTree(
          "{\"truncated\":true,\"bytes\":" + entry.recordedBytes().length + "}"));
      assertThat(entry.body().get("attributes").get("data").asText()).isEqualTo(big);
    }
    assertThat(truncated.get("attributes").get("audit.truncated").asBoolean()).isTrue();
    assertThat(truncated.get("attributes").get("audit.leaf_hash").asText())
        .isEqualTo(bigReceipt.leafHash().toString());
    assertThat(truncated.get("event_name").asText()).isEqualTo("acme.blob");
    JsonNode small = parse(raw[1]);
    assertThat(small.get("attributes").has("audit.truncated")).isFalse();
    assertThat(small.get("body").get("requestId").asText()).isEqualTo("req-1");
  }

  @Test
  void a_line_of_exactly_16_KiB_is_not_truncated_and_one_byte_more_is() throws Exception {
    // GIVEN two events whose lines would be 16,384 and 16,385 bytes with the newline
    ByteArrayOutputStream probe = new ByteArrayOutputStream();
    try (DurableAuditLog log = logBuilder().maxEventBytes(64 * 1024).open()) {
      log.append(CustomEvent.builder("acme.blob").attribute("data", "").timestamp(T0).build());
    }
    Clock fixed = Clock.fixed(OBSERVED, ZoneOffset.UTC);
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(probe).clock(fixed).build()) {
      tailer.drain();
    }
    // the empty event's line length, with the log's closing checkpoint covering it as later lines will be
    int emptyLine = probe.toString(UTF_8).split("\n")[0].getBytes(UTF_8).length + 1;
    int fits = 16_384 - emptyLine;
    try (DurableAuditLog log = logBuilder().maxEventBytes(64 * 1024).open()) {
      log.append(CustomEvent.builder("acme.blob").attribute("data", "y".repeat(fits)).timestamp(T0).build());
      log.append(CustomEvent.builder("acme.blob").attribute("data", "y".repeat(fits + 1)).timestamp(T0).build());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).clock(fixed).build()) {
      tailer.drain();
    }
    // THEN records 2 and 3 (record 1 is the first session's checkpoint)
    String[] raw = out.toString(UTF_8).split("\n");
    assertThat(raw[2].getBytes(UTF_8).length + 1).isEqualTo(16_384);
    assertThat(parse(raw[2]).get("attributes").has("audit.truncated")).isFalse();
    assertThat(parse(raw[3]).get("attributes").get("audit.truncated").asBoolean()).isTrue();
  }

  @Test
  void subjects_ship_as_pseudonyms_and_personal_data_stays_encrypted_by_default() throws Exception {
    // GIVEN an event about a person
    String pseudonym = privacy.pseudonym("customer-4711");
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(PredictionEvent.builder().model(MODEL).requestId("req-1").output("approve").timestamp(T0)
          .subject("customer-4711").personalData("name", "Jane Doe").personalData("iban", "DE02120300000000202051")
          .build());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).privacy(privacy).build()) {
      tailer.drain();
    }
    // THEN
    String text = out.toString(UTF_8);
    assertThat(text).doesNotContain("customer-4711", "Jane Doe", "DE02120300000000202051");
    JsonNode body = lines(out).get(0).get("body");
    assertThat(body.get("subject").asText()).isEqualTo(pseudonym);
    assertThat(body.get("encrypted").get("name").asText()).startsWith(AuditPrivacy.CIPHERTEXT_PREFIX);
    assertThat(body.has("personalData")).isFalse();
  }

  @Test
  void decrypt_ships_personal_data_in_clear_but_never_the_subject_id() throws Exception {
    // GIVEN two subjects, one of them erased
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(PredictionEvent.builder().model(MODEL).requestId("req-1").output("approve").timestamp(T0)
          .subject("customer-4711").personalData("name", "Jane Doe").build());
      log.append(PredictionEvent.builder().model(MODEL).requestId("req-2").output("deny").timestamp(T0)
          .subject("customer-9").personalData("name", "John Roe").build());
      log.eraseSubject("customer-9", "GDPR Art. 17 request 2026-118");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).privacy(privacy).decrypt(true).build()) {
      tailer.drain();
    }
    // THEN
    String text = out.toString(UTF_8);
    assertThat(text).doesNotContain("customer-4711", "customer-9", "John Roe");
    List<JsonNode> lines = lines(out);
    assertThat(lines.get(0).get("body").get("personalData").get("name").asText()).isEqualTo("Jane Doe");
    assertThat(lines.get(0).get("body").has("encrypted")).isFalse();
    assertThat(lines.get(1).get("body").get("personalData").get("name").asText()).isEqualTo(AuditEntry.ERASED);
    assertThat(lines.get(2).get("event_name").asText()).isEqualTo("subject.erased");
  }

  @Test
  void a_recovered_torn_tail_ships_as_a_warning() throws Exception {
    // GIVEN a log whose last segment got garbage after its last record (a torn write), then reopened
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(1));
    }
    Path segment;
    try (Stream<Path> segments = Files.list(logDir.resolve("segments"))) {
      segment = segments.findFirst().orElseThrow();
    }
    long end = validEnd(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}),
          end);
    }
    try (DurableAuditLog log = logBuilder().open()) {
      assertThat(log.recovery().status()).isEqualTo(RecoveryReport.Status.TAIL_CUT);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).build()) {
      tailer.drain();
    }
    // THEN
    JsonNode recovered = lines(out).stream().filter(l -> l.get("event_name").asText().equals("audit.recovered"))
        .findFirst().orElseThrow();
    assertThat(recovered.get("severity_text").asText()).isEqualTo("WARN");
    assertThat(recovered.get("severity_number").asInt()).isEqualTo(13);
  }

  @Test
  void the_background_thread_ships_events_appended_while_it_runs() throws Exception {
    // GIVEN a started tailer on an open log
    Path output = tmp.resolve("audit.jsonl");
    Path cursor = tmp.resolve("ship.cursor");
    try (DurableAuditLog log = logBuilder().open()) {
      log.append(prediction(0));
      try (AuditTailer tailer = AuditTailer.builder(logDir).output(output).cursor(cursor).build()) {
        tailer.start(Duration.ofMillis(10));
        awaitLines(output, 1);
        // WHEN
        for (int i = 1; i < 20; i++) {
          log.append(prediction(i));
        }
        // THEN
        awaitLines(output, 20);
        assertThat(tailer.lastFailure()).isEmpty();
        assertThatThrownBy(() -> tailer.start(Duration.ofMillis(10))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already started");
      }
      List<Long> seqs = Files.readAllLines(output).stream().map(AuditTailerTest::parse)
          .map(l -> l.get("attributes").get("audit.seq").asLong()).toList();
      assertThat(seqs).hasSize(20).doesNotHaveDuplicates();
      assertThat(JSON.readTree(Files.readString(cursor)).get("next").asLong()).isEqualTo(20);
    }
  }

  @Test
  void a_tailer_started_before_the_log_exists_ships_it_once_it_is_created() throws Exception {
    // GIVEN
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditTailer tailer = AuditTailer.builder(logDir).output(out).build()) {
      assertThat(tailer.drain()).isZero();
      // WHEN
      try (DurableAuditLog log = logBuilder().open()) {
        log.append(prediction(1));
      }
      // THEN
      assertThat(tailer.drain()).isEqualTo(2);
    }
    assertThat(lines(out)).hasSize(2);
  }

  @Test
  void a_closed_tailer_refuses_to_drain() throws Exception {
    // GIVEN
    AuditTailer tailer = AuditTailer.builder(logDir).output(new ByteArrayOutputStream()).build();
    tailer.close();
    // WHEN / THEN
    assertThatThrownBy(tailer::drain).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> tailer.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_builder_names_what_is_missing_or_wrong() {
    // GIVEN
    AuditTailer.Builder noOutput = AuditTailer.builder(logDir);
    AuditTailer.Builder noKeys = AuditTailer.builder(logDir).output(new ByteArrayOutputStream()).decrypt(true);
    // WHEN / THEN
    assertThatThrownBy(noOutput::build).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("output");
    assertThatThrownBy(noKeys::build).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("privacy");
    assertThatThrownBy(() -> AuditTailer.builder(logDir).resource(Map.of("service.name", "x".repeat(2000))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("resource.service.name");
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      many.put("k" + i, "v".repeat(1000));
    }
    assertThatThrownBy(() -> AuditTailer.builder(logDir).resource(many))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    assertThatThrownBy(() -> AuditTailer.builder(logDir).output(new ByteArrayOutputStream()).build()
        .start(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
  }

  private static long validEnd(Path segment) throws IOException {
    try (var scanner = dev.modelgov.core.audit.internal.segment.SegmentScanner.open(segment, 1 << 20)) {
      while (scanner.next().isPresent()) {
        // to the end
      }
      return scanner.result().validBytes();
    }
  }

  private static void awaitLines(Path file, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= count) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("expected " + count + " lines in " + file);
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) {
    return out.toString(UTF_8).lines().map(AuditTailerTest::parse).toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
