package dev.modelgov.core.provenance.internal.dsse;

import static dev.modelgov.core.provenance.internal.dsse.ProvenanceJson.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The OpenSSF model_signing v1.0 predicate ({@code https://model_signing/signature/v1.0}): {@code serialization} and
 * {@code resources}, written as model_signing writes them and read strictly. For internal use only; may change without
 * notice.
 */
public final class ModelSigningPredicate {

  private ModelSigningPredicate() {}

  /**
   * The predicate for a hashed model.
   *
   * @param hash the model hash
   * @return {@code {"serialization":{...},"resources":[{"algorithm","name","digest"}...]}}
   */
  public static ObjectNode write(ModelHash hash) {
    Serialization s = hash.serialization();
    ObjectNode predicate = ProvenanceJson.object();
    ObjectNode serialization = predicate.putObject("serialization");
    serialization.put("method", s.method().wireName());
    serialization.put("hash_type", s.hashType());
    serialization.put("allow_symlinks", s.allowSymlinks());
    if (!s.ignorePaths().isEmpty()) {
      ArrayNode ignore = serialization.putArray("ignore_paths");
      s.ignorePaths().forEach(ignore::add);
    }
    if (s.method() == HashingMethod.SHARDS && s.shardSize().isPresent()) {
      serialization.put("shard_size", s.shardSize().getAsLong());
    }
    String algorithm = algorithm(s);
    ArrayNode resources = predicate.putArray("resources");
    for (ResourceDigest r : hash.resources()) {
      ObjectNode item = resources.addObject();
      item.put("algorithm", algorithm);
      item.put("name", r.name());
      item.put("digest", r.digest().hex());
    }
    return predicate;
  }

  /**
   * The per-resource algorithm name: the hash type for {@code files}, {@code <hash>-sharded-<size>} for {@code
   * shards}.
   *
   * @param s the serialization
   * @return the algorithm name
   */
  public static String algorithm(Serialization s) {
    return s.resourceAlgorithm();
  }

  /** A parsed predicate. @param serialization how the model was hashed @param resources the signed resources */
  public record Parsed(Serialization serialization, List<ResourceDigest> resources) {}

  /**
   * Reads the predicate strictly: known methods, sha256 only, consistent algorithm names, normalized unique paths,
   * and the limits.
   *
   * @param predicate the predicate
   * @param limits the limits
   * @return the serialization and resources, in signed order
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} or {@code SIZE_LIMIT_EXCEEDED}
   */
  public static Parsed read(JsonNode predicate, ProvenanceLimits limits) throws ProvenanceVerificationException {
    ObjectNode p = ProvenanceJson.object(predicate, "predicate");
    ObjectNode ser = ProvenanceJson.object(p.get("serialization"), "predicate.serialization");
    String methodName = ProvenanceJson.text(ser, "method", "predicate.serialization");
    HashingMethod method;
    try {
      method = HashingMethod.fromWireName(methodName);
    } catch (RuntimeException e) {
      throw malformed("predicate.serialization.method is not a known hashing method");
    }
    String hashType = ProvenanceJson.text(ser, "hash_type", "predicate.serialization");
    if (!Digest.SHA256.equals(hashType)) {
      throw malformed("predicate.serialization.hash_type is not supported (only sha256)");
    }
    JsonNode symlinks = ser.get("allow_symlinks");
    if (symlinks == null || !symlinks.isBoolean()) {
      throw malformed("predicate.serialization.allow_symlinks must be a boolean");
    }
    List<String> ignore = new ArrayList<>();
    JsonNode ignoreNode = ser.get("ignore_paths");
    if (ignoreNode != null) {
      if (!ignoreNode.isArray()) {
        throw malformed("predicate.serialization.ignore_paths must be an array of strings");
      }
      if (ignoreNode.size() > limits.maxResources()) {
        throw new ProvenanceVerificationException(
            Reason.SIZE_LIMIT_EXCEEDED, "predicate.serialization.ignore_paths has more entries than the limit");
      }
      for (JsonNode n : ignoreNode) {
        if (!n.isTextual()) {
          throw malformed("predicate.serialization.ignore_paths must be an array of strings");
        }
        if (n.textValue().length() > limits.maxPathLength()) {
          throw new ProvenanceVerificationException(
              Reason.SIZE_LIMIT_EXCEEDED, "predicate.serialization.ignore_paths has an over-long path");
        }
        ignore.add(n.textValue());
      }
    }
    OptionalLong shardSize = OptionalLong.empty();
    if (method == HashingMethod.SHARDS) {
      shardSize = OptionalLong.of(shardSize(ser.get("shard_size")));
    }
    Serialization serialization;
    try {
      serialization = new Serialization(method, hashType, symlinks.booleanValue(), List.copyOf(ignore), shardSize);
    } catch (RuntimeException e) {
      throw malformed("predicate.serialization is not a valid serialization");
    }

    JsonNode resourcesNode = p.get("resources");
    if (resourcesNode == null || !resourcesNode.isArray()) {
      throw malformed("predicate.resources must be an array");
    }
    if (resourcesNode.size() > limits.maxResources()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED,
          "predicate lists " + resourcesNode.size() + " resources, more than the limit of " + limits.maxResources());
    }
    String algorithm = algorithm(serialization);
    List<ResourceDigest> resources = new ArrayList<>(resourcesNode.size());
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode item : resourcesNode) {
      String where = "predicate.resources[" + index + "]";
      ObjectNode r = ProvenanceJson.object(item, where);
      String name = ProvenanceJson.text(r, "name", where);
      String alg = ProvenanceJson.text(r, "algorithm", where);
      String hex = ProvenanceJson.text(r, "digest", where);
      if (!alg.equals(algorithm)) {
        throw malformed(where + ".algorithm does not match the serialization");
      }
      checkName(name, method, index, limits);
      if (!names.add(name)) {
        throw malformed(where + ".name repeats an earlier resource");
      }
      Digest digest = ProvenanceJson.sha256(hex, where + ".digest");
      try {
        resources.add(new ResourceDigest(name, digest));
      } catch (RuntimeException e) {
        throw malformed(where + " is not a valid resource");
      }
      index++;
    }
    return new Parsed(serialization, List.copyOf(resources));
  }

  private static long shardSize(JsonNode node) throws ProvenanceVerificationException {
    if (node == null || !node.isNumber()) {
      throw malformed("predicate.serialization.shard_size must be a positive integer");
    }
    BigDecimal value = node.decimalValue();
    try {
      long size = value.stripTrailingZeros().longValueExact();
      if (size <= 0) {
        throw malformed("predicate.serialization.shard_size must be a positive integer");
      }
      return size;
    } catch (ArithmeticException e) {
      throw malformed("predicate.serialization.shard_size must be a positive integer");
    }
  }

  private static void checkName(String name, HashingMethod method, int index, ProvenanceLimits limits)
      throws ProvenanceVerificationException {
    String path = name;
    if (method == HashingMethod.SHARDS) {
      int second = name.lastIndexOf(':');
      int first = second > 0 ? name.lastIndexOf(':', second - 1) : -1;
      if (first <= 0) {
        throw malformed("resource " + index + " is not named path:start:end");
      }
      long start = offset(name.substring(first + 1, second), index);
      long end = offset(name.substring(second + 1), index);
      if (start > end) {
        throw malformed("resource " + index + " has a shard that ends before it starts");
      }
      path = name.substring(0, first);
    }
    PathRules.check(path, index, limits);
  }

  private static long offset(String digits, int index) throws ProvenanceVerificationException {
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw malformed("resource " + index + " has a shard offset that is not a decimal number");
    }
    return Long.parseLong(digits);
  }

  /**
   * Whether the resources hash to the subject digest (compared in constant time).
   *
   * @param resources the resources, in signed order
   * @param subject the subject digest
   * @return whether they match
   */
  public static boolean rootMatches(List<ResourceDigest> resources, Digest subject) {
    return ModelHash.rootOf(resources).matches(subject);
  }
}
