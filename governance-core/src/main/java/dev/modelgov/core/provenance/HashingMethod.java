package dev.modelgov.core.provenance;

import java.util.Objects;

/**
 * How a model is cut into resources before hashing, as in OpenSSF model_signing's {@code serialization.method}.
 *
 * <ul>
 *   <li>{@link #FILES} ({@code "files"}, the default): one resource per file, named by its relative POSIX path.
 *   <li>{@link #SHARDS} ({@code "shards"}): files are cut into shards of a fixed size (the last one shorter), one
 *       resource per shard, named {@code path:start:end} with {@code end} exclusive. Empty files have no shard.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * HashingMethod m = HashingMethod.fromWireName("shards");   // SHARDS
 * m.wireName();                                             // "shards"
 * }</pre>
 */
public enum HashingMethod {
  /** One resource per file. */
  FILES("files"),
  /** One resource per fixed-size shard of each file. */
  SHARDS("shards");

  private final String wireName;

  HashingMethod(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name in model_signing's predicate.
   *
   * @return {@code "files"} or {@code "shards"}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The method with a wire name.
   *
   * @param wireName {@code "files"} or {@code "shards"}, exactly; must not be {@code null}
   * @return the method
   * @throws IllegalArgumentException if the name is not one of those
   */
  public static HashingMethod fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName must not be null");
    for (HashingMethod m : values()) {
      if (m.wireName.equals(wireName)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown serialization method '" + clip(wireName) + "'; expected 'files' or 'shards'");
  }

  private static String clip(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "..." : s;
  }
}
