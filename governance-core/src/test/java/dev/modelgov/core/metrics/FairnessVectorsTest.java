package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every vector of {@code shared/vectors/metrics/fairness_vectors.json}, offline and through the streaming monitor. */
class FairnessVectorsTest {

  private static final double DERIVED = 1e-9;
  private static final FairnessConfig ALL = FairnessConfig.builder().minGroupSize(1)
      .metrics(FairnessMetric.values()).build();
  private static VectorFile vectors;

  @BeforeAll
  static void load() throws IOException {
    vectors = VectorFile.load("metrics/fairness_vectors.json");
  }

  @AfterAll
  static void every_vector_was_checked() {
    vectors.assertEveryVectorChecked();
  }

  private static JsonNode vector(String id) {
    return vectors.vector(id);
  }

  private static boolean[] bools(JsonNode array) {
    boolean[] out = new boolean[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt() == 1;
    }
    return out;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static String[] strings(JsonNode array) {
    String[] out = new String[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asText();
    }
    return out;
  }

  private static double value(FairnessReport r, String attribute, FairnessMetric m) {
    return r.result(attribute, m).orElseThrow(() -> new AssertionError(m + " withheld: " + r.withheld()))
        .value();
  }

  @Test
  void fairlearn_doc_example_offline_and_streaming() {
    // GIVEN Fairlearn's documented 18-row example
    JsonNode v = vector("fairlearn.doc.common_fairness_metrics");
    boolean[] y = bools(v.at("/inputs/y_true"));
    boolean[] yhat = bools(v.at("/inputs/y_pred"));
    String[] groups = strings(v.at("/inputs/sensitive_features"));
    // WHEN it is evaluated offline and streamed through a monitor with delayed labels
    FairnessReport offline = FairnessStatistics.evaluate("sf", y, yhat, groups, Set.of(), ALL);
    FairnessMonitor monitor = FairnessMonitor.builder().attribute("sf").config(ALL).build();
    for (int i = 0; i < y.length; i++) {
      monitor.recordPrediction("p" + i, Map.of("sf", groups[i]), yhat[i]);
    }
    for (int i = y.length - 1; i >= 0; i--) {
      assertThat(monitor.recordOutcome("p" + i, y[i])).isTrue();
    }
    FairnessReport streaming = monitor.report();
    JsonNode e = v.get("expected");
    JsonNode d = v.get("derived");
    for (FairnessReport r : List.of(offline, streaming)) {
      // THEN the asserted values hold (the doctest prints them exactly) and the derived ones to 1e-9
      assertThat(value(r, "sf", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE))
          .isCloseTo(e.get("demographic_parity_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.DEMOGRAPHIC_PARITY_RATIO))
          .isCloseTo(e.get("demographic_parity_ratio").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.EQUALIZED_ODDS_DIFFERENCE))
          .isCloseTo(e.get("equalized_odds_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.EQUALIZED_ODDS_RATIO))
          .isCloseTo(e.get("equalized_odds_ratio").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE))
          .isCloseTo(d.get("equal_opportunity_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.EQUAL_OPPORTUNITY_RATIO))
          .isCloseTo(d.get("equal_opportunity_ratio").asDouble(), within(DERIVED));
      assertThat(r.result("sf", FairnessMetric.DEMOGRAPHIC_PARITY_RATIO).orElseThrow().breached())
          .isEqualTo(d.get("four_fifths_flag").asBoolean());
      for (String g : List.of("a", "b", "c")) {
        JsonNode expected = d.at("/groups/" + g);
        GroupRates rates = r.group("sf", g).orElseThrow();
        assertThat(rates.predictions()).isEqualTo(expected.get("n").asLong());
        assertThat(rates.truePositives()).isEqualTo(expected.get("tp").asLong());
        assertThat(rates.falsePositives()).isEqualTo(expected.get("fp").asLong());
        assertThat(rates.trueNegatives()).isEqualTo(expected.get("tn").asLong());
        assertThat(rates.falseNegatives()).isEqualTo(expected.get("fn").asLong());
        assertThat(rates.selectionRate()).isCloseTo(expected.get("selection_rate").asDouble(), within(DERIVED));
        assertThat(rates.truePositiveRate()).isCloseTo(expected.get("tpr").asDouble(), within(DERIVED));
        assertThat(rates.falsePositiveRate()).isCloseTo(expected.get("fpr").asDouble(), within(DERIVED));
      }
      // AND the Fairlearn TPR and FPR differences are the two halves of equalized odds
      double tprDiff = value(r, "sf", FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE);
      assertThat(tprDiff).isCloseTo(d.get("true_positive_rate_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "sf", FairnessMetric.EQUALIZED_ODDS_DIFFERENCE))
          .isCloseTo(Math.max(tprDiff, d.get("false_positive_rate_difference").asDouble()), within(DERIVED));
    }
    // AND the "to_overall" form and the overall selection rate match
    assertThat(FairnessStatistics.demographicParityDifferenceToOverall(yhat, groups))
        .isCloseTo(d.get("demographic_parity_difference_to_overall").asDouble(), within(DERIVED));
    long selected = offline.groups().stream().mapToLong(GroupRates::selected).sum();
    assertThat((double) selected / y.length).isCloseTo(d.get("overall_selection_rate").asDouble(), within(DERIVED));
  }

  @Test
  void aif360_multiclass_labels_with_pooled_privileged_groups() {
    // GIVEN AIF360's multiclass case: favourable labels {0, 1}, privileged feat 0 and 1, unprivileged feat 2
    JsonNode v = vector("aif360.multiclass_confusion_matrix");
    int[] favorable = ints(v.at("/inputs/favorable_labels"));
    boolean[] y = FairnessStatistics.favorable(ints(v.at("/inputs/label")), favorable);
    boolean[] yhat = FairnessStatistics.favorable(ints(v.at("/inputs/predicted_label")), favorable);
    int[] feat = ints(v.at("/inputs/protected_feat"));
    String[] groups = new String[feat.length];
    for (int i = 0; i < feat.length; i++) {
      groups[i] = Integer.toString(feat[i]);
    }
    Set<String> privileged = new HashSet<>();
    v.at("/inputs/privileged_groups").forEach(g -> privileged.add(g.get("feat").asText()));
    // WHEN it is evaluated offline and through the monitor (labels given whole, one-sided and two-sided DI)
    FairnessReport offline = FairnessStatistics.evaluate("feat", y, yhat, groups, privileged, ALL);
    FairnessMonitor monitor = FairnessMonitor.builder().attribute("feat", privileged.toArray(String[]::new))
        .config(ALL.toBuilder().twoSidedDisparateImpact(true).build()).build();
    for (int i = 0; i < y.length; i++) {
      monitor.recordOutcome(null, Map.of("feat", groups[i]), yhat[i], y[i]);
    }
    FairnessReport streaming = monitor.report();
    JsonNode e = v.get("expected");
    JsonNode d = v.get("derived");
    for (FairnessReport r : List.of(offline, streaming)) {
      // THEN the pooled binary confusion matrix is the asserted one
      long tp = 0;
      long fn = 0;
      long tn = 0;
      long fp = 0;
      for (GroupRates g : r.groups()) {
        tp += g.truePositives();
        fn += g.falseNegatives();
        tn += g.trueNegatives();
        fp += g.falsePositives();
      }
      assertThat(new double[] {tp, fn, tn, fp}).containsExactly(e.at("/binary_confusion_matrix/TP").asDouble(),
          e.at("/binary_confusion_matrix/FN").asDouble(), e.at("/binary_confusion_matrix/TN").asDouble(),
          e.at("/binary_confusion_matrix/FP").asDouble());
      // AND the signed AIF360 metrics match
      assertThat(value(r, "feat", FairnessMetric.FALSE_NEGATIVE_RATE_DIFFERENCE))
          .isCloseTo(e.get("false_negative_rate_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "feat", FairnessMetric.STATISTICAL_PARITY_DIFFERENCE))
          .isCloseTo(d.get("statistical_parity_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "feat", FairnessMetric.DISPARATE_IMPACT))
          .isCloseTo(d.get("disparate_impact").asDouble(), within(DERIVED));
      assertThat(value(r, "feat", FairnessMetric.SIGNED_EQUAL_OPPORTUNITY_DIFFERENCE))
          .isCloseTo(d.get("equal_opportunity_difference").asDouble(), within(DERIVED));
      assertThat(value(r, "feat", FairnessMetric.AVERAGE_ODDS_DIFFERENCE))
          .isCloseTo(d.get("average_odds_difference").asDouble(), within(DERIVED));
    }
    // AND the pooled rates are the derived ones
    List<GroupRates> rates = FairnessStatistics.groupRates("feat", y, yhat, groups);
    GroupRates priv = rates.stream().filter(g -> privileged.contains(g.group()))
        .reduce((a, b) -> a.plus(b, "privileged")).orElseThrow();
    assertThat(priv.selectionRate()).isCloseTo(d.at("/privileged/sr").asDouble(), within(DERIVED));
    assertThat(priv.truePositiveRate()).isCloseTo(d.at("/privileged/tpr").asDouble(), within(DERIVED));
    assertThat(priv.falseNegativeRate()).isCloseTo(d.at("/privileged/fnr").asDouble(), within(DERIVED));
    // AND the four-fifths flags: one-sided offline, two-sided in the monitor
    assertThat(offline.result("feat", FairnessMetric.DISPARATE_IMPACT).orElseThrow().breached())
        .isEqualTo(d.get("four_fifths_flag_one_sided").asBoolean());
    assertThat(streaming.result("feat", FairnessMetric.DISPARATE_IMPACT).orElseThrow().breached())
        .isEqualTo(d.get("four_fifths_flag_two_sided").asBoolean());
  }

  @Test
  void aif360_generalized_entropy_theil_and_between_groups() {
    // GIVEN AIF360's individual-fairness case
    JsonNode v = vector("aif360.generalized_entropy_theil");
    boolean[] y = bools(v.at("/inputs/label"));
    boolean[] p1 = bools(v.at("/inputs/predicted_label_case1"));
    boolean[] p2 = bools(v.at("/inputs/predicted_label_case2"));
    String[] groups = java.util.Arrays.stream(ints(v.at("/inputs/protected_feat"))).mapToObj(Integer::toString)
        .toArray(String[]::new);
    JsonNode e = v.get("expected");
    // WHEN the indices are computed THEN they match upstream
    assertThat(FairnessStatistics.generalizedEntropyIndex(y, p1, 2))
        .isCloseTo(e.get("generalized_entropy_index_case1").asDouble(), within(DERIVED));
    assertThat(FairnessStatistics.generalizedEntropyIndex(y, p2, 2))
        .isCloseTo(e.get("generalized_entropy_index_case2").asDouble(), within(DERIVED));
    assertThat(FairnessStatistics.theilIndex(y, p1))
        .isCloseTo(e.get("theil_index_case1").asDouble(), within(DERIVED));
    assertThat(FairnessStatistics.betweenGroupGeneralizedEntropyIndex(y, p1, groups, 2))
        .isCloseTo(e.get("between_all_groups_generalized_entropy_index_case1").asDouble(), within(DERIVED));
  }

  @Test
  void aif360_class_imbalance_and_conditional_demographic_disparity() {
    // GIVEN AIF360's weighted pre-training cases
    JsonNode v = vector("aif360.sklearn.pretraining");
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode c : v.get("cases")) {
      String[] groups = java.util.Arrays.stream(ints(c.get("prot_attr"))).mapToObj(Integer::toString)
          .toArray(String[]::new);
      double[] w = doubles(c.get("sample_weight"));
      String metric = c.get("metric").asText();
      seen.merge(metric, 1, Integer::sum);
      // WHEN each metric is computed THEN it matches upstream
      double actual = metric.equals("class_imbalance")
          ? FairnessStatistics.classImbalance(groups, w, c.get("priv_group").asText())
          : FairnessStatistics.conditionalDemographicDisparity(bools(c.get("y")), groups, w);
      assertThat(actual).as(metric).isCloseTo(c.get("expected").asDouble(), within(DERIVED));
    }
    assertThat(seen).containsEntry("class_imbalance", 2).containsEntry("conditional_demographic_disparity", 1);
  }
}
