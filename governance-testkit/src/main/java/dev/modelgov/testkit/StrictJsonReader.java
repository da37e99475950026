package dev.modelgov.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.json.JsonLimits;
import java.io.IOException;

/**
 * Reads JSON the way the core reads untrusted documents: size, depth, string and number limits, duplicate keys and
 * trailing content rejected. For internal use only; may change without notice.
 */
final class StrictJsonReader {

  private static final ObjectMapper MAPPER = mapper(JsonLimits.DEFAULT);

  private StrictJsonReader() {}

  private static ObjectMapper mapper(JsonLimits limits) {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth())
        .maxStringLength(limits.maxStringLength())
        .maxNumberLength(limits.maxNumberLength())
        .maxDocumentLength(limits.maxDocumentBytes())
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    ObjectMapper mapper = JsonMapper.builder(factory).build();
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    return mapper;
  }

  /**
   * @param bytes a JSON document
   * @param what what the document is, for the message
   * @return the tree
   * @throws IllegalArgumentException naming the byte offset of the problem, never the content
   */
  static JsonNode read(byte[] bytes, String what) {
    if (bytes.length > JsonLimits.DEFAULT.maxDocumentBytes()) {
      throw new IllegalArgumentException(
          what + " is larger than the limit of " + JsonLimits.DEFAULT.maxDocumentBytes() + " bytes");
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      throw new IllegalArgumentException(
          what + " is not valid JSON" + (offset >= 0 ? " (at byte offset " + offset + ")" : "") + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage(), e);
    }
  }
}
