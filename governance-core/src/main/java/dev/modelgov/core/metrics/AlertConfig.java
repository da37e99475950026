package dev.modelgov.core.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Thresholds and timing of the Prometheus alerting rules that only exist on the Prometheus side (error rate,
 * latency, traffic). Drift and fairness thresholds come from {@link DriftConfig} and {@link FairnessConfig}, so one
 * {@link MetricsConfig} drives both the gauges and the rules.
 *
 * <p>Defaults: every alert enabled; error rate above 5%; mean latency above 1 s (the 0.99 quantile when histograms
 * are on); rates over 5 minutes; no traffic over 15 minutes; {@code for} durations and severities from
 * {@link ModelAlert}.
 *
 * <pre>{@code
 * AlertConfig alerts = AlertConfig.builder()
 *     .errorRate(0.02)
 *     .latency(Duration.ofMillis(250))
 *     .label("team", "risk-ml")
 *     .build();
 * }</pre>
 */
public final class AlertConfig {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");
  private static final AlertConfig DEFAULTS = builder().build();

  private final Set<ModelAlert> enabled;
  private final double errorRate;
  private final Duration latency;
  private final double latencyQuantile;
  private final Duration rateWindow;
  private final Duration noTrafficWindow;
  private final Map<ModelAlert, Duration> forDurations;
  private final Map<ModelAlert, String> severities;
  private final Map<String, String> labels;

  private AlertConfig(Builder b) {
    this.enabled = Collections.unmodifiableSet(EnumSet.copyOf(b.enabled));
    this.errorRate = b.errorRate;
    this.latency = b.latency;
    this.latencyQuantile = b.latencyQuantile;
    this.rateWindow = b.rateWindow;
    this.noTrafficWindow = b.noTrafficWindow;
    this.forDurations = Collections.unmodifiableMap(new EnumMap<>(b.forDurations));
    this.severities = Collections.unmodifiableMap(new EnumMap<>(b.severities));
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
  }

  /**
   * The defaults described above.
   *
   * @return the default config
   */
  public static AlertConfig defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this config.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = EnumSet.copyOf(enabled);
    b.errorRate = errorRate;
    b.latency = latency;
    b.latencyQuantile = latencyQuantile;
    b.rateWindow = rateWindow;
    b.noTrafficWindow = noTrafficWindow;
    b.forDurations = new EnumMap<>(forDurations);
    b.severities = new EnumMap<>(severities);
    b.labels = new LinkedHashMap<>(labels);
    return b;
  }

  /**
   * The alerts rendered.
   *
   * @return the enabled alerts
   */
  public Set<ModelAlert> enabled() {
    return enabled;
  }

  /**
   * The error share above which {@code ModelErrorRateHigh} fires.
   *
   * @return the threshold, in (0, 1)
   */
  public double errorRate() {
    return errorRate;
  }

  /**
   * The latency above which {@code ModelLatencyHigh} fires.
   *
   * @return the threshold
   */
  public Duration latency() {
    return latency;
  }

  /**
   * The latency quantile compared when percentile histograms are published.
   *
   * @return the quantile, in (0, 1)
   */
  public double latencyQuantile() {
    return latencyQuantile;
  }

  /**
   * The range of {@code rate()} in the error-rate and latency rules.
   *
   * @return the window
   */
  public Duration rateWindow() {
    return rateWindow;
  }

  /**
   * The range over which zero inferences fire {@code ModelNoTraffic}.
   *
   * @return the window
   */
  public Duration noTrafficWindow() {
    return noTrafficWindow;
  }

  /**
   * The {@code for} duration of an alert.
   *
   * @param alert the alert
   * @return the duration
   */
  public Duration forDuration(ModelAlert alert) {
    return forDurations.get(alert);
  }

  /**
   * The {@code severity} label of an alert.
   *
   * @param alert the alert
   * @return the severity
   */
  public String severity(ModelAlert alert) {
    return severities.get(alert);
  }

  /**
   * Extra labels put on every rule (for example {@code team}).
   *
   * @return the labels
   */
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlertConfig c && enabled.equals(c.enabled) && Double.compare(errorRate, c.errorRate) == 0
        && latency.equals(c.latency) && Double.compare(latencyQuantile, c.latencyQuantile) == 0
        && rateWindow.equals(c.rateWindow) && noTrafficWindow.equals(c.noTrafficWindow)
        && forDurations.equals(c.forDurations) && severities.equals(c.severities) && labels.equals(c.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, errorRate, latency, latencyQuantile, rateWindow, noTrafficWindow, forDurations,
        severities, labels);
  }

  @Override
  public String toString() {
    return "AlertConfig[enabled=" + enabled + ", errorRate=" + errorRate + ", latency=" + latency
        + ", latencyQuantile=" + latencyQuantile + ", rateWindow=" + rateWindow + ", noTrafficWindow="
        + noTrafficWindow + ", for=" + forDurations + ", severities=" + severities + ", labels=" + labels + "]";
  }

  /**
   * Builds an {@link AlertConfig}; {@link #build()} checks every field and names the bad one.
   *
   * <pre>{@code
   * AlertConfig.builder().disable(ModelAlert.NO_TRAFFIC).build();
   * }</pre>
   */
  public static final class Builder {

    private Set<ModelAlert> enabled = EnumSet.allOf(ModelAlert.class);
    private double errorRate = 0.05;
    private Duration latency = Duration.ofSeconds(1);
    private double latencyQuantile = 0.99;
    private Duration rateWindow = Duration.ofMinutes(5);
    private Duration noTrafficWindow = Duration.ofMinutes(15);
    private Map<ModelAlert, Duration> forDurations = new EnumMap<>(ModelAlert.class);
    private Map<ModelAlert, String> severities = new EnumMap<>(ModelAlert.class);
    private Map<String, String> labels = new LinkedHashMap<>();

    private Builder() {
      for (ModelAlert a : ModelAlert.values()) {
        forDurations.put(a, a.defaultFor());
        severities.put(a, a.defaultSeverity());
      }
    }

    /**
     * Renders only these alerts.
     *
     * @param alerts the alerts
     * @return this builder
     */
    public Builder enabled(Set<ModelAlert> alerts) {
      this.enabled = alerts == null ? null : (alerts.isEmpty() ? EnumSet.noneOf(ModelAlert.class)
          : EnumSet.copyOf(alerts));
      return this;
    }

    /**
     * Leaves one alert out.
     *
     * @param alert the alert
     * @return this builder
     */
    public Builder disable(ModelAlert alert) {
      enabled.remove(alert);
      return this;
    }

    /**
     * The error-rate threshold (default 0.05).
     *
     * @param errorRate in (0, 1)
     * @return this builder
     */
    public Builder errorRate(double errorRate) {
      this.errorRate = errorRate;
      return this;
    }

    /**
     * The latency threshold (default 1 s).
     *
     * @param latency positive
     * @return this builder
     */
    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    /**
     * The latency quantile used with histograms (default 0.99).
     *
     * @param quantile in (0, 1)
     * @return this builder
     */
    public Builder latencyQuantile(double quantile) {
      this.latencyQuantile = quantile;
      return this;
    }

    /**
     * The {@code rate()} range (default 5 minutes).
     *
     * @param rateWindow at least 1 s
     * @return this builder
     */
    public Builder rateWindow(Duration rateWindow) {
      this.rateWindow = rateWindow;
      return this;
    }

    /**
     * The no-traffic range (default 15 minutes).
     *
     * @param window at least 1 s
     * @return this builder
     */
    public Builder noTrafficWindow(Duration window) {
      this.noTrafficWindow = window;
      return this;
    }

    /**
     * An alert's {@code for} duration.
     *
     * @param alert the alert
     * @param duration not negative
     * @return this builder
     */
    public Builder forDuration(ModelAlert alert, Duration duration) {
      forDurations.put(Objects.requireNonNull(alert, "alert must not be null"), duration);
      return this;
    }

    /**
     * An alert's severity label.
     *
     * @param alert the alert
     * @param severity a short lowercase word such as {@code warning}
     * @return this builder
     */
    public Builder severity(ModelAlert alert, String severity) {
      severities.put(Objects.requireNonNull(alert, "alert must not be null"), severity);
      return this;
    }

    /**
     * A label put on every rule.
     *
     * @param name a Prometheus label name (not {@code severity})
     * @param value the value
     * @return this builder
     */
    public Builder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    /**
     * Checks every field.
     *
     * @return the config
     * @throws IllegalArgumentException naming the first invalid field
     */
    public AlertConfig build() {
      if (enabled == null) {
        throw new IllegalArgumentException("alerts.enabled must be set");
      }
      if (!(errorRate > 0 && errorRate < 1)) {
        throw new IllegalArgumentException("alerts.errorRate must be in (0, 1), got " + errorRate);
      }
      if (latency == null || latency.isNegative() || latency.isZero() || latency.toNanos() % 1_000_000 != 0) {
        throw new IllegalArgumentException("alerts.latency must be positive, in whole milliseconds");
      }
      if (!(latencyQuantile > 0 && latencyQuantile < 1)) {
        throw new IllegalArgumentException("alerts.latencyQuantile must be in (0, 1), got " + latencyQuantile);
      }
      checkWindow(rateWindow, "alerts.rateWindow");
      checkWindow(noTrafficWindow, "alerts.noTrafficWindow");
      for (ModelAlert a : ModelAlert.values()) {
        Duration d = forDurations.get(a);
        if (d == null || d.isNegative() || d.toMillis() % 1000 != 0) {
          throw new IllegalArgumentException("alerts.for." + a.key() + " must be whole seconds and not negative");
        }
        String s = severities.get(a);
        if (s == null || !s.matches("[a-z][a-z0-9_-]{0,31}")) {
          throw new IllegalArgumentException("alerts.severity." + a.key() + " must be a short lowercase word");
        }
      }
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (e.getKey() == null || !LABEL_NAME.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
          throw new IllegalArgumentException("alerts.labels: '" + e.getKey() + "' is not a Prometheus label name");
        }
        if (e.getKey().equals("severity")) {
          throw new IllegalArgumentException("alerts.labels: severity is set per alert, under alerts.severity");
        }
        if (e.getValue() == null || e.getValue().length() > 256) {
          throw new IllegalArgumentException("alerts.labels." + e.getKey() + " must be set and at most 256 chars");
        }
      }
      return new AlertConfig(this);
    }

    private static void checkWindow(Duration d, String field) {
      if (d == null || d.getSeconds() < 1 || d.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException(field + " must be whole seconds, at least 1s");
      }
    }
  }
}
