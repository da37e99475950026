package dev.modelgov.core.audit.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Reads the Merkle vectors in {@code ../shared/vectors/merkle} and the helpers the tests share. */
final class MerkleVectors {

  private static final Path DIR = TestFiles.shared().resolve("vectors/merkle");
  private static final JsonMapper JSON = new JsonMapper();

  private MerkleVectors() {}

  static JsonNode read(String name) {
    try {
      return JSON.readTree(DIR.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Standard base64 as Go encodes {@code []byte}; {@code null} or {@code ""} is empty. */
  static byte[] b64(JsonNode node) {
    return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
  }

  static List<byte[]> b64List(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(n -> out.add(b64(n)));
    }
    return out;
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  static Digest digest(JsonNode hexNode) {
    return Digest.sha256(hex(hexNode));
  }

  static List<Digest> digests(JsonNode hexArray) {
    List<Digest> out = new ArrayList<>();
    hexArray.forEach(n -> out.add(digest(n)));
    return out;
  }

  static List<byte[]> leaves(JsonNode root) {
    List<byte[]> out = new ArrayList<>();
    root.get("leaves_hex").forEach(n -> out.add(hex(n)));
    return out;
  }
}
