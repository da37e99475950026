package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.RuntimeSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delayed-label joins, eviction, withholding and group caps of the streaming fairness monitor. */
class FairnessMonitorTest {

  private static final FairnessConfig SMALL = FairnessConfig.builder().minGroupSize(1).build();

  @Test
  void delayed_labels_join_by_prediction_id_and_unknown_ids_are_counted() {
    // GIVEN two predictions waiting for their label
    FairnessMonitor m = FairnessMonitor.builder().attribute("sex").config(SMALL).build();
    m.recordPrediction("p1", Map.of("sex", "f"), true);
    m.recordPrediction("p2", Map.of("sex", "m"), false);
    assertThat(m.pendingOutcomes()).isEqualTo(2);
    // WHEN one label arrives, one twice, and one for an unknown id
    assertThat(m.recordOutcome("p1", true)).isTrue();
    assertThat(m.recordOutcome("p1", false)).isFalse();
    assertThat(m.recordOutcome("nope", true)).isFalse();
    // THEN the join counted one true positive and two unmatched labels
    GroupRates f = m.rates("sex", "f");
    assertThat(f.predictions()).isEqualTo(1);
    assertThat(f.truePositives()).isEqualTo(1);
    assertThat(f.labelled()).isEqualTo(1);
    assertThat(m.unmatchedOutcomes()).isEqualTo(2);
    assertThat(m.pendingOutcomes()).isEqualTo(1);
  }

  @Test
  void the_join_buffer_is_bounded_by_size_and_age_and_counts_evictions() {
    // GIVEN a buffer of 3 predictions living 1 minute
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    FairnessMonitor m = FairnessMonitor.builder().attribute("sex").clock(clock)
        .config(SMALL.toBuilder().maxPendingOutcomes(3).outcomeTtl(Duration.ofMinutes(1)).build()).build();
    // WHEN 5 predictions arrive THEN the 2 oldest are evicted
    for (int i = 0; i < 5; i++) {
      m.recordPrediction("p" + i, Map.of("sex", "f"), true);
    }
    assertThat(m.pendingOutcomes()).isEqualTo(3);
    assertThat(m.evictedPredictions()).isEqualTo(2);
    assertThat(m.recordOutcome("p0", true)).isFalse();
    assertThat(m.recordOutcome("p4", true)).isTrue();
    // WHEN a minute passes THEN the rest expire and are counted
    clock.advance(Duration.ofMinutes(1));
    assertThat(m.recordOutcome("p3", true)).isFalse();
    assertThat(m.evictedPredictions()).isEqualTo(4);
    assertThat(m.pendingOutcomes()).isZero();
    // AND every prediction still counts toward the selection rate
    assertThat(m.rates("sex", "f").predictions()).isEqualTo(5);
  }

  @Test
  void metrics_are_withheld_while_a_group_is_below_the_minimum_size() {
    // GIVEN a minimum group size of 10
    FairnessMonitor m = FairnessMonitor.builder().attribute("sex", "m")
        .config(FairnessConfig.builder().minGroupSize(10).build()).build();
    // WHEN one group has 10 predictions and the other 9
    for (int i = 0; i < 10; i++) {
      m.recordPrediction(null, Map.of("sex", "m"), i % 2 == 0);
    }
    for (int i = 0; i < 9; i++) {
      m.recordPrediction(null, Map.of("sex", "f"), i % 3 == 0);
    }
    // THEN every metric is withheld with a reason naming the small group, and none is reported
    FairnessReport r = m.report();
    assertThat(r.results()).isEmpty();
    assertThat(r.withheld()).extracting(WithheldMetric::metric)
        .containsExactlyInAnyOrderElementsOf(FairnessConfig.defaults().metrics());
    assertThat(r.withheld()).filteredOn(w -> w.metric() == FairnessMetric.DEMOGRAPHIC_PARITY_RATIO)
        .singleElement().extracting(WithheldMetric::reason).asString().contains("'f' has 9 predictions");
    // WHEN the tenth arrives THEN the selection metrics appear; label-based ones still wait for labels
    m.recordPrediction(null, Map.of("sex", "f"), false);
    r = m.report();
    assertThat(r.results()).extracting(FairnessResult::metric).containsExactlyInAnyOrder(
        FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, FairnessMetric.DEMOGRAPHIC_PARITY_RATIO,
        FairnessMetric.DISPARATE_IMPACT);
    assertThat(r.result("sex", FairnessMetric.DISPARATE_IMPACT).orElseThrow().value())
        .isCloseTo((3 / 10.0) / (5 / 10.0), within(1e-12));
    assertThat(r.withheld()).extracting(WithheldMetric::reason)
        .anyMatch(s -> s.contains("labelled predictions, fewer than 10"));
  }

  @Test
  void aif360_metrics_need_a_declared_privileged_group() {
    // GIVEN an attribute without privileged groups
    FairnessMonitor m = FairnessMonitor.builder().attribute("region").config(SMALL).build();
    m.recordPrediction(null, Map.of("region", "a"), true);
    m.recordPrediction(null, Map.of("region", "b"), false);
    // WHEN the report is computed THEN disparate impact is withheld with the reason, Fairlearn ones are not
    FairnessReport r = m.report();
    assertThat(r.withheld()).filteredOn(w -> w.metric() == FairnessMetric.DISPARATE_IMPACT).singleElement()
        .extracting(WithheldMetric::reason).asString().contains("no privileged group");
    assertThat(r.result("region", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE).orElseThrow().value())
        .isEqualTo(1.0);
  }

  @Test
  void groups_are_capped_and_missing_values_have_their_own_group() {
    // GIVEN at most 3 groups per attribute and a listener for new groups
    List<String> created = new ArrayList<>();
    FairnessMonitor m = FairnessMonitor.builder().attribute("zip", "00001").onNewGroup((a, g) -> created.add(g))
        .config(SMALL.toBuilder().maxGroupsPerAttribute(3).build()).build();
    // WHEN 10 distinct values and one missing value arrive
    for (int i = 0; i < 10; i++) {
      m.recordPrediction(null, Map.of("zip", String.format("%05d", i)), true);
    }
    m.recordPrediction(null, new HashMap<>(), true);
    // THEN the privileged group and the first two others keep their own group, the rest share __other__
    assertThat(m.groups("zip")).containsExactly("00001", "00000", "00002", DriftBaseline.OTHER,
        DriftBaseline.MISSING);
    assertThat(m.rates("zip", DriftBaseline.OTHER).predictions()).isEqualTo(7);
    assertThat(m.rates("zip", DriftBaseline.MISSING).predictions()).isEqualTo(1);
    assertThat(created).containsExactly("00001", "00000", "00002", DriftBaseline.OTHER, DriftBaseline.MISSING);
  }

  @Test
  void a_labelled_prediction_given_whole_is_counted_once() {
    // GIVEN a prediction recorded with an id
    FairnessMonitor m = FairnessMonitor.builder().attribute("sex").config(SMALL).build();
    m.recordPrediction("p1", Map.of("sex", "f"), true);
    // WHEN its outcome comes with groups and prediction again, and another arrives whole without a prior record
    m.recordOutcome("p1", Map.of("sex", "f"), true, false);
    m.recordOutcome("p2", Map.of("sex", "f"), false, true);
    // THEN p1 was joined (one prediction, one FP) and p2 counted as a new labelled prediction
    GroupRates f = m.rates("sex", "f");
    assertThat(f.predictions()).isEqualTo(2);
    assertThat(f.falsePositives()).isEqualTo(1);
    assertThat(f.falseNegatives()).isEqualTo(1);
    assertThat(m.predictions()).isEqualTo(2);
  }

  @Test
  void signals_and_reset() {
    // GIVEN a clearly unfair selection
    FairnessMonitor m = FairnessMonitor.builder().attribute("sex", "m").config(SMALL).build();
    for (int i = 0; i < 10; i++) {
      m.recordPrediction(null, Map.of("sex", "m"), true);
      m.recordPrediction(null, Map.of("sex", "f"), i < 2);
    }
    // WHEN signals are read THEN they carry the breached demographic parity ratio
    RuntimeSignals s = m.signals();
    assertThat(s.requests()).isEqualTo(20);
    FairnessSignal dpr = s.fairness().stream().filter(x -> x.metric().equals("demographic_parity_ratio"))
        .findFirst().orElseThrow();
    assertThat(dpr.value()).isCloseTo(0.2, within(1e-12));
    assertThat(dpr.threshold()).isEqualTo(0.8);
    assertThat(dpr.breached()).isTrue();
    // WHEN reset THEN the counters are zero and the groups remain
    m.reset();
    assertThat(m.predictions()).isZero();
    assertThat(m.rates("sex", "f").predictions()).isZero();
    assertThat(m.groups("sex")).contains("m", "f");
  }

  @Test
  void builder_and_inputs_are_validated() {
    // GIVEN invalid declarations and inputs WHEN used THEN the error names the problem
    assertThatThrownBy(() -> FairnessMonitor.builder().build()).hasMessageContaining("at least one");
    assertThatThrownBy(() -> FairnessMonitor.builder().attribute("a").attribute("a").build())
        .hasMessageContaining("declared twice");
    FairnessMonitor m = FairnessMonitor.builder().attribute("a").build();
    assertThatThrownBy(() -> m.recordPrediction("x".repeat(300), Map.of(), true))
        .hasMessageContaining("predictionId is longer");
    assertThatThrownBy(() -> m.recordPrediction(null, Map.of("a", "y".repeat(300)), true))
        .hasMessageContaining("group value of 'a'");
    assertThatThrownBy(() -> FairnessConfig.builder().minGroupSize(0).build())
        .hasMessageContaining("fairness.minGroupSize");
    assertThatThrownBy(() -> FairnessConfig.builder().threshold(FairnessMetric.DISPARATE_IMPACT, -1).build())
        .hasMessageContaining("fairness.thresholds.disparate_impact");
  }
}
