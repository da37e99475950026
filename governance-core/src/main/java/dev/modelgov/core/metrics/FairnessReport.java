package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.FairnessSignal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Group rates and fairness metrics at one instant, computed from counters (streaming) or arrays (offline).
 *
 * <pre>{@code
 * FairnessReport report = monitor.report();
 * report.results().stream().filter(FairnessResult::breached).forEach(r -> alert(r));
 * }</pre>
 */
public final class FairnessReport {

  private final Instant at;
  private final List<GroupRates> groups;
  private final List<FairnessResult> results;
  private final List<WithheldMetric> withheld;

  /**
   * @param at when it was computed
   * @param groups the per-group rates
   * @param results the metrics computed
   * @param withheld the metrics withheld, with reasons
   */
  public FairnessReport(Instant at, List<GroupRates> groups, List<FairnessResult> results,
      List<WithheldMetric> withheld) {
    this.at = Objects.requireNonNull(at, "at must not be null");
    this.groups = List.copyOf(groups);
    this.results = List.copyOf(results);
    this.withheld = List.copyOf(withheld);
  }

  /**
   * When the report was computed.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  /**
   * Every group of every attribute, by attribute then group name.
   *
   * @return the rates
   */
  public List<GroupRates> groups() {
    return groups;
  }

  /**
   * One group.
   *
   * @param attribute the attribute
   * @param group the group value
   * @return its rates, if seen
   */
  public Optional<GroupRates> group(String attribute, String group) {
    return groups.stream().filter(g -> g.attribute().equals(attribute) && g.group().equals(group)).findFirst();
  }

  /**
   * The metrics computed.
   *
   * @return the results
   */
  public List<FairnessResult> results() {
    return results;
  }

  /**
   * One metric.
   *
   * @param attribute the attribute
   * @param metric the metric
   * @return the result, empty if not configured or withheld
   */
  public Optional<FairnessResult> result(String attribute, FairnessMetric metric) {
    return results.stream().filter(r -> r.attribute().equals(attribute) && r.metric() == metric).findFirst();
  }

  /**
   * The metrics withheld, with reasons.
   *
   * @return the withheld metrics
   */
  public List<WithheldMetric> withheld() {
    return withheld;
  }

  /**
   * Whether any metric breaches its threshold.
   *
   * @return true if breached
   */
  public boolean breached() {
    return results.stream().anyMatch(FairnessResult::breached);
  }

  /**
   * The results as policy signals.
   *
   * @return the signals
   */
  public List<FairnessSignal> toSignals() {
    return results.stream().map(FairnessResult::toSignal).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FairnessReport r && at.equals(r.at) && groups.equals(r.groups) && results.equals(r.results)
        && withheld.equals(r.withheld);
  }

  @Override
  public int hashCode() {
    return Objects.hash(at, groups, results, withheld);
  }

  @Override
  public String toString() {
    return "FairnessReport[groups=" + groups.size() + ", results=" + results.size() + ", withheld="
        + withheld.size() + "]";
  }
}
