package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.DriftReport;
import dev.modelgov.core.metrics.FairnessConfig;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelMetricsAssertTest {

  static final int WINDOW = 200;

  static DriftBaseline baseline() {
    Random rnd = new Random(7);
    return DriftBaseline.builder()
        .numeric("income", rnd.doubles(2_000).map(x -> 20_000 + x * 80_000).toArray())
        .categorical("region", rnd.ints(2_000, 0, 4).mapToObj(i -> "r" + i).toArray(String[]::new))
        .build();
  }

  /** Credit-scoring metrics whose drift windows close, synchronously, every {@link #WINDOW} samples. */
  static ModelMetrics metrics() {
    MetricsConfig config = MetricsConfig.builder()
        .drift(DriftConfig.builder().windowSamples(WINDOW).build())
        .fairness(FairnessConfig.builder().minGroupSize(5).build())
        .build();
    ModelMetrics m = ModelMetrics.builder("credit-scoring", "2.4.0").driftExecutor(Runnable::run).config(config)
        .drift(baseline()).fairness("sex", "m").outputClasses("approve", "decline").build();
    m.bindTo(new SimpleMeterRegistry());
    return m;
  }

  /** Observes one window of applications, incomes shifted by {@code shift}. */
  static void window(ModelMetrics m, double shift, int samples) {
    Random rnd = new Random(11);
    for (int i = 0; i < samples; i++) {
      m.observe(Map.of("income", shift + 20_000 + rnd.nextDouble() * 80_000, "region", "r" + rnd.nextInt(4)));
    }
  }

  private static DriftReport last(ModelMetrics m) {
    return m.driftMonitor().orElseThrow().lastReport().orElseThrow();
  }

  private static String psi(ModelMetrics m, String feature) {
    return String.format(Locale.ROOT, "%.4f", last(m).result(feature, DriftMethod.PSI).orElseThrow().statistic());
  }

  @Test
  void a_window_like_the_baseline_has_low_drift_and_no_flag() {
    // GIVEN a window drawn like the baseline
    ModelMetrics m = metrics();
    window(m, 0, WINDOW);
    // THEN both features score below the PSI threshold and nothing is flagged
    assertThat(m).hasDriftBelow("income", 0.1).hasDriftBelow("region", 0.1).hasNoDriftDetected();
    // AND expecting drift fails, listing every feature's scores
    assertThatThrownBy(() -> assertThat(m).hasDriftAbove("income", 0.25))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the drift of feature <income> to be above 0.25 but its scores are [psi="
            + psi(m, "income") + "].\nScores of window " + last(m).windowIndex() + " (" + WINDOW
            + " samples): [income/psi=" + psi(m, "income") + ", income/ks p=")
        .hasMessageContaining("region/psi=" + psi(m, "region") + ", region/chi2 p=");
    assertThatThrownBy(() -> assertThat(m).hasDriftDetectedIn("income"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected drift to be detected in feature <income> but no feature drifted.\n");
  }

  @Test
  void a_shifted_window_scores_high_and_the_no_drift_assertions_fail() {
    // GIVEN a window whose incomes are 150,000 higher than the baseline's
    ModelMetrics m = metrics();
    window(m, 150_000, WINDOW);
    // THEN income drifts (distance and test) and region does not
    assertThat(m).hasDriftAbove("income", 0.25).hasDriftDetectedIn("income").hasDriftBelow("region", 0.1);
    // AND the assertions of a stable stream fail, with the scores that broke them
    assertThatThrownBy(() -> assertThat(m).hasDriftBelow("income", 0.1))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the drift of feature <income> to be below 0.1 but psi scored "
            + psi(m, "income") + ".\nScores of window " + last(m).windowIndex() + " (" + WINDOW
            + " samples): [income/psi=" + psi(m, "income") + " DRIFT, income/ks p=");
    assertThatThrownBy(() -> assertThat(m).hasNoDriftDetected())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected no drift but features [income] drifted.\n");
    assertThatThrownBy(() -> assertThat(m).hasDriftDetectedIn("region"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected drift to be detected in feature <region> but only [income] drifted.\n");
  }

  @Test
  void drift_assertions_need_a_closed_window_a_baseline_and_a_known_feature() {
    // GIVEN a window that has not closed yet
    ModelMetrics open = metrics();
    window(open, 0, 10);
    assertThatThrownBy(() -> assertThat(open).hasDriftBelow("income", 0.1))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected a closed drift window but none has closed yet (10 samples in the current window)");
    // GIVEN metrics without a drift baseline
    ModelMetrics noDrift = ModelMetrics.builder("credit-scoring", "2.4.0").build();
    assertThatThrownBy(() -> assertThat(noDrift).hasNoDriftDetected())
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to monitor drift but it was built without a drift baseline");
    // GIVEN a closed window, asked about a feature it does not have
    ModelMetrics closed = metrics();
    window(closed, 0, WINDOW);
    assertThatThrownBy(() -> assertThat(closed).hasDriftBelow("age", 0.1))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a drift score for feature <age> but the window has none");
    assertThatThrownBy(() -> assertThat((ModelMetrics) null).hasNoDriftDetected()).isInstanceOf(AssertionError.class);
  }

  /** Records 40 predictions, 20 per group, with the given share of positives for each group. */
  private static void predictions(ModelMetrics m, int positiveMales, int positiveFemales) {
    for (int i = 0; i < 20; i++) {
      m.recordPrediction("m-" + i, Map.of("sex", "m"), i < positiveMales);
      m.recordPrediction("f-" + i, Map.of("sex", "f"), i < positiveFemales);
    }
  }

  @Test
  void equal_selection_rates_are_fair() {
    ModelMetrics m = metrics();
    predictions(m, 10, 10);
    assertThat(m).hasNoFairnessBreach().hasFairnessWithin("sex", FairnessMetric.DISPARATE_IMPACT, 0.8, 1.25);
  }

  @Test
  void unequal_selection_rates_fail_the_fairness_assertions_with_every_result() {
    // GIVEN men selected 80% of the time, women 20%
    ModelMetrics m = metrics();
    predictions(m, 16, 4);
    double impact = m.fairnessMonitor().orElseThrow().report()
        .result("sex", FairnessMetric.DISPARATE_IMPACT).orElseThrow().value();
    String shown = String.format(Locale.ROOT, "%.4f", impact);
    // THEN the disparate impact is out of bounds and listed with the other results and the withheld ones
    assertThatThrownBy(() -> assertThat(m).hasFairnessWithin("sex", FairnessMetric.DISPARATE_IMPACT, 0.8, 1.25))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected sex/disparate_impact to be within [0.8, 1.25] but it was " + shown
            + ".\nFairness now: [sex/demographic_parity_difference=")
        .hasMessageContaining("sex/disparate_impact=" + shown + " BREACHED")
        .hasMessageContaining("\nWithheld: [sex/equal_opportunity_difference: ");
    assertThatThrownBy(() -> assertThat(m).hasNoFairnessBreach())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected no fairness breach but found [sex/demographic_parity_difference=")
        .hasMessageContaining("sex/disparate_impact=" + shown + " (threshold 0.8)");
  }

  @Test
  void a_metric_that_needs_outcomes_is_reported_as_not_computed() {
    ModelMetrics m = metrics();
    predictions(m, 10, 10);
    assertThatThrownBy(() -> assertThat(m)
            .hasFairnessWithin("sex", FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE, 0, 0.1))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected sex/equal_opportunity_difference to be within [0.0, 0.1] but it was not "
            + "computed.\n")
        .hasMessageContaining("Withheld: [sex/equal_opportunity_difference: group ");
    ModelMetrics unfair = ModelMetrics.builder("credit-scoring", "2.4.0").build();
    assertThatThrownBy(() -> assertThat(unfair).hasNoFairnessBreach())
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to monitor fairness but it was built without a protected attribute");
  }
}
