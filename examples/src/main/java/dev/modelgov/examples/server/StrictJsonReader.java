package dev.modelgov.examples.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import java.io.IOException;

/**
 * Reads JSON the way ModelGov's own codecs do: duplicate keys and trailing content rejected, the {@link JsonLimits}
 * enforced before anything is built, and every syntax error reported with its byte offset, never echoing the document.
 */
final class StrictJsonReader {

  private final JsonLimits limits;
  private final ObjectMapper mapper;

  StrictJsonReader(JsonLimits limits) {
    this.limits = limits;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxDocumentLength(limits.maxDocumentBytes())
            .maxNameLength(Math.min(limits.maxStringLength(), 1_000))
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
  }

  JsonLimits limits() {
    return limits;
  }

  /**
   * Parses one JSON document.
   *
   * @param bytes the document, UTF-8
   * @return the tree
   * @throws JsonFormatException naming the problem and its byte offset
   */
  JsonNode read(byte[] bytes) throws JsonFormatException {
    if (bytes.length > limits.maxDocumentBytes()) {
      throw new JsonFormatException(
          "document is " + bytes.length + " bytes, larger than the limit of " + limits.maxDocumentBytes() + " bytes");
    }
    if (bytes.length == 0) {
      throw new JsonFormatException("document is empty");
    }
    try (JsonParser parser = mapper.createParser(bytes)) {
      try {
        JsonNode node = mapper.readTree(parser);
        if (node == null || node.isMissingNode()) {
          throw new JsonFormatException("document is empty");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw new JsonFormatException(describe(e, parser.currentLocation()));
      }
    } catch (JsonFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new JsonFormatException("document cannot be read: " + e.getClass().getSimpleName());
    } catch (StackOverflowError e) {
      throw new JsonFormatException("document is nested too deeply (limit " + limits.maxDepth() + ")");
    }
  }

  private static String describe(JsonProcessingException e, JsonLocation fallback) {
    String what = firstLine(e.getOriginalMessage());
    if (e instanceof StreamConstraintsException) {
      int from = what.indexOf(", from `");
      what = "limit exceeded: " + (from > 0 ? what.substring(0, from) + ")" : what);
    }
    JsonLocation loc = e.getLocation() != null && e.getLocation() != JsonLocation.NA ? e.getLocation() : fallback;
    if (loc == null || loc == JsonLocation.NA) {
      return what;
    }
    StringBuilder sb = new StringBuilder(what).append(" at line ").append(loc.getLineNr()).append(", column ")
        .append(loc.getColumnNr());
    long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
    if (offset >= 0) {
      sb.append(" (byte offset ").append(offset).append(')');
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed document";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
