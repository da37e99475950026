package dev.modelgov.core.provenance.hashing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Builds model trees on disk and reads model_signing statements, for the hashing tests. */
final class Trees {

  private Trees() {}

  /** Writes a file, creating its parents. */
  static Path write(Path root, String name, byte[] content) {
    try {
      Path p = root.resolve(name);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an ASCII file without trailing newline. */
  static Path write(Path root, String name, String content) {
    return write(root, name, content.getBytes(StandardCharsets.US_ASCII));
  }

  /** SHA-256 of some bytes, computed independently of the hasher. */
  static Digest sha256(byte[] bytes) {
    try {
      return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of a file's whole content. */
  static Digest sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code predicate.serialization} of a model_signing statement; {@code shard_size} may be a float. */
  static Serialization serialization(JsonNode statement) {
    JsonNode s = statement.path("predicate").path("serialization");
    List<String> ignore = new ArrayList<>();
    s.path("ignore_paths").forEach(n -> ignore.add(n.asText()));
    OptionalLong shardSize = OptionalLong.empty();
    if (s.has("shard_size")) {
      double d = s.get("shard_size").asDouble();
      long l = (long) d;
      if (l != d) {
        throw new IllegalArgumentException("shard_size is not an integer: " + d);
      }
      shardSize = OptionalLong.of(l);
    }
    return new Serialization(
        HashingMethod.fromWireName(s.get("method").asText()),
        s.get("hash_type").asText(),
        s.get("allow_symlinks").asBoolean(),
        ignore,
        shardSize);
  }

  /** The {@code predicate.resources} of a statement, in order. */
  static List<ResourceDigest> resources(JsonNode statement) {
    List<ResourceDigest> out = new ArrayList<>();
    for (JsonNode r : statement.path("predicate").path("resources")) {
      out.add(new ResourceDigest(r.get("name").asText(), new Digest("sha256", r.get("digest").asText())));
    }
    return out;
  }

  /** The {@code algorithm} of each resource, in order. */
  static List<String> algorithms(JsonNode statement) {
    List<String> out = new ArrayList<>();
    statement.path("predicate").path("resources").forEach(r -> out.add(r.get("algorithm").asText()));
    return out;
  }

  /** The only subject's name. */
  static String subjectName(JsonNode statement) {
    return statement.path("subject").get(0).get("name").asText();
  }

  /** The only subject's sha256 digest. */
  static Digest subjectDigest(JsonNode statement) {
    return new Digest("sha256", statement.path("subject").get(0).path("digest").get("sha256").asText());
  }
}
