package dev.modelgov.core.provenance;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named signing keys and the trust root that trusts them: what a service signs provenance and audit checkpoints with.
 *
 * <p>Names are short labels chosen by the application ({@code release} for provenance, {@code audit} for checkpoints
 * by convention). Implementations never show key material in {@code toString}. Users who keep keys elsewhere (an HSM, a
 * KMS, a Kubernetes Secret) implement this interface and check it with the testkit's {@code KeyRingContract}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.pemDirectory(Path.of("/etc/modelgov/keys"));   // release.key.pem, audit.key.pem ...
 * SigningKey release = keys.signingKey("release").orElseThrow();
 * Provenance provenance = Provenance.builder().trustRoot(keys.trustRoot()).build();
 * }</pre>
 */
public interface KeyRing {

  /** The conventional name of the key that signs provenance. */
  String RELEASE = "release";

  /** The conventional name of the key that signs audit checkpoints. */
  String AUDIT = "audit";

  /**
   * @return the names of the signing keys, in a stable order; never empty for a usable ring
   */
  Set<String> names();

  /**
   * @param name a key name
   * @return the signing key of that name, or empty if the ring has none
   */
  Optional<SigningKey> signingKey(String name);

  /**
   * @return a trust root that trusts the verification key of every signing key under its name
   */
  TrustRoot trustRoot();

  /**
   * A ring of freshly generated keys that live in memory only, for tests and demos.
   *
   * @param algorithm the algorithm of every key
   * @param names the key names, at least one, no duplicates
   * @return the ring
   */
  static KeyRing generated(SignatureAlgorithm algorithm, String... names) {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    Objects.requireNonNull(names, "names must not be null");
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    for (String name : names) {
      if (keys.put(name, SigningKey.generate(algorithm)) != null) {
        throw new IllegalArgumentException("names: duplicate key name '" + name + "'");
      }
    }
    return of(keys);
  }

  /**
   * A ring of the given keys.
   *
   * @param keys the keys by name (copied), at least one
   * @return the ring
   */
  static KeyRing of(Map<String, SigningKey> keys) {
    return new MapKeyRing(keys);
  }

  /**
   * Reads every {@code <name>.key.pem} (unencrypted PKCS#8, as {@code governance keygen} writes) in a directory.
   *
   * @param dir the directory
   * @return the ring
   * @throws IOException if the directory or a file cannot be read, or it holds no key
   * @throws GeneralSecurityException naming the file whose key cannot be parsed
   */
  static KeyRing pemDirectory(Path dir) throws IOException, GeneralSecurityException {
    Objects.requireNonNull(dir, "dir must not be null");
    Map<String, SigningKey> keys = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key.pem")) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".key.pem".length());
        if (Files.size(file) > 64 * 1024) {
          throw new IOException(file + ": larger than 64 KiB, not a PEM private key");
        }
        try {
          keys.put(name, SigningKey.fromPkcs8Pem(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
          throw new GeneralSecurityException(file + ": not a PKCS#8 private key we support: " + e.getMessage(), e);
        }
      }
    }
    if (keys.isEmpty()) {
      throw new IOException(dir + ": no <name>.key.pem file");
    }
    return of(keys);
  }
}
