package dev.modelgov.cel.internal;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelUnknownSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * CEL type names of runtime values, and compact CEL-literal renderings of them for explanations. For internal use only;
 * may change without notice.
 */
final class Values {

  /** Longest rendering, in chars, before it is cut with {@code ...}. */
  static final int MAX_RENDERED = 200;

  private Values() {}

  /**
   * The CEL type name of a runtime value, for "expression yielded string, expected bool".
   *
   * @param v the value
   * @return {@code bool}, {@code int}, {@code string}, {@code map}...
   */
  static String typeName(Object v) {
    if (v == null || v instanceof NullValue) {
      return "null_type";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof Long || v instanceof Integer) {
      return "int";
    } else if (v instanceof UnsignedLong) {
      return "uint";
    } else if (v instanceof Double || v instanceof Float) {
      return "double";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof CelByteString || v instanceof byte[]) {
      return "bytes";
    } else if (v instanceof Map) {
      return "map";
    } else if (v instanceof Collection) {
      return "list";
    } else if (v instanceof Instant || v instanceof com.google.protobuf.Timestamp) {
      return "timestamp";
    } else if (v instanceof Duration || v instanceof com.google.protobuf.Duration) {
      return "duration";
    } else if (v instanceof Optional) {
      return "optional_type";
    } else if (v instanceof CelUnknownSet) {
      return "unknown";
    }
    return v.getClass().getSimpleName();
  }

  /**
   * A compact CEL-literal rendering, cut to {@link #MAX_RENDERED} chars.
   *
   * @param v the value
   * @return for example {@code ["a", "b"]}, {@code {"k": 1}}, {@code timestamp("2026-01-01T00:00:00Z")}
   */
  static String render(Object v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    if (sb.length() > MAX_RENDERED) {
      sb.setLength(MAX_RENDERED - 3);
      sb.append("...");
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    if (sb.length() > MAX_RENDERED) {
      return;
    }
    if (v == null || v instanceof NullValue) {
      sb.append("null");
    } else if (v instanceof String s) {
      appendString(sb, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof UnsignedLong u) {
      sb.append(u).append('u');
    } else if (v instanceof Double d) {
      appendDouble(sb, d);
    } else if (v instanceof Map<?, ?> m) {
      if (v instanceof LazyVariables) {
        sb.append("variables");
        return;
      }
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext() && sb.length() <= MAX_RENDERED) {
        Map.Entry<?, ?> e = it.next();
        append(sb, e.getKey());
        sb.append(": ");
        append(sb, e.getValue());
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      Iterator<?> it = c.iterator();
      while (it.hasNext() && sb.length() <= MAX_RENDERED) {
        append(sb, it.next());
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append(']');
    } else if (v instanceof Instant i) {
      sb.append("timestamp(\"").append(i).append("\")");
    } else if (v instanceof com.google.protobuf.Timestamp t) {
      sb.append("timestamp(\"").append(Instant.ofEpochSecond(t.getSeconds(), t.getNanos())).append("\")");
    } else if (v instanceof Duration d) {
      appendDuration(sb, d);
    } else if (v instanceof com.google.protobuf.Duration d) {
      appendDuration(sb, Duration.ofSeconds(d.getSeconds(), d.getNanos()));
    } else if (v instanceof Optional<?> o) {
      if (o.isPresent()) {
        sb.append("optional.of(");
        append(sb, o.get());
        sb.append(')');
      } else {
        sb.append("optional.none()");
      }
    } else if (v instanceof CelByteString b) {
      sb.append("b<").append(b.size()).append(" bytes>");
    } else if (v instanceof CelUnknownSet) {
      sb.append("<unknown>");
    } else {
      sb.append('<').append(v.getClass().getSimpleName()).append('>');
    }
  }

  private static void appendDouble(StringBuilder sb, double d) {
    if (Double.isNaN(d)) {
      sb.append("double(\"NaN\")");
    } else if (Double.isInfinite(d)) {
      sb.append(d > 0 ? "double(\"Infinity\")" : "double(\"-Infinity\")");
    } else {
      sb.append(d);
    }
  }

  private static void appendDuration(StringBuilder sb, Duration duration) {
    sb.append("duration(\"");
    Duration d = duration;
    if (d.isNegative()) {
      sb.append('-');
      d = d.negated();
    }
    long nanos = d.getNano();
    sb.append(d.getSeconds());
    if (nanos != 0) {
      String frac = String.format("%09d", nanos).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    sb.append("s\")");
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    int limit = Math.min(s.length(), MAX_RENDERED + 1);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
