package dev.modelgov.api.audit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any other event, with a namespaced type of the application's choosing and its data in attributes.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CustomEvent.builder("acme.feature_flag").attribute("flag", "new-scorer").attribute("enabled", true).build();
 * }</pre>
 */
public final class CustomEvent extends AuditEvent {

  private static final Pattern TYPE_PATTERN = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");
  private static final Set<String> RESERVED = Set.of(PredictionEvent.TYPE, DeploymentEvent.TYPE,
      PolicyDecisionEvent.TYPE, ApprovalEvent.TYPE, KeyRotationEvent.TYPE, ErasureEvent.TYPE);

  private final String type;

  private CustomEvent(Builder b) {
    super(b);
    this.type = b.type;
  }

  /**
   * @param type a namespaced type such as {@code acme.feature_flag}: lower case, at least one dot, at most 128
   *     characters; not a built-in type and not starting with {@code audit.} (reserved for the log)
   * @return a new builder
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  @Override
  public String type() {
    return type;
  }

  /** Builds a {@link CustomEvent}. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private final String type;

    private Builder(String type) {
      if (type == null || type.length() > 128 || !TYPE_PATTERN.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "type must be namespaced lower case like acme.feature_flag (at most 128 characters)");
      }
      if (RESERVED.contains(type) || type.startsWith("audit.")) {
        throw new IllegalArgumentException("type " + type + " is reserved");
      }
      this.type = type;
    }

    /**
     * @return the event
     */
    public CustomEvent build() {
      return new CustomEvent(this);
    }
  }
}
