package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendered rules parse as YAML, have the Prometheus rule shape, and carry the config's thresholds. */
class AlertRulesTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonNode rule(JsonNode rules, String alert) {
    for (JsonNode r : rules) {
      if (r.get("alert").asText().equals(alert)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + alert);
  }

  @Test
  void plain_rule_file_has_every_alert_with_thresholds_from_the_config() throws Exception {
    // GIVEN a config with non-default thresholds
    MetricsConfig cfg = MetricsConfig.builder()
        .drift(DriftConfig.builder().minWindowSamples(250).psiSevereThreshold(0.3).build())
        .alerts(AlertConfig.builder().errorRate(0.02).latency(Duration.ofMillis(250)).label("team", "ml").build())
        .build();
    // WHEN rendered as a plain rule file and parsed back
    JsonNode doc = YAML.readTree(AlertRules.render(cfg, AlertRules.Format.RULES));
    // THEN it has one group with the six alerts, in order
    assertThat(doc.get("groups")).hasSize(1);
    JsonNode group = doc.get("groups").get(0);
    assertThat(group.get("name").asText()).isEqualTo("modelgov-model-metrics");
    JsonNode rules = group.get("rules");
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.get("alert").asText()));
    assertThat(names).containsExactly("ModelDriftDetected", "ModelDriftSevere", "ModelErrorRateHigh",
        "ModelLatencyHigh", "ModelFairnessDisparity", "ModelNoTraffic");
    // AND every rule has expr, for, a severity label, the extra label, summary and description
    for (JsonNode r : rules) {
      assertThat(r.get("expr").asText()).isNotBlank();
      assertThat(r.get("for").asText()).matches("\\d+[smhd].*");
      assertThat(r.at("/labels/severity").asText()).isIn("warning", "critical");
      assertThat(r.at("/labels/team").asText()).isEqualTo("ml");
      assertThat(r.at("/annotations/summary").asText()).contains("{{ $labels.model }}");
      assertThat(r.at("/annotations/description").asText()).isNotBlank();
    }
    // AND the thresholds are the config's
    assertThat(rule(rules, "ModelDriftDetected").get("expr").asText()).isEqualTo(
        "model_drift_detected == 1 and on(model,model_version,feature,direction,method) "
            + "model_drift_window_samples >= 250");
    assertThat(rule(rules, "ModelDriftDetected").get("for").asText()).isEqualTo("15m");
    assertThat(rule(rules, "ModelDriftSevere").get("expr").asText())
        .startsWith("model_drift_distance{method=\"psi\"} >= 0.3 and on(");
    assertThat(rule(rules, "ModelDriftSevere").at("/labels/severity").asText()).isEqualTo("critical");
    assertThat(rule(rules, "ModelErrorRateHigh").get("expr").asText()).isEqualTo(
        "sum by(model,model_version)(rate(model_inference_seconds_count{outcome=\"error\"}[5m])) / "
            + "sum by(model,model_version)(rate(model_inference_seconds_count[5m])) > 0.02");
    assertThat(rule(rules, "ModelLatencyHigh").get("expr").asText())
        .contains("model_inference_seconds_sum[5m]").endsWith("> 0.25");
    assertThat(rule(rules, "ModelFairnessDisparity").get("expr").asText())
        .contains("model_fairness_disparity{metric=\"demographic_parity_ratio\"} < 0.8")
        .contains("model_fairness_disparity{metric=\"demographic_parity_difference\"} > 0.1")
        .contains("model_fairness_disparity{metric=\"disparate_impact\"} < 0.8");
    assertThat(rule(rules, "ModelFairnessDisparity").get("for").asText()).isEqualTo("1h");
    assertThat(rule(rules, "ModelNoTraffic").get("expr").asText())
        .isEqualTo("sum by(model,model_version)(rate(model_inference_seconds_count[15m])) == 0");
  }

  @Test
  void prometheus_rule_resource_wraps_the_same_groups() throws Exception {
    // GIVEN histograms on, a two-sided disparate impact, a disabled alert and a model selector
    MetricsConfig cfg = MetricsConfig.builder().percentileHistogram(true)
        .fairness(FairnessConfig.builder().twoSidedDisparateImpact(true)
            .metrics(FairnessMetric.DISPARATE_IMPACT, FairnessMetric.STATISTICAL_PARITY_DIFFERENCE).build())
        .alerts(AlertConfig.builder().disable(ModelAlert.NO_TRAFFIC).build()).build();
    String yaml = AlertRules.builder(cfg).resourceName("credit-alerts").namespace("monitoring")
        .resourceLabel("release", "prometheus").model("credit \"scoring\"").build()
        .render(AlertRules.Format.PROMETHEUS_RULE);
    // WHEN parsed
    JsonNode doc = YAML.readTree(yaml);
    // THEN it is a PrometheusRule with metadata and spec.groups
    assertThat(doc.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(doc.get("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(doc.at("/metadata/name").asText()).isEqualTo("credit-alerts");
    assertThat(doc.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(doc.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    JsonNode rules = doc.at("/spec/groups/0/rules");
    assertThat(rules).hasSize(5);
    // AND latency uses the histogram quantile, disparate impact both sides, SPD its absolute value
    assertThat(rule(rules, "ModelLatencyHigh").get("expr").asText()).startsWith("histogram_quantile(0.99, ")
        .contains("sum by(le,model,model_version)");
    assertThat(rule(rules, "ModelFairnessDisparity").get("expr").asText())
        .contains("metric=\"disparate_impact\",model=\"credit \\\"scoring\\\"\"} < 0.8")
        .contains("} > 1.25")
        .contains("abs(model_fairness_disparity{metric=\"statistical_parity_difference\"");
    // AND every selector is restricted to the model
    rules.forEach(r -> assertThat(r.get("expr").asText()).contains("model=\"credit \\\"scoring\\\"\""));
  }

  @Test
  void rules_expose_the_same_values_as_objects() {
    // GIVEN the default config WHEN the rules are listed THEN their for durations follow ModelAlert
    List<AlertRules.Rule> rules = AlertRules.builder(MetricsConfig.defaults()).build().rules();
    assertThat(rules).hasSize(ModelAlert.values().length);
    for (int i = 0; i < rules.size(); i++) {
      assertThat(rules.get(i).alert()).isEqualTo(ModelAlert.values()[i].alertName());
      assertThat(rules.get(i).forDuration()).isEqualTo(ModelAlert.values()[i].defaultFor());
    }
  }

  @Test
  void names_are_validated() {
    // GIVEN invalid names WHEN built THEN the error names the field
    assertThatThrownBy(() -> AlertRules.builder(MetricsConfig.defaults()).resourceName("Bad_Name").build())
        .hasMessageContaining("resourceName");
    assertThatThrownBy(() -> AlertRules.builder(MetricsConfig.defaults()).namespace("x_y").build())
        .hasMessageContaining("namespace");
    assertThatThrownBy(() -> AlertRules.builder(MetricsConfig.defaults()).groupName(" ").build())
        .hasMessageContaining("groupName");
  }
}
