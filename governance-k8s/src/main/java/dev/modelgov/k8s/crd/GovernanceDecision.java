package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.modelgov.api.policy.Effect;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last governance decision recorded in a {@link GovernedModelStatus}: which policy decided, where, when, the
 * effect and the ids of the rules that denied or warned. Rule messages are left out (they may quote manifest values);
 * the decision record in the audit log has them, under {@code decisionId}.
 *
 * <pre>{@code
 * GovernanceDecision d = gm.getStatus().getLastDecision();
 * if (d.getEffect() == Effect.DENY) System.out.println(d.getDeniedRules());
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "decisionId", "effect", "policyId", "policyVersion", "point", "environment", "decidedAt", "deniedRules",
  "warnedRules"
})
public class GovernanceDecision {

  @Required
  @JsonPropertyDescription("The decision id, as in the audit log's decision record.")
  private String decisionId;

  @Required
  @JsonPropertyDescription("ALLOW, WARN or DENY.")
  private Effect effect;

  @JsonPropertyDescription("The id of the policy that decided.")
  private String policyId;

  @JsonPropertyDescription("The version of the policy that decided.")
  private String policyVersion;

  @JsonPropertyDescription("The enforcement point: ci, promotion, admission or runtime.")
  private String point;

  @JsonPropertyDescription("The environment, for example prod.")
  private String environment;

  @JsonPropertyDescription("When the decision was taken, RFC 3339 in UTC.")
  private String decidedAt;

  @JsonPropertyDescription("The ids of the rules that denied.")
  private List<String> deniedRules = new ArrayList<>();

  @JsonPropertyDescription("The ids of the rules that warned.")
  private List<String> warnedRules = new ArrayList<>();

  /** An empty decision. */
  public GovernanceDecision() {}

  /** @return the decision id */
  public String getDecisionId() {
    return decisionId;
  }

  /** @param decisionId the decision id */
  public void setDecisionId(String decisionId) {
    this.decisionId = decisionId;
  }

  /** @return the effect */
  public Effect getEffect() {
    return effect;
  }

  /** @param effect the effect */
  public void setEffect(Effect effect) {
    this.effect = effect;
  }

  /** @return the policy id, or {@code null} */
  public String getPolicyId() {
    return policyId;
  }

  /** @param policyId the policy id */
  public void setPolicyId(String policyId) {
    this.policyId = policyId;
  }

  /** @return the policy version, or {@code null} */
  public String getPolicyVersion() {
    return policyVersion;
  }

  /** @param policyVersion the policy version */
  public void setPolicyVersion(String policyVersion) {
    this.policyVersion = policyVersion;
  }

  /** @return the enforcement point's wire name, or {@code null} */
  public String getPoint() {
    return point;
  }

  /** @param point the enforcement point's wire name */
  public void setPoint(String point) {
    this.point = point;
  }

  /** @return the environment, or {@code null} */
  public String getEnvironment() {
    return environment;
  }

  /** @param environment the environment */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /** @return when the decision was taken, RFC 3339, or {@code null} */
  public String getDecidedAt() {
    return decidedAt;
  }

  /** @param decidedAt when the decision was taken, RFC 3339 */
  public void setDecidedAt(String decidedAt) {
    this.decidedAt = decidedAt;
  }

  /** @return the ids of the rules that denied (the live, mutable list) */
  public List<String> getDeniedRules() {
    return deniedRules;
  }

  /** @param deniedRules the ids of the rules that denied; {@code null} is stored as an empty list */
  public void setDeniedRules(List<String> deniedRules) {
    this.deniedRules = deniedRules == null ? new ArrayList<>() : new ArrayList<>(deniedRules);
  }

  /** @return the ids of the rules that warned (the live, mutable list) */
  public List<String> getWarnedRules() {
    return warnedRules;
  }

  /** @param warnedRules the ids of the rules that warned; {@code null} is stored as an empty list */
  public void setWarnedRules(List<String> warnedRules) {
    this.warnedRules = warnedRules == null ? new ArrayList<>() : new ArrayList<>(warnedRules);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GovernanceDecision d
        && Objects.equals(decisionId, d.decisionId)
        && effect == d.effect
        && Objects.equals(policyId, d.policyId)
        && Objects.equals(policyVersion, d.policyVersion)
        && Objects.equals(point, d.point)
        && Objects.equals(environment, d.environment)
        && Objects.equals(decidedAt, d.decidedAt)
        && Objects.equals(deniedRules, d.deniedRules)
        && Objects.equals(warnedRules, d.warnedRules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(decisionId, effect, policyId, policyVersion, point, environment, decidedAt, deniedRules,
        warnedRules);
  }

  @Override
  public String toString() {
    return "GovernanceDecision[" + effect + " by " + policyId + "@" + policyVersion + " at " + point + ", denied="
        + deniedRules + "]";
  }
}
