package dev.modelgov.core.metrics;

/**
 * How a drift feature is binned: numeric values at reference quantiles, categorical values as the top-K reference
 * categories plus {@code __other__} and {@code __missing__}.
 *
 * <pre>{@code
 * FeatureKind kind = baseline.feature("income").orElseThrow().kind(); // NUMERIC
 * }</pre>
 */
public enum FeatureKind {
  /** Real numbers, binned at reference quantiles; NaN and {@code null} count as missing. */
  NUMERIC("numeric"),
  /** Labels, binned as the top-K reference categories plus other and missing. */
  CATEGORICAL("categorical");

  private final String tag;

  FeatureKind(String tag) {
    this.tag = tag;
  }

  /**
   * The lowercase name used in JSON.
   *
   * @return {@code numeric} or {@code categorical}
   */
  public String tag() {
    return tag;
  }

  /**
   * Looks up a kind by its JSON name.
   *
   * @param tag {@code numeric} or {@code categorical}
   * @return the kind
   * @throws IllegalArgumentException if the name is unknown
   */
  public static FeatureKind ofTag(String tag) {
    for (FeatureKind k : values()) {
      if (k.tag.equals(tag)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown feature kind '" + tag + "' (expected numeric or categorical)");
  }
}
