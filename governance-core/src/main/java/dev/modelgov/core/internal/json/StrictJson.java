package dev.modelgov.core.internal.json;

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
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Strict Jackson mappers: duplicate keys rejected, trailing tokens rejected, limits enforced, floats read exactly as
 * {@link java.math.BigDecimal}. For internal use only; may change without notice.
 */
public final class StrictJson {

  private final JsonLimits limits;
  private final ObjectMapper json;
  private final ObjectMapper yaml;

  /**
   * @param limits the limits every read enforces
   */
  public StrictJson(JsonLimits limits) {
    this.limits = limits;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxDocumentLength(limits.maxDocumentBytes())
            .maxNameLength(Math.min(limits.maxStringLength(), 50_000))
            .build();
    JsonFactory jsonFactory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.json = configure(JsonMapper.builder(jsonFactory).build());

    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(16);
    loader.setAllowRecursiveKeys(false);
    loader.setNestingDepthLimit(limits.maxDepth());
    loader.setCodePointLimit(limits.maxDocumentBytes());
    YAMLFactory yamlFactory =
        YAMLFactory.builder()
            .loaderOptions(loader)
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new SafeYamlQuoting())
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    this.yaml = configure(new YAMLMapper(yamlFactory));
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    return mapper;
  }

  /** @return the limits */
  public JsonLimits limits() {
    return limits;
  }

  /** @return the strict JSON mapper */
  public ObjectMapper json() {
    return json;
  }

  /** @return the strict YAML mapper */
  public ObjectMapper yaml() {
    return yaml;
  }

  /**
   * Parses JSON strictly.
   *
   * @param bytes the document
   * @return the tree
   * @throws JsonFormatException naming the byte offset of the problem
   */
  public JsonNode readJson(byte[] bytes) throws JsonFormatException {
    return read(json, bytes);
  }

  /**
   * Parses YAML strictly (one document).
   *
   * @param bytes the document
   * @return the tree
   * @throws JsonFormatException naming the line and column of the problem
   */
  public JsonNode readYaml(byte[] bytes) throws JsonFormatException {
    return read(yaml, bytes);
  }

  private JsonNode read(ObjectMapper mapper, byte[] bytes) throws JsonFormatException {
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
    } catch (StackOverflowError e) {
      throw new JsonFormatException("document is nested too deeply (limit " + limits.maxDepth() + ")");
    } catch (JsonFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new JsonFormatException("document cannot be read: " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      // SnakeYAML reports some limit violations (aliases, code points) as unchecked exceptions.
      throw new JsonFormatException("document cannot be read: " + firstLine(e.getMessage()));
    }
  }

  /**
   * A one-line description of a parse problem with its location, without echoing document content.
   *
   * @param e the parse exception
   * @param fallback the parser's location, used when the exception has none
   * @return the description
   */
  public static String describe(JsonProcessingException e, JsonLocation fallback) {
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
    // Never echo long document content back.
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
