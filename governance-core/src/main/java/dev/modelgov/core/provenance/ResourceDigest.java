package dev.modelgov.core.provenance;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.internal.hashing.ModelPaths;
import java.util.Objects;

/**
 * One resource of a hashed model and its SHA-256 digest, as listed in model_signing's {@code predicate.resources}.
 *
 * <p>The name follows model_signing exactly:
 *
 * <ul>
 *   <li>method {@link HashingMethod#FILES}: the file's path relative to the model root, in POSIX form
 *       ({@code d0/f00});
 *   <li>method {@link HashingMethod#SHARDS}: {@code path:start:end}, byte offsets with {@code end} exclusive
 *       ({@code d0/f00:0:8});
 *   <li>a model that is a single file: its only resource is named {@code "."} (model_signing's {@code
 *       path.relative_to(path)}), or {@code .:start:end} for shards. The file's own name is the model name.
 * </ul>
 *
 * <p>Names are canonical and cannot escape the model: the constructor rejects empty names, absolute paths, {@code ..}
 * and {@code .} components, empty components ({@code a//b}, a trailing {@code /}) and NUL.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ResourceDigest file = new ResourceDigest("d0/f00", Digest.parse("sha256:fdd89253..."));
 * ResourceDigest shard = ResourceDigest.shard("d0/f00", 0, 8, Digest.parse("sha256:a37010c9..."));
 * shard.name();   // "d0/f00:0:8"
 * new ResourceDigest("../etc/passwd", d);   // IllegalArgumentException: resource name must not contain '..'
 * }</pre>
 *
 * @param name the resource name, as above; must not be {@code null}
 * @param digest the SHA-256 of the resource's bytes, must not be {@code null}
 */
public record ResourceDigest(String name, Digest digest) {

  /**
   * Checks the name.
   *
   * @throws IllegalArgumentException if the name is not a canonical relative POSIX path
   */
  public ResourceDigest {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(digest, "digest must not be null");
    String problem = ModelPaths.nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * A shard resource, named {@code path:start:end}.
   *
   * @param path the file's relative POSIX path ({@code "."} for a single-file model), must not be {@code null}
   * @param start the first byte, at least 0
   * @param end one past the last byte, greater than {@code start}
   * @param digest the SHA-256 of the shard's bytes, must not be {@code null}
   * @return the resource
   * @throws IllegalArgumentException if the path is not a resource name, contains {@code :}, or the range is empty
   */
  public static ResourceDigest shard(String path, long start, long end, Digest digest) {
    Objects.requireNonNull(path, "path must not be null");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("shard needs 0 <= start < end, was " + start + ".." + end);
    }
    if (path.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "a shard's path must not contain ':', was '" + ModelPaths.printable(path) + "'");
    }
    String problem = ModelPaths.nameProblem(path);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new ResourceDigest(ModelPaths.shardName(path, start, end), digest);
  }
}
