package dev.modelgov.api.manifest;

import java.util.List;
import java.util.Optional;

/**
 * Whether a model processes personal data, and on what basis (GDPR Art. 6 and 35, HIPAA).
 *
 * @param contains whether personal data is processed
 * @param categories the categories of personal data, such as {@code financial} or {@code health}
 * @param lawfulBasis the lawful basis, such as {@code GDPR Art. 6(1)(b)}, if stated
 * @param dpiaRef the reference of the data protection impact assessment, if any
 */
public record PersonalData(
    boolean contains, List<String> categories, Optional<String> lawfulBasis, Optional<String> dpiaRef) {

  /** Normalises {@code null} optionals and lists to empty and copies the list. */
  public PersonalData {
    categories = Values.list(categories);
    lawfulBasis = Values.opt(lawfulBasis);
    dpiaRef = Values.opt(dpiaRef);
  }
}
