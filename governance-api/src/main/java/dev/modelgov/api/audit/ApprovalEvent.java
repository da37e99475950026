package dev.modelgov.api.audit;

import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.ApprovalDecision;
import java.util.Objects;
import java.util.Optional;

/**
 * A person in a named role approved or rejected a model version. Record the approver's identity as the event's
 * {@link AuditEvent#subject() subject} (and name as {@link AuditEvent#personalData() personal data}), so that it can
 * be erased.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ApprovalEvent.builder()
 *     .model(modelRef)
 *     .decision(ApprovalDecision.APPROVED)
 *     .approverRole("model-risk-officer")
 *     .subject("employee-4711")
 *     .build();
 * }</pre>
 */
public final class ApprovalEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "approval";

  private final ModelRef model;
  private final ApprovalDecision decision;
  private final String approverRole;
  private final String comment;

  private ApprovalEvent(Builder b) {
    super(b);
    this.model = b.model;
    this.decision = b.decision;
    this.approverRole = b.approverRole;
    this.comment = b.comment;
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
   * @return the model version
   */
  public ModelRef model() {
    return model;
  }

  /**
   * @return approved or rejected
   */
  public ApprovalDecision decision() {
    return decision;
  }

  /**
   * @return the approver's role
   */
  public String approverRole() {
    return approverRole;
  }

  /**
   * @return the approver's comment, if any (no personal data)
   */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** Builds an {@link ApprovalEvent}; {@code model}, {@code decision} and {@code approverRole} are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private ModelRef model;
    private ApprovalDecision decision;
    private String approverRole;
    private String comment;

    private Builder() {}

    /**
     * @param model the model version, must not be {@code null}
     * @return this builder
     */
    public Builder model(ModelRef model) {
      this.model = Objects.requireNonNull(model, "model must not be null");
      return this;
    }

    /**
     * @param decision approved or rejected, must not be {@code null}
     * @return this builder
     */
    public Builder decision(ApprovalDecision decision) {
      this.decision = Objects.requireNonNull(decision, "decision must not be null");
      return this;
    }

    /**
     * @param approverRole the approver's role, must not be blank
     * @return this builder
     */
    public Builder approverRole(String approverRole) {
      this.approverRole = requireText(approverRole, "approverRole");
      return this;
    }

    /**
     * @param comment a comment, must not be blank
     * @return this builder
     */
    public Builder comment(String comment) {
      this.comment = requireText(comment, "comment");
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public ApprovalEvent build() {
      if (model == null) {
        throw new IllegalStateException("model is required");
      }
      if (decision == null) {
        throw new IllegalStateException("decision is required");
      }
      if (approverRole == null) {
        throw new IllegalStateException("approverRole is required");
      }
      return new ApprovalEvent(this);
    }
  }
}
