package dev.modelgov.core.manifest.coverage;

/** The documentation frameworks a {@link CoverageReport} checks a manifest against. */
public enum RegulatoryFramework {
  /** Regulation (EU) 2024/1689 (the AI Act), Annex IV: technical documentation of high-risk AI systems. */
  EU_AI_ACT_ANNEX_IV("EU AI Act Annex IV"),
  /** NIST AI Risk Management Framework 1.0 (AI 100-1). */
  NIST_AI_RMF("NIST AI RMF 1.0");

  private final String displayName;

  RegulatoryFramework(String displayName) {
    this.displayName = displayName;
  }

  /** @return the name to show people, such as {@code EU AI Act Annex IV} */
  public String displayName() {
    return displayName;
  }
}
