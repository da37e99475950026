package dev.modelgov.core.metrics;

import dev.modelgov.core.metrics.internal.FairnessMath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Offline fairness on arrays, with the same metrics as {@link FairnessMonitor} (both conventions), plus the
 * individual and pre-training measures of AIF360 (generalized entropy, Theil, class imbalance, conditional
 * demographic disparity). Thread-safe (stateless).
 *
 * <pre>{@code
 * FairnessReport r = FairnessStatistics.evaluate("sex", actual, predicted, sex, Set.of("male"),
 *     FairnessConfig.builder().minGroupSize(1).metrics(FairnessMetric.values()).build());
 * double dpd = r.result("sex", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE).orElseThrow().value();
 * }</pre>
 */
public final class FairnessStatistics {

  private FairnessStatistics() {}

  /**
   * Per-group counts and rates.
   *
   * @param attribute the attribute name
   * @param actual y per row, or {@code null} when no labels are known
   * @param predicted ŷ per row
   * @param groups the group value per row ({@code null} = {@value DriftBaseline#MISSING})
   * @return one entry per group, sorted by group
   */
  public static List<GroupRates> groupRates(String attribute, boolean[] actual, boolean[] predicted,
      String[] groups) {
    Objects.requireNonNull(attribute, "attribute must not be null");
    Objects.requireNonNull(groups, "groups must not be null");
    check(actual, predicted, groups);
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < predicted.length; i++) {
      String g = groups[i] == null ? DriftBaseline.MISSING : groups[i];
      long[] c = counts.computeIfAbsent(g, k -> new long[6]);
      c[0]++;
      if (predicted[i]) {
        c[1]++;
      }
      if (actual != null) {
        c[predicted[i] ? (actual[i] ? 2 : 3) : (actual[i] ? 5 : 4)]++;
      }
    }
    List<GroupRates> out = new ArrayList<>();
    counts.forEach((g, c) -> out.add(new GroupRates(attribute, g, c[0], c[1], c[2], c[3], c[4], c[5])));
    out.sort(Comparator.comparing(GroupRates::group));
    return out;
  }

  /**
   * Every configured metric of one attribute.
   *
   * @param attribute the attribute name
   * @param actual y per row, or {@code null} (label-based metrics are then withheld)
   * @param predicted ŷ per row
   * @param groups the group value per row
   * @param privileged the privileged group values (empty: AIF360 metrics withheld)
   * @param config the metrics, thresholds and minimum group size
   * @return the report
   */
  public static FairnessReport evaluate(String attribute, boolean[] actual, boolean[] predicted, String[] groups,
      Set<String> privileged, FairnessConfig config) {
    Objects.requireNonNull(privileged, "privileged must not be null");
    Objects.requireNonNull(config, "config must not be null");
    List<GroupRates> rates = groupRates(attribute, actual, predicted, groups);
    List<FairnessResult> results = new ArrayList<>();
    List<WithheldMetric> withheld = new ArrayList<>();
    FairnessMath.evaluate(attribute, rates, privileged, config, results, withheld);
    return new FairnessReport(Instant.EPOCH, rates, results, withheld);
  }

  /**
   * Fairlearn's {@code demographic_parity_difference(method="to_overall")}: the largest |selection rate of a group −
   * overall selection rate|.
   *
   * @param predicted ŷ per row
   * @param groups the group value per row
   * @return the difference
   */
  public static double demographicParityDifferenceToOverall(boolean[] predicted, String[] groups) {
    List<GroupRates> rates = groupRates("attribute", null, predicted, groups);
    long n = 0;
    long s = 0;
    for (GroupRates g : rates) {
      n += g.predictions();
      s += g.selected();
    }
    double overall = (double) s / n;
    double d = 0;
    for (GroupRates g : rates) {
      d = Math.max(d, Math.abs(g.selectionRate() - overall));
    }
    return d;
  }

  /**
   * Maps multiclass labels to favourable (true) or not, as AIF360's {@code favorable_labels}.
   *
   * @param labels the labels
   * @param favorable the favourable label values
   * @return true where the label is favourable
   */
  public static boolean[] favorable(int[] labels, int... favorable) {
    Objects.requireNonNull(labels, "labels must not be null");
    boolean[] out = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      for (int f : favorable) {
        if (labels[i] == f) {
          out[i] = true;
          break;
        }
      }
    }
    return out;
  }

  /**
   * AIF360's generalized entropy index of the benefits b = ŷ − y + 1:
   * {@code 1/(n α(α−1)) Σ ((b/μ)^α − 1)}; α = 1 is the Theil index, α = 0 the mean log deviation.
   *
   * @param actual y per row
   * @param predicted ŷ per row
   * @param alpha α
   * @return the index
   */
  public static double generalizedEntropyIndex(boolean[] actual, boolean[] predicted, double alpha) {
    return entropy(benefits(actual, predicted), alpha);
  }

  /**
   * AIF360's Theil index: the generalized entropy index at α = 1, with 0·ln 0 = 0.
   *
   * @param actual y per row
   * @param predicted ŷ per row
   * @return the index
   */
  public static double theilIndex(boolean[] actual, boolean[] predicted) {
    return entropy(benefits(actual, predicted), 1);
  }

  /**
   * AIF360's between-group generalized entropy index: each benefit replaced by its group's mean benefit.
   *
   * @param actual y per row
   * @param predicted ŷ per row
   * @param groups the group value per row
   * @param alpha α
   * @return the index
   */
  public static double betweenGroupGeneralizedEntropyIndex(boolean[] actual, boolean[] predicted, String[] groups,
      double alpha) {
    check(actual, predicted, groups);
    double[] b = benefits(actual, predicted);
    Map<String, double[]> sums = new HashMap<>();
    for (int i = 0; i < b.length; i++) {
      double[] s = sums.computeIfAbsent(String.valueOf(groups[i]), k -> new double[2]);
      s[0] += b[i];
      s[1]++;
    }
    double[] means = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double[] s = sums.get(String.valueOf(groups[i]));
      means[i] = s[0] / s[1];
    }
    return entropy(means, alpha);
  }

  private static double[] benefits(boolean[] actual, boolean[] predicted) {
    Objects.requireNonNull(actual, "actual must not be null");
    check(actual, predicted, null);
    double[] b = new double[predicted.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (predicted[i] ? 1 : 0) - (actual[i] ? 1 : 0) + 1;
    }
    return b;
  }

  private static double entropy(double[] b, double alpha) {
    if (b.length == 0) {
      throw new IllegalArgumentException("at least one row is needed");
    }
    double mu = 0;
    for (double v : b) {
      mu += v;
    }
    mu /= b.length;
    double s = 0;
    for (double v : b) {
      double r = v / mu;
      if (alpha == 1) {
        s += r == 0 ? 0 : r * Math.log(r);
      } else if (alpha == 0) {
        s -= Math.log(r);
      } else {
        s += Math.pow(r, alpha) - 1;
      }
    }
    if (alpha == 1 || alpha == 0) {
      return s / b.length;
    }
    return s / (b.length * alpha * (alpha - 1));
  }

  /**
   * AIF360's class imbalance (n_unprivileged − n_privileged) / (n_unprivileged + n_privileged), weighted.
   *
   * @param groups the group value per row
   * @param weights the weight per row, or {@code null} for 1
   * @param privileged the privileged value
   * @return the imbalance, in [−1, 1]
   */
  public static double classImbalance(String[] groups, double[] weights, String privileged) {
    Objects.requireNonNull(groups, "groups must not be null");
    Objects.requireNonNull(privileged, "privileged must not be null");
    checkWeights(weights, groups.length);
    double p = 0;
    double u = 0;
    for (int i = 0; i < groups.length; i++) {
      double w = weights == null ? 1 : weights[i];
      if (privileged.equals(groups[i])) {
        p += w;
      } else {
        u += w;
      }
    }
    return (u - p) / (u + p);
  }

  /**
   * AIF360's conditional demographic disparity {@code Σ_i N_i·DD_i / Σ_i N_i}, where
   * {@code DD_i = N_i⁻/N⁻ − N_i⁺/N⁺} over the groups i (counts weighted).
   *
   * @param labels whether each row's outcome is positive
   * @param groups the group value per row
   * @param weights the weight per row, or {@code null} for 1
   * @return the disparity
   */
  public static double conditionalDemographicDisparity(boolean[] labels, String[] groups, double[] weights) {
    Objects.requireNonNull(labels, "labels must not be null");
    Objects.requireNonNull(groups, "groups must not be null");
    if (labels.length != groups.length) {
      throw new IllegalArgumentException("labels and groups must have the same length");
    }
    checkWeights(weights, groups.length);
    Map<String, double[]> g = new LinkedHashMap<>();
    double pos = 0;
    double neg = 0;
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      double[] c = g.computeIfAbsent(String.valueOf(groups[i]), k -> new double[3]);
      c[labels[i] ? 0 : 1] += w;
      c[2] += w;
      if (labels[i]) {
        pos += w;
      } else {
        neg += w;
      }
      total += w;
    }
    double s = 0;
    for (double[] c : g.values()) {
      double dd = (neg == 0 ? 0 : c[1] / neg) - (pos == 0 ? 0 : c[0] / pos);
      s += c[2] * dd;
    }
    return s / total;
  }

  private static void checkWeights(double[] weights, int n) {
    if (weights != null) {
      if (weights.length != n) {
        throw new IllegalArgumentException("weights must have one value per row");
      }
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("weights must be finite and not negative");
        }
      }
    }
  }

  private static void check(boolean[] actual, boolean[] predicted, String[] groups) {
    Objects.requireNonNull(predicted, "predicted must not be null");
    if (actual != null && actual.length != predicted.length) {
      throw new IllegalArgumentException("actual and predicted must have the same length");
    }
    if (groups != null && groups.length != predicted.length) {
      throw new IllegalArgumentException("groups and predicted must have the same length");
    }
    if (predicted.length == 0) {
      throw new IllegalArgumentException("at least one row is needed");
    }
  }
}
