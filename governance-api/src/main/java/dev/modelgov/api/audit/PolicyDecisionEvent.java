package dev.modelgov.api.audit;

import dev.modelgov.api.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy was evaluated for a model: which policy, whether it allowed, and the reasons it gave.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * PolicyDecisionEvent.builder()
 *     .policy("eu-ai-act/high-risk-approval")
 *     .model(modelRef)
 *     .allowed(false)
 *     .reason("approval by model-risk-officer missing")
 *     .build();
 * }</pre>
 */
public final class PolicyDecisionEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "policy.decision";

  private final String policy;
  private final ModelRef model;
  private final boolean allowed;
  private final List<String> reasons;
  private final String enforcementPoint;

  private PolicyDecisionEvent(Builder b) {
    super(b);
    this.policy = b.policy;
    this.model = b.model;
    this.allowed = b.allowed;
    this.reasons = List.copyOf(b.reasons);
    this.enforcementPoint = b.enforcementPoint;
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
   * @return the policy id (and version, if the caller includes it)
   */
  public String policy() {
    return policy;
  }

  /**
   * @return the model version the decision was about, if any
   */
  public Optional<ModelRef> model() {
    return Optional.ofNullable(model);
  }

  /**
   * @return whether the policy allowed
   */
  public boolean allowed() {
    return allowed;
  }

  /**
   * @return the reasons given, in order
   */
  public List<String> reasons() {
    return reasons;
  }

  /**
   * @return where the decision was enforced (for example {@code admission-webhook}), if recorded
   */
  public Optional<String> enforcementPoint() {
    return Optional.ofNullable(enforcementPoint);
  }

  /** Builds a {@link PolicyDecisionEvent}; {@code policy} and {@code allowed} are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private String policy;
    private ModelRef model;
    private Boolean allowed;
    private final List<String> reasons = new ArrayList<>();
    private String enforcementPoint;

    private Builder() {}

    /**
     * @param policy the policy id, must not be blank
     * @return this builder
     */
    public Builder policy(String policy) {
      this.policy = requireText(policy, "policy");
      return this;
    }

    /**
     * @param model the model version, must not be {@code null}
     * @return this builder
     */
    public Builder model(ModelRef model) {
      this.model = Objects.requireNonNull(model, "model must not be null");
      return this;
    }

    /**
     * @param allowed whether the policy allowed
     * @return this builder
     */
    public Builder allowed(boolean allowed) {
      this.allowed = allowed;
      return this;
    }

    /**
     * @param reason one reason, must not be blank
     * @return this builder
     */
    public Builder reason(String reason) {
      reasons.add(requireText(reason, "reasons[" + reasons.size() + "]"));
      return this;
    }

    /**
     * @param enforcementPoint where the decision was enforced, must not be blank
     * @return this builder
     */
    public Builder enforcementPoint(String enforcementPoint) {
      this.enforcementPoint = requireText(enforcementPoint, "enforcementPoint");
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public PolicyDecisionEvent build() {
      if (policy == null) {
        throw new IllegalStateException("policy is required");
      }
      if (allowed == null) {
        throw new IllegalStateException("allowed is required");
      }
      return new PolicyDecisionEvent(this);
    }
  }
}
