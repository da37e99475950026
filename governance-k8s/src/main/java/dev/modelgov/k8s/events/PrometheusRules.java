package dev.modelgov.k8s.events;

import dev.modelgov.core.metrics.AlertRules;
import dev.modelgov.core.metrics.MetricsConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Objects;

/**
 * Renders the metrics configuration's alert rules ({@link AlertRules}) as a {@code monitoring.coreos.com/v1}
 * {@code PrometheusRule} object for the Prometheus Operator, as a {@link GenericKubernetesResource} (fabric8 has no
 * typed model for it here): apply it with {@code client.resource(rule).serverSideApply()} or write it with the
 * GitOps output.
 *
 * <pre>{@code
 * GenericKubernetesResource rule = PrometheusRules.from(config, "credit-scoring-alerts", "ml");
 * }</pre>
 */
public final class PrometheusRules {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PrometheusRules() {}

  /**
   * The PrometheusRule with AlertRules' default name and no namespace.
   *
   * @param config the metrics configuration
   * @return the object
   */
  public static GenericKubernetesResource from(MetricsConfig config) {
    return parse(AlertRules.builder(config).build());
  }

  /**
   * The PrometheusRule with the given name and namespace.
   *
   * @param config the metrics configuration
   * @param name the object name (a DNS subdomain)
   * @param namespace the namespace, or {@code null} for none
   * @return the object
   * @throws IllegalArgumentException naming the bad name
   */
  public static GenericKubernetesResource from(MetricsConfig config, String name, String namespace) {
    Objects.requireNonNull(name, "name");
    AlertRules.Builder b = AlertRules.builder(config).resourceName(name);
    if (namespace != null) {
      b.namespace(namespace);
    }
    return parse(b.build());
  }

  private static GenericKubernetesResource parse(AlertRules rules) {
    String yaml = rules.render(AlertRules.Format.PROMETHEUS_RULE);
    return SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
  }
}
