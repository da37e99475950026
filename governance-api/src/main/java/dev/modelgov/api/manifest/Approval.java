package dev.modelgov.api.manifest;

import java.time.Instant;
import java.util.Optional;

/**
 * A recorded approval decision for a lifecycle stage (NIST AI RMF MANAGE 1.1: go/no-go).
 *
 * <p>{@link #toString()} never prints the approver or the comment, which identify or may describe a person.
 *
 * @param approver who decided, usually an e-mail address (required)
 * @param role the approver's role, such as {@code risk-officer} (required)
 * @param decision the decision (required)
 * @param scope the stage the decision is for (required)
 * @param at when the decision was made (required)
 * @param comment the approver's comment, if any
 */
public record Approval(
    String approver,
    String role,
    ApprovalDecision decision,
    LifecycleStage scope,
    Instant at,
    Optional<String> comment) {

  /** Normalises a {@code null} comment to empty. */
  public Approval {
    comment = Values.opt(comment);
  }

  /**
   * An approval without comment.
   *
   * @param approver who decided
   * @param role their role
   * @param decision the decision
   * @param scope the stage decided on
   * @param at when
   * @return the approval
   */
  public static Approval of(String approver, String role, ApprovalDecision decision, LifecycleStage scope, Instant at) {
    return new Approval(approver, role, decision, scope, at, Optional.empty());
  }

  @Override
  public String toString() {
    return "Approval[approver=<redacted>, role=" + role + ", decision=" + decision + ", scope=" + scope + ", at=" + at
        + "]";
  }
}
