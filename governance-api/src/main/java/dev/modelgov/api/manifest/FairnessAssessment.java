package dev.modelgov.api.manifest;

import java.util.Optional;

/**
 * An assessment of a group at risk of harm from a model (CycloneDX {@code fairnessAssessments}).
 *
 * @param groupAtRisk the group (required)
 * @param benefits the expected benefits to that group, if stated
 * @param harms the expected harms to that group, if stated
 * @param mitigation how harms are mitigated, if stated
 */
public record FairnessAssessment(
    String groupAtRisk, Optional<String> benefits, Optional<String> harms, Optional<String> mitigation) {

  /** Normalises {@code null} optionals to empty. */
  public FairnessAssessment {
    benefits = Values.opt(benefits);
    harms = Values.opt(harms);
    mitigation = Values.opt(mitigation);
  }
}
