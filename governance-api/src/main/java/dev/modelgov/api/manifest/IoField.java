package dev.modelgov.api.manifest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One input or output of a model: its name, type and, where they apply, unit, numeric range or allowed values.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * new IoField("income", "number", Optional.of("EUR/year"), List.of(), List.of(), Optional.empty());
 * }</pre>
 *
 * @param name the field name (required)
 * @param type the field type, such as {@code number}, {@code category}, {@code text}, {@code image} (required)
 * @param unit the unit of a numeric field, if any
 * @param range {@code [min, max]} of a numeric field, or empty
 * @param values the allowed values of a categorical field, or empty
 * @param description a description, if any
 */
public record IoField(
    String name,
    String type,
    Optional<String> unit,
    List<BigDecimal> range,
    List<String> values,
    Optional<String> description) {

  /** Normalises {@code null} optionals and lists to empty and copies the lists. */
  public IoField {
    unit = Values.opt(unit);
    range = range == null ? List.of() : range.stream().map(Values::decimal).toList();
    values = Values.list(values);
    description = Values.opt(description);
  }

  /**
   * A field with only a name and a type.
   *
   * @param name the name
   * @param type the type
   * @return the field
   */
  public static IoField of(String name, String type) {
    return new IoField(name, type, Optional.empty(), List.of(), List.of(), Optional.empty());
  }
}
