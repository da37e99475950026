package dev.modelgov.api.manifest;

import java.math.BigDecimal;

/**
 * The confidence interval of a metric value.
 *
 * @param low the lower bound (required)
 * @param high the upper bound, not below {@code low} (required)
 */
public record ConfidenceInterval(BigDecimal low, BigDecimal high) {

  /** Normalises both bounds to their canonical scale. */
  public ConfidenceInterval {
    low = Values.decimal(low);
    high = Values.decimal(high);
  }
}
