package dev.modelgov.core.audit.internal.ship;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.internal.store.Layout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Formats one audit record as one JSON line with the field names of the OpenTelemetry log data model. For internal
 * use only; may change without notice.
 *
 * <pre>{@code
 * {"timestamp":"2026-03-01T12:00:00Z","observed_timestamp":"...","severity_text":"INFO","severity_number":9,
 *  "event_name":"prediction","body":{...},"attributes":{"audit.seq":0,...},"resource":{"service.name":"scoring"}}
 * }</pre>
 */
public final class OtelLines {

  /** The longest line, newline included: containerd splits longer lines into partial ones. */
  public static final int MAX_LINE_BYTES = 16_384;

  /** The event name of checkpoint records. */
  public static final String CHECKPOINT_EVENT = "audit.checkpoint";

  /** The event name of records that cannot be read as an event or a checkpoint. */
  public static final String MALFORMED_EVENT = "audit.malformed";

  private static final JsonFactory FACTORY = new JsonFactory();

  /** A severity: OpenTelemetry's text and number. */
  enum Severity {
    INFO(9),
    WARN(13),
    ERROR(17);

    final int number;

    Severity(int number) {
      this.number = number;
    }
  }

  private final String origin;
  private final Map<String, String> resource;
  private final AuditPrivacy privacy;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

  /**
   * @param origin the log's origin, shipped as {@code audit.origin}
   * @param resource the resource attributes of every line
   * @param privacy the keys to decrypt personal fields with, or null to ship them as recorded
   */
  public OtelLines(String origin, Map<String, String> resource, AuditPrivacy privacy) {
    this.origin = Objects.requireNonNull(origin, "origin must not be null");
    this.resource = Collections.unmodifiableMap(new LinkedHashMap<>(resource));
    this.privacy = privacy;
  }

  /**
   * Formats one record.
   *
   * @param index the record's index
   * @param type its record type (1 event, 2 checkpoint)
   * @param payload its payload
   * @param checkpointSize the size of the latest known checkpoint, or -1
   * @param observed the time it is shipped
   * @return the line, newline included, at most {@link #MAX_LINE_BYTES} bytes unless the resource alone is larger
   */
  public byte[] format(long index, int type, byte[] payload, long checkpointSize, Instant observed) {
    Line line = new Line();
    line.index = index;
    line.leafHash = MerkleHashes.leafHash(payload).toString();
    line.observed = observed;
    line.covered = checkpointSize > index ? checkpointSize : -1;
    if (type == Layout.TYPE_EVENT) {
      event(line, index, payload);
    } else if (type == Layout.TYPE_CHECKPOINT) {
      checkpoint(line, payload);
    } else {
      malformed(line, payload, "unknown record type " + type);
    }
    byte[] bytes = write(line, false);
    if (bytes.length > MAX_LINE_BYTES) {
      bytes = write(line, true);
    }
    return bytes;
  }

  private void event(Line line, long index, byte[] payload) {
    AuditEntry entry;
    try {
      entry = AuditEntry.parse(index, payload, privacy);
    } catch (IllegalArgumentException e) {
      malformed(line, payload, e.getMessage());
      return;
    }
    JsonNode body = entry.body();
    line.timestamp = entry.timestamp();
    line.eventName = entry.type();
    line.severity = warns(entry.type(), body) ? Severity.WARN : Severity.INFO;
    line.traceId = text(body, "traceId");
    line.spanId = text(body, "spanId");
    if (privacy != null) {
      try {
        line.rawBody = entry.toJson(true);
        return;
      } catch (IllegalArgumentException e) {
        // A ciphertext failed authentication: ship what was recorded, flagged.
        line.decryptFailed = true;
        line.severity = Severity.WARN;
      }
    }
    line.rawBody = hasLineBreak(payload) ? entry.toJson(false) : new String(payload, StandardCharsets.UTF_8);
  }

  private static boolean warns(String type, JsonNode body) {
    if (type.equals("audit.recovered")) {
      return true;
    }
    if (type.equals("policy.decision")) {
      JsonNode allowed = body.get("allowed");
      return allowed != null && allowed.isBoolean() && !allowed.booleanValue();
    }
    return false;
  }

  private static void checkpoint(Line line, byte[] payload) {
    String note = new String(payload, StandardCharsets.UTF_8);
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(Layout.noteBody(note));
    } catch (IllegalArgumentException e) {
      malformed(line, payload, "checkpoint record is malformed: " + e.getMessage());
      return;
    }
    line.eventName = CHECKPOINT_EVENT;
    line.severity = Severity.INFO;
    line.stringBody = note;
    line.checkpointTreeSize = cp.treeSize();
    line.checkpointRootHash = cp.rootHash().toString();
  }

  private static void malformed(Line line, byte[] payload, String message) {
    line.eventName = MALFORMED_EVENT;
    line.severity = Severity.ERROR;
    line.rawBody = "{\"malformed\":true,\"bytes\":" + payload.length + "}";
    line.error = message == null ? "malformed record" : message;
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static boolean hasLineBreak(byte[] payload) {
    // Inside JSON strings line breaks are escaped, so a raw CR or LF byte is whitespace between tokens.
    for (byte b : payload) {
      if (b == '\n' || b == '\r') {
        return true;
      }
    }
    return false;
  }

  private byte[] write(Line line, boolean truncate) {
    buffer.reset();
    try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
      g.writeStartObject();
      if (line.timestamp != null) {
        g.writeStringField("timestamp", line.timestamp.toString());
      }
      g.writeStringField("observed_timestamp", line.observed.toString());
      g.writeStringField("severity_text", line.severity.name());
      g.writeNumberField("severity_number", line.severity.number);
      g.writeStringField("event_name", line.eventName);
      if (line.traceId != null) {
        g.writeStringField("trace_id", line.traceId);
      }
      if (line.spanId != null) {
        g.writeStringField("span_id", line.spanId);
      }
      g.writeFieldName("body");
      if (truncate) {
        g.writeRawValue("{\"truncated\":true,\"bytes\":" + line.bodyBytes() + "}");
      } else if (line.stringBody != null) {
        g.writeString(line.stringBody);
      } else {
        g.writeRawValue(line.rawBody);
      }
      g.writeObjectFieldStart("attributes");
      g.writeNumberField("audit.seq", line.index);
      g.writeStringField("audit.leaf_hash", line.leafHash);
      g.writeStringField("audit.origin", origin);
      if (line.covered >= 0) {
        g.writeNumberField("audit.checkpoint_size", line.covered);
      }
      if (line.checkpointRootHash != null) {
        g.writeNumberField("audit.checkpoint.tree_size", line.checkpointTreeSize);
        g.writeStringField("audit.checkpoint.root_hash", line.checkpointRootHash);
      }
      if (line.error != null) {
        g.writeStringField("audit.error", line.error);
      }
      if (line.decryptFailed) {
        g.writeBooleanField("audit.decrypt_failed", true);
      }
      if (truncate) {
        g.writeBooleanField("audit.truncated", true);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("resource");
      for (Map.Entry<String, String> e : resource.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    buffer.write('\n');
    return buffer.toByteArray();
  }

  /** The parts of one line. */
  private static final class Line {
    long index;
    String leafHash;
    Instant observed;
    long covered;
    Instant timestamp;
    Severity severity;
    String eventName;
    String traceId;
    String spanId;
    String rawBody;
    String stringBody;
    long checkpointTreeSize;
    String checkpointRootHash;
    String error;
    boolean decryptFailed;

    long bodyBytes() {
      if (stringBody != null) {
        return stringBody.getBytes(StandardCharsets.UTF_8).length;
      }
      return rawBody.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
