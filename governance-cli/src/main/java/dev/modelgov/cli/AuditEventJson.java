package dev.modelgov.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.ApprovalDecision;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one audit event from JSON for {@code governance audit append}: strict (duplicate keys, trailing content and
 * unknown fields of typed events are errors; size, depth, string and number limits), mapped to the typed event
 * builders, or to {@link CustomEvent} for namespaced types. For internal use only; may change without notice.
 *
 * <pre>{@code
 * {"type":"prediction","model":{"id":"risk/credit-scoring","version":"2.4.0","manifestDigest":"sha256:..."},
 *  "requestId":"r1","output":{"class":"approve"},"latencyMs":12,"subject":"customer-42",
 *  "personalData":{"name":"Jane Doe"},"attributes":{"channel":"web"},"ts":"2026-03-01T12:00:00Z"}
 * }</pre>
 */
final class AuditEventJson {

  /** The longest event line accepted. */
  static final int MAX_EVENT_BYTES = 4 << 20;

  /** The deepest nesting accepted: attribute values may nest 16 levels under {@code attributes}. */
  static final int MAX_DEPTH = AuditEvent.MAX_ATTRIBUTE_DEPTH + 4;

  private static final ObjectMapper MAPPER = mapper();

  private static final Set<String> COMMON =
      Set.of("type", "ts", "subject", "personalData", "attributes", "traceId", "spanId");

  private static final Map<String, Set<String>> TYPED = Map.of(
      PredictionEvent.TYPE, Set.of("model", "requestId", "input", "inputDigest", "output", "outputDigest",
          "latencyMs"),
      DeploymentEvent.TYPE, Set.of("model", "action", "image", "environment", "replicas"),
      PolicyDecisionEvent.TYPE, Set.of("policy", "model", "allowed", "reasons", "enforcementPoint"),
      ApprovalEvent.TYPE, Set.of("model", "decision", "approverRole", "comment"),
      KeyRotationEvent.TYPE, Set.of("purpose", "previousKeyId", "newKeyId"));

  private AuditEventJson() {}

  private static ObjectMapper mapper() {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxDocumentLength(MAX_EVENT_BYTES)
        .maxStringLength(MAX_EVENT_BYTES)
        .maxNumberLength(100)
        .maxNameLength(1024)
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }

  /**
   * A problem with one event: the field it is about (empty for the whole document) and what is wrong.
   */
  static final class EventFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the field, such as {@code model.version}; empty for the document
     * @param message what is wrong, without the field
     */
    EventFormatException(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    /** @return the field, or empty */
    String field() {
      return field;
    }

    /** @return {@code <field>: <message>}, or the message alone for the document */
    String describe() {
      return field.isEmpty() ? getMessage() : field + ": " + getMessage();
    }
  }

  /**
   * Reads one event.
   *
   * @param json the UTF-8 JSON bytes
   * @return the event
   * @throws EventFormatException naming the field that is wrong
   */
  static AuditEvent parse(byte[] json) throws EventFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new EventFormatException("", "exceeds a limit: " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw syntax(e);
    } catch (IOException e) {
      throw new EventFormatException("", "cannot be read: " + e.getClass().getSimpleName());
    }
    if (node == null || node.isMissingNode()) {
      throw new EventFormatException("", "empty: expected a JSON object");
    }
    if (!node.isObject()) {
      throw new EventFormatException("", "expected a JSON object, got " + kind(node));
    }
    return new Reader(node).event();
  }

  private static EventFormatException syntax(JsonProcessingException e) {
    String message = firstLine(e.getOriginalMessage());
    int marker = message.indexOf(" (start marker at ");
    if (marker > 0) {
      message = message.substring(0, marker); // names Jackson's redacted source, no help to a user
    }
    String path = "";
    boolean endOfInput = e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input");
    if (!endOfInput && e.getProcessor() instanceof JsonParser parser
        && parser.getParsingContext() != null) {
      path = path(parser.getParsingContext());
    }
    if (message.startsWith("Duplicate field '")) {
      return new EventFormatException(path, "duplicate key");
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getColumnNr() < 0 ? "" : " (column " + at.getColumnNr() + ")";
    return new EventFormatException(path, "invalid JSON: " + message + where);
  }

  private static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }

  /** Reads the fields of one event object. */
  private static final class Reader {

    private final JsonNode root;

    Reader(JsonNode root) {
      this.root = root;
    }

    AuditEvent event() throws EventFormatException {
      String type = text("type");
      if (type.equals(ErasureEvent.TYPE)) {
        throw new EventFormatException("type", ErasureEvent.TYPE
            + " events are recorded by 'governance audit erase', not appended");
      }
      if (type.startsWith("audit.")) {
        throw new EventFormatException("type", "audit.* types are reserved for the log itself");
      }
      Set<String> own = TYPED.get(type);
      if (own != null) {
        for (Map.Entry<String, JsonNode> property : root.properties()) {
          String name = property.getKey();
          if (!COMMON.contains(name) && !own.contains(name)) {
            throw new EventFormatException(name, "unknown field for a " + type + " event");
          }
        }
      }
      return switch (type) {
        case PredictionEvent.TYPE -> prediction();
        case DeploymentEvent.TYPE -> deployment();
        case PolicyDecisionEvent.TYPE -> policyDecision();
        case ApprovalEvent.TYPE -> approval();
        case KeyRotationEvent.TYPE -> keyRotation();
        default -> custom(type);
      };
    }

    private PredictionEvent prediction() throws EventFormatException {
      PredictionEvent.Builder b = PredictionEvent.builder();
      ModelRef model = model();
      String requestId = text("requestId");
      set("model", () -> b.model(model));
      set("requestId", () -> b.requestId(requestId));
      if (has("inputDigest")) {
        Digest d = digest("inputDigest");
        set("inputDigest", () -> b.inputDigest(d));
      }
      if (has("input")) {
        Object v = value("input");
        set("input", () -> b.input(v));
      }
      if (has("outputDigest")) {
        Digest d = digest("outputDigest");
        set("outputDigest", () -> b.outputDigest(d));
      }
      if (has("output")) {
        Object v = value("output");
        set("output", () -> b.output(v));
      }
      if (has("latencyMs")) {
        Duration latency = latency();
        set("latencyMs", () -> b.latency(latency));
      }
      common(b);
      return build(b::build);
    }

    private DeploymentEvent deployment() throws EventFormatException {
      DeploymentEvent.Builder b = DeploymentEvent.builder();
      ModelRef model = model();
      DeploymentEvent.Action action = constant("action", DeploymentEvent.Action.class);
      set("model", () -> b.model(model));
      set("action", () -> b.action(action));
      if (has("image")) {
        String image = text("image");
        ImageRef ref = parse("image", () -> ImageRef.parse(image));
        set("image", () -> b.image(ref));
      }
      if (has("environment")) {
        String env = text("environment");
        set("environment", () -> b.environment(env));
      }
      if (has("replicas")) {
        int replicas = integer("replicas");
        set("replicas", () -> b.replicas(replicas));
      }
      common(b);
      return build(b::build);
    }

    private PolicyDecisionEvent policyDecision() throws EventFormatException {
      PolicyDecisionEvent.Builder b = PolicyDecisionEvent.builder();
      String policy = text("policy");
      set("policy", () -> b.policy(policy));
      JsonNode allowed = require("allowed");
      if (!allowed.isBoolean()) {
        throw new EventFormatException("allowed", "must be true or false, got " + kind(allowed));
      }
      b.allowed(allowed.booleanValue());
      if (has("model")) {
        ModelRef model = model();
        set("model", () -> b.model(model));
      }
      if (has("reasons")) {
        JsonNode reasons = root.get("reasons");
        if (!reasons.isArray()) {
          throw new EventFormatException("reasons", "must be an array of strings, got " + kind(reasons));
        }
        for (int i = 0; i < reasons.size(); i++) {
          JsonNode r = reasons.get(i);
          String field = "reasons[" + i + "]";
          if (!r.isTextual()) {
            throw new EventFormatException(field, "must be a string, got " + kind(r));
          }
          set(field, () -> b.reason(r.textValue()));
        }
      }
      if (has("enforcementPoint")) {
        String point = text("enforcementPoint");
        set("enforcementPoint", () -> b.enforcementPoint(point));
      }
      common(b);
      return build(b::build);
    }

    private ApprovalEvent approval() throws EventFormatException {
      ApprovalEvent.Builder b = ApprovalEvent.builder();
      ModelRef model = model();
      ApprovalDecision decision = constant("decision", ApprovalDecision.class);
      String role = text("approverRole");
      set("model", () -> b.model(model));
      set("decision", () -> b.decision(decision));
      set("approverRole", () -> b.approverRole(role));
      if (has("comment")) {
        String comment = text("comment");
        set("comment", () -> b.comment(comment));
      }
      common(b);
      return build(b::build);
    }

    private KeyRotationEvent keyRotation() throws EventFormatException {
      KeyRotationEvent.Builder b = KeyRotationEvent.builder();
      String purpose = text("purpose");
      String newKeyId = text("newKeyId");
      set("purpose", () -> b.purpose(purpose));
      set("newKeyId", () -> b.newKeyId(newKeyId));
      if (has("previousKeyId")) {
        String previous = text("previousKeyId");
        set("previousKeyId", () -> b.previousKeyId(previous));
      }
      common(b);
      return build(b::build);
    }

    private CustomEvent custom(String type) throws EventFormatException {
      CustomEvent.Builder b;
      try {
        b = CustomEvent.builder(type);
      } catch (IllegalArgumentException e) {
        throw new EventFormatException("type", "unknown type '" + clip(type) + "'; use prediction, deployment, "
            + "policy.decision, approval, key.rotation, or a namespaced custom type such as acme.feature_flag");
      }
      common(b);
      // A custom event's own fields are its attributes.
      JsonNode attributes = root.get("attributes");
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        String name = e.getKey();
        if (COMMON.contains(name)) {
          continue;
        }
        if (attributes != null && attributes.has(name)) {
          throw new EventFormatException(name, "also given in attributes; give it once");
        }
        Object v = convert(e.getValue());
        set(name, () -> b.attribute(name, v));
      }
      return build(b::build);
    }

    private void common(AuditEvent.Builder<?> b) throws EventFormatException {
      if (has("ts")) {
        String ts = text("ts");
        Instant instant;
        try {
          instant = Instant.parse(ts);
        } catch (DateTimeParseException e) {
          throw new EventFormatException("ts", "must be an ISO-8601 UTC instant such as 2026-03-01T12:00:00Z");
        }
        set("ts", () -> b.timestamp(instant));
      }
      if (has("subject")) {
        String subject = text("subject");
        set("subject", () -> b.subject(subject));
      }
      if (has("personalData")) {
        JsonNode personal = root.get("personalData");
        if (!personal.isObject()) {
          throw new EventFormatException("personalData", "must be an object of strings, got " + kind(personal));
        }
        if (!has("subject") && !personal.isEmpty()) {
          throw new EventFormatException("personalData", "requires subject: personal fields are encrypted per "
              + "subject");
        }
        for (Map.Entry<String, JsonNode> e : personal.properties()) {
          String field = "personalData." + e.getKey();
          if (!e.getValue().isTextual()) {
            throw new EventFormatException(field, "must be a string, got " + kind(e.getValue()));
          }
          set(field, () -> b.personalData(e.getKey(), e.getValue().textValue()));
        }
      }
      if (has("attributes")) {
        JsonNode attributes = root.get("attributes");
        if (!attributes.isObject()) {
          throw new EventFormatException("attributes", "must be an object, got " + kind(attributes));
        }
        for (Map.Entry<String, JsonNode> e : attributes.properties()) {
          Object v = convert(e.getValue());
          set("attributes." + e.getKey(), () -> b.attribute(e.getKey(), v));
        }
      }
      if (has("traceId") || has("spanId")) {
        String traceId = text("traceId");
        String spanId = text("spanId");
        try {
          b.trace(traceId, spanId);
        } catch (IllegalArgumentException e) {
          String field = String.valueOf(e.getMessage()).startsWith("spanId") ? "spanId" : "traceId";
          throw new EventFormatException(field, strip(field, e.getMessage()));
        }
      }
    }

    private ModelRef model() throws EventFormatException {
      JsonNode m = require("model");
      if (!m.isObject()) {
        throw new EventFormatException("model", "must be an object {id, version, manifestDigest}, got " + kind(m));
      }
      for (Map.Entry<String, JsonNode> property : m.properties()) {
        String name = property.getKey();
        if (!Set.of("id", "version", "manifestDigest").contains(name)) {
          throw new EventFormatException("model." + name, "unknown field; a model has id, version and "
              + "manifestDigest");
        }
      }
      String id = nestedText(m, "model", "id");
      String version = nestedText(m, "model", "version");
      String digest = nestedText(m, "model", "manifestDigest");
      ModelId modelId = parse("model.id", () -> ModelId.parse(id));
      Digest manifestDigest = parse("model.manifestDigest", () -> Digest.parse(digest));
      return parse("model.version", () -> new ModelRef(modelId, version, manifestDigest));
    }

    private static String nestedText(JsonNode parent, String parentName, String name)
        throws EventFormatException {
      JsonNode n = parent.get(name);
      String field = parentName + "." + name;
      if (n == null) {
        throw new EventFormatException(field, "is required");
      }
      if (!n.isTextual()) {
        throw new EventFormatException(field, "must be a string, got " + kind(n));
      }
      return n.textValue();
    }

    private Digest digest(String field) throws EventFormatException {
      String text = text(field);
      return parse(field, () -> Digest.parse(text));
    }

    private Duration latency() throws EventFormatException {
      JsonNode n = root.get("latencyMs");
      if (!n.isNumber()) {
        throw new EventFormatException("latencyMs", "must be a number of milliseconds, got " + kind(n));
      }
      BigDecimal ms = n.decimalValue();
      if (ms.signum() < 0) {
        throw new EventFormatException("latencyMs", "must not be negative");
      }
      BigDecimal nanos = ms.movePointRight(6);
      if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw new EventFormatException("latencyMs", "is too large");
      }
      return Duration.ofNanos(nanos.longValue());
    }

    private int integer(String field) throws EventFormatException {
      JsonNode n = root.get(field);
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw new EventFormatException(field, "must be an integer, got " + (n.isNumber() ? n.asText() : kind(n)));
      }
      return n.intValue();
    }

    private <E extends Enum<E>> E constant(String field, Class<E> type) throws EventFormatException {
      String text = text(field);
      String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(name)) {
          return e;
        }
      }
      List<String> names = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        names.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw new EventFormatException(field, "unknown value '" + clip(text) + "'; use one of " + names);
    }

    private Object value(String field) throws EventFormatException {
      JsonNode n = root.get(field);
      if (n.isNull()) {
        throw new EventFormatException(field, "must not be null; leave it out instead");
      }
      return convert(n);
    }

    private boolean has(String field) {
      return root.has(field);
    }

    private JsonNode require(String field) throws EventFormatException {
      JsonNode n = root.get(field);
      if (n == null) {
        throw new EventFormatException(field, "is required");
      }
      return n;
    }

    private String text(String field) throws EventFormatException {
      JsonNode n = require(field);
      if (!n.isTextual()) {
        throw new EventFormatException(field, "must be a string, got " + kind(n));
      }
      return n.textValue();
    }
  }

  /** A builder call that may throw an unchecked exception naming the problem. */
  @FunctionalInterface
  private interface Step {
    void run();
  }

  /** A parse that may throw {@link IllegalArgumentException}. */
  @FunctionalInterface
  private interface Parse<T> {
    T get();
  }

  private static void set(String field, Step step) throws EventFormatException {
    try {
      step.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EventFormatException(field, strip(field, e.getMessage()));
    }
  }

  private static <T> T parse(String field, Parse<T> parse) throws EventFormatException {
    try {
      return parse.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EventFormatException(field, strip(field, e.getMessage()));
    }
  }

  private static <T> T build(Parse<T> build) throws EventFormatException {
    try {
      return build.get();
    } catch (IllegalStateException | IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      int space = message.indexOf(' ');
      if (message.endsWith(" is required") && space > 0) {
        return failRequired(message.substring(0, space));
      }
      throw new EventFormatException("", message);
    }
  }

  private static <T> T failRequired(String field) throws EventFormatException {
    throw new EventFormatException(field, "is required");
  }

  /** Drops a leading field name from a builder's message: {@code "requestId must not be blank"}. */
  private static String strip(String field, String message) {
    if (message == null) {
      return "is invalid";
    }
    String last = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
    for (String prefix : List.of(field + ": ", field + " ", last + ": ", last + " ")) {
      if (message.startsWith(prefix)) {
        return message.substring(prefix.length());
      }
    }
    return message;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /**
   * A JSON value as the event builders take it: String, Boolean, Long, BigInteger, BigDecimal, List, Map or null.
   *
   * @param node the value
   * @return the Java value
   */
  static Object convert(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode n : node) {
        list.add(convert(n));
      }
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(e.getKey(), convert(e.getValue()));
    }
    return map;
  }
}
