package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One condition of a {@link GovernedModelStatus}, with the fields of the Kubernetes {@code metav1.Condition}: type,
 * status ({@code True}, {@code False}, {@code Unknown}), reason (CamelCase), message, observed generation and the
 * time of the last transition.
 *
 * <pre>{@code
 * GovernedModelCondition c = status.getConditions().get(0);
 * c.getType();   // "Approved"
 * c.getStatus(); // "True"
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "status", "reason", "message", "observedGeneration", "lastTransitionTime"})
public class GovernedModelCondition {

  @Required
  @JsonPropertyDescription("The condition type, for example Approved.")
  private String type;

  @Required
  @Pattern("^(True|False|Unknown)$")
  @JsonPropertyDescription("True, False or Unknown.")
  private String status;

  @JsonPropertyDescription("A CamelCase reason, for example PolicyDenied.")
  private String reason;

  @JsonPropertyDescription("A human-readable message.")
  private String message;

  @JsonPropertyDescription("The metadata.generation the condition was set for.")
  private Long observedGeneration;

  @JsonPropertyDescription("When the status last changed, RFC 3339 in UTC.")
  private String lastTransitionTime;

  /** An empty condition. */
  public GovernedModelCondition() {}

  /** @return the type */
  public String getType() {
    return type;
  }

  /** @param type the type */
  public void setType(String type) {
    this.type = type;
  }

  /** @return {@code True}, {@code False} or {@code Unknown} */
  public String getStatus() {
    return status;
  }

  /** @param status {@code True}, {@code False} or {@code Unknown} */
  public void setStatus(String status) {
    this.status = status;
  }

  /** @return the reason, or {@code null} */
  public String getReason() {
    return reason;
  }

  /** @param reason the reason */
  public void setReason(String reason) {
    this.reason = reason;
  }

  /** @return the message, or {@code null} */
  public String getMessage() {
    return message;
  }

  /** @param message the message */
  public void setMessage(String message) {
    this.message = message;
  }

  /** @return the generation the condition was set for, or {@code null} */
  public Long getObservedGeneration() {
    return observedGeneration;
  }

  /** @param observedGeneration the generation the condition was set for */
  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  /** @return when the status last changed, RFC 3339, or {@code null} */
  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  /** @param lastTransitionTime when the status last changed, RFC 3339 */
  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GovernedModelCondition c
        && Objects.equals(type, c.type)
        && Objects.equals(status, c.status)
        && Objects.equals(reason, c.reason)
        && Objects.equals(message, c.message)
        && Objects.equals(observedGeneration, c.observedGeneration)
        && Objects.equals(lastTransitionTime, c.lastTransitionTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, reason, message, observedGeneration, lastTransitionTime);
  }

  @Override
  public String toString() {
    return "GovernedModelCondition[" + type + "=" + status + ", reason=" + reason + "]";
  }
}
