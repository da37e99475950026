package dev.modelgov.core.provenance.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Shared fixtures for the provenance tests: vectors, keys, models and manifests. */
final class Fixtures {

  static final ObjectMapper JSON = JsonMapper.builder().build();


  private Fixtures() {}

  static Path vectors() {
    return TestFiles.shared().resolve("vectors/provenance");
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An Ed25519 signing key from an RFC 8032 seed. */
  static SigningKey ed25519Seed(String seedHex) throws GeneralSecurityException {
    return SigningKey.fromEd25519Seed(HexFormat.of().parseHex(seedHex));
  }


  /** An Ed25519 public key from its 32 raw bytes. */
  static VerificationKey ed25519Public(String publicHex) throws GeneralSecurityException {
    return VerificationKey.fromEd25519Raw(HexFormat.of().parseHex(publicHex));
  }


  /** The model_signing P-384 public key. */
  static VerificationKey modelSigningKey() throws GeneralSecurityException, IOException {
    return VerificationKey.fromSpkiPem(
        Files.readString(vectors().resolve("model_signing/signing-key-pub.spki.pem"), StandardCharsets.US_ASCII));
  }

  /** Copies a directory tree. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** A small model directory with a few files. */
  static Path smallModel(Path parent, String name) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("weights.bin"), "weights of the model", StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/model.json"), "{\"layers\":3}", StandardCharsets.UTF_8);
    return dir;
  }

  static ModelManifest manifest(String name) {
    try {
      return ManifestCodec.defaults().read(TestFiles.manifest(name));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a verification that must fail and returns its exception. */
  static ProvenanceVerificationException failure(Verification v) {
    try {
      v.run();
    } catch (ProvenanceVerificationException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a ProvenanceVerificationException, got " + e, e);
    }
    throw new AssertionError("expected verification to fail, but it succeeded");
  }

  /** A verification step. */
  interface Verification {
    void run() throws Exception;
  }
}
