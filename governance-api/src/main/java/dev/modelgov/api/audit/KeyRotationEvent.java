package dev.modelgov.api.audit;

import java.util.Optional;

/**
 * A key was rotated: the checkpoint signing key, a provenance signing key, the pseudonym key. Records key ids only,
 * never key material.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * KeyRotationEvent.builder().purpose("checkpoint-signing").previousKeyId("8a1f03c2").newKeyId("5d77e910").build();
 * }</pre>
 */
public final class KeyRotationEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "key.rotation";

  private final String purpose;
  private final String previousKeyId;
  private final String newKeyId;

  private KeyRotationEvent(Builder b) {
    super(b);
    this.purpose = b.purpose;
    this.previousKeyId = b.previousKeyId;
    this.newKeyId = b.newKeyId;
  }

  /**
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * @return what the key is for
   */
  public String purpose() {
    return purpose;
  }

  /**
   * @return the retired key's id, if there was one
   */
  public Optional<String> previousKeyId() {
    return Optional.ofNullable(previousKeyId);
  }

  /**
   * @return the new key's id
   */
  public String newKeyId() {
    return newKeyId;
  }

  /** Builds a {@link KeyRotationEvent}; {@code purpose} and {@code newKeyId} are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private String purpose;
    private String previousKeyId;
    private String newKeyId;

    private Builder() {}

    /**
     * @param purpose what the key is for, must not be blank
     * @return this builder
     */
    public Builder purpose(String purpose) {
      this.purpose = requireText(purpose, "purpose");
      return this;
    }

    /**
     * @param previousKeyId the retired key's id, must not be blank
     * @return this builder
     */
    public Builder previousKeyId(String previousKeyId) {
      this.previousKeyId = requireText(previousKeyId, "previousKeyId");
      return this;
    }

    /**
     * @param newKeyId the new key's id, must not be blank
     * @return this builder
     */
    public Builder newKeyId(String newKeyId) {
      this.newKeyId = requireText(newKeyId, "newKeyId");
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public KeyRotationEvent build() {
      if (purpose == null) {
        throw new IllegalStateException("purpose is required");
      }
      if (newKeyId == null) {
        throw new IllegalStateException("newKeyId is required");
      }
      return new KeyRotationEvent(this);
    }
  }
}
