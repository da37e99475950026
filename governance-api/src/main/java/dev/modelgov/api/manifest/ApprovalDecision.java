package dev.modelgov.api.manifest;

/**
 * The outcome of an approval.
 *
 * <p>Written on the wire as the constant's name, for example {@code APPROVED}.
 */
public enum ApprovalDecision {
  /** The approver allows the scope. */
  APPROVED,
  /** The approver refuses the scope. */
  REJECTED,
  /** Allowed under conditions stated in the comment. */
  CONDITIONAL
}
