package dev.modelgov.core.metrics;

import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.metrics.internal.ConfigCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The one configuration both the meters and the alert rules read: drift windows, methods and thresholds; fairness
 * thresholds; alert timing; and the meter options (histograms, tag caps, the meter budget). Immutable; load it from
 * YAML or JSON for the CLI, or build it in code.
 *
 * <p>Reading is strict: unknown fields, duplicate keys, wrong types and out-of-range values are errors naming the
 * path ({@code drift.thresholds.psi: must be positive and finite}). Durations are Prometheus durations
 * ({@code 30s}, {@code 5m}, {@code 1h}).
 *
 * <pre>{@code
 * MetricsConfig cfg = MetricsConfig.readYaml("""
 *     drift:
 *       windowSamples: 5000
 *       thresholds: {psi: 0.2}
 *     fairness:
 *       minGroupSize: 50
 *     alerts:
 *       errorRate: 0.02
 *     """);
 * String rules = AlertRules.render(cfg, AlertRules.Format.RULES);
 * }</pre>
 */
public final class MetricsConfig {

  private static final MetricsConfig DEFAULTS = builder().build();

  private final DriftConfig drift;
  private final FairnessConfig fairness;
  private final AlertConfig alerts;
  private final boolean percentileHistogram;
  private final int maxErrorTypes;
  private final int maxOutputClasses;
  private final int maxMeters;

  private MetricsConfig(Builder b) {
    this.drift = b.drift;
    this.fairness = b.fairness;
    this.alerts = b.alerts;
    this.percentileHistogram = b.percentileHistogram;
    this.maxErrorTypes = b.maxErrorTypes;
    this.maxOutputClasses = b.maxOutputClasses;
    this.maxMeters = b.maxMeters;
  }

  /**
   * All defaults (see {@link DriftConfig}, {@link FairnessConfig}, {@link AlertConfig}); no histograms; 10 error
   * types; 20 output classes; at most 2,000 meters per model version.
   *
   * @return the default config
   */
  public static MetricsConfig defaults() {
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
    b.drift = drift;
    b.fairness = fairness;
    b.alerts = alerts;
    b.percentileHistogram = percentileHistogram;
    b.maxErrorTypes = maxErrorTypes;
    b.maxOutputClasses = maxOutputClasses;
    b.maxMeters = maxMeters;
    return b;
  }

  /**
   * Drift windows, methods and thresholds.
   *
   * @return the drift config
   */
  public DriftConfig drift() {
    return drift;
  }

  /**
   * Fairness thresholds and limits.
   *
   * @return the fairness config
   */
  public FairnessConfig fairness() {
    return fairness;
  }

  /**
   * Alert thresholds and timing.
   *
   * @return the alert config
   */
  public AlertConfig alerts() {
    return alerts;
  }

  /**
   * Whether the inference timer publishes a percentile histogram ({@code _bucket} series, 73 per tag set). Off by
   * default, as Micrometer advises for libraries; an application can also opt in with a {@code MeterFilter}.
   *
   * @return true to publish
   */
  public boolean percentileHistogram() {
    return percentileHistogram;
  }

  /**
   * The most distinct {@code error.type} tag values; later exception types are tagged {@code other}.
   *
   * @return the cap
   */
  public int maxErrorTypes() {
    return maxErrorTypes;
  }

  /**
   * The most distinct {@code output} tag values of the prediction counter; later classes are tagged {@code other}.
   *
   * @return the cap
   */
  public int maxOutputClasses() {
    return maxOutputClasses;
  }

  /**
   * The cardinality budget: the most meters one model version may register. {@link ModelMetrics} refuses to build
   * when its worst case exceeds it.
   *
   * @return the budget
   */
  public int maxMeters() {
    return maxMeters;
  }

  /**
   * Reads a YAML config (one document; JSON is YAML too).
   *
   * @param yaml the document, must not be {@code null}
   * @return the config
   * @throws JsonFormatException naming the path of the first problem
   */
  public static MetricsConfig readYaml(String yaml) throws JsonFormatException {
    Objects.requireNonNull(yaml, "yaml must not be null");
    return ConfigCodec.read(yaml.getBytes(StandardCharsets.UTF_8), true, JsonLimits.DEFAULT);
  }

  /**
   * Reads a JSON config.
   *
   * @param json the document, must not be {@code null}
   * @return the config
   * @throws JsonFormatException naming the path of the first problem
   */
  public static MetricsConfig readJson(byte[] json) throws JsonFormatException {
    Objects.requireNonNull(json, "json must not be null");
    return ConfigCodec.read(json, false, JsonLimits.DEFAULT);
  }

  /**
   * Reads a config file: JSON if the name ends in {@code .json}, YAML otherwise.
   *
   * @param file the file, must not be {@code null}
   * @return the config
   * @throws JsonFormatException naming the path of the first problem
   * @throws IOException if the file cannot be read
   */
  public static MetricsConfig read(Path file) throws JsonFormatException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    int limit = JsonLimits.DEFAULT.maxDocumentBytes();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    }
    if (bytes.length > limit) {
      throw new JsonFormatException("document is larger than the limit of " + limit + " bytes");
    }
    boolean json = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json");
    return ConfigCodec.read(bytes, !json, JsonLimits.DEFAULT);
  }

  /**
   * Writes the full config (every field, defaults included) as YAML that {@link #readYaml(String)} reads back.
   *
   * @return the YAML
   */
  public String toYaml() {
    return ConfigCodec.write(this, true);
  }

  /**
   * Writes the full config as JSON.
   *
   * @return the JSON
   */
  public String toJson() {
    return ConfigCodec.write(this, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsConfig c && drift.equals(c.drift) && fairness.equals(c.fairness)
        && alerts.equals(c.alerts) && percentileHistogram == c.percentileHistogram
        && maxErrorTypes == c.maxErrorTypes && maxOutputClasses == c.maxOutputClasses && maxMeters == c.maxMeters;
  }

  @Override
  public int hashCode() {
    return Objects.hash(drift, fairness, alerts, percentileHistogram, maxErrorTypes, maxOutputClasses, maxMeters);
  }

  @Override
  public String toString() {
    return "MetricsConfig[" + drift + ", " + fairness + ", " + alerts + ", percentileHistogram="
        + percentileHistogram + ", maxErrorTypes=" + maxErrorTypes + ", maxOutputClasses=" + maxOutputClasses
        + ", maxMeters=" + maxMeters + "]";
  }

  /**
   * Builds a {@link MetricsConfig}; {@link #build()} checks every field and names the bad one.
   *
   * <pre>{@code
   * MetricsConfig.builder().drift(DriftConfig.builder().windowSamples(10_000).build()).maxMeters(5_000).build();
   * }</pre>
   */
  public static final class Builder {

    private DriftConfig drift = DriftConfig.defaults();
    private FairnessConfig fairness = FairnessConfig.defaults();
    private AlertConfig alerts = AlertConfig.defaults();
    private boolean percentileHistogram;
    private int maxErrorTypes = 10;
    private int maxOutputClasses = 20;
    private int maxMeters = 2_000;

    private Builder() {}

    /**
     * The drift section.
     *
     * @param drift the drift config
     * @return this builder
     */
    public Builder drift(DriftConfig drift) {
      this.drift = drift;
      return this;
    }

    /**
     * The fairness section.
     *
     * @param fairness the fairness config
     * @return this builder
     */
    public Builder fairness(FairnessConfig fairness) {
      this.fairness = fairness;
      return this;
    }

    /**
     * The alerts section.
     *
     * @param alerts the alert config
     * @return this builder
     */
    public Builder alerts(AlertConfig alerts) {
      this.alerts = alerts;
      return this;
    }

    /**
     * Publish a percentile histogram on the inference timer (default false).
     *
     * @param percentileHistogram true to publish
     * @return this builder
     */
    public Builder percentileHistogram(boolean percentileHistogram) {
      this.percentileHistogram = percentileHistogram;
      return this;
    }

    /**
     * The {@code error.type} cap (default 10).
     *
     * @param maxErrorTypes 1 to 1,000
     * @return this builder
     */
    public Builder maxErrorTypes(int maxErrorTypes) {
      this.maxErrorTypes = maxErrorTypes;
      return this;
    }

    /**
     * The {@code output} cap (default 20).
     *
     * @param maxOutputClasses 1 to 10,000
     * @return this builder
     */
    public Builder maxOutputClasses(int maxOutputClasses) {
      this.maxOutputClasses = maxOutputClasses;
      return this;
    }

    /**
     * The meter budget per model version (default 2,000).
     *
     * @param maxMeters at least 10
     * @return this builder
     */
    public Builder maxMeters(int maxMeters) {
      this.maxMeters = maxMeters;
      return this;
    }

    /**
     * Checks every field.
     *
     * @return the config
     * @throws IllegalArgumentException naming the first invalid field
     */
    public MetricsConfig build() {
      if (drift == null) {
        throw new IllegalArgumentException("drift must be set");
      }
      if (fairness == null) {
        throw new IllegalArgumentException("fairness must be set");
      }
      if (alerts == null) {
        throw new IllegalArgumentException("alerts must be set");
      }
      if (maxErrorTypes < 1 || maxErrorTypes > 1_000) {
        throw new IllegalArgumentException("meters.maxErrorTypes must be between 1 and 1000, got " + maxErrorTypes);
      }
      if (maxOutputClasses < 1 || maxOutputClasses > 10_000) {
        throw new IllegalArgumentException(
            "meters.maxOutputClasses must be between 1 and 10000, got " + maxOutputClasses);
      }
      if (maxMeters < 10) {
        throw new IllegalArgumentException("meters.maxMeters must be >= 10, got " + maxMeters);
      }
      return new MetricsConfig(this);
    }
  }
}
