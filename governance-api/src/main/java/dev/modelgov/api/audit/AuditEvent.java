package dev.modelgov.api.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One thing that happened, to be recorded in an {@link AuditLog}. A closed family of typed events (prediction,
 * deployment, policy decision, approval, key rotation, erasure) plus {@link CustomEvent} for everything else.
 *
 * <p>Every event carries a timestamp, optional trace context, free attributes (JSON values: strings, numbers,
 * booleans, lists, maps, null) and, for events about a person, a data {@link #subject()} and {@link #personalData()}.
 * The log stores the subject only as a keyed pseudonym and the personal fields only encrypted under a key of that
 * subject, so erasing the subject makes them unreadable while the log still verifies.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * AuditEvent e = ApprovalEvent.builder()
 *     .model(modelRef)
 *     .decision(ApprovalDecision.APPROVED)
 *     .approverRole("model-risk-officer")
 *     .subject("employee-4711")
 *     .personalData("approverName", "Jane Doe")
 *     .build();
 * }</pre>
 */
public abstract sealed class AuditEvent
    permits PredictionEvent, DeploymentEvent, PolicyDecisionEvent, ApprovalEvent, KeyRotationEvent, ErasureEvent,
        CustomEvent {

  /** The deepest nesting allowed in attribute values. */
  public static final int MAX_ATTRIBUTE_DEPTH = 16;

  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

  private final Instant timestamp;
  private final String subject;
  private final Map<String, String> personalData;
  private final Map<String, Object> attributes;
  private final String traceId;
  private final String spanId;

  AuditEvent(Builder<?> b) {
    this.timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
    this.subject = b.subject;
    this.personalData = Collections.unmodifiableMap(new LinkedHashMap<>(b.personalData));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.traceId = b.traceId;
    this.spanId = b.spanId;
    if (!personalData.isEmpty() && subject == null) {
      throw new IllegalArgumentException("personalData requires subject: personal fields are encrypted per subject");
    }
  }

  /**
   * @return the event type, such as {@code prediction} or a custom {@code acme.feature_flag}
   */
  public abstract String type();

  /**
   * @return when the event happened; {@link Instant#now()} at {@code build()} unless set
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * @return the data subject this event is about; stored only as a pseudonym
   */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * @return personal fields, stored only encrypted under the subject's key
   */
  public Map<String, String> personalData() {
    return personalData;
  }

  /**
   * @return free attributes, stored as given (no personal data here)
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * @return the W3C trace id (32 lower-case hex digits) of the request this event belongs to
   */
  public Optional<String> traceId() {
    return Optional.ofNullable(traceId);
  }

  /**
   * @return the W3C span id (16 lower-case hex digits)
   */
  public Optional<String> spanId() {
    return Optional.ofNullable(spanId);
  }

  /** Names the type and time only: subjects and personal data never appear in {@code toString}. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[type=" + type() + ", timestamp=" + timestamp
        + (subject == null ? "" : ", subject=<redacted>") + "]";
  }

  /**
   * The fields every event has. Setters validate at once and name the bad field.
   *
   * @param <B> the concrete builder
   */
  public abstract static sealed class Builder<B extends Builder<B>>
      permits PredictionEvent.Builder, DeploymentEvent.Builder, PolicyDecisionEvent.Builder, ApprovalEvent.Builder,
          KeyRotationEvent.Builder, ErasureEvent.Builder, CustomEvent.Builder {

    private Instant timestamp;
    private String subject;
    private final Map<String, String> personalData = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String traceId;
    private String spanId;

    Builder() {}

    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this;
    }

    /**
     * @param timestamp when the event happened, must not be {@code null}
     * @return this builder
     */
    public B timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp must not be null");
      return self();
    }

    /**
     * @param subjectId the data subject (a customer, patient or employee id), must not be blank; stored only as a
     *     keyed pseudonym
     * @return this builder
     */
    public B subject(String subjectId) {
      this.subject = requireText(subjectId, "subject");
      return self();
    }

    /**
     * @param field the field name ({@code [A-Za-z_][A-Za-z0-9_.-]*}, at most 64 characters)
     * @param value the personal value, must not be {@code null}; stored only encrypted
     * @return this builder
     */
    public B personalData(String field, String value) {
      requireField(field, "personalData");
      personalData.put(field, Objects.requireNonNull(value, "personalData." + field + " must not be null"));
      return self();
    }

    /**
     * @param name the attribute name ({@code [A-Za-z_][A-Za-z0-9_.-]*}, at most 64 characters)
     * @param value a JSON value: {@code String}, {@code Boolean}, a finite {@code Number}, a {@code List} or a
     *     {@code Map} with string keys of such values, or {@code null}
     * @return this builder
     */
    public B attribute(String name, Object value) {
      requireField(name, "attributes");
      attributes.put(name, jsonValue(value, "attributes." + name, 0));
      return self();
    }

    /**
     * @param traceId the W3C trace id, 32 lower-case hex digits
     * @param spanId the W3C span id, 16 lower-case hex digits
     * @return this builder
     */
    public B trace(String traceId, String spanId) {
      if (traceId == null || !HEX32.matcher(traceId).matches()) {
        throw new IllegalArgumentException("traceId must be 32 lower-case hex digits");
      }
      if (spanId == null || !HEX16.matcher(spanId).matches()) {
        throw new IllegalArgumentException("spanId must be 16 lower-case hex digits");
      }
      this.traceId = traceId;
      this.spanId = spanId;
      return self();
    }
  }

  static String requireText(String value, String field) {
    Objects.requireNonNull(value, field + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > 1024) {
      throw new IllegalArgumentException(field + " must be at most 1024 characters");
    }
    return value;
  }

  static void requireField(String name, String where) {
    if (name == null || !FIELD.matcher(name).matches()) {
      throw new IllegalArgumentException(where + ": name must match [A-Za-z_][A-Za-z0-9_.-]{0,63}");
    }
  }

  /**
   * Checks that a value is a JSON value and returns an immutable copy.
   *
   * @param value the value
   * @param path where it is, for the error message
   * @param depth its nesting depth
   * @return an immutable copy
   */
  static Object jsonValue(Object value, String path, int depth) {
    if (depth > MAX_ATTRIBUTE_DEPTH) {
      throw new IllegalArgumentException(path + ": nested deeper than " + MAX_ATTRIBUTE_DEPTH);
    }
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      if (!Double.isFinite(((Number) value).doubleValue())) {
        throw new IllegalArgumentException(path + ": " + value + " is not a JSON number");
      }
      return value;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof java.math.BigDecimal || value instanceof java.math.BigInteger) {
      return value;
    }
    if (value instanceof List<?> list) {
      Object[] copy = new Object[list.size()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = jsonValue(list.get(i), path + "[" + i + "]", depth + 1);
      }
      return Collections.unmodifiableList(java.util.Arrays.asList(copy));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(path + ": map keys must be strings");
        }
        copy.put(key, jsonValue(e.getValue(), path + "." + key, depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException(path + ": " + value.getClass().getSimpleName() + " is not a JSON value");
  }
}
