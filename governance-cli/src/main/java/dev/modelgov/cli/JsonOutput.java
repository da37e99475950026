package dev.modelgov.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the machine-readable ({@code --json}) output. For internal use only; may change without notice. */
final class JsonOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonOutput() {}

  /** @return a new, empty JSON object */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** @return a new, empty JSON array */
  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * A JSON array of strings.
   *
   * @param values the strings
   * @return a new array
   */
  static ArrayNode strings(List<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }

  /**
   * Prints a JSON value, indented, followed by a newline.
   *
   * @param out where to print
   * @param value the value
   */
  static void print(PrintWriter out, JsonNode value) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
    }
  }
}
