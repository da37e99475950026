package dev.modelgov.core.provenance;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.internal.hashing.ModelPaths;
import dev.modelgov.core.provenance.internal.hashing.ParallelHasher;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The hash of a model in OpenSSF model_signing form: every resource with its digest, the root digest over them and
 * how they were computed. The root digest is the model's identity, the {@code subject} digest of a model_signing
 * in-toto statement; the same directory hashed with the same {@link Serialization} always gives the same root.
 *
 * <p>{@link ModelHasher#hash} returns resources sorted as model_signing sorts them (by path components, then shard
 * start) and a root equal to {@link #rootOf(List)} of them. The constructor does not recompute the root, so a
 * manifest read from a signed statement can be represented as it is and checked with {@code
 * ModelHash.rootOf(h.resources()).matches(h.rootDigest())}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelHash h = ModelHasher.defaults().hash(Path.of("models/sample_model"));
 * h.modelName();                 // "sample_model"
 * h.rootDigest();                // sha256:143cc682...
 * h.resources().get(0).name();   // "d0/f00"
 * ModelHash.rootOf(h.resources()).equals(h.rootDigest());   // true
 * }</pre>
 *
 * @param modelName the model's name: the last component of the model path. Informative only, it does not enter the
 *     root digest. Must not be {@code null}
 * @param rootDigest the SHA-256 over the resources' raw digests, must not be {@code null}
 * @param resources the resources, with unique names; for {@link HashingMethod#SHARDS} each named {@code
 *     path:start:end}. Must not be {@code null} or contain {@code null}
 * @param serialization how the resources were computed, must not be {@code null}
 */
public record ModelHash(
    String modelName, Digest rootDigest, List<ResourceDigest> resources, Serialization serialization) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if two resources share a name, or a shard name is malformed
   */
  public ModelHash {
    Objects.requireNonNull(modelName, "modelName must not be null");
    Objects.requireNonNull(rootDigest, "rootDigest must not be null");
    Objects.requireNonNull(resources, "resources must not be null");
    Objects.requireNonNull(serialization, "serialization must not be null");
    resources = List.copyOf(resources);
    Set<String> seen = new HashSet<>();
    for (ResourceDigest r : resources) {
      if (!seen.add(r.name())) {
        throw new IllegalArgumentException("resource '" + ModelPaths.printable(r.name()) + "' is listed twice");
      }
      if (serialization.method() == HashingMethod.SHARDS) {
        ModelPaths.parseShard(r.name());
      }
    }
  }

  /**
   * The root digest of a list of resources: SHA-256 over the concatenated raw (32-byte) digests, in the given order.
   * An empty list gives the SHA-256 of nothing, {@code e3b0c442...b855}.
   *
   * @param resources the resources in manifest order, must not be {@code null} or contain {@code null}
   * @return the root digest
   */
  public static Digest rootOf(List<ResourceDigest> resources) {
    Objects.requireNonNull(resources, "resources must not be null");
    MessageDigest md = ParallelHasher.sha256();
    byte[] raw = new byte[32];
    for (ResourceDigest r : resources) {
      Objects.requireNonNull(r, "resources must not contain null");
      String hex = r.digest().hex();
      for (int i = 0; i < 32; i++) {
        raw[i] = (byte) ((Character.digit(hex.charAt(2 * i), 16) << 4) | Character.digit(hex.charAt(2 * i + 1), 16));
      }
      md.update(raw);
    }
    return Digest.sha256(md.digest());
  }
}
