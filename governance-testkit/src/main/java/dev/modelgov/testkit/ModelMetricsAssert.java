package dev.modelgov.testkit;

import dev.modelgov.core.metrics.DriftMonitor;
import dev.modelgov.core.metrics.DriftReport;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.FairnessMonitor;
import dev.modelgov.core.metrics.FairnessReport;
import dev.modelgov.core.metrics.FairnessResult;
import dev.modelgov.core.metrics.ModelMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the drift and fairness state of a {@link ModelMetrics} binder. Drift assertions read the drift
 * monitor's latest closed window ({@link DriftMonitor#lastReport()}); build the binder with {@code
 * driftExecutor(Runnable::run)} in tests so that a window is computed as soon as its last sample arrives. Fairness
 * assertions read {@link FairnessMonitor#report()} at the time of the assertion. Failures list every feature's (or
 * attribute's) scores.
 *
 * <p>The drift <em>score</em> of a feature is the statistic of its distance methods (PSI, Jensen–Shannon,
 * Wasserstein, Hellinger, L∞), not the p-value of a test (KS, chi-square); tests flag drift through {@link
 * #hasDriftDetectedIn(String)}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelMetrics metrics = ModelMetrics.builder("credit", "2.4.0").driftExecutor(Runnable::run)
 *     .drift(baseline).fairness("sex", "m").build();
 * // ... observe a full window ...
 * assertThat(metrics).hasDriftBelow("income", 0.1).hasNoDriftDetected();
 * }</pre>
 */
public final class ModelMetricsAssert extends AbstractAssert<ModelMetricsAssert, ModelMetrics> {

  ModelMetricsAssert(ModelMetrics actual) {
    super(actual, ModelMetricsAssert.class);
  }

  /**
   * Checks that every distance method computed for the feature in the latest window scored below {@code max}.
   *
   * <pre>{@code
   * assertThat(metrics).hasDriftBelow("income", 0.1);   // passes on a window like the baseline
   * assertThat(metrics).hasDriftBelow("income", 0.1);
   * // fails after a shifted window: "Expected the drift of feature <income> to be below 0.1 but psi scored 3.2114.
   * //   Scores of window 1 (1000 samples): [income/psi=3.2114 DRIFT, income/ks p=0.0000 DRIFT, ...]"
   * }</pre>
   *
   * @param feature the feature name, must not be {@code null}
   * @param max the exclusive upper bound
   * @return this assertion
   */
  public ModelMetricsAssert hasDriftBelow(String feature, double max) {
    DriftReport report = lastReport();
    List<DriftResult> scores = distances(report, feature);
    List<String> over = scores.stream().filter(r -> !(r.statistic() < max))
        .map(r -> r.method().tag() + " scored " + number(r.statistic())).collect(Collectors.toList());
    if (!over.isEmpty()) {
      failWithMessage(
          "Expected the drift of feature <%s> to be below %s but %s.\n%s", feature, max, String.join(", ", over),
          scores(report));
    }
    return this;
  }

  /**
   * Checks that some distance method computed for the feature in the latest window scored above {@code min}.
   *
   * <pre>{@code
   * assertThat(metrics).hasDriftAbove("income", 0.25);   // passes after a shifted window
   * assertThat(metrics).hasDriftAbove("region", 0.25);
   * // fails: "Expected the drift of feature <region> to be above 0.25 but its scores are [psi=0.0021].
   * //   Scores of window 1 (1000 samples): [...]"
   * }</pre>
   *
   * @param feature the feature name, must not be {@code null}
   * @param min the exclusive lower bound
   * @return this assertion
   */
  public ModelMetricsAssert hasDriftAbove(String feature, double min) {
    DriftReport report = lastReport();
    List<DriftResult> scores = distances(report, feature);
    if (scores.stream().noneMatch(r -> r.statistic() > min)) {
      failWithMessage(
          "Expected the drift of feature <%s> to be above %s but its scores are %s.\n%s", feature, min,
          scores.stream().map(r -> r.method().tag() + "=" + number(r.statistic())).collect(Collectors.toList()),
          scores(report));
    }
    return this;
  }

  /**
   * Checks that the latest window flagged drift for the feature (by any method, tests included).
   *
   * <pre>{@code
   * assertThat(metrics).hasDriftDetectedIn("income");   // passes after a shifted window
   * assertThat(metrics).hasDriftDetectedIn("region");
   * // fails: "Expected drift to be detected in feature <region> but only [income] drifted.
   * //   Scores of window 1 (1000 samples): [...]"
   * }</pre>
   *
   * @param feature the feature name, must not be {@code null}
   * @return this assertion
   */
  public ModelMetricsAssert hasDriftDetectedIn(String feature) {
    Objects.requireNonNull(feature, "feature must not be null");
    DriftReport report = lastReport();
    if (!report.driftedFeatures().contains(feature)) {
      failWithMessage(
          "Expected drift to be detected in feature <%s> but %s.\n%s", feature,
          report.driftedFeatures().isEmpty() ? "no feature drifted" : "only " + report.driftedFeatures() + " drifted",
          scores(report));
    }
    return this;
  }

  /**
   * Checks that the latest window flagged no drift at all.
   *
   * <pre>{@code
   * assertThat(metrics).hasNoDriftDetected();   // passes on a window like the baseline
   * assertThat(metrics).hasNoDriftDetected();
   * // fails after a shifted window: "Expected no drift but features [income] drifted.
   * //   Scores of window 1 (1000 samples): [...]"
   * }</pre>
   *
   * @return this assertion
   */
  public ModelMetricsAssert hasNoDriftDetected() {
    DriftReport report = lastReport();
    if (report.driftDetected()) {
      failWithMessage("Expected no drift but features %s drifted.\n%s", report.driftedFeatures(), scores(report));
    }
    return this;
  }

  /**
   * Checks that a fairness metric of an attribute lies within {@code [min, max]} now.
   *
   * <pre>{@code
   * assertThat(metrics).hasFairnessWithin("sex", FairnessMetric.DISPARATE_IMPACT, 0.8, 1.25);   // passes when fair
   * assertThat(metrics).hasFairnessWithin("sex", FairnessMetric.DISPARATE_IMPACT, 0.8, 1.25);
   * // fails when one group is selected far less: "Expected sex/disparate_impact to be within [0.8, 1.25] but it
   * //   was 0.4000. Fairness now: [sex/demographic_parity_ratio=0.4000 BREACHED, sex/disparate_impact=0.4000 ...]"
   * }</pre>
   *
   * @param attribute the protected attribute, must not be {@code null}
   * @param metric the metric, must not be {@code null}
   * @param min the inclusive lower bound
   * @param max the inclusive upper bound
   * @return this assertion
   */
  public ModelMetricsAssert hasFairnessWithin(String attribute, FairnessMetric metric, double min, double max) {
    Objects.requireNonNull(attribute, "attribute must not be null");
    Objects.requireNonNull(metric, "metric must not be null");
    FairnessReport report = fairnessReport();
    Optional<FairnessResult> r = report.result(attribute, metric);
    if (r.isEmpty()) {
      failWithMessage(
          "Expected %s/%s to be within [%s, %s] but it was not computed.\n%s", attribute, metric.tag(), min, max,
          fairness(report));
    } else if (!(r.get().value() >= min && r.get().value() <= max)) {
      failWithMessage(
          "Expected %s/%s to be within [%s, %s] but it was %s.\n%s", attribute, metric.tag(), min, max,
          number(r.get().value()), fairness(report));
    }
    return this;
  }

  /**
   * Checks that no fairness metric is on the wrong side of its configured threshold now.
   *
   * <pre>{@code
   * assertThat(metrics).hasNoFairnessBreach();   // passes when every group is treated alike
   * assertThat(metrics).hasNoFairnessBreach();
   * // fails: "Expected no fairness breach but found [sex/demographic_parity_ratio=0.4000 (threshold 0.8)].
   * //   Fairness now: [...]"
   * }</pre>
   *
   * @return this assertion
   */
  public ModelMetricsAssert hasNoFairnessBreach() {
    FairnessReport report = fairnessReport();
    List<String> breached = report.results().stream().filter(FairnessResult::breached)
        .map(r -> r.attribute() + "/" + r.metric().tag() + "=" + number(r.value()) + " (threshold "
            + r.threshold() + ")")
        .collect(Collectors.toList());
    if (!breached.isEmpty()) {
      failWithMessage("Expected no fairness breach but found %s.\n%s", breached, fairness(report));
    }
    return this;
  }

  private DriftReport lastReport() {
    isNotNull();
    Optional<DriftMonitor> monitor = actual.driftMonitor();
    if (monitor.isEmpty()) {
      failWithMessage("Expected %s to monitor drift but it was built without a drift baseline", actual);
    }
    Optional<DriftReport> report = monitor.orElseThrow().lastReport();
    if (report.isEmpty()) {
      failWithMessage(
          "Expected a closed drift window but none has closed yet (%d samples in the current window)",
          monitor.orElseThrow().currentWindowSamples());
    }
    return report.orElseThrow();
  }

  private List<DriftResult> distances(DriftReport report, String feature) {
    Objects.requireNonNull(feature, "feature must not be null");
    List<DriftResult> scores = report.results().stream()
        .filter(r -> r.feature().equals(feature) && !r.method().isTest()).collect(Collectors.toList());
    if (scores.isEmpty()) {
      failWithMessage(
          "Expected a drift score for feature <%s> but the window has none (only tests, or no such feature).\n%s",
          feature, scores(report));
    }
    return scores;
  }

  private FairnessReport fairnessReport() {
    isNotNull();
    Optional<FairnessMonitor> monitor = actual.fairnessMonitor();
    if (monitor.isEmpty()) {
      failWithMessage("Expected %s to monitor fairness but it was built without a protected attribute", actual);
    }
    return monitor.orElseThrow().report();
  }

  private static String scores(DriftReport report) {
    return "Scores of window " + report.windowIndex() + " (" + report.windowSamples() + " samples): "
        + report.results().stream().map(ModelMetricsAssert::score).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String score(DriftResult r) {
    String value = r.method().isTest() ? "p=" + number(r.value()) : "=" + number(r.statistic());
    return r.feature() + "/" + r.method().tag() + (r.method().isTest() ? " " : "") + value
        + (r.drift() ? " DRIFT" : "");
  }

  private static String fairness(FairnessReport report) {
    String results = report.results().stream()
        .map(r -> r.attribute() + "/" + r.metric().tag() + "=" + number(r.value()) + (r.breached() ? " BREACHED" : ""))
        .collect(Collectors.joining(", ", "[", "]"));
    String withheld = report.withheld().stream().map(w -> w.attribute() + "/" + w.metric().tag() + ": " + w.reason())
        .collect(Collectors.joining(", ", "[", "]"));
    return "Fairness now: " + results + (report.withheld().isEmpty() ? "" : "\nWithheld: " + withheld);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
