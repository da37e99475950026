package dev.modelgov.api.manifest;

import java.util.List;
import java.util.Optional;

/**
 * A model's risk class and compliance context.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * RiskAssessment risk = RiskAssessment.of(RiskClass.HIGH, RiskScheme.EU_AI_ACT);
 * }</pre>
 *
 * @param riskClass the risk class (required); written as {@code class} on the wire
 * @param scheme the scheme the class was assigned under (required)
 * @param regulatoryContext the regulations that apply, such as {@code EU-AI-Act Annex III 5(b)} or {@code GDPR}
 * @param standards the standards applied, such as {@code ISO/IEC 42001}
 * @param personalData the personal-data declaration, if made
 * @param risks identified risks with mitigations
 */
public record RiskAssessment(
    RiskClass riskClass,
    RiskScheme scheme,
    List<String> regulatoryContext,
    List<String> standards,
    Optional<PersonalData> personalData,
    List<RiskItem> risks) {

  /** Normalises {@code null} optionals and lists to empty and copies the lists. */
  public RiskAssessment {
    regulatoryContext = Values.list(regulatoryContext);
    standards = Values.list(standards);
    personalData = Values.opt(personalData);
    risks = Values.list(risks);
  }

  /**
   * A risk assessment with only class and scheme.
   *
   * @param riskClass the class
   * @param scheme the scheme
   * @return the assessment
   */
  public static RiskAssessment of(RiskClass riskClass, RiskScheme scheme) {
    return new RiskAssessment(riskClass, scheme, List.of(), List.of(), Optional.empty(), List.of());
  }
}
