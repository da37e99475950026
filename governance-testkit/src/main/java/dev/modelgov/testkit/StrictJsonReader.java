package dev.modelgov.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.json.JsonFormatException;

/**
 * Reads the JSON that assertions inspect with core's strict reader, turning a format error into the unchecked
 * exception an assertion reports. For internal use only; may change without notice.
 */
final class StrictJsonReader {

  private StrictJsonReader() {}

  /**
   * @param bytes a JSON document
   * @param what what the document is, for the message
   * @return the tree
   * @throws IllegalArgumentException naming the byte offset of the problem, never the content
   */
  static JsonNode read(byte[] bytes, String what) {
    try {
      return dev.modelgov.core.json.StrictJsonReader.defaults().readJson(bytes);
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
