package dev.modelgov.api.audit;

/**
 * A data subject was erased: the key of the subject's personal fields was destroyed. The log writes this event itself
 * from {@link AuditLog#eraseSubject(String, String)}; it names the subject only by pseudonym.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * auditLog.eraseSubject("customer-991", "GDPR Art. 17 request 2026-118");
 * }</pre>
 */
public final class ErasureEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "subject.erased";

  private final String subjectPseudonym;
  private final String reason;

  private ErasureEvent(Builder b) {
    super(b);
    this.subjectPseudonym = b.subjectPseudonym;
    this.reason = b.reason;
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
   * @return the erased subject's pseudonym, as stored in its events
   */
  public String subjectPseudonym() {
    return subjectPseudonym;
  }

  /**
   * @return why the subject was erased
   */
  public String reason() {
    return reason;
  }

  /** Builds an {@link ErasureEvent}; both fields are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private String subjectPseudonym;
    private String reason;

    private Builder() {}

    /**
     * @param subjectPseudonym the subject's pseudonym, must not be blank
     * @return this builder
     */
    public Builder subjectPseudonym(String subjectPseudonym) {
      this.subjectPseudonym = requireText(subjectPseudonym, "subjectPseudonym");
      return this;
    }

    /**
     * @param reason why, must not be blank
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = requireText(reason, "reason");
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public ErasureEvent build() {
      if (subjectPseudonym == null) {
        throw new IllegalStateException("subjectPseudonym is required");
      }
      if (reason == null) {
        throw new IllegalStateException("reason is required");
      }
      return new ErasureEvent(this);
    }
  }
}
