package dev.modelgov.cli;

import dev.modelgov.core.metrics.AlertRules;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.FairnessConfig;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelAlert;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The samples of one Prometheus scrape (text format 0.0.4) of a model's meters, and the evaluation of the alert rules
 * {@link AlertRules} generates for them, with the same thresholds from the same {@link MetricsConfig}, against those
 * samples: which alert's condition holds now. Rate-based conditions are evaluated over the whole run (the scrape's
 * counters since start), which is what a rate over a window that covers the run would give. For internal use only;
 * may change without notice.
 *
 * <pre>{@code
 * DemoMetrics scrape = DemoMetrics.parse(body);
 * double requests = scrape.sum("model_inference_seconds_count", s -> true);
 * List<DemoMetrics.AlertCheck> alerts = scrape.alerts(config, "risk/credit-scoring");
 * }</pre>
 */
final class DemoMetrics {

  /** The most lines read from a scrape. */
  static final int MAX_LINES = 200_000;

  /** The longest line read. */
  static final int MAX_LINE_CHARS = 64 << 10;

  /**
   * One sample: a series and its value.
   *
   * @param name the metric name
   * @param labels the labels, in scrape order
   * @param value the value
   */
  record Sample(String name, Map<String, String> labels, double value) {

    /** Copies the labels. */
    Sample {
      Objects.requireNonNull(name, "name must not be null");
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * @param label a label name
     * @return its value, or the empty string when the sample has no such label
     */
    String label(String label) {
      return labels.getOrDefault(label, "");
    }
  }

  /**
   * One alert rule checked against the scrape.
   *
   * @param rule the generated rule
   * @param holds whether its condition holds on the scraped values
   * @param because what the condition found, e.g. {@code income (psi 0.41 >= 0.25)}
   */
  record AlertCheck(AlertRules.Rule rule, boolean holds, String because) {}

  private final List<Sample> samples;

  private DemoMetrics(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /**
   * Parses a scrape. Comment lines and blank lines are skipped; a line that is not a sample is an error.
   *
   * @param text the scrape, Prometheus text format 0.0.4
   * @return the samples
   * @throws IllegalArgumentException naming the line that is malformed or too long, or too many lines
   */
  static DemoMetrics parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int lineNumber = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      lineNumber++;
      if (lineNumber > MAX_LINES) {
        throw new IllegalArgumentException("the scrape has more than " + MAX_LINES + " lines");
      }
      if (line.length() > MAX_LINE_CHARS) {
        throw new IllegalArgumentException("line " + lineNumber + ": longer than " + MAX_LINE_CHARS + " characters");
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      samples.add(sample(trimmed, lineNumber));
    }
    return new DemoMetrics(samples);
  }

  private static Sample sample(String line, int lineNumber) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("line " + lineNumber + ": no metric name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
          i++;
        }
        if (i < line.length() && line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("line " + lineNumber + ": malformed label at column " + (i + 1));
        }
        String label = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        boolean closed = false;
        while (j < line.length()) {
          char c = line.charAt(j++);
          if (c == '\\' && j < line.length()) {
            char e = line.charAt(j++);
            value.append(e == 'n' ? '\n' : e);
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("line " + lineNumber + ": unterminated label value of " + label);
        }
        labels.put(label, value.toString());
        i = j;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("line " + lineNumber + ": no value");
    }
    return new Sample(name, labels, value(rest[0], lineNumber));
  }

  private static double value(String text, int lineNumber) {
    switch (text) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("line " + lineNumber + ": the value is not a number");
        }
      }
    }
  }

  /** @return every sample, in scrape order */
  List<Sample> samples() {
    return samples;
  }

  /**
   * The samples of one metric.
   *
   * @param name the metric name
   * @param filter which of its series
   * @return the samples, in scrape order
   */
  List<Sample> series(String name, Predicate<Sample> filter) {
    return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).toList();
  }

  /**
   * The sum of the values of some series of a metric (NaN values skipped).
   *
   * @param name the metric name
   * @param filter which of its series
   * @return the sum, 0 when there is none
   */
  double sum(String name, Predicate<Sample> filter) {
    return series(name, filter).stream().mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).sum();
  }

  /**
   * Evaluates the generated alert rules of a model against the scrape.
   *
   * @param config the metrics config the gauges and the rules share
   * @param model the model id (the {@code model} label)
   * @return one check per enabled rule, in rule order
   */
  List<AlertCheck> alerts(MetricsConfig config, String model) {
    Predicate<Sample> ofModel = s -> s.label("model").equals(model);
    List<AlertCheck> checks = new ArrayList<>();
    for (AlertRules.Rule rule : AlertRules.builder(config).model(model).build().rules()) {
      ModelAlert alert = alertOf(rule);
      AlertCheck check = switch (alert) {
        case DRIFT_DETECTED -> drift(rule, config, ofModel, false);
        case DRIFT_SEVERE -> drift(rule, config, ofModel, true);
        case ERROR_RATE -> errorRate(rule, config, ofModel);
        case LATENCY -> latency(rule, config, ofModel);
        case FAIRNESS_DISPARITY -> fairness(rule, config.fairness(), ofModel);
        case NO_TRAFFIC -> {
          double count = sum("model_inference_seconds_count", ofModel);
          yield new AlertCheck(rule, count == 0, count == 0 ? "no inference recorded"
              : format(count) + " inferences recorded");
        }
      };
      checks.add(check);
    }
    return checks;
  }

  private static ModelAlert alertOf(AlertRules.Rule rule) {
    for (ModelAlert a : ModelAlert.values()) {
      if (a.alertName().equals(rule.alert())) {
        return a;
      }
    }
    throw new IllegalStateException("unknown alert rule " + rule.alert());
  }

  private AlertCheck drift(AlertRules.Rule rule, MetricsConfig config, Predicate<Sample> ofModel, boolean severe) {
    long minSamples = config.drift().minWindowSamples();
    TreeSet<String> firing = new TreeSet<>();
    List<String> reasons = new ArrayList<>();
    String metric = severe ? "model_drift_distance" : "model_drift_detected";
    for (Sample s : series(metric, ofModel)) {
      boolean holds = severe
          ? s.label("method").equals(DriftMethod.PSI.tag()) && s.value() >= config.drift().psiSevereThreshold()
          : s.value() == 1;
      if (!holds || windowSamples(s).orElse(0.0) < minSamples) {
        continue;
      }
      if (firing.add(s.label("feature"))) {
        reasons.add(s.label("feature") + (severe ? " (psi " + format(s.value()) + " >= "
            + format(config.drift().psiSevereThreshold()) + ")" : " (" + s.label("method") + ")"));
      }
    }
    if (firing.isEmpty()) {
      return new AlertCheck(rule, false, "no feature " + (severe ? "at or above PSI "
          + format(config.drift().psiSevereThreshold()) : "flagged") + " over a window of at least " + minSamples
          + " samples");
    }
    return new AlertCheck(rule, true, String.join(", ", reasons));
  }

  /** The {@code model_drift_window_samples} of the same feature, direction and method. */
  private Optional<Double> windowSamples(Sample of) {
    for (Sample s : series("model_drift_window_samples", s -> true)) {
      if (s.label("model").equals(of.label("model")) && s.label("model_version").equals(of.label("model_version"))
          && s.label("feature").equals(of.label("feature")) && s.label("direction").equals(of.label("direction"))
          && s.label("method").equals(of.label("method"))) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }

  private AlertCheck errorRate(AlertRules.Rule rule, MetricsConfig config, Predicate<Sample> ofModel) {
    double all = sum("model_inference_seconds_count", ofModel);
    double errors = sum("model_inference_seconds_count", ofModel.and(s -> s.label("outcome").equals("error")));
    if (all == 0) {
      return new AlertCheck(rule, false, "no inference recorded");
    }
    double rate = errors / all;
    boolean holds = rate > config.alerts().errorRate();
    return new AlertCheck(rule, holds, "error rate " + format(rate) + (holds ? " > " : " <= ")
        + format(config.alerts().errorRate()));
  }

  private AlertCheck latency(AlertRules.Rule rule, MetricsConfig config, Predicate<Sample> ofModel) {
    double count = sum("model_inference_seconds_count", ofModel);
    if (count == 0) {
      return new AlertCheck(rule, false, "no inference recorded");
    }
    double mean = sum("model_inference_seconds_sum", ofModel) / count;
    double limit = config.alerts().latency().toNanos() / 1e9;
    boolean holds = mean > limit;
    return new AlertCheck(rule, holds, "mean latency " + format(mean * 1000) + " ms" + (holds ? " > " : " <= ")
        + format(limit * 1000) + " ms");
  }

  private AlertCheck fairness(AlertRules.Rule rule, FairnessConfig f, Predicate<Sample> ofModel) {
    List<String> breaches = new ArrayList<>();
    List<String> within = new ArrayList<>();
    for (Sample s : series("model_fairness_disparity", ofModel)) {
      if (Double.isNaN(s.value())) {
        continue;
      }
      FairnessMetric metric = metricOf(s.label("metric"));
      if (metric == null || !f.metrics().contains(metric)) {
        continue;
      }
      double t = f.threshold(metric);
      boolean breached = switch (metric.shape()) {
        case RATIO -> s.value() < t
            || (metric == FairnessMetric.DISPARATE_IMPACT && f.twoSidedDisparateImpact() && s.value() > 1 / t);
        case DIFFERENCE -> s.value() > t;
        default -> Math.abs(s.value()) > t;
      };
      String text = s.label("attribute") + " " + metric.tag() + " " + format(s.value());
      (breached ? breaches : within).add(text + (breached ? " (threshold " + format(t) + ")" : ""));
    }
    if (!breaches.isEmpty()) {
      return new AlertCheck(rule, true, String.join(", ", breaches));
    }
    return new AlertCheck(rule, false, within.isEmpty() ? "no disparity computed yet (groups below the minimum size)"
        : "every disparity within its threshold");
  }

  private static FairnessMetric metricOf(String tag) {
    for (FairnessMetric m : FairnessMetric.values()) {
      if (m.tag().equals(tag)) {
        return m;
      }
    }
    return null;
  }

  /**
   * A number with at most three decimals.
   *
   * @param value the number
   * @return its text
   */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return java.math.BigDecimal.valueOf(Math.round(value * 1000) / 1000.0).stripTrailingZeros().toPlainString();
  }
}
