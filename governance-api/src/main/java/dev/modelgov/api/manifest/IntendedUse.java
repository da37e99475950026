package dev.modelgov.api.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What a model is for, and what it must not be used for (EU AI Act Annex IV (1) and (3); NIST AI RMF MAP 1.1, 3.3).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * IntendedUse use = IntendedUse.of("Pre-screen consumer credit applications; a credit officer decides.");
 * }</pre>
 *
 * @param purpose the intended purpose (required)
 * @param users who uses the model's output
 * @param outOfScopeUses uses the model is not meant for
 * @param domains application domains
 * @param humanOversight how people oversee the model (Art. 14), if stated
 * @param autonomy how far the model acts without a person, if stated
 * @param inputs the model's inputs
 * @param outputs the model's outputs
 */
public record IntendedUse(
    String purpose,
    List<String> users,
    List<String> outOfScopeUses,
    List<String> domains,
    Optional<String> humanOversight,
    Optional<Autonomy> autonomy,
    List<IoField> inputs,
    List<IoField> outputs) {

  /** Normalises {@code null} optionals and lists to empty and copies the lists. */
  public IntendedUse {
    users = Values.list(users);
    outOfScopeUses = Values.list(outOfScopeUses);
    domains = Values.list(domains);
    humanOversight = Values.opt(humanOversight);
    autonomy = Values.opt(autonomy);
    inputs = Values.list(inputs);
    outputs = Values.list(outputs);
  }

  /**
   * An intended use with only its purpose.
   *
   * @param purpose the intended purpose
   * @return the intended use
   */
  public static IntendedUse of(String purpose) {
    return new IntendedUse(
        purpose, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of());
  }
}
