package dev.modelgov.api.policy;

/**
 * The overall answer of a {@link Decision}: {@link #DENY} when an enforced rule failed, {@link #WARN} when only
 * warning rules failed, {@link #ALLOW} otherwise.
 *
 * <pre>{@code
 * if (decision.effect() == Effect.WARN) log.warn(decision.summaryText());
 * }</pre>
 */
public enum Effect {
  /** No enforced or warning rule failed. */
  ALLOW,
  /** Allowed, with warnings from failed {@link EnforcementMode#WARN} rules. */
  WARN,
  /** At least one {@link EnforcementMode#ENFORCE} rule failed. */
  DENY
}
