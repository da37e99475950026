package dev.modelgov.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.metrics.internal.PromDuration;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Prometheus alerting rules for the model meters, with every threshold taken from the same {@link MetricsConfig} the
 * gauges use: drift detected (over windows of at least the minimum size), severe drift (PSI), error rate, latency
 * (mean, or a quantile when histograms are published), fairness disparity (one clause per configured metric), and no
 * traffic. Rules group by {@code model} and {@code model_version}; annotations carry a summary and a description.
 *
 * <p>{@link Format#RULES} renders a plain rule file ({@code groups:}) for {@code rule_files}; {@link
 * Format#PROMETHEUS_RULE} renders a {@code monitoring.coreos.com/v1} {@code PrometheusRule} resource with the same
 * groups under {@code spec}. Validate either with {@code promtool check rules} in CI.
 *
 * <pre>{@code
 * String file = AlertRules.render(MetricsConfig.defaults(), AlertRules.Format.RULES);
 * String resource = AlertRules.builder(cfg)
 *     .resourceName("credit-scoring-alerts").namespace("monitoring").model("credit-scoring")
 *     .build()
 *     .render(AlertRules.Format.PROMETHEUS_RULE);
 * }</pre>
 */
public final class AlertRules {

  private static final StrictJson JSON = new StrictJson(JsonLimits.DEFAULT);
  private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  private static final String BY = "model,model_version";
  private static final String DRIFT_JOIN = "model,model_version,feature,direction,method";

  /**
   * The two output formats.
   *
   * <pre>{@code
   * Files.writeString(Path.of("model-rules.yaml"), AlertRules.render(cfg, AlertRules.Format.RULES));
   * }</pre>
   */
  public enum Format {
    /** A Prometheus rule file: {@code groups[].rules[]}. */
    RULES,
    /** A Prometheus Operator {@code PrometheusRule} custom resource. */
    PROMETHEUS_RULE
  }

  /**
   * One alerting rule.
   *
   * <pre>{@code
   * AlertRules.builder(cfg).build().rules().forEach(r -> System.out.println(r.alert() + ": " + r.expr()));
   * }</pre>
   *
   * @param alert the alert name
   * @param expr the PromQL expression
   * @param forDuration how long it must hold before firing
   * @param labels its labels ({@code severity} first)
   * @param annotations {@code summary} and {@code description}
   */
  public record Rule(String alert, String expr, Duration forDuration, Map<String, String> labels,
      Map<String, String> annotations) {

    /** Copies the maps. */
    public Rule {
      Objects.requireNonNull(alert, "alert must not be null");
      Objects.requireNonNull(expr, "expr must not be null");
      Objects.requireNonNull(forDuration, "forDuration must not be null");
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }

  private final MetricsConfig config;
  private final String groupName;
  private final String resourceName;
  private final String namespace;
  private final String model;
  private final Map<String, String> resourceLabels;

  private AlertRules(Builder b) {
    this.config = b.config;
    this.groupName = b.groupName;
    this.resourceName = b.resourceName;
    this.namespace = b.namespace;
    this.model = b.model;
    this.resourceLabels = Map.copyOf(b.resourceLabels);
  }

  /**
   * Renders the rules of a config with the default names.
   *
   * @param config the config, must not be {@code null}
   * @param format the output format
   * @return the YAML
   */
  public static String render(MetricsConfig config, Format format) {
    return builder(config).build().render(format);
  }

  /**
   * A builder for names, namespace and an optional model selector.
   *
   * @param config the config, must not be {@code null}
   * @return a new builder
   */
  public static Builder builder(MetricsConfig config) {
    return new Builder(Objects.requireNonNull(config, "config must not be null"));
  }

  /**
   * The rules, in {@link ModelAlert} order, enabled ones only.
   *
   * @return the rules
   */
  public List<Rule> rules() {
    AlertConfig a = config.alerts();
    DriftConfig d = config.drift();
    List<Rule> rules = new ArrayList<>();
    String rate = PromDuration.format(a.rateWindow());
    for (ModelAlert alert : a.enabled()) {
      String expr;
      String summary;
      String description;
      switch (alert) {
        case DRIFT_DETECTED -> {
          expr = series("model_drift_detected") + " == 1 and on(" + DRIFT_JOIN + ") "
              + series("model_drift_window_samples") + " >= " + d.minWindowSamples();
          summary = "Drift on {{ $labels.feature }} ({{ $labels.method }}) for model {{ $labels.model }} "
              + "{{ $labels.model_version }}";
          description = "The {{ $labels.method }} drift flag of {{ $labels.direction }} feature "
              + "{{ $labels.feature }} has held over windows of at least " + d.minWindowSamples() + " samples.";
        }
        case DRIFT_SEVERE -> {
          expr = series("model_drift_distance", "method", DriftMethod.PSI.tag()) + " >= "
              + number(d.psiSevereThreshold()) + " and on(" + DRIFT_JOIN + ") "
              + series("model_drift_window_samples") + " >= " + d.minWindowSamples();
          summary = "Severe drift on {{ $labels.feature }} for model {{ $labels.model }} {{ $labels.model_version }}";
          description = "PSI of {{ $labels.direction }} feature {{ $labels.feature }} is {{ $value }}, at or above "
              + number(d.psiSevereThreshold()) + ".";
        }
        case ERROR_RATE -> {
          expr = "sum by(" + BY + ")(rate(" + series("model_inference_seconds_count", "outcome", "error") + "["
              + rate + "])) / sum by(" + BY + ")(rate(" + series("model_inference_seconds_count") + "[" + rate
              + "])) > " + number(a.errorRate());
          summary = "Error rate of model {{ $labels.model }} {{ $labels.model_version }} is high";
          description = "{{ $value | humanizePercentage }} of inferences failed over " + rate + ", above "
              + number(a.errorRate()) + ".";
        }
        case LATENCY -> {
          double seconds = a.latency().toMillis() / 1000.0;
          if (config.percentileHistogram()) {
            expr = "histogram_quantile(" + number(a.latencyQuantile()) + ", sum by(le," + BY + ")(rate("
                + series("model_inference_seconds_bucket") + "[" + rate + "]))) > " + number(seconds);
            description = "The " + number(a.latencyQuantile()) + " quantile of inference latency is "
                + "{{ $value | humanizeDuration }}, above " + number(seconds) + "s.";
          } else {
            expr = "sum by(" + BY + ")(rate(" + series("model_inference_seconds_sum") + "[" + rate + "])) / sum by("
                + BY + ")(rate(" + series("model_inference_seconds_count") + "[" + rate + "])) > "
                + number(seconds);
            description = "Mean inference latency is {{ $value | humanizeDuration }}, above " + number(seconds)
                + "s.";
          }
          summary = "Latency of model {{ $labels.model }} {{ $labels.model_version }} is high";
        }
        case FAIRNESS_DISPARITY -> {
          expr = fairnessExpr();
          summary = "Fairness disparity for model {{ $labels.model }} {{ $labels.model_version }} on "
              + "{{ $labels.attribute }}";
          description = "{{ $labels.metric }} of {{ $labels.attribute }} is {{ $value }}, outside its threshold. "
              + "The four-fifths rule is a screening signal, often misapplied, not a legal safe harbour.";
        }
        case NO_TRAFFIC -> {
          String window = PromDuration.format(a.noTrafficWindow());
          expr = "sum by(" + BY + ")(rate(" + series("model_inference_seconds_count") + "[" + window + "])) == 0";
          summary = "Model {{ $labels.model }} {{ $labels.model_version }} receives no traffic";
          description = "No inference was recorded over " + window + ".";
        }
        default -> throw new IllegalStateException("unknown alert " + alert);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("severity", a.severity(alert));
      labels.putAll(a.labels());
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("summary", summary);
      annotations.put("description", description);
      rules.add(new Rule(alert.alertName(), expr, a.forDuration(alert), labels, annotations));
    }
    return rules;
  }

  private String fairnessExpr() {
    FairnessConfig f = config.fairness();
    List<String> clauses = new ArrayList<>();
    for (FairnessMetric m : f.metrics()) {
      String s = series("model_fairness_disparity", "metric", m.tag());
      double t = f.threshold(m);
      switch (m.shape()) {
        case RATIO -> {
          if (m == FairnessMetric.DISPARATE_IMPACT && f.twoSidedDisparateImpact()) {
            clauses.add(s + " < " + number(t));
            clauses.add(s + " > " + number(1 / t));
          } else {
            clauses.add(s + " < " + number(t));
          }
        }
        case DIFFERENCE -> clauses.add(s + " > " + number(t));
        default -> clauses.add("abs(" + s + ") > " + number(t));
      }
    }
    return String.join(" or ", clauses);
  }

  private String series(String name, String... matchers) {
    StringBuilder sb = new StringBuilder(name);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < matchers.length; i += 2) {
      parts.add(matchers[i] + "=\"" + escape(matchers[i + 1]) + "\"");
    }
    if (model != null) {
      parts.add("model=\"" + escape(model) + "\"");
    }
    if (!parts.isEmpty()) {
      sb.append('{').append(String.join(",", parts)).append('}');
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /**
   * Renders the rules as YAML.
   *
   * @param format the output format, must not be {@code null}
   * @return the YAML document
   */
  public String render(Format format) {
    Objects.requireNonNull(format, "format must not be null");
    ObjectMapper yaml = JSON.yaml();
    ObjectNode group = yaml.createObjectNode();
    group.put("name", groupName);
    ArrayNode rules = group.putArray("rules");
    for (Rule r : rules()) {
      ObjectNode n = rules.addObject();
      n.put("alert", r.alert());
      n.put("expr", r.expr());
      n.put("for", PromDuration.format(r.forDuration()));
      ObjectNode labels = n.putObject("labels");
      r.labels().forEach(labels::put);
      ObjectNode annotations = n.putObject("annotations");
      r.annotations().forEach(annotations::put);
    }
    ObjectNode root = yaml.createObjectNode();
    if (format == Format.RULES) {
      root.putArray("groups").add(group);
    } else {
      root.put("apiVersion", "monitoring.coreos.com/v1");
      root.put("kind", "PrometheusRule");
      ObjectNode metadata = root.putObject("metadata");
      metadata.put("name", resourceName);
      if (namespace != null) {
        metadata.put("namespace", namespace);
      }
      if (!resourceLabels.isEmpty()) {
        ObjectNode labels = metadata.putObject("labels");
        resourceLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> labels.put(e.getKey(), e.getValue()));
      }
      root.putObject("spec").putArray("groups").add(group);
    }
    try {
      return yaml.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "AlertRules[group=" + groupName + ", model=" + model + "]";
  }

  /**
   * Builds {@link AlertRules}.
   *
   * <pre>{@code
   * AlertRules.builder(cfg).groupName("credit-scoring").model("credit-scoring").build();
   * }</pre>
   */
  public static final class Builder {

    private final MetricsConfig config;
    private String groupName = "modelgov-model-metrics";
    private String resourceName = "modelgov-model-metrics";
    private String namespace;
    private String model;
    private final Map<String, String> resourceLabels = new LinkedHashMap<>();

    private Builder(MetricsConfig config) {
      this.config = config;
    }

    /**
     * The rule group name (default {@code modelgov-model-metrics}).
     *
     * @param groupName not blank
     * @return this builder
     */
    public Builder groupName(String groupName) {
      this.groupName = groupName;
      return this;
    }

    /**
     * The {@code PrometheusRule} name (default {@code modelgov-model-metrics}).
     *
     * @param resourceName a Kubernetes resource name
     * @return this builder
     */
    public Builder resourceName(String resourceName) {
      this.resourceName = resourceName;
      return this;
    }

    /**
     * The {@code PrometheusRule} namespace (default none).
     *
     * @param namespace a Kubernetes namespace
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * A label on the {@code PrometheusRule} resource (for example the one the Prometheus rule selector matches).
     *
     * @param name the label name
     * @param value the label value
     * @return this builder
     */
    public Builder resourceLabel(String name, String value) {
      resourceLabels.put(name, value);
      return this;
    }

    /**
     * Restricts every expression to one model ({@code model="..."}); default all models.
     *
     * @param model the model id
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Checks the names.
     *
     * @return the rules
     * @throws IllegalArgumentException naming the invalid field
     */
    public AlertRules build() {
      if (groupName == null || groupName.isBlank() || groupName.length() > 253) {
        throw new IllegalArgumentException("groupName must not be blank or longer than 253 characters");
      }
      if (resourceName == null || !RESOURCE_NAME.matcher(resourceName).matches()) {
        throw new IllegalArgumentException("resourceName must be a Kubernetes resource name (lowercase, digits, -, .)");
      }
      if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException("namespace must be a Kubernetes namespace name");
      }
      if (model != null && (model.isBlank() || model.length() > 256)) {
        throw new IllegalArgumentException("model must not be blank or longer than 256 characters");
      }
      for (Map.Entry<String, String> e : resourceLabels.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank() || e.getKey().length() > 253 || e.getValue() == null
            || e.getValue().length() > 63) {
          throw new IllegalArgumentException("resourceLabel: '" + e.getKey() + "' is not a valid label");
        }
      }
      return new AlertRules(this);
    }
  }
}
