package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.metrics.AlertConfig;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelAlert;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link DemoMetrics}: reading a Prometheus scrape and evaluating the generated alert rules on it. */
class DemoMetricsTest {

  private static final String MODEL = "risk/credit-scoring";
  private static final String L = "model=\"" + MODEL + "\",model_version=\"2.4.0\"";

  /** A config whose drift needs windows of 100 samples. */
  private static final MetricsConfig CONFIG = MetricsConfig.builder()
      .drift(DriftConfig.builder().minWindowSamples(100).build())
      .build();

  private static String drift(String feature, String method, double distance, int detected, int samples) {
    String labels = "{direction=\"input\",feature=\"" + feature + "\",method=\"" + method + "\"," + L + ",}";
    return "model_drift_distance" + labels + " " + distance + "\n"
        + "model_drift_detected" + labels + " " + detected + "\n"
        + "model_drift_window_samples" + labels + " " + samples + "\n";
  }

  private static String inferences(int success, int error, double seconds) {
    return "# HELP model_inference_seconds\n# TYPE model_inference_seconds summary\n"
        + "model_inference_seconds_count{error_type=\"none\"," + L + ",outcome=\"success\",} " + success + "\n"
        + "model_inference_seconds_count{error_type=\"IOException\"," + L + ",outcome=\"error\",} " + error + "\n"
        + "model_inference_seconds_sum{error_type=\"none\"," + L + ",outcome=\"success\",} " + seconds + "\n";
  }

  private static Map<String, DemoMetrics.AlertCheck> alerts(String scrape, MetricsConfig config) {
    return DemoMetrics.parse(scrape).alerts(config, MODEL).stream()
        .collect(Collectors.toMap(c -> c.rule().alert(), c -> c));
  }

  @Test
  void reads_names_labels_escapes_and_special_values() {
    // GIVEN
    String scrape = "# TYPE x gauge\n\nx{a=\"q\\\"uote\",b=\"back\\\\slash\",c=\"new\\nline\",} NaN\ny +Inf 1700000\n"
        + "z{} -1.5e3\n";
    // WHEN
    List<DemoMetrics.Sample> samples = DemoMetrics.parse(scrape).samples();
    // THEN
    assertThat(samples).hasSize(3);
    assertThat(samples.get(0).labels()).containsExactly(Map.entry("a", "q\"uote"), Map.entry("b", "back\\slash"),
        Map.entry("c", "new\nline"));
    assertThat(samples.get(0).value()).isNaN();
    assertThat(samples.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(samples.get(2).value()).isEqualTo(-1500.0);
  }

  @Test
  void a_malformed_line_is_named_by_its_number() {
    assertThatThrownBy(() -> DemoMetrics.parse("# ok\nx 1\ny{a=\"open} 2\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 3: ");
    assertThatThrownBy(() -> DemoMetrics.parse("x one\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("line 1: the value is not a number");
  }

  @Test
  void drift_detected_holds_only_over_windows_of_the_minimum_size() {
    // GIVEN income flagged over 150 samples, age flagged over 40
    String scrape = inferences(200, 0, 0.2) + drift("income", "psi", 0.4, 1, 150) + drift("age", "psi", 0.3, 1, 40)
        + drift("debt_ratio", "psi", 0.01, 0, 150);
    // WHEN
    Map<String, DemoMetrics.AlertCheck> checks = alerts(scrape, CONFIG);
    // THEN the detected alert names income only; the severe one (PSI >= 0.25) too
    DemoMetrics.AlertCheck detected = checks.get(ModelAlert.DRIFT_DETECTED.alertName());
    assertThat(detected.holds()).isTrue();
    assertThat(detected.because()).isEqualTo("income (psi)");
    DemoMetrics.AlertCheck severe = checks.get(ModelAlert.DRIFT_SEVERE.alertName());
    assertThat(severe.holds()).isTrue();
    assertThat(severe.because()).isEqualTo("income (psi 0.4 >= 0.25)");
  }

  @Test
  void without_drift_no_drift_alert_holds() {
    // GIVEN
    String scrape = inferences(200, 0, 0.2) + drift("income", "psi", 0.2, 0, 150);
    // WHEN
    Map<String, DemoMetrics.AlertCheck> checks = alerts(scrape, CONFIG);
    // THEN PSI 0.2 is below the severe threshold and nothing is flagged
    assertThat(checks.get(ModelAlert.DRIFT_DETECTED.alertName()).holds()).isFalse();
    assertThat(checks.get(ModelAlert.DRIFT_SEVERE.alertName()).holds()).isFalse();
    assertThat(checks.get(ModelAlert.NO_TRAFFIC.alertName()).holds()).isFalse();
  }

  @Test
  void error_rate_and_latency_use_the_configured_thresholds() {
    // GIVEN 10 errors in 100 inferences, 90 successes taking 180 s in all: 2 s each on average
    String scrape = inferences(90, 10, 180);
    // WHEN with the defaults (5 %, 1 s) and with looser ones (20 %, 5 s)
    Map<String, DemoMetrics.AlertCheck> strict = alerts(scrape, CONFIG);
    Map<String, DemoMetrics.AlertCheck> loose = alerts(scrape, CONFIG.toBuilder()
        .alerts(AlertConfig.builder().errorRate(0.2).latency(java.time.Duration.ofSeconds(5)).build()).build());
    // THEN
    assertThat(strict.get(ModelAlert.ERROR_RATE.alertName()).holds()).isTrue();
    assertThat(strict.get(ModelAlert.ERROR_RATE.alertName()).because()).isEqualTo("error rate 0.1 > 0.05");
    assertThat(strict.get(ModelAlert.LATENCY.alertName()).holds()).isTrue();
    assertThat(loose.get(ModelAlert.ERROR_RATE.alertName()).holds()).isFalse();
    assertThat(loose.get(ModelAlert.LATENCY.alertName()).holds()).isFalse();
  }

  @Test
  void fairness_compares_each_metric_with_its_threshold_and_no_traffic_holds_on_an_empty_scrape() {
    // GIVEN a demographic parity ratio of 0.7 (threshold 0.8) and a difference of 0.05 (threshold 0.1)
    String scrape = "model_fairness_disparity{attribute=\"sex\",metric=\"demographic_parity_ratio\"," + L + ",} 0.7\n"
        + "model_fairness_disparity{attribute=\"sex\",metric=\"demographic_parity_difference\"," + L + ",} 0.05\n";
    // WHEN
    Map<String, DemoMetrics.AlertCheck> checks = alerts(scrape, CONFIG);
    // THEN
    DemoMetrics.AlertCheck fairness = checks.get(ModelAlert.FAIRNESS_DISPARITY.alertName());
    assertThat(fairness.holds()).isTrue();
    assertThat(fairness.because()).isEqualTo("sex demographic_parity_ratio 0.7 (threshold 0.8)");
    assertThat(checks.get(ModelAlert.NO_TRAFFIC.alertName()).holds()).isTrue();
  }

  @Test
  void another_models_series_are_ignored() {
    // GIVEN drift flagged for another model only
    String scrape = drift("income", "psi", 0.9, 1, 500).replace(MODEL, "other/model");
    // WHEN / THEN
    assertThat(alerts(scrape, CONFIG).get(ModelAlert.DRIFT_DETECTED.alertName()).holds()).isFalse();
  }
}
