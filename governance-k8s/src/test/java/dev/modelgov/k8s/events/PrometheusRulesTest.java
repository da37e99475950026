package dev.modelgov.k8s.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.metrics.AlertRules;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.k8s.KubernetesManifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PrometheusRule objects from the metrics configuration. */
class PrometheusRulesTest {

  @Test
  @SuppressWarnings("unchecked")
  void renders_a_prometheus_rule_with_the_alerts_that_round_trips() throws Exception {
    // GIVEN the default metrics configuration
    MetricsConfig config = MetricsConfig.defaults();
    // WHEN rendered
    GenericKubernetesResource rule = PrometheusRules.from(config, "credit-alerts", "ml");
    // THEN it is a monitoring.coreos.com/v1 PrometheusRule with spec.groups holding every alert
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    assertThat(rule.getMetadata().getName()).isEqualTo("credit-alerts");
    assertThat(rule.getMetadata().getNamespace()).isEqualTo("ml");
    Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
    List<Map<String, Object>> groups = (List<Map<String, Object>>) spec.get("groups");
    List<String> expected = AlertRules.builder(config).build().rules().stream().map(AlertRules.Rule::alert).toList();
    assertThat(expected).isNotEmpty();
    assertThat(groups).isNotEmpty();
    List<String> alerts = groups.stream()
        .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).map(r -> (String) r.get("alert"))
        .toList();
    assertThat(alerts).containsExactlyElementsOf(expected);
    // AND it round-trips through the manifest loader
    String yaml = new KubernetesSerialization().asYaml(rule);
    List<HasMetadata> back = KubernetesManifests.parse(yaml, "prometheusrule.yaml");
    assertThat(back).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("PrometheusRule");
      assertThat(o.getMetadata().getName()).isEqualTo("credit-alerts");
      assertThat(new KubernetesSerialization().asYaml(o)).contains(expected.get(0));
    });
  }

  @Test
  void the_default_name_comes_from_the_alert_rules() {
    GenericKubernetesResource rule = PrometheusRules.from(MetricsConfig.defaults());
    assertThat(rule.getMetadata().getName()).isNotBlank();
    assertThat(rule.getMetadata().getNamespace()).isNull();
  }
}
