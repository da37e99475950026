package dev.modelgov.examples.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * One synthetic credit applicant of the load generator's stream, and the distribution it is drawn from.
 *
 * <p>The undrifted distribution: sex {@code f}/{@code m} half each; age normal(43, 12) clipped to [18, 85]; income
 * log-normal with a median of 49,000 EUR for {@code m} and 36,000 EUR for {@code f} (a pay gap, so that approvals
 * differ by group although sex is not a model input) and sigma 0.45, rounded to 100; debt ratio normal(0.33, 0.12)
 * clipped to [0.01, 0.95]; credit history a uniform 20-100 % of the adult years, at most 50; employment salaried 66 %,
 * self-employed 14 %, contractor 12 %, unemployed 8 %. Drift multiplies income by 0.7 and adds 0.12 to the debt ratio
 * (clipped), after the same draws, so a drifted applicant is the undrifted one hit by an economic shock.
 *
 * @param id the applicant id, such as {@code A-000123}
 * @param sex {@code f} or {@code m}
 * @param income yearly income in EUR
 * @param debtRatio debt payments over income
 * @param age in years
 * @param creditHistoryYears length of the credit history in years
 * @param employment the employment category
 */
record Applicant(String id, String sex, double income, double debtRatio, int age, int creditHistoryYears,
    String employment) {

  /** The income multiplier of a drifted applicant. */
  static final double DRIFT_INCOME_FACTOR = 0.7;

  /** The debt-ratio increase of a drifted applicant. */
  static final double DRIFT_DEBT_RATIO_SHIFT = 0.12;

  /** The employment categories, in the order of their cumulative probabilities below. */
  static final String[] EMPLOYMENT = {"salaried", "self_employed", "contractor", "unemployed"};

  private static final double[] EMPLOYMENT_CUMULATIVE = {0.66, 0.80, 0.92, 1.0};

  /**
   * Draws one applicant. The number and order of draws do not depend on {@code drifted}.
   *
   * @param random the seeded source
   * @param id the applicant's id
   * @param drifted whether the applicant comes from the drifted distribution
   * @return the applicant
   */
  static Applicant draw(Random random, String id, boolean drifted) {
    String sex = random.nextDouble() < 0.5 ? "f" : "m";
    int age = (int) Math.round(clip(43 + 12 * random.nextGaussian(), 18, 85));
    double median = sex.equals("m") ? 49_000 : 36_000;
    double income = median * Math.exp(0.45 * random.nextGaussian());
    double debtRatio = clip(0.33 + 0.12 * random.nextGaussian(), 0.01, 0.95);
    int history = (int) Math.min(50, Math.floor((age - 18) * (0.2 + 0.8 * random.nextDouble())));
    double u = random.nextDouble();
    String employment = EMPLOYMENT[EMPLOYMENT.length - 1];
    for (int i = 0; i < EMPLOYMENT.length; i++) {
      if (u < EMPLOYMENT_CUMULATIVE[i]) {
        employment = EMPLOYMENT[i];
        break;
      }
    }
    if (drifted) {
      income *= DRIFT_INCOME_FACTOR;
      debtRatio = clip(debtRatio + DRIFT_DEBT_RATIO_SHIFT, 0.01, 0.95);
    }
    return new Applicant(id, sex, Math.round(income / 100) * 100.0, Math.round(debtRatio * 1000) / 1000.0, age,
        history, employment);
  }

  /**
   * The model's input features, as the load generator sends them.
   *
   * @return feature name to value: numbers for the numeric features, a string for {@code employment}
   */
  Map<String, Object> features() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("income", (long) income);
    f.put("debt_ratio", debtRatio);
    f.put("age", age);
    f.put("credit_history_years", creditHistoryYears);
    f.put("employment", employment);
    return f;
  }

  /** Hides the applicant's data (synthetic, but shaped like personal data). */
  @Override
  public String toString() {
    return "Applicant[personal data hidden]";
  }

  private static double clip(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
