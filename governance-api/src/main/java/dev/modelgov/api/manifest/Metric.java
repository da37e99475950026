package dev.modelgov.api.manifest;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation result: a named, categorised decimal value, measured on a dataset of the manifest, optionally for a
 * slice of it, with a confidence interval and the threshold it must meet.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Metric auc = Metric.of(MetricName.AUC, new BigDecimal("0.912"), MetricCategory.PERFORMANCE)
 *     .onDataset("applications-holdout")
 *     .withThreshold(Threshold.atLeast(new BigDecimal("0.85")));
 * }</pre>
 *
 * @param name the metric name (required)
 * @param value the measured value (required); it must be representable as an IEEE double, because the canonical
 *     manifest (RFC 8785) writes every number as one
 * @param category what the metric measures (required)
 * @param dataset the name of a dataset in the same manifest, if the metric was measured on one
 * @param slice the slice the value was measured on, such as {@code attribute=sex}; empty for the whole dataset
 * @param threshold the acceptable range, if any
 * @param ci the confidence interval, if any
 */
public record Metric(
    MetricName name,
    BigDecimal value,
    MetricCategory category,
    Optional<String> dataset,
    Map<String, String> slice,
    Optional<Threshold> threshold,
    Optional<ConfidenceInterval> ci) {

  /** Normalises {@code null} optionals and maps to empty, the value to its canonical scale, and sorts the slice. */
  public Metric {
    value = Values.decimal(value);
    dataset = Values.opt(dataset);
    slice = Values.sortedMap(slice);
    threshold = Values.opt(threshold);
    ci = Values.opt(ci);
  }

  /**
   * A metric with its required fields only.
   *
   * @param name the name
   * @param value the value
   * @param category the category
   * @return the metric
   */
  public static Metric of(MetricName name, BigDecimal value, MetricCategory category) {
    return new Metric(name, value, category, Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
  }

  /**
   * This metric, measured on a dataset of the manifest.
   *
   * @param datasetName the dataset's name
   * @return a copy with the dataset set
   */
  public Metric onDataset(String datasetName) {
    return new Metric(name, value, category, Optional.of(datasetName), slice, threshold, ci);
  }

  /**
   * This metric with a threshold.
   *
   * @param newThreshold the threshold
   * @return a copy with the threshold set
   */
  public Metric withThreshold(Threshold newThreshold) {
    return new Metric(name, value, category, dataset, slice, Optional.of(newThreshold), ci);
  }

  /**
   * This metric, measured on a slice.
   *
   * @param newSlice the slice, such as {@code Map.of("attribute", "sex")}
   * @return a copy with the slice set
   */
  public Metric onSlice(Map<String, String> newSlice) {
    return new Metric(name, value, category, dataset, newSlice, threshold, ci);
  }

  /**
   * Whether the value meets the threshold; true when there is none.
   *
   * @return whether the threshold is met
   */
  public boolean meetsThreshold() {
    return threshold.map(t -> t.admits(value)).orElse(true);
  }
}
