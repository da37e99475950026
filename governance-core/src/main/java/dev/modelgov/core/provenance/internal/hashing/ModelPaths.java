package dev.modelgov.core.provenance.internal.hashing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Relative POSIX names of model resources and ignore paths: validation, normalisation and model_signing's order.
 *
 * <p>For internal use only; may change without notice.
 */
public final class ModelPaths {

  /** The name of the only resource of a single-file model, as model_signing writes it. */
  public static final String SINGLE_FILE_NAME = ".";

  /**
   * Orders component arrays the way Python orders {@code pathlib.PurePosixPath} objects: component lists compared
   * lexicographically, each component by Unicode code points.
   */
  public static final Comparator<String[]> COMPONENT_ORDER = ModelPaths::compareComponents;

  private ModelPaths() {}

  /**
   * The problem with a resource name, or {@code null} when it is a canonical relative POSIX path: not empty, no NUL,
   * not absolute, no empty, {@code .} or {@code ..} component (the whole name {@code "."} names a single-file model).
   *
   * @param name the name
   * @return a message naming the problem, or {@code null}
   */
  public static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "resource name must not be empty";
    }
    if (SINGLE_FILE_NAME.equals(name)) {
      return null;
    }
    return pathProblem(name, "resource name");
  }

  /**
   * The problem with an ignore path in canonical form (as recorded in a serialization), or {@code null}.
   *
   * @param path the ignore path
   * @return a message naming the problem, or {@code null}
   */
  public static String ignorePathProblem(String path) {
    if (path.isEmpty()) {
      return "ignore path must not be empty";
    }
    return pathProblem(path, "ignore path");
  }

  private static String pathProblem(String name, String what) {
    if (name.indexOf('\0') >= 0) {
      return what + " must not contain NUL: '" + printable(name) + "'";
    }
    if (name.startsWith("/")) {
      return what + " must be relative, not absolute: '" + printable(name) + "'";
    }
    int start = 0;
    while (start <= name.length()) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? name.length() : slash;
      String component = name.substring(start, end);
      if (component.isEmpty()) {
        return what + " must not have an empty component (a double or trailing '/'): '" + printable(name) + "'";
      }
      if (component.equals("..")) {
        return what + " must not contain '..': '" + printable(name) + "'";
      }
      if (component.equals(".")) {
        return what + " must not contain a '.' component: '" + printable(name) + "'";
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return null;
  }

  /**
   * Normalises an ignore path given by a user: drops {@code .} and empty components (so {@code "./.git/"} becomes
   * {@code ".git"}) and rejects absolute paths, {@code ..}, NUL and paths that name the model root itself.
   *
   * @param path the path, relative to the model root
   * @return the canonical form
   * @throws IllegalArgumentException naming the problem
   */
  public static String normalizeIgnorePath(String path) {
    Objects.requireNonNull(path, "ignore path must not be null");
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("ignore path must not contain NUL: '" + printable(path) + "'");
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(
          "ignore path must be relative to the model root, not absolute: '" + printable(path) + "'");
    }
    List<String> kept = new ArrayList<>();
    for (String component : path.split("/", -1)) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        throw new IllegalArgumentException("ignore path must not contain '..': '" + printable(path) + "'");
      }
      kept.add(component);
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("ignore path must name something inside the model: '" + printable(path) + "'");
    }
    return String.join("/", kept);
  }

  /**
   * Splits a canonical name into its components.
   *
   * @param name a name accepted by {@link #nameProblem} or {@link #ignorePathProblem}
   * @return the components
   */
  public static String[] components(String name) {
    return name.split("/", -1);
  }

  /**
   * Whether {@code path} is {@code prefix} or lies below it, component-wise (Python's {@code is_relative_to}).
   *
   * @param path the components of a path
   * @param prefix the components of an ignore path
   * @return whether the ignore path covers the path
   */
  public static boolean startsWith(String[] path, String[] prefix) {
    if (prefix.length > path.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (!prefix[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares component arrays lexicographically, each component in code point order.
   *
   * @param a the first path
   * @param b the second path
   * @return negative, zero or positive
   */
  public static int compareComponents(String[] a, String[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = compareCodePoints(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /**
   * Compares strings by Unicode code points, as Python compares {@code str} (Java's {@link String#compareTo}
   * compares UTF-16 units, which orders supplementary characters before U+E000..U+FFFF).
   *
   * @param a the first string
   * @param b the second string
   * @return negative, zero or positive
   */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          // Move surrogates above U+E000..U+FFFF: the code point order.
          x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
          y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * Parses a shard name {@code path:start:end} exactly as model_signing does: three parts separated by {@code :}.
   *
   * @param name the resource name
   * @return the shard
   * @throws IllegalArgumentException if the name is not a shard name
   */
  public static Shard parseShard(String name) {
    String[] parts = name.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "shard name must be 'path:start:end' with exactly two ':', was '" + printable(name) + "'");
    }
    String problem = nameProblem(parts[0]);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    long start = parseOffset(parts[1], name);
    long end = parseOffset(parts[2], name);
    if (start >= end) {
      throw new IllegalArgumentException("shard must have start < end: '" + printable(name) + "'");
    }
    return new Shard(parts[0], start, end);
  }

  private static long parseOffset(String s, String name) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("shard offsets must be decimal numbers: '" + printable(name) + "'");
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new IllegalArgumentException("shard offsets must not have leading zeros: '" + printable(name) + "'");
    }
    return Long.parseLong(s);
  }

  /**
   * The name of a shard.
   *
   * @param path the file's name
   * @param start the first byte
   * @param end one past the last byte
   * @return {@code path:start:end}
   */
  public static String shardName(String path, long start, long end) {
    return path + ":" + start + ":" + end;
  }

  /**
   * A name cut to 200 characters with control characters escaped, for error messages.
   *
   * @param name the name
   * @return a printable form
   */
  public static String printable(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), 200) + 8);
    for (int i = 0; i < name.length() && i < 200; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (name.length() > 200) {
      sb.append("...");
    }
    return sb.toString();
  }

  /**
   * A parsed shard name.
   *
   * @param path the file's name
   * @param start the first byte
   * @param end one past the last byte
   */
  public record Shard(String path, long start, long end) {}
}
