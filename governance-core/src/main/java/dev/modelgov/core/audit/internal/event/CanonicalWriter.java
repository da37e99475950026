package dev.modelgov.core.audit.internal.event;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.SortedMap;

/**
 * Writes RFC 8785 canonical JSON straight into a reusable byte buffer, from Java values, with the same string and
 * number rules as {@link CanonicalJson}. Not thread-safe: one per thread. For internal use only; may change without
 * notice.
 */
final class CanonicalWriter {

  /** The largest buffer kept between uses; larger ones are dropped after the event. */
  private static final int KEEP_BYTES = 256 << 10;

  private static final long MAX_EXACT = 1L << 53;
  private static final BigInteger BIG_MAX_EXACT = BigInteger.valueOf(MAX_EXACT);
  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final int MAX_PATH_KEY = 64;
  /** 10000-01-01T00:00:00Z: from there on, Instant.toString writes a sign and more year digits. */
  private static final long MAX_FAST_EPOCH_SECOND = 253_402_300_800L;

  private byte[] buf = new byte[1024];
  private int size;
  private int maxBytes;
  private long hardCap;
  private int maxDepth;

  // The path of the value being written, kept as a stack so that it is rendered only for an error message.
  private Object[] pathKeys = new Object[16];
  private int[] pathIndex = new int[16];
  private int depth;

  // Top-level members, sorted just before writing.
  private String[] keys = new String[16];
  private Object[] values = new Object[16];
  private int members;

  /**
   * Starts a new document.
   *
   * @param maxBytes the size limit of the document
   * @param maxDepth the deepest nesting allowed below the top-level object
   */
  void reset(int maxBytes, int maxDepth) {
    if (buf.length > KEEP_BYTES) {
      buf = new byte[1024];
    }
    size = 0;
    depth = 0;
    Arrays.fill(values, 0, members, null);
    members = 0;
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    // Room for the reservations of writeString (three bytes per char) on a document that stays within the limit.
    this.hardCap = Math.min((long) Integer.MAX_VALUE - 64, 4L * maxBytes + 64);
  }

  /**
   * Adds a top-level member; {@code null} values are skipped (absent optional fields).
   *
   * @param key the member name
   * @param value the value (any value {@link #writeValue(Object)} accepts)
   */
  void member(String key, Object value) {
    if (value == null) {
      return;
    }
    if (members == keys.length) {
      keys = Arrays.copyOf(keys, members * 2);
      values = Arrays.copyOf(values, members * 2);
    }
    keys[members] = key;
    values[members] = value;
    members++;
  }

  /**
   * Writes the top-level object of the added members, sorted by key, and returns the document.
   *
   * @return the canonical bytes
   * @throws AuditLogException (REJECTED) if a value cannot be written or the document is too large
   */
  byte[] finish() {
    // Insertion sort: a dozen members, mostly in order already.
    for (int i = 1; i < members; i++) {
      String k = keys[i];
      Object v = values[i];
      int j = i - 1;
      while (j >= 0 && keys[j].compareTo(k) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = k;
      values[j + 1] = v;
    }
    try {
      write('{');
      for (int i = 0; i < members; i++) {
        if (i > 0) {
          if (keys[i].equals(keys[i - 1])) {
            throw new IllegalArgumentException("duplicate top-level member " + keys[i]);
          }
          write(',');
        }
        writeString(keys[i]);
        write(':');
        push(keys[i]);
        writeValue(values[i]);
        pop();
      }
      write('}');
    } finally {
      // Drop the references to the event's values.
      Arrays.fill(values, 0, members, null);
      members = 0;
    }
    if (size > maxBytes) {
      throw new AuditLogException(AuditLogException.Reason.REJECTED,
          "event is " + size + " bytes, larger than the limit of " + maxBytes + " bytes");
    }
    return Arrays.copyOf(buf, size);
  }

  /**
   * Writes one JSON value.
   *
   * @param v a {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Short}, {@code Byte},
   *     {@code BigInteger}, {@code Double}, {@code Float}, {@code BigDecimal}, {@code List}, {@code Map} with string
   *     keys, {@code null}; or a {@link ModelRef} (as an object), {@link Digest}, {@link ImageRef}, {@link Instant} or
   *     enum (as strings), or a {@link Duration} (as milliseconds)
   */
  void writeValue(Object v) {
    if (v == null) {
      write(NULL);
    } else if (v instanceof String s) {
      writeString(s);
    } else if (v instanceof Boolean b) {
      write(b ? TRUE : FALSE);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      writeInteger(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      writeDouble(((Number) v).doubleValue());
    } else if (v instanceof BigDecimal bd) {
      writeDouble(bd.doubleValue());
    } else if (v instanceof BigInteger bi) {
      if (bi.abs().compareTo(BIG_MAX_EXACT) > 0) {
        throw tooBigInteger();
      }
      writeInteger(bi.longValue());
    } else if (v instanceof Map<?, ?> map) {
      writeMap(map);
    } else if (v instanceof List<?> list) {
      writeList(list);
    } else if (v instanceof ModelRef ref) {
      writeModel(ref);
    } else if (v instanceof Digest digest) {
      write('"');
      writeDigest(digest);
      write('"');
    } else if (v instanceof ImageRef image) {
      write('"');
      writeChars(image.repository());
      write('@');
      writeDigest(image.digest());
      write('"');
    } else if (v instanceof Instant instant) {
      writeInstant(instant);
    } else if (v instanceof Duration duration) {
      writeMillis(duration);
    } else if (v instanceof Enum<?> e) {
      writeString(e.name());
    } else {
      throw rejected(v.getClass().getSimpleName() + " is not a JSON value");
    }
  }

  private void writeInteger(long v) {
    if (v > MAX_EXACT || v < -MAX_EXACT) {
      throw tooBigInteger();
    }
    writeLong(v);
  }

  /**
   * Writes a long in decimal.
   *
   * @param v the value
   */
  void writeLong(long v) {
    if (v == 0) {
      write('0');
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[size++] = '-';
      v = -v; // |v| <= 2^53 here, so no overflow
    }
    int start = size;
    while (v > 0) {
      buf[size++] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    for (int i = start, j = size - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }

  private void writeDouble(double d) {
    if (!Double.isFinite(d)) {
      throw rejected("number is not finite (or outside the range of an IEEE double)");
    }
    String s = CanonicalJson.number(d);
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  /** Writes a duration in milliseconds: an integer when whole, else toNanos() / 1e6 as a canonical number. */
  private void writeMillis(Duration duration) {
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      throw rejected("duration too long to record in nanoseconds");
    }
    if (nanos % 1_000_000 == 0) {
      writeLong(nanos / 1_000_000);
    } else {
      writeDouble(nanos / 1e6);
    }
  }

  private void writeModel(ModelRef ref) {
    writeAscii("{\"id\":\"");
    push("id");
    writeChars(ref.id().namespace());
    write('/');
    writeChars(ref.id().name());
    pop();
    writeAscii("\",\"manifestDigest\":\"");
    writeDigest(ref.manifestDigest());
    writeAscii("\",\"version\":");
    push("version");
    writeString(ref.version());
    pop();
    write('}');
  }

  private void writeDigest(Digest digest) {
    writeChars(digest.algorithm());
    write(':');
    writeChars(digest.hex());
  }

  /**
   * Writes an instant exactly as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of three
   * digits), without allocating for the years 1970 to 9999.
   *
   * @param t the instant
   */
  void writeInstant(Instant t) {
    long secs = t.getEpochSecond();
    if (secs < 0 || secs >= MAX_FAST_EPOCH_SECOND) {
      writeString(t.toString());
      return;
    }
    int nanos = t.getNano();
    long days = secs / 86_400;
    int sod = (int) (secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
    long z = days + 719_468;
    long era = z / 146_097;
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    ensure(32);
    byte[] b = buf;
    int p = size;
    b[p++] = '"';
    p = digits(b, p, year, 4);
    b[p++] = '-';
    p = digits(b, p, month, 2);
    b[p++] = '-';
    p = digits(b, p, day, 2);
    b[p++] = 'T';
    p = digits(b, p, sod / 3600, 2);
    b[p++] = ':';
    p = digits(b, p, (sod / 60) % 60, 2);
    b[p++] = ':';
    p = digits(b, p, sod % 60, 2);
    if (nanos != 0) {
      b[p++] = '.';
      if (nanos % 1_000_000 == 0) {
        p = digits(b, p, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        p = digits(b, p, nanos / 1000, 6);
      } else {
        p = digits(b, p, nanos, 9);
      }
    }
    b[p++] = 'Z';
    b[p++] = '"';
    size = p;
  }

  private static int digits(byte[] b, int p, int value, int width) {
    for (int i = p + width - 1; i >= p; i--) {
      b[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return p + width;
  }

  private void writeMap(Map<?, ?> map) {
    enter();
    int n = map.size();
    String[] sorted = new String[n];
    int k = 0;
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw rejected("map keys must be strings");
      }
      if (k == n) {
        throw rejected("map changed while it was written");
      }
      sorted[k++] = s;
    }
    if (k != n) {
      throw rejected("map changed while it was written");
    }
    if (!(map instanceof SortedMap<?, ?> sm && sm.comparator() == null)) {
      // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 asks.
      Arrays.sort(sorted);
    }
    write('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        write(',');
      }
      String key = sorted[i];
      writeString(key);
      write(':');
      push(key);
      writeValue(map.get(key));
      pop();
    }
    write('}');
  }

  private void writeList(List<?> list) {
    enter();
    write('[');
    if (list instanceof RandomAccess) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          write(',');
        }
        push(i);
        writeValue(list.get(i));
        pop();
      }
    } else {
      int i = 0;
      for (Iterator<?> it = list.iterator(); it.hasNext(); i++) {
        if (i > 0) {
          write(',');
        }
        push(i);
        writeValue(it.next());
        pop();
      }
    }
    write(']');
  }

  /**
   * Writes a JSON string with the RFC 8785 escapes: {@code \b \t \n \f \r \" \\}, other control characters as
   * lower-case {@code \}{@code u00xx}, everything else raw UTF-8.
   *
   * @param s the string
   * @throws AuditLogException (REJECTED) if the string has a lone surrogate
   */
  void writeString(String s) {
    write('"');
    writeChars(s);
    write('"');
  }

  /**
   * Writes the content of a JSON string, escaped, without the quotes.
   *
   * @param s the string
   * @throws AuditLogException (REJECTED) if the string has a lone surrogate
   */
  private void writeChars(String s) {
    int n = s.length();
    ensure(3L * n + 1);
    byte[] b = buf;
    int p = size;
    int i = 0;
    // Fast path: printable ASCII other than the quote and the backslash, copied as is.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        break;
      }
      b[p++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
        } else {
          // An escape takes up to six bytes where one was reserved.
          size = p;
          ensure(6L + 3L * (n - i));
          b = buf;
          p = escape(c, b, p);
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          size = p;
          throw rejected("string has a lone surrogate at index " + i);
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    size = p;
  }

  private static int escape(char c, byte[] b, int p) {
    b[p++] = '\\';
    switch (c) {
      case '"' -> b[p++] = '"';
      case '\\' -> b[p++] = '\\';
      case '\b' -> b[p++] = 'b';
      case '\t' -> b[p++] = 't';
      case '\n' -> b[p++] = 'n';
      case '\f' -> b[p++] = 'f';
      case '\r' -> b[p++] = 'r';
      default -> {
        b[p++] = 'u';
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
      }
    }
    return p;
  }

  /**
   * Whether a string is well-formed UTF-16 (no lone surrogates).
   *
   * @param s the string
   * @return the index of the first lone surrogate, or -1
   */
  static int loneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  private void writeAscii(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) ascii.charAt(i);
    }
  }

  private void write(int c) {
    ensure(1);
    buf[size++] = (byte) c;
  }

  private void write(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(long n) {
    long need = size + n;
    if (need > buf.length) {
      if (need > hardCap) {
        throw new AuditLogException(AuditLogException.Reason.REJECTED,
            "event is larger than the limit of " + maxBytes + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(hardCap, Math.max(2L * buf.length, need)));
    }
  }

  private void enter() {
    // The path stack holds one entry per level below the top-level object.
    if (depth > maxDepth) {
      throw rejected("nested deeper than " + maxDepth);
    }
  }

  private void push(Object key) {
    if (depth == pathKeys.length) {
      pathKeys = Arrays.copyOf(pathKeys, depth * 2);
      pathIndex = Arrays.copyOf(pathIndex, depth * 2);
    }
    pathKeys[depth++] = key;
  }

  private void push(int index) {
    if (depth == pathKeys.length) {
      pathKeys = Arrays.copyOf(pathKeys, depth * 2);
      pathIndex = Arrays.copyOf(pathIndex, depth * 2);
    }
    pathKeys[depth] = null;
    pathIndex[depth++] = index;
  }

  private void pop() {
    pathKeys[--depth] = null;
  }

  /**
   * The path of the value being written, such as {@code attributes.scores[2]}, with long keys clipped.
   *
   * @return the path
   */
  String path() {
    if (depth == 0) {
      return "$";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      Object key = pathKeys[i];
      if (key == null) {
        sb.append('[').append(pathIndex[i]).append(']');
      } else {
        String k = (String) key;
        if (i > 0) {
          sb.append('.');
        }
        sb.append(k.length() > MAX_PATH_KEY ? k.substring(0, MAX_PATH_KEY) + "..." : k);
      }
    }
    return sb.toString();
  }

  private AuditLogException tooBigInteger() {
    return rejected("integer beyond 2^53; pass it as a string");
  }

  /**
   * A REJECTED exception naming the path of the value being written.
   *
   * @param what the problem, without the value
   * @return the exception
   */
  AuditLogException rejected(String what) {
    return new AuditLogException(AuditLogException.Reason.REJECTED, path() + ": " + what);
  }
}
