package dev.modelgov.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.internal.json.ByteSink;
import dev.modelgov.core.internal.json.StrictJson;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.erdtman.jcs.NumberToJSON;

/**
 * The JSON Canonicalization Scheme (RFC 8785): one byte sequence for every JSON value, whatever the key order,
 * whitespace or number spelling of the document it was read from. Digests and signatures over canonical bytes survive
 * re-indentation, key reordering and conversion to YAML and back.
 *
 * <p>Rules: object keys sorted by UTF-16 code units; no whitespace; strings with the minimal JSON escapes
 * ({@code \b \t \n \f \r \" \\}, other control characters as {@code \}{@code u00xx} in lowercase hex, everything else
 * raw UTF-8); every number written as the IEEE double nearest to it, in the shortest ECMAScript form (big integers
 * included, so {@code 9007199254740993} becomes {@code 9007199254740992}).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * byte[] canonical = CanonicalJson.canonicalize("{\"b\": 1.50, \"a\": [1E3]}".getBytes(UTF_8));
 * // {"a":[1000],"b":1.5}
 * Digest d = CanonicalJson.sha256(canonical);
 * }</pre>
 */
public final class CanonicalJson {

  private static final StrictJson STRICT = new StrictJson(JsonLimits.DEFAULT);
  private static final long MAX_EXACT = 1L << 53;
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private CanonicalJson() {}

  /**
   * Parses a JSON document strictly (duplicate keys, trailing content and limit violations are errors) and returns
   * its canonical bytes.
   *
   * @param json the document, must not be {@code null}
   * @return the canonical UTF-8 bytes
   * @throws JsonFormatException if the document is malformed, naming the byte offset, or holds a value canonical JSON
   *     cannot represent
   */
  public static byte[] canonicalize(byte[] json) throws JsonFormatException {
    Objects.requireNonNull(json, "json must not be null");
    return canonicalize(STRICT.readJson(json));
  }

  /**
   * The canonical bytes of a JSON tree.
   *
   * @param node the tree, must not be {@code null}
   * @return the canonical UTF-8 bytes
   * @throws JsonFormatException if the tree holds a non-finite number, a lone surrogate or a non-JSON node, naming its
   *     JSON path
   */
  public static byte[] canonicalize(JsonNode node) throws JsonFormatException {
    Objects.requireNonNull(node, "node must not be null");
    ByteSink out = new ByteSink(1024);
    write(node, out, "$");
    return out.toByteArray();
  }

  /**
   * The SHA-256 digest of canonical bytes.
   *
   * @param canonicalBytes bytes as returned by {@link #canonicalize(JsonNode)}
   * @return the digest
   */
  public static Digest sha256(byte[] canonicalBytes) {
    try {
      return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(canonicalBytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * The canonical form of one number, as RFC 8785 section 3.2.2.3 writes it.
   *
   * @param value a finite double
   * @return the shortest ECMAScript form, such as {@code 1e+21} or {@code 0.000001}
   * @throws IllegalArgumentException if the value is NaN or infinite
   */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("canonical JSON has no form for " + value);
    }
    if (Math.abs(value) < MAX_EXACT && value == (long) value) {
      // Integral values below 2^53 are exact in a long; ECMAScript writes them in full (and -0 as 0).
      return Long.toString((long) value);
    }
    String decimal = decimalNumber(value);
    if (decimal != null) {
      return decimal;
    }
    try {
      return NumberToJSON.serializeNumber(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("canonical JSON has no form for " + value, e);
    }
  }

  /**
   * The fast path for values with at most six decimals below 10^9 in magnitude (latencies, scores, rates): for the
   * smallest d with {@code round(value * 10^d) / 10^d == value}, the decimal {@code k / 10^d} reads back as this double
   * (IEEE division is correctly rounded), and no string with fewer digits does: such a string would be a multiple of
   * 10^-d' for a smaller d', and two multiples of 10^-6 lie further apart than an ulp below 10^9. So it is what
   * ECMAScript's Number.prototype.toString prints.
   */
  private static String decimalNumber(double value) {
    if (!(Math.abs(value) < 1e9)) {
      return null;
    }
    for (int d = 1; d <= 6; d++) {
      double scale = POW10[d];
      long k = Math.round(value * scale);
      if (k / scale != value) {
        continue;
      }
      long a = Math.abs(k);
      String frac = Long.toString(a % (long) scale);
      StringBuilder sb = new StringBuilder(24);
      if (k < 0) {
        sb.append('-');
      }
      sb.append(a / (long) scale).append('.');
      for (int z = frac.length(); z < d; z++) {
        sb.append('0');
      }
      return sb.append(frac).toString();
    }
    return null;
  }

  private static final double[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private static void write(JsonNode node, ByteSink out, String path) throws JsonFormatException {
    switch (node.getNodeType()) {
      case OBJECT:
        writeObject(node, out, path);
        break;
      case ARRAY:
        out.write('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          write(node.get(i), out, path + "[" + i + "]");
        }
        out.write(']');
        break;
      case STRING:
        writeString(node.textValue(), out, path);
        break;
      case NUMBER:
        writeNumber(node, out, path);
        break;
      case BOOLEAN:
        out.writeAscii(node.booleanValue() ? "true" : "false");
        break;
      case NULL:
        out.writeAscii("null");
        break;
      default:
        throw new JsonFormatException(path + ": " + node.getNodeType() + " is not a JSON value");
    }
  }

  private static void writeObject(JsonNode node, ByteSink out, String path) throws JsonFormatException {
    int n = node.size();
    String[] keys = new String[n];
    int k = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys[k++] = it.next();
    }
    // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
    Arrays.sort(keys);
    out.write('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.write(',');
      }
      writeString(keys[i], out, path);
      out.write(':');
      write(node.get(keys[i]), out, path + "." + keys[i]);
    }
    out.write('}');
  }

  private static void writeNumber(JsonNode node, ByteSink out, String path) throws JsonFormatException {
    if (node.isInt() || node.isLong() || node.isShort()) {
      long v = node.longValue();
      if (v > -MAX_EXACT && v < MAX_EXACT) {
        out.writeAscii(Long.toString(v));
        return;
      }
    }
    double d;
    if (node.isBigInteger()) {
      BigInteger bi = node.bigIntegerValue();
      d = bi.doubleValue();
    } else {
      d = node.doubleValue();
    }
    if (!Double.isFinite(d)) {
      throw new JsonFormatException(path + ": number is outside the range of an IEEE double");
    }
    out.writeAscii(number(d));
  }

  private static void writeString(String s, ByteSink out, String path) throws JsonFormatException {
    out.write('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out.write(c);
        } else {
          escape(c, out);
        }
      } else if (c < 0x800) {
        out.write(0xc0 | (c >> 6));
        out.write(0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new JsonFormatException(path + ": string has a lone surrogate at index " + i);
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.write(0xf0 | (cp >> 18));
        out.write(0x80 | ((cp >> 12) & 0x3f));
        out.write(0x80 | ((cp >> 6) & 0x3f));
        out.write(0x80 | (cp & 0x3f));
      } else if (Character.isLowSurrogate(c)) {
        throw new JsonFormatException(path + ": string has a lone surrogate at index " + i);
      } else {
        out.write(0xe0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3f));
        out.write(0x80 | (c & 0x3f));
      }
    }
    out.write('"');
  }

  private static void escape(char c, ByteSink out) {
    out.write('\\');
    switch (c) {
      case '"':
        out.write('"');
        break;
      case '\\':
        out.write('\\');
        break;
      case '\b':
        out.write('b');
        break;
      case '\t':
        out.write('t');
        break;
      case '\n':
        out.write('n');
        break;
      case '\f':
        out.write('f');
        break;
      case '\r':
        out.write('r');
        break;
      default:
        out.writeAscii("u00");
        out.write(HEX[(c >> 4) & 0xf]);
        out.write(HEX[c & 0xf]);
    }
  }

  /**
   * Whether two trees have the same canonical form.
   *
   * @param a a tree
   * @param b another tree
   * @return whether their canonical bytes are equal
   * @throws JsonFormatException if either cannot be canonicalised
   */
  public static boolean equivalent(JsonNode a, JsonNode b) throws JsonFormatException {
    return Arrays.equals(canonicalize(a), canonicalize(b));
  }
}
