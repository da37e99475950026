package dev.modelgov.core.manifest.coverage;

/** How far a manifest evidences one documentation item. */
public enum CoverageStatus {
  /** Every field that evidences the item is present. */
  EVIDENCED,
  /** Some of the fields are present. */
  PARTIAL,
  /** None is present, or the manifest has no field for the item. */
  MISSING
}
