package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one config the gauges and the alert rules read: defaults, loading, strictness. */
class MetricsConfigTest {

  @Test
  void defaults_follow_the_research_note() {
    // GIVEN the defaults
    MetricsConfig c = MetricsConfig.defaults();
    DriftConfig d = c.drift();
    // THEN drift thresholds, windows and fairness thresholds are the documented ones
    assertThat(d.threshold(DriftMethod.PSI)).isEqualTo(0.1);
    assertThat(d.psiSevereThreshold()).isEqualTo(0.25);
    assertThat(d.threshold(DriftMethod.JENSEN_SHANNON)).isEqualTo(0.1);
    assertThat(d.threshold(DriftMethod.WASSERSTEIN_NORMED)).isEqualTo(0.1);
    assertThat(d.threshold(DriftMethod.L_INFINITY)).isEqualTo(0.1);
    assertThat(d.threshold(DriftMethod.KOLMOGOROV_SMIRNOV)).isEqualTo(0.05);
    assertThat(d.threshold(DriftMethod.CHI_SQUARE)).isEqualTo(0.05);
    assertThat(d.threshold(DriftMethod.WASSERSTEIN)).isNaN();
    assertThat(d.minWindowSamples()).isEqualTo(100);
    assertThat(d.psiEpsilon()).isEqualTo(PsiEpsilon.EVIDENTLY);
    assertThat(d.bonferroni()).isTrue();
    assertThat(c.fairness().threshold(FairnessMetric.DEMOGRAPHIC_PARITY_RATIO)).isEqualTo(0.8);
    assertThat(c.fairness().threshold(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE)).isEqualTo(0.1);
    assertThat(c.alerts().errorRate()).isEqualTo(0.05);
    assertThat(c.percentileHistogram()).isFalse();
  }

  @Test
  void yaml_overrides_only_what_it_names() throws Exception {
    // GIVEN a YAML file with a few overrides
    MetricsConfig c = MetricsConfig.readYaml("""
        drift:
          windowSamples: 5000
          windowDuration: 10m
          numericMethods: [psi, js, wasserstein]
          thresholds: {psi: 0.2, wasserstein: 3.5}
          bonferroni: false
          ksPValue: exact
        fairness:
          minGroupSize: 50
          outcomeTtl: 2h
        alerts:
          errorRate: 0.02
          latency: 250ms
          for: {driftDetected: 30m}
          labels: {team: risk-ml}
        meters:
          percentileHistogram: true
        """);
    // THEN the named fields change and the others keep their defaults
    assertThat(c.drift().windowSamples()).isEqualTo(5_000);
    assertThat(c.drift().windowDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.drift().numericMethods()).containsExactly(DriftMethod.PSI, DriftMethod.JENSEN_SHANNON,
        DriftMethod.WASSERSTEIN);
    assertThat(c.drift().threshold(DriftMethod.PSI)).isEqualTo(0.2);
    assertThat(c.drift().threshold(DriftMethod.CHI_SQUARE)).isEqualTo(0.05);
    assertThat(c.drift().ksPValueMethod()).isEqualTo(KsPValueMethod.EXACT);
    assertThat(c.fairness().minGroupSize()).isEqualTo(50);
    assertThat(c.fairness().outcomeTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(c.alerts().latency()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.alerts().forDuration(ModelAlert.DRIFT_DETECTED)).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.alerts().forDuration(ModelAlert.ERROR_RATE)).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.alerts().labels()).containsEntry("team", "risk-ml");
    assertThat(c.percentileHistogram()).isTrue();
  }

  @Test
  void yaml_and_json_round_trip(@TempDir Path dir) throws Exception {
    // GIVEN a config differing from the defaults everywhere it can
    MetricsConfig c = MetricsConfig.builder()
        .drift(DriftConfig.builder().windowSamples(0).windowDuration(Duration.ofSeconds(90))
            .categoricalMethods(DriftMethod.L_INFINITY).psiEpsilon(PsiEpsilon.FIXED).build())
        .fairness(FairnessConfig.builder().twoSidedDisparateImpact(true).metrics(FairnessMetric.values()).build())
        .alerts(AlertConfig.builder().disable(ModelAlert.NO_TRAFFIC).severity(ModelAlert.LATENCY, "page").build())
        .maxErrorTypes(5).maxMeters(500).build();
    // WHEN written as YAML and JSON and read back
    Path yaml = dir.resolve("m.yaml");
    Files.writeString(yaml, c.toYaml());
    Path json = dir.resolve("m.json");
    Files.writeString(json, c.toJson());
    // THEN both read back equal
    assertThat(MetricsConfig.read(yaml)).isEqualTo(c);
    assertThat(MetricsConfig.read(json)).isEqualTo(c);
    assertThat(c.toYaml()).contains("windowDuration: 1m30s");
  }

  @Test
  void strict_reading_names_the_path() {
    // GIVEN documents with an unknown field, a wrong type, a bad value, a duplicate key and a bad duration
    // WHEN read THEN the error names the path
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  windowSampels: 10\n"))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("drift.windowSampels: unknown field");
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  windowSamples: lots\n"))
        .hasMessageContaining("drift.windowSamples: must be a whole number");
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  thresholds: {psi: -1}\n"))
        .hasMessageContaining("drift.thresholds.psi must be positive");
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  thresholds: {psy: 1}\n"))
        .hasMessageContaining("drift.thresholds.psy: unknown value");
    assertThatThrownBy(() -> MetricsConfig.readYaml("alerts:\n  errorRate: 0.1\n  errorRate: 0.2\n"))
        .hasMessageContaining("errorRate");
    assertThatThrownBy(() -> MetricsConfig.readYaml("alerts:\n  rateWindow: five minutes\n"))
        .hasMessageContaining("alerts.rateWindow: not a duration");
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  numericMethods: [chi2]\n"))
        .hasMessageContaining("drift.numericMethods: chi2 does not apply to numeric");
    assertThatThrownBy(() -> MetricsConfig.readYaml("drift:\n  numericMethods: [wasserstein]\n"))
        .hasMessageContaining("drift.thresholds.wasserstein must be set");
    assertThatThrownBy(() -> MetricsConfig.readJson("{}{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonFormatException.class);
  }

  @Test
  void builders_check_combinations() {
    // GIVEN inconsistent settings WHEN built THEN the error names the fields
    assertThatThrownBy(() -> DriftConfig.builder().windowSamples(0).windowDuration(Duration.ZERO).build())
        .hasMessageContaining("windowSamples or windowDuration");
    assertThatThrownBy(() -> DriftConfig.builder().windowSamples(50).build())
        .hasMessageContaining("drift.minWindowSamples (100) must not exceed drift.windowSamples (50)");
    assertThatThrownBy(() -> DriftConfig.builder().psiSevereThreshold(0.05).build())
        .hasMessageContaining("drift.psiSevere");
    assertThatThrownBy(() -> DriftConfig.builder().threshold(DriftMethod.KOLMOGOROV_SMIRNOV, 1.5).build())
        .hasMessageContaining("drift.thresholds.ks must be a significance level");
    assertThatThrownBy(() -> AlertConfig.builder().label("severity", "x").build())
        .hasMessageContaining("severity is set per alert");
    assertThatThrownBy(() -> AlertConfig.builder().label("bad-name", "x").build())
        .hasMessageContaining("not a Prometheus label name");
    assertThatThrownBy(() -> MetricsConfig.builder().maxErrorTypes(0).build())
        .hasMessageContaining("meters.maxErrorTypes");
  }
}
