package dev.modelgov.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A read view of one recorded audit log entry: its position, type, time, leaf hash and JSON body, and, given the
 * log's {@link AuditPrivacy} keys, its personal fields decrypted.
 *
 * <p>The recorded bytes are the RFC 8785 canonical JSON the log hashed; {@link #leafHash()} is the RFC 6962 leaf hash
 * an inclusion proof is about. Personal fields stay encrypted in {@link #body()}; {@link #personalData()} decrypts
 * them, and reports a field as empty when its subject was erased, has no key, or no keys were given.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * AuditEntry entry = AuditEntry.parse(41, recordedBytes, privacy);
 * entry.type();                         // "approval"
 * entry.personalData().get("name");     // Optional[Jane Doe], or Optional.empty after erasure
 * entry.toJson(true);                   // {"approverRole":"...","personalData":{"name":"Jane Doe"},...}
 * }</pre>
 *
 * <p>Instances are immutable; {@link #toString()} never shows personal data.
 */
public final class AuditEntry {

  /** Shown by {@link #toJson(boolean)} for a field whose subject was erased. */
  public static final String ERASED = "<erased>";

  /** Shown by {@link #toJson(boolean)} for a field that cannot be decrypted for another reason (no keys given). */
  public static final String UNAVAILABLE = "<unavailable>";

  private static final StrictJson JSON = new StrictJson(new JsonLimits(1 << 28, 64, 1 << 28, 1000));
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();
  private static final Pattern PSEUDONYM = Pattern.compile("hmac-sha256:[0-9a-f]{64}");

  private final long index;
  private final byte[] recorded;
  private final ObjectNode body;
  private final String type;
  private final Instant timestamp;
  private final Digest leafHash;
  private final String subject;
  private final Map<String, String> encrypted;
  private final AuditPrivacy privacy;

  private AuditEntry(long index, byte[] recorded, ObjectNode body, String type, Instant timestamp, String subject,
      Map<String, String> encrypted, AuditPrivacy privacy) {
    this.index = index;
    this.recorded = recorded;
    this.body = body;
    this.type = type;
    this.timestamp = timestamp;
    this.leafHash = MerkleHashes.leafHash(recorded);
    this.subject = subject;
    this.encrypted = encrypted;
    this.privacy = privacy;
  }

  /**
   * Parses a recorded entry strictly (duplicate keys, trailing content and limit violations are errors).
   *
   * @param index the entry's index in the log, not negative
   * @param recorded the recorded bytes, must not be {@code null}; copied
   * @param privacy the log's keys to decrypt personal fields with; may be {@code null}
   * @return the entry
   * @throws IllegalArgumentException if the bytes are not a JSON object with a string {@code type} and an ISO-8601
   *     {@code ts}, or a {@code subject} or {@code encrypted} member is malformed; the message names the index, the
   *     field or the byte offset, never personal data
   */
  public static AuditEntry parse(long index, byte[] recorded, AuditPrivacy privacy) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    Objects.requireNonNull(recorded, "recorded must not be null");
    byte[] bytes = recorded.clone();
    JsonNode node;
    try {
      node = JSON.readJson(bytes);
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException("audit entry " + index + " is malformed: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode body)) {
      throw new IllegalArgumentException("audit entry " + index + " is not a JSON object");
    }
    String type = text(body, "type", index);
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("audit entry " + index + ": field type is missing or empty");
    }
    String ts = text(body, "ts", index);
    if (ts == null) {
      throw new IllegalArgumentException("audit entry " + index + ": field ts is missing");
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse(ts);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("audit entry " + index + ": field ts is not an ISO-8601 UTC instant");
    }
    String subject = text(body, "subject", index);
    if (subject != null && !PSEUDONYM.matcher(subject).matches()) {
      throw new IllegalArgumentException("audit entry " + index
          + ": field subject is not a pseudonym (hmac-sha256:<64 lower-case hex digits>)");
    }
    Map<String, String> encrypted = Map.of();
    JsonNode enc = body.get("encrypted");
    if (enc != null) {
      if (!enc.isObject()) {
        throw new IllegalArgumentException("audit entry " + index + ": field encrypted is not an object");
      }
      if (subject == null) {
        throw new IllegalArgumentException("audit entry " + index + ": field encrypted has no subject");
      }
      TreeMap<String, String> fields = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : enc.properties()) {
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException("audit entry " + index + ": field encrypted." + clip(e.getKey())
              + " is not a string");
        }
        fields.put(e.getKey(), e.getValue().textValue());
      }
      encrypted = Collections.unmodifiableMap(fields);
    }
    return new AuditEntry(index, bytes, body, type, timestamp, subject, encrypted, privacy);
  }

  private static String text(ObjectNode body, String field, long index) {
    JsonNode n = body.get(field);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("audit entry " + index + ": field " + field + " is not a string");
    }
    return n.textValue();
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /**
   * @return the entry's zero-based index in the log
   */
  public long index() {
    return index;
  }

  /**
   * @return the event type, such as {@code prediction} or {@code audit.recovered}
   */
  public String type() {
    return type;
  }

  /**
   * @return when the event happened
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * @return the RFC 6962 leaf hash, SHA-256(0x00 || recorded bytes)
   */
  public Digest leafHash() {
    return leafHash;
  }

  /**
   * @return a copy of the recorded bytes
   */
  public byte[] recordedBytes() {
    return recorded.clone();
  }

  /**
   * @return a deep copy of the recorded JSON, with personal fields encrypted as recorded
   */
  public JsonNode body() {
    return body.deepCopy();
  }

  /**
   * @return the data subject's pseudonym, if the entry is about a subject
   */
  public Optional<String> subjectPseudonym() {
    return Optional.ofNullable(subject);
  }

  /**
   * Decrypts the personal fields.
   *
   * @return every personal field by name, in name order: its value, or empty when the subject was erased, has no key,
   *     or this entry was parsed without keys
   * @throws IllegalArgumentException if a ciphertext is malformed or fails authentication (the entry was altered)
   */
  public Map<String, Optional<String>> personalData() {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : encrypted.entrySet()) {
      out.put(e.getKey(), privacy == null
          ? Optional.empty()
          : privacy.decryptField(subject, type, timestamp, e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Whether the subject's key was destroyed for this entry: the subject was erased and this entry's personal fields
   * (if any) can no longer be read. {@code false} for entries without a subject, and when parsed without keys.
   *
   * @return whether this entry's subject was erased
   */
  public boolean isErased() {
    if (subject == null || privacy == null || !privacy.isErased(subject)) {
      return false;
    }
    return encrypted.isEmpty() || personalData().values().stream().anyMatch(Optional::isEmpty);
  }

  /**
   * The body as one line of canonical JSON.
   *
   * @param decrypt whether to replace {@code encrypted} by a {@code personalData} object of the decrypted values;
   *     a value that cannot be read shows as {@value #ERASED} when its subject was erased, else as
   *     {@value #UNAVAILABLE}
   * @return the JSON text
   * @throws IllegalArgumentException if {@code decrypt} is set and a ciphertext fails authentication
   */
  public String toJson(boolean decrypt) {
    JsonNode out = body;
    if (decrypt && body.has("encrypted")) {
      Map<String, Optional<String>> values = personalData();
      boolean erased = privacy != null && privacy.isErased(subject);
      ObjectNode personal = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Optional<String>> e : values.entrySet()) {
        personal.put(e.getKey(), e.getValue().orElse(erased ? ERASED : UNAVAILABLE));
      }
      ObjectNode copy = body.deepCopy();
      copy.remove("encrypted");
      copy.set("personalData", personal);
      out = copy;
    }
    try {
      return new String(CanonicalJson.canonicalize(out), StandardCharsets.UTF_8);
    } catch (JsonFormatException e) {
      // A value canonical JSON cannot write (a lone surrogate written as an escape); show it as Jackson writes it.
      try {
        return COMPACT.writeValueAsString(out);
      } catch (JsonProcessingException e2) {
        throw new IllegalStateException("audit entry " + index + " cannot be written as JSON", e2);
      }
    }
  }

  /** Two entries are equal when their index and recorded bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEntry other && index == other.index && Arrays.equals(recorded, other.recorded);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(recorded);
  }

  /** Names index, type, time and leaf hash; never personal data. */
  @Override
  public String toString() {
    return "AuditEntry[index=" + index + ", type=" + type + ", ts=" + timestamp + ", leafHash=" + leafHash
        + (subject == null ? "" : ", subject=<pseudonymous>")
        + (encrypted.isEmpty() ? "" : ", personalData=" + encrypted.size() + " encrypted") + "]";
  }
}
