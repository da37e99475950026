package dev.modelgov.api.policy;

/**
 * How serious a rule's failure is, from {@link #LOW} to {@link #CRITICAL}; {@code compareTo} orders by seriousness.
 *
 * <p>Severity describes the finding; it does not decide the effect. Whether a failure denies, warns or is only
 * recorded is the rule's {@link EnforcementMode}.
 *
 * <pre>{@code
 * Policy.named("deploy-gate").rule("model.owner").severity(Severity.HIGH)...
 * }</pre>
 */
public enum Severity {
  /** Cosmetic or informational. */
  LOW,
  /** Should be fixed before the next release. */
  MEDIUM,
  /** Must be fixed before production. */
  HIGH,
  /** A legal or safety obligation: never serve with this failure. */
  CRITICAL
}
