package dev.modelgov.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canonical JSON of every event type, escaping, numbers, privacy rules and size limits. */
class EventCodecTest {

  static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");
  static final String TS_JSON = "\"ts\":\"2026-03-01T12:00:00Z\"";
  static final Digest MANIFEST = Digest.parse("sha256:" + "a".repeat(64));
  static final ModelRef MODEL = new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0", MANIFEST);
  static final String MODEL_JSON = "\"model\":{\"id\":\"risk/credit-scoring\",\"manifestDigest\":\"sha256:"
      + "a".repeat(64) + "\",\"version\":\"2.4.0\"}";
  static final byte[] PSEUDONYM_KEY = new byte[32];
  static final byte[] KEK = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      PSEUDONYM_KEY[i] = (byte) i;
      KEK[i] = (byte) (0xa0 + i);
    }
  }

  @TempDir Path dir;

  private AuditPrivacy privacy() {
    return AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(KEK).keyStore(dir).build();
  }

  static String hmacHex(String subject) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(PSEUDONYM_KEY, "HmacSHA256"));
    StringBuilder sb = new StringBuilder("hmac-sha256:");
    for (byte b : mac.doFinal(subject.getBytes(UTF_8))) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }

  private static String json(AuditEvent e, AuditPrivacy privacy) throws Exception {
    byte[] out = EventCodec.encode(e, privacy);
    assertThat(CanonicalJson.canonicalize(out)).as("canonical").isEqualTo(out);
    return new String(out, UTF_8);
  }

  private static String json(AuditEvent e) throws Exception {
    return json(e, null);
  }

  @Test
  void prediction_encodes_to_the_documented_layout() throws Exception {
    // GIVEN a prediction with every common field
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("score", 0.87);
    output.put("class", "approve");
    PredictionEvent e = PredictionEvent.builder().timestamp(TS).model(MODEL).requestId("req-1")
        .inputDigest(Digest.parse("sha256:" + "1".repeat(64))).output(output)
        .outputDigest(Digest.parse("sha256:" + "2".repeat(64))).input(List.of(1, 2.5, "x"))
        .latency(Duration.ofNanos(12_500_000)).attribute("region", "eu")
        .trace("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331").build();
    // WHEN encoded
    String json = json(e);
    // THEN the keys are sorted, absent fields omitted, latency in milliseconds
    assertThat(json).isEqualTo("{\"attributes\":{\"region\":\"eu\"},\"input\":[1,2.5,\"x\"],\"inputDigest\":\"sha256:"
        + "1".repeat(64) + "\",\"latencyMs\":12.5," + MODEL_JSON + ",\"output\":{\"class\":\"approve\",\"score\":0.87},"
        + "\"outputDigest\":\"sha256:" + "2".repeat(64) + "\",\"requestId\":\"req-1\",\"spanId\":\"b7ad6b7169203331\","
        + "\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"," + TS_JSON + ",\"type\":\"prediction\"}");
  }

  @Test
  void minimal_prediction_omits_every_absent_field() throws Exception {
    // GIVEN a prediction with only the required fields and whole-millisecond latency
    PredictionEvent e = PredictionEvent.builder().timestamp(TS).model(MODEL).requestId("r")
        .latency(Duration.ofMillis(12)).build();
    // WHEN encoded
    String json = json(e);
    // THEN only they appear, and 12 ms is the integer 12
    assertThat(json).isEqualTo("{\"latencyMs\":12," + MODEL_JSON + ",\"requestId\":\"r\"," + TS_JSON
        + ",\"type\":\"prediction\"}");
  }

  @Test
  void deployment_encodes_to_the_documented_layout() throws Exception {
    // GIVEN a deployment
    DeploymentEvent e = DeploymentEvent.builder().timestamp(TS).model(MODEL).action(DeploymentEvent.Action.DEPLOYED)
        .image(ImageRef.parse("registry.example/ml/credit@sha256:" + "3".repeat(64))).environment("prod")
        .replicas(3).build();
    // WHEN encoded
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"action\":\"DEPLOYED\",\"environment\":\"prod\",\"image\":\"registry.example/ml/"
        + "credit@sha256:" + "3".repeat(64) + "\"," + MODEL_JSON + ",\"replicas\":3," + TS_JSON
        + ",\"type\":\"deployment\"}");
  }

  @Test
  void policy_decision_encodes_to_the_documented_layout() throws Exception {
    // GIVEN a denial with reasons
    PolicyDecisionEvent e = PolicyDecisionEvent.builder().timestamp(TS).policy("eu-ai-act/high-risk-approval")
        .model(MODEL).allowed(false).reason("approval missing").reason("risk tier high")
        .enforcementPoint("admission-webhook").build();
    // WHEN encoded
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"allowed\":false,\"enforcementPoint\":\"admission-webhook\"," + MODEL_JSON
        + ",\"policy\":\"eu-ai-act/high-risk-approval\",\"reasons\":[\"approval missing\",\"risk tier high\"],"
        + TS_JSON + ",\"type\":\"policy.decision\"}");
  }

  @Test
  void policy_decision_without_reasons_omits_the_empty_list() throws Exception {
    // GIVEN an allow without reasons or model
    PolicyDecisionEvent e = PolicyDecisionEvent.builder().timestamp(TS).policy("p").allowed(true).build();
    // WHEN encoded
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"allowed\":true,\"policy\":\"p\"," + TS_JSON + ",\"type\":\"policy.decision\"}");
  }

  @Test
  void approval_with_a_subject_records_the_pseudonym_and_encrypted_fields_only() throws Exception {
    // GIVEN an approval by a person, with personal data
    ApprovalEvent e = ApprovalEvent.builder().timestamp(TS).model(MODEL).decision(ApprovalDecision.APPROVED)
        .approverRole("model-risk-officer").comment("ok").subject("employee-4711")
        .personalData("approverName", "Jane Doe").personalData("email", "jane@example.com").build();
    // WHEN encoded
    String json = json(e, privacy());
    // THEN the subject appears as its HMAC pseudonym, the values only as ciphertexts
    String masked = json.replaceAll("aes256gcm:[A-Za-z0-9_-]+", "aes256gcm:X");
    assertThat(masked).isEqualTo("{\"approverRole\":\"model-risk-officer\",\"comment\":\"ok\",\"decision\":\"APPROVED\","
        + "\"encrypted\":{\"approverName\":\"aes256gcm:X\",\"email\":\"aes256gcm:X\"}," + MODEL_JSON
        + ",\"subject\":\"" + hmacHex("employee-4711") + "\"," + TS_JSON + ",\"type\":\"approval\"}");
    assertThat(json).doesNotContain("employee-4711", "Jane", "jane@example.com");
  }

  @Test
  void key_rotation_encodes_to_the_documented_layout() throws Exception {
    // GIVEN
    KeyRotationEvent e = KeyRotationEvent.builder().timestamp(TS).purpose("checkpoint-signing")
        .previousKeyId("8a1f03c2").newKeyId("5d77e910").build();
    // WHEN
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"newKeyId\":\"5d77e910\",\"previousKeyId\":\"8a1f03c2\",\"purpose\":"
        + "\"checkpoint-signing\"," + TS_JSON + ",\"type\":\"key.rotation\"}");
  }

  @Test
  void erasure_encodes_to_the_documented_layout() throws Exception {
    // GIVEN
    String p = hmacHex("customer-991");
    ErasureEvent e = ErasureEvent.builder().timestamp(TS).subjectPseudonym(p).reason("GDPR Art. 17 request 2026-118")
        .build();
    // WHEN
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"reason\":\"GDPR Art. 17 request 2026-118\",\"subjectPseudonym\":\"" + p + "\","
        + TS_JSON + ",\"type\":\"subject.erased\"}");
  }

  @Test
  void custom_event_has_only_the_common_fields() throws Exception {
    // GIVEN attributes inserted out of order, nanosecond timestamp
    CustomEvent e = CustomEvent.builder("acme.feature_flag").timestamp(Instant.parse("2026-03-01T12:00:00.000000001Z"))
        .attribute("flag", "new-scorer").attribute("enabled", true).attribute("none", null).build();
    // WHEN
    String json = json(e);
    // THEN
    assertThat(json).isEqualTo("{\"attributes\":{\"enabled\":true,\"flag\":\"new-scorer\",\"none\":null},"
        + "\"ts\":\"2026-03-01T12:00:00.000000001Z\",\"type\":\"acme.feature_flag\"}");
  }

  @Test
  void timestamps_are_written_exactly_as_instant_to_string_writes_them() throws Exception {
    // GIVEN instants at the edges of the fast path and with every fraction width
    List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"),
        Instant.parse("2000-02-29T00:00:00.100Z"), Instant.parse("2026-03-01T12:00:00.000001Z"),
        Instant.parse("2026-03-01T12:00:00.000000100Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-01-01T00:00:00Z"), Instant.MIN, Instant.MAX));
    Random random = new Random(11);
    for (int i = 0; i < 5000; i++) {
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      instants.add(Instant.ofEpochSecond(random.nextLong() % 300_000_000_000L, nanos));
    }
    for (Instant ts : instants) {
      // WHEN
      String json = json(CustomEvent.builder("acme.t").timestamp(ts).build());
      // THEN
      assertThat(json).isEqualTo("{\"ts\":\"" + ts + "\",\"type\":\"acme.t\"}");
    }
  }

  @Test
  void internal_events_put_their_fields_at_the_top_level() throws Exception {
    // GIVEN
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("truncatedBytes", 120);
    fields.put("segment", "0001.seg");
    fields.put("leaf", MANIFEST);
    fields.put("skipped", null);
    // WHEN
    byte[] out = EventCodec.encodeInternal("audit.recovered", TS, fields);
    // THEN
    assertThat(CanonicalJson.canonicalize(out)).isEqualTo(out);
    assertThat(new String(out, UTF_8)).isEqualTo("{\"leaf\":\"" + MANIFEST + "\",\"segment\":\"0001.seg\","
        + "\"truncatedBytes\":120," + TS_JSON + ",\"type\":\"audit.recovered\"}");
  }

  @Test
  void internal_events_refuse_other_types_and_reserved_fields() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> EventCodec.encodeInternal("prediction", TS, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit.");
    assertThatThrownBy(() -> EventCodec.encodeInternal("audit.pruned", TS, Map.of("ts", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("field name ts is reserved");
    Map<Object, Object> badKeys = new HashMap<>();
    badKeys.put(1, "x");
    assertThatThrownBy(() -> EventCodec.encodeInternal("audit.pruned", TS, Map.of("m", badKeys)))
        .isInstanceOf(AuditLogException.class).hasMessage("REJECTED: m: map keys must be strings");
    assertThatThrownBy(() -> EventCodec.encodeInternal("audit.pruned", TS, Map.of("o", new Object())))
        .isInstanceOf(AuditLogException.class).hasMessage("REJECTED: o: Object is not a JSON value");
  }

  @Test
  void strings_use_the_minimal_rfc8785_escapes() throws Exception {
    // GIVEN quotes, backslash, every named escape, other control characters, DEL, and non-ASCII text
    String value = "q\"b\\s/\b\f\n\r\t\u0000\u001f\u007f é € \uD83D\uDE00";
    CustomEvent e = CustomEvent.builder("acme.text").timestamp(TS).attribute("s", value).build();
    // WHEN
    byte[] out = EventCodec.encode(e, null);
    // THEN only " \ and control characters are escaped (lower-case hex); the rest is raw UTF-8
    String expected = "{\"attributes\":{\"s\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f é € \uD83D\uDE00\"},"
        + TS_JSON + ",\"type\":\"acme.text\"}";
    assertThat(out).isEqualTo(expected.getBytes(UTF_8));
    assertThat(CanonicalJson.canonicalize(out)).isEqualTo(out);
  }

  @Test
  void keys_sort_by_utf16_code_units_not_code_points() throws Exception {
    // GIVEN keys whose UTF-16 and code point orders differ (RFC 8785 section 3.2.3)
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\uE000", 1);
    m.put("\uD83D\uDE00", 2);
    m.put("a", 3);
    m.put("\u00e9", 4);
    CustomEvent e = CustomEvent.builder("acme.keys").timestamp(TS).attribute("m", m).build();
    // WHEN
    String json = new String(EventCodec.encode(e, null), UTF_8);
    // THEN the surrogate pair (0xD83D) sorts before U+E000
    assertThat(json).startsWith("{\"attributes\":{\"m\":{\"a\":3,\"\u00e9\":4,\"\uD83D\uDE00\":2,\"\uE000\":1}}");
  }

  @Test
  void numbers_are_written_in_their_canonical_form() throws Exception {
    // GIVEN numbers of every accepted type
    Map<String, Object> n = new TreeMap<>();
    n.put("a_one_point_zero", 1.0);
    n.put("b_1e21", 1e21);
    n.put("c_minus_zero", -0.0);
    n.put("d_small", 1e-7);
    n.put("e_micro", 0.000001);
    n.put("f_float", 0.5f);
    n.put("g_bigdecimal", new BigDecimal("1.50"));
    n.put("h_max_exact", 1L << 53);
    n.put("i_min_exact", -(1L << 53));
    n.put("j_biginteger", BigInteger.valueOf(-42));
    n.put("k_short", (short) 7);
    n.put("l_byte", (byte) -8);
    n.put("m_big_double", 1.2345678901234568E20);
    n.put("n_tenth", 0.1);
    CustomEvent e = CustomEvent.builder("acme.numbers").timestamp(TS).attribute("n", n).build();
    // WHEN
    String json = json(e);
    // THEN
    assertThat(json).startsWith("{\"attributes\":{\"n\":{\"a_one_point_zero\":1,\"b_1e21\":1e+21,\"c_minus_zero\":0,"
        + "\"d_small\":1e-7,\"e_micro\":0.000001,\"f_float\":0.5,\"g_bigdecimal\":1.5,\"h_max_exact\":9007199254740992,"
        + "\"i_min_exact\":-9007199254740992,\"j_biginteger\":-42,\"k_short\":7,\"l_byte\":-8,"
        + "\"m_big_double\":123456789012345680000,\"n_tenth\":0.1}}");
  }

  @Test
  void integers_beyond_2_pow_53_are_rejected_naming_the_path() {
    // GIVEN integers just beyond the exact range of a double
    CustomEvent longEvent = CustomEvent.builder("acme.n").timestamp(TS).attribute("n", (1L << 53) + 1).build();
    CustomEvent bigEvent = CustomEvent.builder("acme.n").timestamp(TS)
        .attribute("list", List.of(1, BigInteger.TWO.pow(64))).build();
    CustomEvent negEvent = CustomEvent.builder("acme.n").timestamp(TS).attribute("n", Long.MIN_VALUE).build();
    // WHEN / THEN
    assertThatThrownBy(() -> EventCodec.encode(longEvent, null)).isInstanceOf(AuditLogException.class)
        .hasMessage("REJECTED: attributes.n: integer beyond 2^53; pass it as a string")
        .extracting(t -> ((AuditLogException) t).reason()).isEqualTo(AuditLogException.Reason.REJECTED);
    assertThatThrownBy(() -> EventCodec.encode(bigEvent, null))
        .hasMessage("REJECTED: attributes.list[1]: integer beyond 2^53; pass it as a string");
    assertThatThrownBy(() -> EventCodec.encode(negEvent, null))
        .hasMessage("REJECTED: attributes.n: integer beyond 2^53; pass it as a string");
  }

  @Test
  void a_bigdecimal_beyond_the_double_range_is_rejected() {
    // GIVEN
    CustomEvent e = CustomEvent.builder("acme.n").timestamp(TS).attribute("n", new BigDecimal("1e400")).build();
    // WHEN / THEN
    assertThatThrownBy(() -> EventCodec.encode(e, null)).isInstanceOf(AuditLogException.class)
        .hasMessageStartingWith("REJECTED: attributes.n: number is not finite");
  }

  @Test
  void lone_surrogates_are_rejected_naming_the_path_but_not_the_value() {
    // GIVEN lone surrogates in an attribute, a nested key, the subject and a personal value
    CustomEvent attr = CustomEvent.builder("acme.s").timestamp(TS)
        .attribute("notes", List.of("fine", "secret\uD800tail")).build();
    CustomEvent key = CustomEvent.builder("acme.s").timestamp(TS).attribute("m", Map.of("k\uDC00", 1)).build();
    CustomEvent subject = CustomEvent.builder("acme.s").timestamp(TS).subject("cust\uD800omer").build();
    CustomEvent personal = CustomEvent.builder("acme.s").timestamp(TS).subject("customer-1")
        .personalData("name", "Ja\uDC00ne").build();
    AuditPrivacy privacy = privacy();
    // WHEN / THEN
    assertThatThrownBy(() -> EventCodec.encode(attr, null))
        .hasMessage("REJECTED: attributes.notes[1]: string has a lone surrogate at index 6");
    assertThatThrownBy(() -> EventCodec.encode(key, null))
        .hasMessage("REJECTED: attributes.m: string has a lone surrogate at index 1");
    assertThatThrownBy(() -> EventCodec.encode(subject, privacy))
        .hasMessage("REJECTED: subject: string has a lone surrogate at index 4");
    assertThatThrownBy(() -> EventCodec.encode(personal, privacy))
        .hasMessage("REJECTED: personalData.name: string has a lone surrogate at index 2");
  }

  @Test
  void personal_data_without_privacy_keys_is_rejected_without_leaking_it() {
    // GIVEN an event with a subject and personal data, and a log without privacy keys
    CustomEvent e = CustomEvent.builder("acme.login").timestamp(TS).subject("customer-991")
        .personalData("email", "jane@example.com").build();
    CustomEvent subjectOnly = CustomEvent.builder("acme.login").timestamp(TS).subject("customer-991").build();
    // WHEN
    AuditLogException ex = catchThrowableOfType(AuditLogException.class, () -> EventCodec.encode(e, null));
    AuditLogException ex2 = catchThrowableOfType(AuditLogException.class, () -> EventCodec.encode(subjectOnly, null));
    // THEN
    assertThat(ex.reason()).isEqualTo(AuditLogException.Reason.REJECTED);
    assertThat(ex).hasMessage("REJECTED: event has a data subject but the log has no privacy keys configured");
    assertThat(ex2).hasMessage(ex.getMessage());
    assertThat(ex.getMessage()).doesNotContain("customer-991", "jane");
  }

  @Test
  void a_subject_without_personal_data_still_gets_its_pseudonym() throws Exception {
    // GIVEN
    CustomEvent e = CustomEvent.builder("acme.login").timestamp(TS).subject("customer-991").build();
    // WHEN
    String json = json(e, privacy());
    // THEN
    assertThat(json).isEqualTo("{\"subject\":\"" + hmacHex("customer-991") + "\"," + TS_JSON
        + ",\"type\":\"acme.login\"}");
  }

  @Test
  void events_larger_than_the_limit_are_rejected_naming_the_size() {
    // GIVEN an event and its exact encoded size
    CustomEvent e = CustomEvent.builder("acme.big").timestamp(TS).attribute("text", "x".repeat(500)).build();
    int size = EventCodec.encode(e, null).length;
    CustomEvent huge = CustomEvent.builder("acme.big").timestamp(TS).attribute("text", "y".repeat(50_000)).build();
    // WHEN / THEN exactly the size passes, one byte less is rejected with both numbers
    assertThat(EventCodec.encode(e, null, size)).hasSize(size);
    assertThatThrownBy(() -> EventCodec.encode(e, null, size - 1)).isInstanceOf(AuditLogException.class)
        .hasMessage("REJECTED: event is " + size + " bytes, larger than the limit of " + (size - 1) + " bytes");
    assertThatThrownBy(() -> EventCodec.encode(huge, null, 1000)).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("larger than the limit of 1000 bytes");
    assertThatThrownBy(() -> EventCodec.encode(e, null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_default_limit_is_one_mebibyte() {
    // GIVEN an attribute of just over 1 MiB
    CustomEvent e = CustomEvent.builder("acme.big").timestamp(TS).attribute("text", "z".repeat(1 << 20)).build();
    // WHEN / THEN
    assertThat(EventCodec.DEFAULT_MAX_BYTES).isEqualTo(1 << 20);
    assertThatThrownBy(() -> EventCodec.encode(e, null)).isInstanceOf(AuditLogException.class)
        .hasMessageContaining("limit of 1048576 bytes");
  }

  @Test
  void no_error_message_leaks_subjects_or_personal_values() {
    // GIVEN failing events that carry a secret subject and secret values
    String secret = "S3CRET-VALUE";
    AuditPrivacy privacy = privacy();
    List<Runnable> failures = List.of(
        () -> EventCodec.encode(CustomEvent.builder("acme.x").timestamp(TS).subject(secret)
            .personalData("v", secret).build(), null),
        () -> EventCodec.encode(CustomEvent.builder("acme.x").timestamp(TS).subject(secret)
            .personalData("v", secret + "\uD800").build(), privacy),
        () -> EventCodec.encode(CustomEvent.builder("acme.x").timestamp(TS).subject(secret)
            .personalData("v", secret.repeat(100)).build(), privacy, 200),
        () -> EventCodec.encode(CustomEvent.builder("acme.x").timestamp(TS).subject(secret + "\uDC00").build(),
            privacy));
    for (Runnable r : failures) {
      // WHEN
      AuditLogException ex = catchThrowableOfType(AuditLogException.class, r::run);
      // THEN
      assertThat(ex).isNotNull();
      assertThat(ex.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void generated_events_of_every_type_are_canonical() throws Exception {
    // GIVEN a privacy key store and a seeded generator
    AuditPrivacy privacy = privacy();
    Random random = new Random(20260301);
    for (int i = 0; i < 2000; i++) {
      AuditEvent e = randomEvent(random);
      // WHEN encoded
      byte[] out = EventCodec.encode(e, privacy);
      // THEN canonicalising changes nothing
      assertThat(CanonicalJson.canonicalize(out)).as("event %d: %s", i, e).isEqualTo(out);
    }
  }

  @Test
  void encoding_on_many_threads_matches_encoding_on_one() throws Exception {
    // GIVEN events encoded sequentially
    Random random = new Random(7);
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      AuditEvent e = randomEvent(random);
      if (e.subject().isEmpty()) {
        events.add(e);
      }
    }
    List<byte[]> expected = events.stream().map(e -> EventCodec.encode(e, null)).toList();
    // WHEN encoded concurrently, each thread reusing its buffer
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(t -> pool.submit(() -> {
        for (int round = 0; round < 5; round++) {
          for (int i = 0; i < events.size(); i++) {
            if (!Arrays.equals(EventCodec.encode(events.get(i), null), expected.get(i))) {
              return false;
            }
          }
        }
        return true;
      })).toList();
      // THEN every thread saw the same bytes
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A random event of any type, with random attributes. */
  static AuditEvent randomEvent(Random r) {
    Instant ts = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(1_000_000_000));
    AuditEvent.Builder<?> b;
    switch (r.nextInt(7)) {
      case 0 -> {
        PredictionEvent.Builder p = PredictionEvent.builder().model(MODEL).requestId("req-" + r.nextInt());
        Object output = randomValue(r, 2);
        if (output != null) {
          p.output(output);
        }
        Object input = randomValue(r, 2);
        if (input != null) {
          p.input(input);
        }
        if (r.nextBoolean()) {
          p.latency(Duration.ofNanos(r.nextInt(Integer.MAX_VALUE)));
        }
        b = p;
      }
      case 1 -> b = DeploymentEvent.builder().model(MODEL)
          .action(DeploymentEvent.Action.values()[r.nextInt(DeploymentEvent.Action.values().length)])
          .replicas(r.nextInt(100));
      case 2 -> {
        PolicyDecisionEvent.Builder p = PolicyDecisionEvent.builder().policy("p/" + r.nextInt(9))
            .allowed(r.nextBoolean());
        for (int i = r.nextInt(3); i > 0; i--) {
          p.reason(randomText(r) + "!");
        }
        b = p;
      }
      case 3 -> b = ApprovalEvent.builder().model(MODEL).decision(ApprovalDecision.REJECTED).approverRole("role")
          .comment(randomText(r) + ".");
      case 4 -> b = KeyRotationEvent.builder().purpose("signing").newKeyId(Integer.toHexString(r.nextInt()));
      case 5 -> b = ErasureEvent.builder().subjectPseudonym("hmac-sha256:" + "c".repeat(64)).reason("request");
      default -> b = CustomEvent.builder("acme.e" + r.nextInt(5));
    }
    b.timestamp(ts);
    for (int i = r.nextInt(5); i > 0; i--) {
      b.attribute("a" + r.nextInt(20), randomValue(r, 3));
    }
    if (r.nextInt(3) == 0) {
      b.subject("subject-" + r.nextInt(10));
      for (int i = r.nextInt(3); i > 0; i--) {
        b.personalData("f" + i, randomText(r));
      }
    }
    if (r.nextBoolean()) {
      b.trace(String.format("%032x", r.nextLong() & Long.MAX_VALUE), String.format("%016x", r.nextLong() >>> 1));
    }
    if (b instanceof PredictionEvent.Builder p) {
      return p.build();
    } else if (b instanceof DeploymentEvent.Builder d) {
      return d.build();
    } else if (b instanceof PolicyDecisionEvent.Builder p) {
      return p.build();
    } else if (b instanceof ApprovalEvent.Builder a) {
      return a.build();
    } else if (b instanceof KeyRotationEvent.Builder k) {
      return k.build();
    } else if (b instanceof ErasureEvent.Builder er) {
      return er.build();
    }
    return ((CustomEvent.Builder) b).build();
  }

  /** A random JSON value: strings over the whole of Unicode, every number type, nested lists and maps. */
  static Object randomValue(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 12 : 10);
    return switch (kind) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2, 3 -> randomText(r);
      case 4 -> r.nextInt();
      case 5 -> r.nextLong() >> 11; // within 2^53
      case 6 -> randomDouble(r);
      case 7 -> new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(40) - 20);
      case 8 -> (float) (r.nextGaussian() * 1000);
      case 9 -> BigInteger.valueOf(r.nextLong() >> 11);
      case 10 -> {
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(randomValue(r, depth - 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new HashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          map.put(randomText(r), randomValue(r, depth - 1));
        }
        yield map;
      }
    };
  }

  static double randomDouble(Random r) {
    double d;
    do {
      d = switch (r.nextInt(4)) {
        case 0 -> Double.longBitsToDouble(r.nextLong());
        case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(60) - 30);
        case 2 -> (double) (r.nextInt(2000) - 1000);
        default -> r.nextGaussian();
      };
    } while (!Double.isFinite(d));
    return d;
  }

  /** Random well-formed text: ASCII, controls, BMP and supplementary code points. */
  static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(12); i >= 0; i--) {
      int cp = switch (r.nextInt(5)) {
        case 0 -> r.nextInt(0x20);
        case 1, 2 -> 0x20 + r.nextInt(0x60);
        case 3 -> 0x80 + r.nextInt(0xD800 - 0x80);
        default -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }
}
