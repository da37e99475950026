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
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Shared fixtures for the provenance tests: vectors, keys, models and manifests. */
final class Fixtures {

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

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
    byte[] seed = HexFormat.of().parseHex(seedHex);
    byte[] der = new byte[ED25519_PKCS8_PREFIX.length + seed.length];
    System.arraycopy(ED25519_PKCS8_PREFIX, 0, der, 0, ED25519_PKCS8_PREFIX.length);
    System.arraycopy(seed, 0, der, ED25519_PKCS8_PREFIX.length, seed.length);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    return SigningKey.fromPkcs8Pem(pem);
  }

  /** An Ed25519 public key from its 32 raw bytes. */
  static VerificationKey ed25519Public(String publicHex) throws GeneralSecurityException {
    byte[] pub = HexFormat.of().parseHex(publicHex);
    byte[] der = new byte[ED25519_SPKI_PREFIX.length + pub.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(pub, 0, der, ED25519_SPKI_PREFIX.length, pub.length);
    return VerificationKey.fromSpkiDer(der);
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
