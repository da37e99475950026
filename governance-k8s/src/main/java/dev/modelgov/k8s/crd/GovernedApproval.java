package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.LifecycleStage;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One approval of a {@link GovernedModel}: the approver's role, decision, scope and time, and a SHA-256 hash of the
 * approver instead of the approver.
 *
 * <p>Approvers in a manifest are usually e-mail addresses, which are personal data, while a custom resource is readable
 * by anyone with {@code get} on the resource in its namespace and is copied into etcd backups. So the resource keeps
 * {@code approverSha256}, the SHA-256 (hex) of the approver exactly as written in the manifest: an auditor holding the
 * manifest can confirm who approved, and the cluster holds no address. This is pseudonymisation, not anonymisation
 * (addresses can be guessed and hashed); the manifest stays the system of record.
 *
 * <pre>{@code
 * GovernedApproval a = new GovernedApproval();
 * a.setRole("risk-officer");
 * a.setDecision(ApprovalDecision.APPROVED);
 * a.setApproverSha256(GovernedModels.approverHash("r.okafor@bank.example"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"role", "decision", "scope", "at", "approverSha256"})
public class GovernedApproval {

  @Required
  @JsonPropertyDescription("The approver's role, for example risk-officer.")
  private String role;

  @Required
  @JsonPropertyDescription("The decision.")
  private ApprovalDecision decision;

  @JsonPropertyDescription("The lifecycle stage the approval is for.")
  private LifecycleStage scope;

  @JsonPropertyDescription("When it was given, RFC 3339 in UTC.")
  private String at;

  @Required
  @Pattern("^[0-9a-f]{64}$")
  @JsonPropertyDescription("SHA-256 (lowercase hex) of the approver as written in the manifest; never the approver.")
  private String approverSha256;

  /** An empty approval. */
  public GovernedApproval() {}

  /** @return the approver's role */
  public String getRole() {
    return role;
  }

  /** @param role the approver's role */
  public void setRole(String role) {
    this.role = role;
  }

  /** @return the decision */
  public ApprovalDecision getDecision() {
    return decision;
  }

  /** @param decision the decision */
  public void setDecision(ApprovalDecision decision) {
    this.decision = decision;
  }

  /** @return the stage the approval is for, or {@code null} */
  public LifecycleStage getScope() {
    return scope;
  }

  /** @param scope the stage the approval is for */
  public void setScope(LifecycleStage scope) {
    this.scope = scope;
  }

  /** @return when it was given, RFC 3339 in UTC, or {@code null} */
  public String getAt() {
    return at;
  }

  /** @param at when it was given, RFC 3339 in UTC */
  public void setAt(String at) {
    this.at = at;
  }

  /** @return the SHA-256 (hex) of the approver */
  public String getApproverSha256() {
    return approverSha256;
  }

  /** @param approverSha256 the SHA-256 (hex) of the approver */
  public void setApproverSha256(String approverSha256) {
    this.approverSha256 = approverSha256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GovernedApproval a
        && Objects.equals(role, a.role)
        && decision == a.decision
        && scope == a.scope
        && Objects.equals(at, a.at)
        && Objects.equals(approverSha256, a.approverSha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, decision, scope, at, approverSha256);
  }

  @Override
  public String toString() {
    return "GovernedApproval[role=" + role + ", decision=" + decision + ", scope=" + scope + ", at=" + at + "]";
  }
}
