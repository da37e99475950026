package dev.modelgov.k8s.gitops;

/**
 * How a live object differs from its desired state.
 *
 * <pre>{@code
 * drift.stream().filter(d -> d.type() == DriftType.MISSING).toList();
 * }</pre>
 */
public enum DriftType {
  /** The desired object, or a field of it, is not in the live state. */
  MISSING,
  /** A live object, or a named list element (an injected container), that the desired state does not have. */
  EXTRA,
  /** The field is in both, with different values. */
  CHANGED
}
