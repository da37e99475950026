package dev.modelgov.core.metrics.internal;

import dev.modelgov.core.metrics.FairnessConfig;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.FairnessResult;
import dev.modelgov.core.metrics.GroupRates;
import dev.modelgov.core.metrics.WithheldMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Fairness metrics from group counts, in the Fairlearn and AIF360 conventions. For internal use only. */
public final class FairnessMath {

  private FairnessMath() {}

  /**
   * Computes the configured metrics of one attribute.
   *
   * @param attribute the attribute
   * @param groups its groups (those without predictions are ignored)
   * @param privileged the privileged group values (empty: AIF360 metrics are withheld)
   * @param config the metrics, thresholds and minimum group size
   * @param results where computed metrics go
   * @param withheld where withheld metrics go
   */
  public static void evaluate(String attribute, List<GroupRates> groups, Set<String> privileged,
      FairnessConfig config, List<FairnessResult> results, List<WithheldMetric> withheld) {
    List<GroupRates> seen = new ArrayList<>();
    for (GroupRates g : groups) {
      if (g.predictions() > 0) {
        seen.add(g);
      }
    }
    for (FairnessMetric m : config.metrics()) {
      String why = m.convention() == FairnessMetric.Convention.FAIRLEARN
          ? fairlearnProblem(m, seen, config.minGroupSize())
          : aifProblem(m, seen, privileged, config.minGroupSize());
      double value = Double.NaN;
      if (why == null) {
        value = m.convention() == FairnessMetric.Convention.FAIRLEARN ? fairlearn(m, seen)
            : aif(m, pool(attribute, seen, privileged, true), pool(attribute, seen, privileged, false));
        if (Double.isNaN(value)) {
          why = "undefined: a zero denominator";
        }
      }
      if (why != null) {
        withheld.add(new WithheldMetric(attribute, m, why));
      } else {
        results.add(new FairnessResult(attribute, m, value, config.threshold(m), config.breached(m, value)));
      }
    }
  }

  private static String fairlearnProblem(FairnessMetric m, List<GroupRates> groups, long min) {
    if (groups.size() < 2) {
      return "fewer than two groups with predictions";
    }
    for (GroupRates g : groups) {
      if (!m.needsOutcomes() && g.predictions() < min) {
        return "group '" + g.group() + "' has " + g.predictions() + " predictions, fewer than " + min;
      }
      if (m.needsOutcomes()) {
        if (g.labelled() < min) {
          return "group '" + g.group() + "' has " + g.labelled() + " labelled predictions, fewer than " + min;
        }
        if (Double.isNaN(g.truePositiveRate())) {
          return "group '" + g.group() + "' has no actual positives";
        }
        boolean needsFpr = m == FairnessMetric.EQUALIZED_ODDS_DIFFERENCE || m == FairnessMetric.EQUALIZED_ODDS_RATIO;
        if (needsFpr && Double.isNaN(g.falsePositiveRate())) {
          return "group '" + g.group() + "' has no actual negatives";
        }
      }
    }
    return null;
  }

  private static String aifProblem(FairnessMetric m, List<GroupRates> groups, Set<String> privileged, long min) {
    if (privileged.isEmpty()) {
      return "no privileged group declared for the attribute";
    }
    long pn = 0;
    long un = 0;
    long pl = 0;
    long ul = 0;
    for (GroupRates g : groups) {
      if (privileged.contains(g.group())) {
        pn += g.predictions();
        pl += g.labelled();
      } else {
        un += g.predictions();
        ul += g.labelled();
      }
    }
    if (pn == 0) {
      return "no predictions for the privileged groups";
    }
    if (un == 0) {
      return "no predictions for the unprivileged groups";
    }
    long p = m.needsOutcomes() ? pl : pn;
    long u = m.needsOutcomes() ? ul : un;
    String what = m.needsOutcomes() ? " labelled predictions" : " predictions";
    if (p < min) {
      return "the privileged groups have " + p + what + ", fewer than " + min;
    }
    if (u < min) {
      return "the unprivileged groups have " + u + what + ", fewer than " + min;
    }
    return null;
  }

  private static double fairlearn(FairnessMetric m, List<GroupRates> groups) {
    return switch (m) {
      case DEMOGRAPHIC_PARITY_DIFFERENCE -> difference(groups, GroupRates::selectionRate);
      case DEMOGRAPHIC_PARITY_RATIO -> ratio(groups, GroupRates::selectionRate);
      case EQUAL_OPPORTUNITY_DIFFERENCE -> difference(groups, GroupRates::truePositiveRate);
      case EQUAL_OPPORTUNITY_RATIO -> ratio(groups, GroupRates::truePositiveRate);
      case EQUALIZED_ODDS_DIFFERENCE -> Math.max(difference(groups, GroupRates::truePositiveRate),
          difference(groups, GroupRates::falsePositiveRate));
      case EQUALIZED_ODDS_RATIO -> {
        double a = ratio(groups, GroupRates::truePositiveRate);
        double b = ratio(groups, GroupRates::falsePositiveRate);
        yield Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
      }
      default -> throw new IllegalStateException("not a Fairlearn metric: " + m);
    };
  }

  private static double aif(FairnessMetric m, GroupRates priv, GroupRates unpriv) {
    return switch (m) {
      case STATISTICAL_PARITY_DIFFERENCE -> unpriv.selectionRate() - priv.selectionRate();
      case DISPARATE_IMPACT -> priv.selectionRate() == 0 ? Double.NaN
          : unpriv.selectionRate() / priv.selectionRate();
      case SIGNED_EQUAL_OPPORTUNITY_DIFFERENCE -> unpriv.truePositiveRate() - priv.truePositiveRate();
      case AVERAGE_ODDS_DIFFERENCE -> ((unpriv.falsePositiveRate() - priv.falsePositiveRate())
          + (unpriv.truePositiveRate() - priv.truePositiveRate())) / 2;
      case FALSE_NEGATIVE_RATE_DIFFERENCE -> unpriv.falseNegativeRate() - priv.falseNegativeRate();
      default -> throw new IllegalStateException("not an AIF360 metric: " + m);
    };
  }

  /**
   * Pools the privileged (or unprivileged) groups.
   *
   * @param attribute the attribute
   * @param groups the groups
   * @param privileged the privileged values
   * @param wantPrivileged which side
   * @return the pooled counts
   */
  public static GroupRates pool(String attribute, List<GroupRates> groups, Set<String> privileged,
      boolean wantPrivileged) {
    GroupRates sum = new GroupRates(attribute, wantPrivileged ? "privileged" : "unprivileged", 0, 0, 0, 0, 0, 0);
    for (GroupRates g : groups) {
      if (privileged.contains(g.group()) == wantPrivileged) {
        sum = sum.plus(g, sum.group());
      }
    }
    return sum;
  }

  private static double difference(List<GroupRates> groups, ToDoubleFunction<GroupRates> rate) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (GroupRates g : groups) {
      double r = rate.applyAsDouble(g);
      if (Double.isNaN(r)) {
        return Double.NaN;
      }
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    return max - min;
  }

  private static double ratio(List<GroupRates> groups, ToDoubleFunction<GroupRates> rate) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (GroupRates g : groups) {
      double r = rate.applyAsDouble(g);
      if (Double.isNaN(r)) {
        return Double.NaN;
      }
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    return max == 0 ? Double.NaN : min / max;
  }
}
