package dev.modelgov.core.metrics;

import java.time.Duration;

/**
 * The alerting rules {@link AlertRules} renders, with their default {@code for} duration and severity.
 *
 * <pre>{@code
 * AlertConfig alerts = AlertConfig.builder().forDuration(ModelAlert.DRIFT_DETECTED, Duration.ofMinutes(30)).build();
 * }</pre>
 */
public enum ModelAlert {
  /** A drift flag held over a window of at least the minimum size. */
  DRIFT_DETECTED("ModelDriftDetected", "driftDetected", Duration.ofMinutes(15), "warning"),
  /** PSI above the severe threshold. */
  DRIFT_SEVERE("ModelDriftSevere", "driftSevere", Duration.ofMinutes(15), "critical"),
  /** The share of failed inferences above the error-rate threshold. */
  ERROR_RATE("ModelErrorRateHigh", "errorRate", Duration.ofMinutes(10), "critical"),
  /** Mean (or, with histograms, quantile) latency above the latency threshold. */
  LATENCY("ModelLatencyHigh", "latency", Duration.ofMinutes(10), "warning"),
  /** A fairness metric on the wrong side of its threshold. */
  FAIRNESS_DISPARITY("ModelFairnessDisparity", "fairnessDisparity", Duration.ofHours(1), "warning"),
  /** No inference at all over the no-traffic window. */
  NO_TRAFFIC("ModelNoTraffic", "noTraffic", Duration.ofMinutes(15), "warning");

  private final String alertName;
  private final String key;
  private final Duration defaultFor;
  private final String defaultSeverity;

  ModelAlert(String alertName, String key, Duration defaultFor, String defaultSeverity) {
    this.alertName = alertName;
    this.key = key;
    this.defaultFor = defaultFor;
    this.defaultSeverity = defaultSeverity;
  }

  /**
   * The Prometheus {@code alert} name, for example {@code ModelDriftDetected}.
   *
   * @return the name
   */
  public String alertName() {
    return alertName;
  }

  /**
   * The key of this alert in the configuration file, for example {@code driftDetected}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The default {@code for} duration.
   *
   * @return the duration
   */
  public Duration defaultFor() {
    return defaultFor;
  }

  /**
   * The default {@code severity} label.
   *
   * @return {@code warning} or {@code critical}
   */
  public String defaultSeverity() {
    return defaultSeverity;
  }

  /**
   * Looks an alert up by its configuration key.
   *
   * @param key for example {@code errorRate}
   * @return the alert
   * @throws IllegalArgumentException if the key is unknown
   */
  public static ModelAlert ofKey(String key) {
    for (ModelAlert a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown alert '" + key + "'");
  }
}
