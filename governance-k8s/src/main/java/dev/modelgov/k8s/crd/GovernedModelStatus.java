package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status of a {@link GovernedModel}: its phase, conditions in the Kubernetes style, the generation of the spec the
 * status describes, and the last governance decision. Written through the status subresource only ({@code
 * updateStatus}/{@code patchStatus}); {@link GovernedModels#status} builds one from a policy decision.
 *
 * <pre>{@code
 * GovernedModelStatus status = GovernedModels.status(decision, gm.getMetadata().getGeneration());
 * status.getPhase(); // APPROVED or DENIED
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"phase", "observedGeneration", "conditions", "lastDecision"})
public class GovernedModelStatus {

  @JsonPropertyDescription("Pending, Approved, Denied or Retired.")
  private GovernedModelPhase phase;

  @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions in the Kubernetes style; type Approved tells whether the last decision allowed.")
  private List<GovernedModelCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The last governance decision about this model version.")
  private GovernanceDecision lastDecision;

  /** An empty status. */
  public GovernedModelStatus() {}

  /** @return the phase, or {@code null} */
  public GovernedModelPhase getPhase() {
    return phase;
  }

  /** @param phase the phase */
  public void setPhase(GovernedModelPhase phase) {
    this.phase = phase;
  }

  /** @return the generation the status describes, or {@code null} */
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  /** @param observedGeneration the generation the status describes */
  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  /** @return the conditions (the live, mutable list) */
  public List<GovernedModelCondition> getConditions() {
    return conditions;
  }

  /** @param conditions the conditions; {@code null} is stored as an empty list */
  public void setConditions(List<GovernedModelCondition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
  }

  /** @return the last decision, or {@code null} */
  public GovernanceDecision getLastDecision() {
    return lastDecision;
  }

  /** @param lastDecision the last decision */
  public void setLastDecision(GovernanceDecision lastDecision) {
    this.lastDecision = lastDecision;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GovernedModelStatus s
        && phase == s.phase
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(lastDecision, s.lastDecision);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, observedGeneration, conditions, lastDecision);
  }

  @Override
  public String toString() {
    return "GovernedModelStatus[phase=" + phase + ", observedGeneration=" + observedGeneration + ", conditions="
        + conditions + ", lastDecision=" + lastDecision + "]";
  }
}
