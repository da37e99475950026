package dev.modelgov.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.internal.json.StrictJson;
import java.util.Objects;

/**
 * Reads untrusted JSON or YAML the way ModelGov's own codecs do: the {@link JsonLimits} (size, depth, string and
 * number lengths) enforced while parsing, duplicate keys, trailing content and YAML aliases rejected, and every error
 * reported with its byte offset (JSON) or line and column (YAML) without echoing the document. Thread-safe; build one
 * per set of limits and share it.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * StrictJsonReader requests = StrictJsonReader.withLimits(new JsonLimits(64 << 10, 8, 1_024, 64));
 * try {
 *   JsonNode body = requests.readJson(bytes);
 * } catch (JsonFormatException e) {
 *   respond(400, e.getMessage());   // "duplicate field 'income' at byte offset 57"
 * }
 * }</pre>
 */
public final class StrictJsonReader {

  private static final StrictJsonReader DEFAULTS = new StrictJsonReader(JsonLimits.DEFAULT);

  private final StrictJson strict;

  private StrictJsonReader(JsonLimits limits) {
    this.strict = new StrictJson(limits);
  }

  /**
   * @return a reader with {@link JsonLimits#DEFAULT}
   */
  public static StrictJsonReader defaults() {
    return DEFAULTS;
  }

  /**
   * @param limits the limits, must not be {@code null}
   * @return a reader with those limits
   */
  public static StrictJsonReader withLimits(JsonLimits limits) {
    return new StrictJsonReader(Objects.requireNonNull(limits, "limits must not be null"));
  }

  /**
   * @return the limits
   */
  public JsonLimits limits() {
    return strict.limits();
  }

  /**
   * Parses one JSON document.
   *
   * @param bytes the document, UTF-8, must not be {@code null}
   * @return the tree
   * @throws JsonFormatException naming the problem and its byte offset (empty, too large, too deep, duplicate key,
   *     syntax)
   */
  public JsonNode readJson(byte[] bytes) throws JsonFormatException {
    return strict.readJson(Objects.requireNonNull(bytes, "bytes must not be null"));
  }

  /**
   * Parses one YAML document.
   *
   * @param bytes the document, UTF-8, must not be {@code null}
   * @return the tree
   * @throws JsonFormatException naming the problem and its line and column
   */
  public JsonNode readYaml(byte[] bytes) throws JsonFormatException {
    return strict.readYaml(Objects.requireNonNull(bytes, "bytes must not be null"));
  }

  @Override
  public String toString() {
    return "StrictJsonReader[" + strict.limits() + "]";
  }
}
