package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.DriftSignal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of every feature and method over one closed window. Rows are ordered by baseline feature order, then by
 * {@link DriftMethod} declaration order.
 *
 * <pre>{@code
 * monitor.lastReport().ifPresent(report -> {
 *   if (report.driftDetected()) {
 *     log.warn("drift in {} after {} samples", report.driftedFeatures(), report.windowSamples());
 *   }
 * });
 * }</pre>
 */
public final class DriftReport {

  private final long windowIndex;
  private final Instant closedAt;
  private final long windowSamples;
  private final List<DriftResult> results;
  private final Map<String, long[]> counts;

  /**
   * @param windowIndex the window's number, from 1
   * @param closedAt when it closed
   * @param windowSamples the samples it held
   * @param results the rows
   * @param counts each feature's bin counts over the window (bins as {@link DriftBaseline.Feature#binLabels()})
   */
  public DriftReport(long windowIndex, Instant closedAt, long windowSamples, List<DriftResult> results,
      Map<String, long[]> counts) {
    this.windowIndex = windowIndex;
    this.closedAt = Objects.requireNonNull(closedAt, "closedAt must not be null");
    this.windowSamples = windowSamples;
    this.results = List.copyOf(Objects.requireNonNull(results, "results must not be null"));
    Map<String, long[]> c = new LinkedHashMap<>();
    Objects.requireNonNull(counts, "counts must not be null").forEach((k, v) -> c.put(k, v.clone()));
    this.counts = c;
  }

  /**
   * The window's number, counting from 1.
   *
   * @return the index
   */
  public long windowIndex() {
    return windowIndex;
  }

  /**
   * When the window closed.
   *
   * @return the instant
   */
  public Instant closedAt() {
    return closedAt;
  }

  /**
   * How many samples the window held.
   *
   * @return the count
   */
  public long windowSamples() {
    return windowSamples;
  }

  /**
   * Every row.
   *
   * @return the rows
   */
  public List<DriftResult> results() {
    return results;
  }

  /**
   * One row.
   *
   * @param feature the feature
   * @param method the method
   * @return the row, if that method was computed for that feature
   */
  public Optional<DriftResult> result(String feature, DriftMethod method) {
    for (DriftResult r : results) {
      if (r.feature().equals(feature) && r.method() == method) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * One feature's bin counts over the window, missing bin last.
   *
   * @param feature the feature
   * @return a copy of the counts, if the feature is in the baseline
   */
  public Optional<long[]> counts(String feature) {
    long[] c = counts.get(feature);
    return c == null ? Optional.empty() : Optional.of(c.clone());
  }

  /**
   * Whether any row flags drift.
   *
   * @return true if drift was detected
   */
  public boolean driftDetected() {
    return results.stream().anyMatch(DriftResult::drift);
  }

  /**
   * The features with at least one drifting row, in baseline order.
   *
   * @return the names
   */
  public List<String> driftedFeatures() {
    return results.stream().filter(DriftResult::drift).map(DriftResult::feature).distinct().toList();
  }

  /**
   * The rows as policy signals.
   *
   * @return the signals
   */
  public List<DriftSignal> toSignals() {
    return results.stream().map(DriftResult::toSignal).toList();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DriftReport r) || windowIndex != r.windowIndex || !closedAt.equals(r.closedAt)
        || windowSamples != r.windowSamples || !results.equals(r.results) || !counts.keySet().equals(r.counts.keySet())) {
      return false;
    }
    return counts.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), r.counts.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowIndex, closedAt, windowSamples, results);
  }

  @Override
  public String toString() {
    return "DriftReport[window=" + windowIndex + ", samples=" + windowSamples + ", drifted=" + driftedFeatures()
        + "]";
  }
}
