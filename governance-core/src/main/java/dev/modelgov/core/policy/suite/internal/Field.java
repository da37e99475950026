package dev.modelgov.core.policy.suite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.policy.suite.PolicyDocumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a JSON or YAML document together with its JSON path, read strictly: every typed getter names the path and
 * the expected type when the value has another type; {@code null} and a missing field both mean "unset". For internal
 * use only; may change without notice.
 */
public final class Field {

  private final String source;
  private final String path;
  private final JsonNode node;

  private Field(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  /**
   * The root of a document.
   *
   * @param source the document name used in errors
   * @param node the tree
   * @return the root field, with an empty path
   */
  public static Field root(String source, JsonNode node) {
    return new Field(source, "", node);
  }

  /**
   * A node at a given path, for reading a sub-tree with paths that continue an outer document's.
   *
   * @param source the document name used in errors
   * @param path the path of the node
   * @param node the node
   * @return the field
   */
  public static Field at(String source, String path, JsonNode node) {
    return new Field(source, path, node);
  }

  /** @return the JSON path, empty for the root */
  public String path() {
    return path;
  }

  /** @return the document name */
  public String source() {
    return source;
  }

  /** @return the node ({@link MissingNode} when the field is absent) */
  public JsonNode node() {
    return node;
  }

  /** @return whether the field is absent or {@code null} */
  public boolean isUnset() {
    return node.isMissingNode() || node.isNull();
  }

  /**
   * A member of this object (absent when this is not an object).
   *
   * @param name the member name
   * @return the member's field
   */
  public Field get(String name) {
    return new Field(source, path.isEmpty() ? name : path + "." + name, node.get(name));
  }

  /**
   * An error about this field.
   *
   * @param detail what is wrong
   * @return the exception
   */
  public PolicyDocumentException error(String detail) {
    return new PolicyDocumentException(source, path, detail);
  }

  /**
   * Checks this is an object whose member names are all in {@code allowed}.
   *
   * @param what what the object is, for the error message, for example {@code a suite case}
   * @param allowed the allowed member names
   * @return this field
   * @throws PolicyDocumentException when it is not an object, or naming the first unknown member
   */
  public Field object(String what, Set<String> allowed) throws PolicyDocumentException {
    if (!node.isObject()) {
      throw error("expected " + what + " (an object), got " + kind(node));
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (!allowed.contains(member.getKey())) {
        throw get(member.getKey()).error("unknown field; expected one of " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return this;
  }

  /** @return this node as an object node; call {@link #object(String, Set)} first */
  public ObjectNode objectNode() {
    return (ObjectNode) node;
  }

  /**
   * The elements of an array.
   *
   * @param maxElements the most elements accepted
   * @return the elements, empty when unset
   * @throws PolicyDocumentException when set to something other than an array, or longer than the limit
   */
  public List<Field> elements(int maxElements) throws PolicyDocumentException {
    if (isUnset()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw error("expected a list, got " + kind(node));
    }
    if (node.size() > maxElements) {
      throw error("has " + node.size() + " elements, more than the limit of " + maxElements);
    }
    List<Field> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new Field(source, path + "[" + i + "]", node.get(i)));
    }
    return out;
  }

  /**
   * A string value.
   *
   * @return the text, empty when unset
   * @throws PolicyDocumentException when set to something other than a string
   */
  public Optional<String> text() throws PolicyDocumentException {
    if (isUnset()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw error("expected a string, got " + kind(node));
    }
    return Optional.of(node.textValue());
  }

  /**
   * A required, non-blank string value.
   *
   * @return the text
   * @throws PolicyDocumentException when unset, blank or not a string
   */
  public String requiredText() throws PolicyDocumentException {
    String text = text().orElseThrow(() -> error("is required"));
    if (text.isBlank()) {
      throw error("must not be blank");
    }
    return text;
  }

  /**
   * A boolean value.
   *
   * @return the value, empty when unset
   * @throws PolicyDocumentException when set to something other than a boolean
   */
  public Optional<Boolean> bool() throws PolicyDocumentException {
    if (isUnset()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw error("expected true or false, got " + kind(node));
    }
    return Optional.of(node.booleanValue());
  }

  /**
   * A required boolean value.
   *
   * @return the value
   * @throws PolicyDocumentException when unset or not a boolean
   */
  public boolean requiredBool() throws PolicyDocumentException {
    return bool().orElseThrow(() -> error("is required"));
  }

  /**
   * A finite number.
   *
   * @return the value, empty when unset
   * @throws PolicyDocumentException when set to something other than a finite number
   */
  public OptionalDouble number() throws PolicyDocumentException {
    if (isUnset()) {
      return OptionalDouble.empty();
    }
    if (!node.isNumber()) {
      throw error("expected a number, got " + kind(node));
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw error("must be a finite number");
    }
    return OptionalDouble.of(value);
  }

  /**
   * A required finite number.
   *
   * @return the value
   * @throws PolicyDocumentException when unset or not a finite number
   */
  public double requiredNumber() throws PolicyDocumentException {
    OptionalDouble value = number();
    if (value.isEmpty()) {
      throw error("is required");
    }
    return value.getAsDouble();
  }

  /**
   * A whole number that fits a {@code long}.
   *
   * @return the value, empty when unset
   * @throws PolicyDocumentException when set to something other than a whole number in range
   */
  public OptionalLong integer() throws PolicyDocumentException {
    if (isUnset()) {
      return OptionalLong.empty();
    }
    if (!node.isIntegralNumber() && !(node.isNumber() && isWhole(node.decimalValue()))) {
      throw error("expected a whole number, got " + kind(node));
    }
    if (!node.canConvertToLong()) {
      throw error("is out of range");
    }
    return OptionalLong.of(node.longValue());
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /**
   * A JSON-like value as plain Java: strings, {@link Long} or {@link Double} numbers, booleans, lists and maps ({@code
   * null} map members are kept as {@code null}, which means "unset").
   *
   * @param maxDepth the deepest nesting accepted
   * @return the value, {@code null} when unset
   * @throws PolicyDocumentException naming the path of a value nested too deeply or of a non-finite number
   */
  public Object plain(int maxDepth) throws PolicyDocumentException {
    return plain(this, maxDepth, 0);
  }

  private static Object plain(Field f, int maxDepth, int depth) throws PolicyDocumentException {
    JsonNode n = f.node;
    if (depth > maxDepth) {
      throw f.error("nested deeper than " + maxDepth + " levels");
    }
    if (f.isUnset()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      BigInteger value = n.bigIntegerValue();
      return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
    }
    if (n.isNumber()) {
      return f.requiredNumber();
    }
    if (n.isArray()) {
      List<Object> out = new ArrayList<>(n.size());
      for (Field e : f.elements(Integer.MAX_VALUE)) {
        out.add(plain(e, maxDepth, depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    if (n.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> member : n.properties()) {
        out.put(member.getKey(), plain(f.get(member.getKey()), maxDepth, depth + 1));
      }
      return Collections.unmodifiableMap(out);
    }
    throw f.error("expected a string, number, boolean, list or map, got " + kind(n));
  }

  /**
   * What kind of JSON value a node is, for error messages (never the value itself).
   *
   * @param node the node
   * @return for example {@code a string}, {@code a list}
   */
  public static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT, POJO -> "an object";
      case NULL -> "null";
      case BINARY -> "binary data";
      case MISSING -> "nothing";
    };
  }

  /**
   * Parses an enum constant by name, case-insensitively.
   *
   * @param <E> the enum type
   * @param type the enum class
   * @param what what the value is, for the error message, for example {@code stage}
   * @return the constant, empty when unset
   * @throws PolicyDocumentException naming the accepted names when the text is none of them
   */
  public <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String what) throws PolicyDocumentException {
    Optional<String> text = text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String wanted = text.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return Optional.of(constant);
      }
      names.add(constant.name());
    }
    throw error("unknown " + what + " '" + clip(text.get()) + "'; expected one of " + String.join(", ", names));
  }

  /**
   * Cuts a user-supplied text for an error message.
   *
   * @param text the text
   * @return at most 40 chars
   */
  public static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
