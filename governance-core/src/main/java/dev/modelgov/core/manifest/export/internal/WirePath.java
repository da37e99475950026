package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON paths into the manifest wire tree, in the form {@code datasets[1].digest}. Keys that are not plain identifiers
 * (a hyperparameter named {@code a.b}) are written as a quoted JSON string: {@code build.hyperparameters["a.b"]}. For
 * internal use only; may change without notice.
 */
public final class WirePath {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private WirePath() {}

  /**
   * @param parent the parent path, empty for the root
   * @param key an object key
   * @return the child path
   */
  public static String key(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[" + JsonNodeFactory.instance.textNode(key).toString() + "]";
  }

  /**
   * @param parent the parent path
   * @param index an array index
   * @return the child path
   */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * Splits a path into its steps: {@link String} keys and {@link Integer} indexes.
   *
   * @param path the path
   * @return the steps
   * @throws IllegalArgumentException if the path is malformed
   */
  public static List<Object> parse(String path) {
    List<Object> steps = new ArrayList<>();
    int i = 0;
    int n = path.length();
    if (n == 0) {
      throw new IllegalArgumentException("empty path");
    }
    boolean first = true;
    while (i < n) {
      char c = path.charAt(i);
      if (c == '[') {
        int close;
        if (i + 1 < n && path.charAt(i + 1) == '"') {
          int j = i + 2;
          StringBuilder key = new StringBuilder();
          while (j < n && path.charAt(j) != '"') {
            char k = path.charAt(j);
            if (k == '\\' && j + 1 < n) {
              j++;
              key.append(unescape(path, j));
              if (path.charAt(j) == 'u') {
                j += 4;
              }
            } else {
              key.append(k);
            }
            j++;
          }
          if (j + 1 >= n || path.charAt(j + 1) != ']') {
            throw new IllegalArgumentException("unterminated quoted key");
          }
          steps.add(key.toString());
          close = j + 1;
        } else {
          close = path.indexOf(']', i);
          if (close < 0) {
            throw new IllegalArgumentException("unterminated index");
          }
          String digits = path.substring(i + 1, close);
          if (!digits.matches("0|[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("bad index");
          }
          steps.add(Integer.valueOf(digits));
        }
        i = close + 1;
      } else {
        if (!first) {
          if (c != '.') {
            throw new IllegalArgumentException("expected '.' or '['");
          }
          i++;
        }
        int j = i;
        while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
          j++;
        }
        String key = path.substring(i, j);
        if (!PLAIN_KEY.matcher(key).matches()) {
          throw new IllegalArgumentException("bad key");
        }
        steps.add(key);
        i = j;
      }
      first = false;
    }
    return steps;
  }

  private static String unescape(String path, int j) {
    char e = path.charAt(j);
    switch (e) {
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case 'u':
        if (j + 4 >= path.length()) {
          throw new IllegalArgumentException("bad escape");
        }
        try {
          return String.valueOf((char) Integer.parseInt(path.substring(j + 1, j + 5), 16));
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException("bad escape", ex);
        }
      default:
        return String.valueOf(e);
    }
  }

  /**
   * Whether {@code path} is {@code ancestor} or lies below it.
   *
   * @param path a path
   * @param ancestor another path
   * @return whether path is at or under ancestor
   */
  public static boolean isAtOrUnder(String path, String ancestor) {
    if (ancestor.isEmpty()) {
      return true;
    }
    return path.equals(ancestor)
        || (path.startsWith(ancestor) && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '['));
  }
}
