package dev.modelgov.api.manifest;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Normalisation helpers for the manifest's value types. For internal use only. */
final class Values {

  private Values() {}

  /** An immutable copy; {@code null} becomes empty. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * A decimal in its one canonical scale: trailing zeros stripped, zero as {@link BigDecimal#ZERO}. So {@code 0.90}
   * and {@code 0.9} are one value, as they are in the canonical JSON form.
   */
  static BigDecimal decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  /** {@link #decimal(BigDecimal)} inside an optional. */
  static Optional<BigDecimal> optDecimal(Optional<BigDecimal> value) {
    return opt(value).map(Values::decimal);
  }

  /** {@code null} becomes empty. */
  static <T> Optional<T> opt(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  /** An immutable copy sorted by key, so that iteration order never depends on how the map was built. */
  static <V> Map<String, V> sortedMap(Map<String, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new NullPointerException("map keys and values must not be null");
          }
          copy.put(k, v);
        });
    return Collections.unmodifiableMap(copy);
  }
}
