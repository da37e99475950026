package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model meters scraped in the Prometheus text format carry the series names the alert rules query. */
class PrometheusScrapeTest {

  @Test
  void a_scrape_shows_the_series_the_alert_rules_use() {
    // GIVEN a Prometheus registry and a binder with drift and fairness
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Random rnd = new Random(1);
    DriftBaseline baseline = DriftBaseline.builder()
        .numeric("income", rnd.doubles(1_000).toArray())
        .categorical("region", rnd.ints(1_000, 0, 3).mapToObj(i -> "r" + i).toArray(String[]::new))
        .build();
    ModelMetrics metrics = ModelMetrics.builder("credit-scoring", "2.4.0").driftExecutor(Runnable::run)
        .config(MetricsConfig.builder().drift(DriftConfig.builder().windowSamples(100).build()).build())
        .drift(baseline).fairness("sex", "m").build();
    metrics.bindTo(registry);
    // WHEN traffic is recorded and the registry scraped
    for (int i = 0; i < 100; i++) {
      try (ModelMetrics.Inference p = metrics.start()) {
        metrics.observe(Map.of("income", rnd.nextDouble(), "region", "r" + (i % 3)));
        metrics.recordPrediction("p" + i, Map.of("sex", i % 2 == 0 ? "m" : "f"), true);
        if (i % 10 == 0) {
          p.failure(new IOException());
        } else {
          p.success(i % 2 == 0 ? "approve" : "deny");
        }
      }
    }
    String scrape = registry.scrape();
    // THEN the series names and labels are the ones in docs/metrics.md and the alert rules
    assertThat(scrape)
        .contains("model_inference_seconds_count{error_type=\"none\",model=\"credit-scoring\","
            + "model_version=\"2.4.0\",outcome=\"success\"} 90")
        .contains("model_inference_seconds_count{error_type=\"IOException\",model=\"credit-scoring\","
            + "model_version=\"2.4.0\",outcome=\"error\"} 10")
        .contains("model_inference_seconds_sum{")
        .contains("model_inference_seconds_max{")
        .contains("model_predictions_total{model=\"credit-scoring\",model_version=\"2.4.0\",output=\"approve\"} 40.0")
        .contains("model_drift_distance{direction=\"input\",feature=\"income\",method=\"psi\",model=\"credit-scoring\","
            + "model_version=\"2.4.0\"}")
        .contains("model_drift_pvalue{direction=\"input\",feature=\"income\",method=\"ks\"")
        .contains("model_drift_pvalue{direction=\"input\",feature=\"region\",method=\"chi2\"")
        .contains("model_drift_threshold{")
        .contains("model_drift_detected{")
        .contains("model_drift_window_samples{direction=\"input\",feature=\"income\",method=\"psi\","
            + "model=\"credit-scoring\",model_version=\"2.4.0\"} 100")
        .contains("model_governance_window_rotations_total{model=\"credit-scoring\",model_version=\"2.4.0\"} 1")
        .contains("model_fairness_selection_rate{attribute=\"sex\",group=\"f\"")
        .contains("model_fairness_tpr{")
        .contains("model_fairness_fpr{")
        .contains("model_fairness_disparity{attribute=\"sex\",metric=\"demographic_parity_ratio\"")
        .contains("model_fairness_labels_evicted_total{")
        .contains("model_fairness_labels_unmatched_total{")
        .doesNotContain("model_inference_seconds_bucket");
    // AND after unregistering, no model series is scraped
    metrics.unregister();
    assertThat(registry.scrape()).doesNotContain("model_");
  }

  @Test
  void percentile_histograms_appear_only_when_the_config_opts_in() {
    // GIVEN one registry whose binder opts in to histograms and one with the default (a registry must not mix the
    // two: the Prometheus client cannot hold a histogram and a summary under one name)
    PrometheusMeterRegistry withHistogram = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusMeterRegistry withoutHistogram = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ModelMetrics on = ModelMetrics.builder("m", "1").driftExecutor(Runnable::run)
        .config(MetricsConfig.builder().percentileHistogram(true).build()).build();
    ModelMetrics off = ModelMetrics.builder("m", "1").driftExecutor(Runnable::run).build();
    on.bindTo(withHistogram);
    off.bindTo(withoutHistogram);
    // WHEN both record an inference
    on.recordSuccess(5_000_000, null);
    off.recordSuccess(5_000_000, null);
    // THEN only the opted-in one has the _bucket series the quantile latency rule needs
    assertThat(withHistogram.scrape())
        .contains("model_inference_seconds_bucket{error_type=\"none\",model=\"m\",model_version=\"1\","
            + "outcome=\"success\",le=\"+Inf\"} 1");
    assertThat(withoutHistogram.scrape()).contains("model_inference_seconds_count{")
        .doesNotContain("model_inference_seconds_bucket");
  }
}
