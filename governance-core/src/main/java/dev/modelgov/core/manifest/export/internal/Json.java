package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Deterministic JSON output and the text encoding of scalar values in {@code modelgov:} properties. For internal use
 * only; may change without notice.
 */
public final class Json {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    WRITER =
        JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writer(printer);
  }

  private Json() {}

  /**
   * Writes a tree as indented JSON: two spaces, {@code \n} line ends, keys in insertion order, a trailing newline.
   *
   * @param tree the tree
   * @return UTF-8 bytes
   */
  public static byte[] pretty(JsonNode tree) {
    try {
      byte[] body = WRITER.writeValueAsBytes(tree);
      byte[] out = Arrays.copyOf(body, body.length + 1);
      out[body.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /**
   * The text of a scalar for a {@code modelgov:} property value. Numbers and booleans are written as JSON literals;
   * text is written as is, unless it would read back as a number or boolean or starts with a quote, in which case it
   * is written as a quoted JSON string. {@link #decode(String)} reverses this exactly.
   *
   * @param value a text, number or boolean node
   * @return the property value
   */
  public static String encode(JsonNode value) {
    if (value.isTextual()) {
      String s = value.textValue();
      if (NUMBER.matcher(s).matches() || s.equals("true") || s.equals("false") || s.equals("null") || s.startsWith("\"")) {
        return value.toString();
      }
      return s;
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "true" : "false";
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return plain(value.decimalValue());
    }
    throw new IllegalArgumentException("not a scalar: " + value.getNodeType());
  }

  /**
   * Reads a {@code modelgov:} property value back into a scalar node.
   *
   * @param text the property value
   * @return a text, number or boolean node
   */
  public static JsonNode decode(String text) {
    if (text.startsWith("\"")) {
      String s = unquote(text);
      if (s != null) {
        return F.textNode(s);
      }
      return F.textNode(text);
    }
    if (text.equals("true") || text.equals("false")) {
      return BooleanNode.valueOf(text.equals("true"));
    }
    if (INTEGER.matcher(text).matches()) {
      BigInteger i = new BigInteger(text);
      return i.bitLength() < 64 ? F.numberNode(i.longValue()) : F.numberNode(i);
    }
    if (NUMBER.matcher(text).matches()) {
      return F.numberNode(new BigDecimal(text));
    }
    return F.textNode(text);
  }

  /**
   * A decimal without exponent when that is short, else in scientific notation; always a valid JSON number.
   *
   * @param d the decimal
   * @return its text
   */
  public static String plain(BigDecimal d) {
    int exponent = d.precision() - d.scale() - 1;
    if (exponent > -7 && exponent < 21) {
      return d.toPlainString();
    }
    return d.toString();
  }

  private static String unquote(String text) {
    try {
      JsonNode n = MAPPER.readTree(text);
      return n != null && n.isTextual() ? n.textValue() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
