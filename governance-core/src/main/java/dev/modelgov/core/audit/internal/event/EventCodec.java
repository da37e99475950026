package dev.modelgov.core.audit.internal.event;

import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.core.audit.AuditPrivacy;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Encodes audit events as the RFC 8785 canonical JSON the log records; these bytes are the Merkle leaf. For internal
 * use only; may change without notice.
 *
 * <p>Written straight from the typed fields into a per-thread byte buffer (no JSON tree): the output is byte for byte
 * what {@link dev.modelgov.core.json.CanonicalJson#canonicalize(byte[])} makes of it. Absent optional fields and empty
 * collections ({@code attributes}, {@code encrypted}, {@code reasons}) are omitted. The subject is written only as
 * its pseudonym and each personal field only encrypted under the subject's key, with {@link AuditPrivacy}.
 *
 * <pre>{@code
 * byte[] leaf = EventCodec.encode(event, privacy, EventCodec.DEFAULT_MAX_BYTES);
 * // {"model":{...},"requestId":"req-1","ts":"2026-03-01T12:00:00Z","type":"prediction"}
 * }</pre>
 */
public final class EventCodec {

  /** The default size limit of one encoded event: 1 MiB, the default record payload of a segment. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  /** The type prefix reserved for events the log writes about itself. */
  public static final String INTERNAL_TYPE_PREFIX = "audit.";

  /** Nesting below the top-level object: attributes allow 16 levels, plus the member and map levels around them. */
  private static final int MAX_DEPTH = AuditEvent.MAX_ATTRIBUTE_DEPTH + 8;

  private static final Pattern INTERNAL_TYPE = Pattern.compile("audit(\\.[a-z0-9_-]+)+");

  private static final ThreadLocal<CanonicalWriter> WRITER = ThreadLocal.withInitial(CanonicalWriter::new);

  private EventCodec() {}

  /**
   * Encodes an event with the {@linkplain #DEFAULT_MAX_BYTES default size limit}.
   *
   * @param event the event, must not be {@code null}
   * @param privacy the log's keys; may be {@code null} when the log keeps no personal data
   * @return the canonical JSON bytes
   * @throws AuditLogException (REJECTED) if the event is too large, holds a value canonical JSON cannot represent
   *     exactly, or has a data subject but {@code privacy} is {@code null}
   * @throws java.io.UncheckedIOException if the subject's key cannot be read or created
   */
  public static byte[] encode(AuditEvent event, AuditPrivacy privacy) {
    return encode(event, privacy, DEFAULT_MAX_BYTES);
  }

  /**
   * Encodes an event.
   *
   * @param event the event, must not be {@code null}
   * @param privacy the log's keys; may be {@code null} when the log keeps no personal data
   * @param maxBytes the largest encoding accepted, positive
   * @return the canonical JSON bytes
   * @throws AuditLogException (REJECTED) if the event is larger than {@code maxBytes}, holds a value canonical JSON
   *     cannot represent exactly (an integer beyond 2^53, a lone surrogate), or has a data subject but {@code privacy}
   *     is {@code null}; the message names the field, never its value
   * @throws java.io.UncheckedIOException if the subject's key cannot be read or created
   */
  public static byte[] encode(AuditEvent event, AuditPrivacy privacy, int maxBytes) {
    Objects.requireNonNull(event, "event must not be null");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    String type = event.type();
    Instant ts = event.timestamp();
    String pseudonym = pseudonym(event, privacy);
    Map<String, String> encrypted = pseudonym == null ? null : encrypt(event, privacy, pseudonym, type, ts);
    CanonicalWriter w = WRITER.get();
    w.reset(maxBytes, MAX_DEPTH);
    // Added in (nearly) sorted order, so that sorting the members costs little.
    if (!event.attributes().isEmpty()) {
      w.member("attributes", event.attributes());
    }
    w.member("encrypted", encrypted);
    typedFields(event, w);
    w.member("spanId", event.spanId().orElse(null));
    w.member("subject", pseudonym);
    w.member("traceId", event.traceId().orElse(null));
    w.member("ts", ts);
    w.member("type", type);
    return w.finish();
  }

  /** The subject's pseudonym, or {@code null} if the event has no subject; checks the privacy rules first. */
  private static String pseudonym(AuditEvent event, AuditPrivacy privacy) {
    Map<String, String> personal = event.personalData();
    String subject = event.subject().orElse(null);
    if (subject == null && personal.isEmpty()) {
      return null;
    }
    if (privacy == null) {
      throw new AuditLogException(AuditLogException.Reason.REJECTED,
          "event has a data subject but the log has no privacy keys configured");
    }
    if (subject == null) {
      // AuditEvent refuses personal data without a subject; guard anyway.
      throw new AuditLogException(AuditLogException.Reason.REJECTED, "personalData requires a subject");
    }
    int at = CanonicalWriter.loneSurrogate(subject);
    if (at >= 0) {
      throw new AuditLogException(AuditLogException.Reason.REJECTED, "subject: string has a lone surrogate at index "
          + at);
    }
    for (Map.Entry<String, String> e : personal.entrySet()) {
      at = CanonicalWriter.loneSurrogate(e.getValue());
      if (at >= 0) {
        throw new AuditLogException(AuditLogException.Reason.REJECTED,
            "personalData." + e.getKey() + ": string has a lone surrogate at index " + at);
      }
    }
    return privacy.pseudonym(subject);
  }

  /** The encrypted personal fields by name, or {@code null} if there are none. */
  private static Map<String, String> encrypt(AuditEvent event, AuditPrivacy privacy, String pseudonym, String type,
      Instant ts) {
    Map<String, String> personal = event.personalData();
    if (personal.isEmpty()) {
      return null;
    }
    TreeMap<String, String> encrypted = new TreeMap<>();
    for (Map.Entry<String, String> e : personal.entrySet()) {
      encrypted.put(e.getKey(), privacy.encryptField(pseudonym, type, ts, e.getKey(), e.getValue()));
    }
    return encrypted;
  }

  /** The fields of each event type, in key order. */
  private static void typedFields(AuditEvent event, CanonicalWriter w) {
    if (event instanceof PredictionEvent p) {
      w.member("input", p.input().orElse(null));
      w.member("inputDigest", p.inputDigest().orElse(null));
      w.member("latencyMs", p.latency().orElse(null));
      w.member("model", p.model());
      w.member("output", p.output().orElse(null));
      w.member("outputDigest", p.outputDigest().orElse(null));
      w.member("requestId", p.requestId());
    } else if (event instanceof DeploymentEvent d) {
      w.member("action", d.action());
      w.member("environment", d.environment().orElse(null));
      w.member("image", d.image().orElse(null));
      w.member("model", d.model());
      w.member("replicas", d.replicas().orElse(null));
    } else if (event instanceof PolicyDecisionEvent pd) {
      w.member("allowed", pd.allowed());
      w.member("enforcementPoint", pd.enforcementPoint().orElse(null));
      w.member("model", pd.model().orElse(null));
      w.member("policy", pd.policy());
      if (!pd.reasons().isEmpty()) {
        w.member("reasons", pd.reasons());
      }
    } else if (event instanceof ApprovalEvent a) {
      w.member("approverRole", a.approverRole());
      w.member("comment", a.comment().orElse(null));
      w.member("decision", a.decision());
      w.member("model", a.model());
    } else if (event instanceof KeyRotationEvent k) {
      w.member("newKeyId", k.newKeyId());
      w.member("previousKeyId", k.previousKeyId().orElse(null));
      w.member("purpose", k.purpose());
    } else if (event instanceof ErasureEvent er) {
      w.member("reason", er.reason());
      w.member("subjectPseudonym", er.subjectPseudonym());
    } else if (!(event instanceof CustomEvent)) {
      // AuditEvent is sealed; a new permitted subtype must be added here.
      throw new IllegalStateException("no encoding for " + event.getClass().getName());
    }
  }

  /**
   * Encodes an event the log writes about itself, such as {@code audit.recovered} or {@code audit.pruned}, with its
   * fields at the top level next to {@code type} and {@code ts}. {@code null} field values are omitted.
   *
   * @param type the type, {@code audit.} followed by lower-case dot-separated words
   * @param ts when it happened, must not be {@code null}
   * @param fields the fields: JSON values (as {@link #encode(AuditEvent, AuditPrivacy)} accepts them), plus
   *     {@code ModelRef} (an object), {@code Digest}, {@code ImageRef}, {@code Instant} and enums (strings) and
   *     {@code Duration} (milliseconds); no key {@code type} or {@code ts}
   * @return the canonical JSON bytes
   * @throws IllegalArgumentException if the type is not an {@code audit.} type or a field is named {@code type} or
   *     {@code ts}
   * @throws AuditLogException (REJECTED) if a value cannot be encoded or the event is larger than
   *     {@link #DEFAULT_MAX_BYTES}
   */
  public static byte[] encodeInternal(String type, Instant ts, Map<String, Object> fields) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(ts, "ts must not be null");
    Objects.requireNonNull(fields, "fields must not be null");
    if (type.length() > 128 || !INTERNAL_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("internal event type must be audit.<lower-case words>, at most 128 characters");
    }
    CanonicalWriter w = WRITER.get();
    w.reset(DEFAULT_MAX_BYTES, MAX_DEPTH);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "field names must not be null");
      if (key.equals("type") || key.equals("ts")) {
        throw new IllegalArgumentException("field name " + key + " is reserved");
      }
      w.member(key, e.getValue());
    }
    w.member("ts", ts);
    w.member("type", type);
    return w.finish();
  }
}
