package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a governed model version stands, as {@code status.phase} of a {@link GovernedModel}. Written in the
 * Kubernetes style ({@code Pending}, {@code Approved}...).
 *
 * <pre>{@code
 * if (gm.getStatus().getPhase() == GovernedModelPhase.DENIED) { ... }
 * }</pre>
 */
public enum GovernedModelPhase {
  /** Registered; no governance decision yet. */
  @JsonProperty("Pending")
  PENDING,
  /** The last decision allowed it (possibly with warnings). */
  @JsonProperty("Approved")
  APPROVED,
  /** The last decision denied it. */
  @JsonProperty("Denied")
  DENIED,
  /** Retired: no longer to be served. */
  @JsonProperty("Retired")
  RETIRED
}
