package dev.modelgov.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Reference and current counts over one list of bins (categories or histogram bins), position by position.
 *
 * <pre>{@code
 * AlignedCounts c = Histograms.alignCategories(referenceLabels, currentLabels);
 * double linf = DriftStatistics.lInfinity(c.referenceFractions(), c.currentFractions());
 * }</pre>
 *
 * @param bins the bin names, in order
 * @param reference the reference count of each bin
 * @param current the current count of each bin
 */
public record AlignedCounts(List<String> bins, long[] reference, long[] current) {

  /** Checks the three have one entry per bin and copies them. */
  public AlignedCounts {
    bins = List.copyOf(Objects.requireNonNull(bins, "bins must not be null"));
    reference = Objects.requireNonNull(reference, "reference must not be null").clone();
    current = Objects.requireNonNull(current, "current must not be null").clone();
    if (reference.length != bins.size() || current.length != bins.size()) {
      throw new IllegalArgumentException(
          "bins, reference and current must have the same length, got " + bins.size() + ", " + reference.length
              + ", " + current.length);
    }
  }

  /**
   * A copy of the reference counts.
   *
   * @return the counts
   */
  @Override
  public long[] reference() {
    return reference.clone();
  }

  /**
   * A copy of the current counts.
   *
   * @return the counts
   */
  @Override
  public long[] current() {
    return current.clone();
  }

  /**
   * The reference counts divided by their sum.
   *
   * @return the fractions (all zero if the sum is zero)
   */
  public double[] referenceFractions() {
    return Histograms.fractions(reference);
  }

  /**
   * The current counts divided by their sum.
   *
   * @return the fractions (all zero if the sum is zero)
   */
  public double[] currentFractions() {
    return Histograms.fractions(current);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlignedCounts a && bins.equals(a.bins) && java.util.Arrays.equals(reference, a.reference)
        && java.util.Arrays.equals(current, a.current);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bins, java.util.Arrays.hashCode(reference), java.util.Arrays.hashCode(current));
  }

  @Override
  public String toString() {
    return "AlignedCounts[bins=" + bins.size() + "]";
  }
}
