package dev.modelgov.cel.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.policy.PolicyCompileException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML or JSON document into a tree that remembers the line and column of every node and key, so that every
 * later error can point at the offending node. Strict: duplicate keys, aliases, more than one document and trailing
 * content are errors; the size, nesting depth, string and number limits of {@link JsonLimits} apply. Thread-safe. For
 * internal use only; may change without notice.
 */
final class PolicyDocumentReader {

  /** A node of the document tree. */
  sealed interface Node permits Obj, Arr, Scalar {
    int line();

    int column();
  }

  /** A mapping, keys in document order. */
  record Obj(int line, int column, Map<String, Field> fields) implements Node {}

  /** A key and its value. */
  record Field(String name, int line, int column, Node value) {}

  /** A sequence. */
  record Arr(int line, int column, List<Node> items) implements Node {}

  /**
   * A scalar: {@link String}, {@link Boolean}, {@link Long}, {@link BigInteger}, {@link BigDecimal} or {@code null}.
   */
  record Scalar(int line, int column, Object value) implements Node {}

  private final JsonLimits limits;
  private final JsonFactory json;
  private final YAMLFactory yaml;

  PolicyDocumentReader(JsonLimits limits) {
    this.limits = limits;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxStringLength(limits.maxStringLength())
            .maxNumberLength(limits.maxNumberLength())
            .maxDocumentLength(limits.maxDocumentBytes())
            .maxNameLength(Math.min(limits.maxStringLength(), 50_000))
            .build();
    this.json = JsonFactory.builder().streamReadConstraints(constraints).build();
    LoaderOptions loader = new LoaderOptions();
    // Duplicate keys are detected while building the tree, with both positions in the message.
    loader.setAllowDuplicateKeys(true);
    loader.setMaxAliasesForCollections(0);
    loader.setAllowRecursiveKeys(false);
    loader.setNestingDepthLimit(limits.maxDepth() + 1);
    loader.setCodePointLimit(limits.maxDocumentBytes());
    this.yaml = YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build();
  }

  /**
   * Parses a document.
   *
   * @param document the bytes (UTF-8)
   * @param isJson JSON (else YAML)
   * @param source the file name, for errors
   * @return the root node
   * @throws PolicyCompileException naming the line and column of the problem
   */
  Node read(byte[] document, boolean isJson, String source) throws PolicyCompileException {
    if (document.length > limits.maxDocumentBytes()) {
      throw new PolicyCompileException(source, null, 0, 0, "document is " + document.length
          + " bytes, larger than the limit of " + limits.maxDocumentBytes() + " bytes");
    }
    JsonParser parser = null;
    try {
      parser = isJson ? json.createParser(document) : yaml.createParser(document);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PolicyCompileException(source, null, 0, 0, "document is empty");
      }
      Node root = readValue(parser, source, 1);
      JsonToken after = parser.nextToken();
      if (after != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new PolicyCompileException(source, null, at.getLineNr(), at.getColumnNr(),
            isJson ? "trailing content after the document" : "a policy file holds exactly one YAML document");
      }
      return root;
    } catch (JsonProcessingException e) {
      MarkedYAMLException yamlError = yamlCause(e);
      if (yamlError != null && yamlError.getProblemMark() != null) {
        Mark mark = yamlError.getProblemMark();
        String context = yamlError.getContext() == null ? "" : yamlError.getContext() + ": ";
        throw new PolicyCompileException(source, null, mark.getLine() + 1, mark.getColumn() + 1,
            CompiledExpression.oneLine(context + String.valueOf(yamlError.getProblem())));
      }
      JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
      int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
      int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
      throw new PolicyCompileException(source, null, line, column, describe(e));
    } catch (StackOverflowError e) {
      throw new PolicyCompileException(source, null, 0, 0,
          "document is nested too deeply (limit " + limits.maxDepth() + ")");
    } catch (IOException e) {
      throw new PolicyCompileException(source, null, 0, 0, "document cannot be read: " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      // SnakeYAML reports some limit violations (code points, aliases) as unchecked exceptions.
      throw new PolicyCompileException(source, null, 0, 0,
          "document cannot be read: " + CompiledExpression.oneLine(String.valueOf(e.getMessage())));
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException ignored) {
          // Reading from memory; nothing to release.
        }
      }
    }
  }

  private static MarkedYAMLException yamlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        return m;
      }
    }
    return null;
  }

  private static String describe(JsonProcessingException e) {
    String what = CompiledExpression.oneLine(String.valueOf(e.getOriginalMessage()));
    if (e instanceof StreamConstraintsException) {
      int from = what.indexOf(", from `");
      what = "limit exceeded: " + (from > 0 ? what.substring(0, from) + ")" : what);
    }
    return what;
  }

  private Node readValue(JsonParser p, String source, int depth) throws IOException, PolicyCompileException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      throw new PolicyCompileException(source, null, line, column, "YAML aliases are not supported");
    }
    JsonToken t = p.currentToken();
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > limits.maxDepth()) {
      throw new PolicyCompileException(source, null, line, column,
          "document is nested deeper than the limit of " + limits.maxDepth() + " levels");
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = p.currentTokenLocation();
          String name = p.currentName();
          p.nextToken();
          Node value = readValue(p, source, depth + 1);
          Field previous = fields.get(name);
          if (previous != null) {
            throw new PolicyCompileException(source, null, keyAt.getLineNr(), keyAt.getColumnNr(),
                "duplicate key '" + name + "' (first at line " + previous.line() + ")");
          }
          fields.put(name, new Field(name, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        return new Obj(line, column, Collections.unmodifiableMap(fields));
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(p, source, depth + 1));
        }
        return new Arr(line, column, Collections.unmodifiableList(items));
      }
      case VALUE_STRING:
        return new Scalar(line, column, p.getText());
      case VALUE_TRUE:
        return new Scalar(line, column, Boolean.TRUE);
      case VALUE_FALSE:
        return new Scalar(line, column, Boolean.FALSE);
      case VALUE_NULL:
        return new Scalar(line, column, null);
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return new Scalar(line, column, p.getBigIntegerValue());
        }
        return new Scalar(line, column, p.getLongValue());
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw new PolicyCompileException(source, null, line, column, "numbers must be finite");
        }
        return new Scalar(line, column, p.getDecimalValue());
      }
      default:
        throw new PolicyCompileException(source, null, line, column, "unsupported value (" + t + ")");
    }
  }

  /**
   * The Jackson tree of a document, for its canonical form.
   *
   * @param node the root
   * @return the same values as a {@link JsonNode}
   */
  static JsonNode toJsonNode(Node node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return toJsonNode(node, f);
  }

  private static JsonNode toJsonNode(Node node, JsonNodeFactory f) {
    if (node instanceof Obj o) {
      ObjectNode out = f.objectNode();
      o.fields().forEach((k, v) -> out.set(k, toJsonNode(v.value(), f)));
      return out;
    }
    if (node instanceof Arr a) {
      ArrayNode out = f.arrayNode();
      a.items().forEach(i -> out.add(toJsonNode(i, f)));
      return out;
    }
    Object v = ((Scalar) node).value();
    if (v == null) {
      return f.nullNode();
    } else if (v instanceof String s) {
      return f.textNode(s);
    } else if (v instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (v instanceof Long l) {
      return f.numberNode(l);
    } else if (v instanceof BigInteger bi) {
      return f.numberNode(bi);
    }
    return f.numberNode((BigDecimal) v);
  }
}
