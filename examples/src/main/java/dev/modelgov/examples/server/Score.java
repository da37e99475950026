package dev.modelgov.examples.server;

/**
 * The credit-scoring model's answer for one applicant: the probability of repayment and whether it reaches the
 * model's approval threshold.
 *
 * <pre>{@code
 * Score s = model.score(Map.of("income", 52_000, "debt_ratio", 0.31, "age", 41,
 *     "credit_history_years", 12, "employment", "salaried"));
 * String decision = s.approved() ? "approve" : "decline";
 * }</pre>
 *
 * @param probability the predicted probability of repayment, in [0, 1]
 * @param approved whether {@code probability} is at or above the model's threshold
 */
public record Score(double probability, boolean approved) {

  /**
   * Checks the probability.
   *
   * @throws IllegalArgumentException if {@code probability} is not in [0, 1]
   */
  public Score {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
  }
}
