package dev.modelgov.api.policy;

/**
 * What a failing rule does to the decision: deny, warn, or only record (a dry run).
 *
 * <p>The constants are ordered from the most to the least strict, so {@link #atMost(EnforcementMode)} caps a rule's
 * own mode by the mode its enforcement point allows.
 *
 * <pre>{@code
 * EnforcementMode.ENFORCE.atMost(EnforcementMode.AUDIT); // AUDIT: the point runs the policy as a dry run
 * }</pre>
 */
public enum EnforcementMode {
  /** A failure denies ({@link Effect#DENY}). */
  ENFORCE,
  /** A failure allows with a warning ({@link Effect#WARN}). */
  WARN,
  /** A failure is recorded in the decision only; the effect is not changed (dry run). */
  AUDIT;

  /**
   * The less strict of this mode and {@code cap}.
   *
   * @param cap the most a caller allows, for example the mode of an enforcement point
   * @return this mode, or {@code cap} when {@code cap} is less strict
   */
  public EnforcementMode atMost(EnforcementMode cap) {
    return cap.ordinal() > ordinal() ? cap : this;
  }
}
