package dev.modelgov.core.metrics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.json.JsonFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Typed, path-naming reads from a Jackson tree for the metrics codecs: every error names the JSON path. For internal
 * use only.
 */
public final class TreeReader {

  private TreeReader() {}

  /**
   * Rejects fields outside the allowed set.
   *
   * @param node an object node
   * @param path its path
   * @param allowed the allowed field names
   * @throws JsonFormatException naming the first unknown field
   */
  public static void onlyFields(JsonNode node, String path, Set<String> allowed) throws JsonFormatException {
    object(node, path);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String n = e.getKey();
      if (!allowed.contains(n)) {
        throw new JsonFormatException(join(path, n) + ": unknown field");
      }
    }
  }

  /**
   * Checks the node is an object.
   *
   * @param node the node
   * @param path its path
   * @return the node
   * @throws JsonFormatException if it is not an object
   */
  public static JsonNode object(JsonNode node, String path) throws JsonFormatException {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException(where(path) + ": must be an object");
    }
    return node;
  }

  /**
   * A required field.
   *
   * @param node the object
   * @param path its path
   * @param field the field name
   * @return the field value
   * @throws JsonFormatException if absent or null
   */
  public static JsonNode required(JsonNode node, String path, String field) throws JsonFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new JsonFormatException(join(path, field) + ": is required");
    }
    return v;
  }

  /**
   * A string.
   *
   * @param node the value
   * @param path its path
   * @return the text
   * @throws JsonFormatException if not a string
   */
  public static String text(JsonNode node, String path) throws JsonFormatException {
    if (!node.isTextual()) {
      throw new JsonFormatException(where(path) + ": must be a string");
    }
    return node.textValue();
  }

  /**
   * A finite number.
   *
   * @param node the value
   * @param path its path
   * @return the number
   * @throws JsonFormatException if not a finite number
   */
  public static double number(JsonNode node, String path) throws JsonFormatException {
    if (!node.isNumber()) {
      throw new JsonFormatException(where(path) + ": must be a number");
    }
    double d = node.doubleValue();
    if (!Double.isFinite(d)) {
      throw new JsonFormatException(where(path) + ": must be a finite number");
    }
    return d;
  }

  /**
   * A whole number.
   *
   * @param node the value
   * @param path its path
   * @return the number
   * @throws JsonFormatException if not an integer that fits a long
   */
  public static long integer(JsonNode node, String path) throws JsonFormatException {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new JsonFormatException(where(path) + ": must be a whole number");
    }
    return node.longValue();
  }

  /**
   * A boolean.
   *
   * @param node the value
   * @param path its path
   * @return the boolean
   * @throws JsonFormatException if not a boolean
   */
  public static boolean bool(JsonNode node, String path) throws JsonFormatException {
    if (!node.isBoolean()) {
      throw new JsonFormatException(where(path) + ": must be true or false");
    }
    return node.booleanValue();
  }

  /**
   * A duration written as a Prometheus duration ({@code 30s}, {@code 5m}, {@code 1h30m}).
   *
   * @param node the value
   * @param path its path
   * @return the duration
   * @throws JsonFormatException if not such a string
   */
  public static Duration duration(JsonNode node, String path) throws JsonFormatException {
    String s = text(node, path);
    try {
      return PromDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(where(path) + ": " + e.getMessage());
    }
  }

  /**
   * An array.
   *
   * @param node the value
   * @param path its path
   * @param maxSize the largest size accepted
   * @return the elements
   * @throws JsonFormatException if not an array or too long
   */
  public static List<JsonNode> array(JsonNode node, String path, int maxSize) throws JsonFormatException {
    if (!node.isArray()) {
      throw new JsonFormatException(where(path) + ": must be an array");
    }
    if (node.size() > maxSize) {
      throw new JsonFormatException(where(path) + ": at most " + maxSize + " elements, got " + node.size());
    }
    List<JsonNode> out = new ArrayList<>(node.size());
    node.forEach(out::add);
    return out;
  }

  /**
   * Joins a path and a field.
   *
   * @param path the parent path, may be empty
   * @param field the field
   * @return {@code path.field}
   */
  public static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /**
   * A path for a message; the root is shown as {@code $}.
   *
   * @param path the path
   * @return the display form
   */
  public static String where(String path) {
    return path.isEmpty() ? "$" : path;
  }
}
