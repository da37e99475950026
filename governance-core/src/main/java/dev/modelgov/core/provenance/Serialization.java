package dev.modelgov.core.provenance;

import dev.modelgov.core.provenance.internal.hashing.ModelPaths;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a model was hashed: model_signing's {@code predicate.serialization}. A verifier re-hashes the local model with
 * {@link ModelHasher#forSerialization(Serialization)} so that both sides cut and hash it the same way.
 *
 * <p>The wire form, for reference: {@code {"method":"files","hash_type":"sha256","allow_symlinks":false,
 * "ignore_paths":[".git","model.sig",".gitattributes",".gitignore",".github"]}}; for shards also {@code
 * "shard_size":1000000000} (model_signing writes it as a float, {@code 1000000000.0}). model_signing omits {@code
 * ignore_paths} when the list is empty.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Serialization s = new Serialization(HashingMethod.SHARDS, "sha256", false, List.of(".git"), OptionalLong.of(8));
 * s.resourceAlgorithm();   // "sha256-sharded-8", the "algorithm" of each resource
 * ModelHash again = ModelHasher.forSerialization(s).hash(Path.of("models/bert"));
 * }</pre>
 *
 * @param method how the model is cut into resources, must not be {@code null}
 * @param hashType the per-resource hash, {@code "sha256"} for every model this library writes; other names
 *     (model_signing also knows {@code blake2b}) can be represented but not hashed. Must not be {@code null}
 * @param allowSymlinks whether symbolic links to files were hashed (by their target's content) instead of refused
 * @param ignorePaths paths relative to the model root that were left out, each covering a file or a whole directory;
 *     canonical relative POSIX paths (no {@code ..}, {@code .}, empty components, leading {@code /} or NUL). The order
 *     is informational. Must not be {@code null} or contain {@code null}
 * @param shardSize the shard size in bytes: present and positive for {@link HashingMethod#SHARDS}, empty for {@link
 *     HashingMethod#FILES}; must not be {@code null}
 */
public record Serialization(
    HashingMethod method, String hashType, boolean allowSymlinks, List<String> ignorePaths, OptionalLong shardSize) {

  /** The only hash type this library computes. */
  public static final String SHA256 = "sha256";

  /**
   * Validates every component and copies the list.
   *
   * @throws IllegalArgumentException naming the first problem
   */
  public Serialization {
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(hashType, "hashType must not be null");
    Objects.requireNonNull(ignorePaths, "ignorePaths must not be null");
    Objects.requireNonNull(shardSize, "shardSize must not be null");
    if (hashType.isEmpty() || hashType.length() > 32 || !hashType.chars().allMatch(Serialization::isTypeChar)) {
      throw new IllegalArgumentException(
          "hashType must be 1-32 lowercase letters, digits or '-', was '" + ModelPaths.printable(hashType) + "'");
    }
    for (String p : ignorePaths) {
      Objects.requireNonNull(p, "ignorePaths must not contain null");
      String problem = ModelPaths.ignorePathProblem(p);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    ignorePaths = List.copyOf(ignorePaths);
    if (method == HashingMethod.SHARDS) {
      if (shardSize.isEmpty()) {
        throw new IllegalArgumentException("shardSize must be set for method shards");
      }
      if (shardSize.getAsLong() <= 0) {
        throw new IllegalArgumentException("shardSize must be positive, was " + shardSize.getAsLong());
      }
    } else if (shardSize.isPresent()) {
      throw new IllegalArgumentException(
          "shardSize is only for method shards, but was " + shardSize.getAsLong() + " for method files");
    }
  }

  private static boolean isTypeChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  /**
   * The {@code algorithm} model_signing writes for each resource.
   *
   * @return {@code hashType} for files (e.g. {@code "sha256"}), {@code <hashType>-sharded-<shardSize>} for shards
   *     (e.g. {@code "sha256-sharded-1000000000"})
   */
  public String resourceAlgorithm() {
    return method == HashingMethod.SHARDS ? hashType + "-sharded-" + shardSize.getAsLong() : hashType;
  }
}
