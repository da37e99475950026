package dev.modelgov.core.manifest.coverage;

import java.util.List;
import java.util.Objects;

/**
 * Which documentation items of the EU AI Act Annex IV and the NIST AI RMF a manifest evidences, and which it lacks.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CoverageReport report = ComplianceCoverage.assess(manifest);
 * report.items(RegulatoryFramework.EU_AI_ACT_ANNEX_IV).stream()
 *     .filter(i -> i.status() != CoverageStatus.EVIDENCED)
 *     .forEach(i -> System.out.println(i.itemId() + " missing " + i.missing()));
 * }</pre>
 *
 * @param coordinates the manifest's {@code namespace/name@version}
 * @param items every item checked, framework by framework, in document order
 */
public record CoverageReport(String coordinates, List<CoverageItem> items) {

  /** Checks nulls and copies the list. */
  public CoverageReport {
    Objects.requireNonNull(coordinates, "coordinates must not be null");
    items = List.copyOf(items);
  }

  /**
   * @param framework the framework
   * @return the items of that framework
   */
  public List<CoverageItem> items(RegulatoryFramework framework) {
    return items.stream().filter(i -> i.framework() == framework).toList();
  }

  /** @return how many items are fully evidenced */
  public int evidenced() {
    return count(CoverageStatus.EVIDENCED);
  }

  /** @return how many items are partly evidenced */
  public int partial() {
    return count(CoverageStatus.PARTIAL);
  }

  /** @return how many items have no evidence */
  public int missing() {
    return count(CoverageStatus.MISSING);
  }

  private int count(CoverageStatus status) {
    return (int) items.stream().filter(i -> i.status() == status).count();
  }
}
