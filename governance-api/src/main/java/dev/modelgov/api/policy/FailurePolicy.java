package dev.modelgov.api.policy;

/**
 * What a rule's {@link Outcome#ERROR} counts as, as in Kubernetes ValidatingAdmissionPolicy's {@code failurePolicy}.
 * The outcome stays {@code ERROR} in the decision, so the error is never hidden; the failure policy decides whether it
 * counts as a failure for the effect.
 *
 * <pre>{@code
 * .rule("runtime.drift").failurePolicy(FailurePolicy.IGNORE) // a broken drift feed must not stop serving
 * }</pre>
 */
public enum FailurePolicy {
  /** An error counts as a failure (the default: fail closed). */
  FAIL,
  /** An error counts as a pass. */
  IGNORE
}
