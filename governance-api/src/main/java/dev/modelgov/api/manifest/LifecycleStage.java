package dev.modelgov.api.manifest;

/**
 * Where a model version is in its lifecycle.
 *
 * <p>Written on the wire as the constant's name, for example {@code DEVELOPMENT}.
 */
public enum LifecycleStage {
  /** Being built and evaluated. */
  DEVELOPMENT,
  /** Deployed for validation, not serving decisions. */
  STAGING,
  /** Serving real decisions. */
  PRODUCTION,
  /** No longer served; kept for record-keeping. */
  ARCHIVED,
  /** Withdrawn; must not be served again. */
  RETIRED
}
