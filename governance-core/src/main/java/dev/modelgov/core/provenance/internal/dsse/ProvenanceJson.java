package dev.modelgov.core.provenance.internal.dsse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.provenance.ProvenanceLimits;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON for provenance documents: compact, ASCII-only output, and strict input (duplicate keys, trailing content and
 * documents over the limits rejected) whose failures become {@code MALFORMED_ENVELOPE} without echoing content. For
 * internal use only; may change without notice.
 */
public final class ProvenanceJson {

  /** Nesting depth: a manifest (depth 64) inside a statement's predicate, with room to spare. */
  private static final int MAX_DEPTH = 80;

  private static final ObjectMapper WRITER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                  .build())
          .build();

  private static final Map<ProvenanceLimits, StrictJson> READERS = new ConcurrentHashMap<>();

  private ProvenanceJson() {}

  /** @return a new empty object node */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Writes a tree as compact JSON with every non-ASCII character escaped as {@code \\uXXXX}.
   *
   * @param tree the tree
   * @return UTF-8 (in fact ASCII) bytes
   */
  public static byte[] write(JsonNode tree) {
    try {
      return WRITER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /**
   * Parses a document strictly. The caller checks the size first.
   *
   * @param bytes the document
   * @param limits the limits
   * @param what what the document is, for the message
   * @return the tree
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if it is not one well-formed JSON value, or
   *     {@code SIZE_LIMIT_EXCEEDED} if it is larger than {@link ProvenanceLimits#maxEnvelopeBytes()}
   */
  public static JsonNode read(byte[] bytes, ProvenanceLimits limits, String what)
      throws ProvenanceVerificationException {
    if (bytes.length > limits.maxEnvelopeBytes()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED,
          what + " is " + bytes.length + " bytes, larger than the limit of " + limits.maxEnvelopeBytes() + " bytes");
    }
    StrictJson strict = READERS.get(limits);
    if (strict == null) {
      strict = strict(limits);
      if (READERS.size() < 64) {
        READERS.putIfAbsent(limits, strict);
      }
    }
    try {
      return strict.readJson(bytes);
    } catch (JsonFormatException e) {
      throw new ProvenanceVerificationException(
          Reason.MALFORMED_ENVELOPE, what + " is not well-formed JSON: " + describe(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      throw new ProvenanceVerificationException(Reason.MALFORMED_ENVELOPE, what + " cannot be read as JSON");
    }
  }

  private static StrictJson strict(ProvenanceLimits limits) {
    int size = limits.maxEnvelopeBytes();
    return new StrictJson(new JsonLimits(size, MAX_DEPTH, size, 1000));
  }

  /** A coarse description of a parse problem and its location, never the document's content. */
  private static String describe(String message) {
    String m = message == null ? "" : message;
    String kind;
    if (m.startsWith("Duplicate field") || m.contains("uplicate")) {
      kind = "duplicate key";
    } else if (m.startsWith("limit exceeded")) {
      kind = "a parser limit was exceeded";
    } else if (m.contains("end-of-input") || m.contains("document is empty")) {
      kind = "truncated or empty document";
    } else if (m.contains("nested too deeply")) {
      kind = "nested too deeply";
    } else if (m.contains("trailing")) {
      kind = "trailing content";
    } else {
      kind = "syntax error";
    }
    int at = m.lastIndexOf(" at line ");
    return at >= 0 ? kind + m.substring(at) : kind;
  }

  /**
   * @param node the node
   * @param what what it is, for the message
   * @return the node as an object
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if it is not an object
   */
  public static ObjectNode object(JsonNode node, String what) throws ProvenanceVerificationException {
    if (node == null || !node.isObject()) {
      throw malformed(what + " must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * @param parent the object
   * @param field the field name
   * @param what where the object is, for the message
   * @return the string value
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if the field is missing or not a string
   */
  public static String text(JsonNode parent, String field, String what) throws ProvenanceVerificationException {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed(what + "." + field + " must be a string");
    }
    return v.textValue();
  }

  /**
   * @param parent the object
   * @param field the field name
   * @param what where the object is, for the message
   * @return the string value, or empty if the field is absent
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if the field is present and not a string
   */
  public static Optional<String> optionalText(JsonNode parent, String field, String what)
      throws ProvenanceVerificationException {
    JsonNode v = parent.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw malformed(what + "." + field + " must be a string");
    }
    return Optional.of(v.textValue());
  }

  /**
   * Parses a lowercase hex SHA-256 value.
   *
   * @param hex the value
   * @param what what it is, for the message
   * @return the digest
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if it is not 64 lowercase hex digits
   */
  public static Digest sha256(String hex, String what) throws ProvenanceVerificationException {
    try {
      return new Digest(Digest.SHA256, hex);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " must be 64 lowercase hex digits");
    }
  }

  /**
   * Whether a string is well-formed UTF-16 (no lone surrogates), so that its UTF-8 bytes are exact.
   *
   * @param s the string
   * @return whether every surrogate is paired
   */
  public static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param message what is wrong
   * @return a {@code MALFORMED_ENVELOPE} exception
   */
  public static ProvenanceVerificationException malformed(String message) {
    return new ProvenanceVerificationException(Reason.MALFORMED_ENVELOPE, message);
  }
}
