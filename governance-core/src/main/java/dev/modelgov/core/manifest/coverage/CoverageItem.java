package dev.modelgov.core.manifest.coverage;

import java.util.List;
import java.util.Objects;

/**
 * One documentation item (an Annex IV point, a NIST AI RMF subcategory) and how the manifest covers it.
 *
 * @param framework the framework the item belongs to
 * @param itemId the item's id, such as {@code 2(d)} or {@code MEASURE 2.11}
 * @param title what the item asks for
 * @param status how far it is evidenced
 * @param evidence the manifest fields present that evidence it, as JSON paths
 * @param missing what would evidence it but is absent: JSON paths, or a note where the manifest has no field for it
 */
public record CoverageItem(
    RegulatoryFramework framework,
    String itemId,
    String title,
    CoverageStatus status,
    List<String> evidence,
    List<String> missing) {

  /** Checks nulls and copies the lists. */
  public CoverageItem {
    Objects.requireNonNull(framework, "framework must not be null");
    Objects.requireNonNull(itemId, "itemId must not be null");
    Objects.requireNonNull(title, "title must not be null");
    Objects.requireNonNull(status, "status must not be null");
    evidence = List.copyOf(evidence);
    missing = List.copyOf(missing);
  }
}
