package dev.modelgov.testkit.doubles;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link KeyRing} of freshly generated keys that live in memory, for tests: sign provenance with {@code release},
 * checkpoints with {@code audit}, and hand the same ring's {@link #trustRoot()} or {@link #noteVerifier} to the
 * verifying side. {@link #writePem(Path)} writes the keys as {@code governance keygen} does, for tests of the CLI or of
 * {@link KeyRing#pemDirectory(Path)}.
 *
 * <pre>{@code
 * TestKeyRing keys = TestKeyRing.generate("release", "audit");
 * SigningKey release = keys.signingKey("release").orElseThrow();
 * NoteSigner checkpoints = keys.noteSigner("audit", "bank.example/test/audit");
 * Path dir = keys.writePem(tempDir);   // release.key.pem, release.pub.pem, audit.key.pem, audit.pub.pem
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows names and key IDs only, never key material.
 */
public final class TestKeyRing implements KeyRing {

  private final Map<String, SigningKey> keys;
  private final KeyRing ring;

  private TestKeyRing(SignatureAlgorithm algorithm, String... names) {
    Objects.requireNonNull(names, "names must not be null");
    if (names.length == 0) {
      throw new IllegalArgumentException("names: a key ring needs at least one key name");
    }
    Map<String, SigningKey> generated = new LinkedHashMap<>();
    for (String name : names) {
      Objects.requireNonNull(name, "names must not contain null");
      if (generated.put(name, SigningKey.generate(algorithm)) != null) {
        throw new IllegalArgumentException("names: duplicate key name '" + name + "'");
      }
    }
    this.ring = KeyRing.of(generated);
    this.keys = generated;
  }

  /**
   * A ring of new Ed25519 keys, the algorithm of signed checkpoints and the default of {@code governance keygen}.
   *
   * @param names the key names, at least one, no duplicates (letters, digits, {@code .}, {@code _} and {@code -})
   * @return the ring
   * @throws IllegalArgumentException naming a duplicate or invalid name
   */
  public static TestKeyRing generate(String... names) {
    return new TestKeyRing(SignatureAlgorithm.ED25519, names);
  }

  /**
   * A ring of new ECDSA P-256 (SHA-256) keys. These sign provenance; checkpoints need Ed25519, so
   * {@link #noteSigner} refuses them.
   *
   * @param names the key names, at least one, no duplicates
   * @return the ring
   * @throws IllegalArgumentException naming a duplicate or invalid name
   */
  public static TestKeyRing ecdsaP256(String... names) {
    return new TestKeyRing(SignatureAlgorithm.ECDSA_P256_SHA256, names);
  }

  @Override
  public Set<String> names() {
    return ring.names();
  }

  @Override
  public Optional<SigningKey> signingKey(String name) {
    return ring.signingKey(name);
  }

  /**
   * @return a trust root that trusts every key's verification key under its name, with no validity window
   */
  @Override
  public TrustRoot trustRoot() {
    return ring.trustRoot();
  }

  /**
   * @param name a key name of this ring
   * @return the signing key of that name
   * @throws IllegalArgumentException naming the known names if there is none of that name
   */
  public SigningKey requireSigningKey(String name) {
    return signingKey(name).orElseThrow(() -> new IllegalArgumentException("no key named '" + name
        + "' in this ring; it has " + names()));
  }

  /**
   * @param name a key name of this ring
   * @return the public half of that key
   * @throws IllegalArgumentException naming the known names if there is no key of that name
   */
  public VerificationKey verificationKey(String name) {
    return requireSigningKey(name).verificationKey();
  }

  /**
   * A signer of C2SP signed notes (audit checkpoints) with one of the ring's Ed25519 keys.
   *
   * @param name a key name of this ring
   * @param origin the note key name, normally the log's origin (no spaces, {@code +} or control characters)
   * @return the signer
   * @throws IllegalArgumentException if there is no key of that name, the key is not Ed25519, or the origin is not a
   *     valid note key name
   */
  public NoteSigner noteSigner(String name, String origin) {
    return NoteSigner.ed25519(origin, requireSigningKey(name));
  }

  /**
   * The verifier matching {@link #noteSigner(String, String)}.
   *
   * @param name a key name of this ring
   * @param origin the note key name the signer uses
   * @return the verifier
   * @throws IllegalArgumentException as {@link #noteSigner(String, String)}
   */
  public NoteVerifier noteVerifier(String name, String origin) {
    return NoteVerifier.ed25519(origin, verificationKey(name));
  }

  /**
   * Writes every key as {@code governance keygen} does: {@code <name>.key.pem} (unencrypted PKCS#8, owner read and
   * write only where the file system has POSIX permissions) and {@code <name>.pub.pem} (SPKI). Refuses to replace a
   * file.
   *
   * @param dir the directory, created if missing; must not be {@code null}
   * @return {@code dir}, for {@link KeyRing#pemDirectory(Path)}
   * @throws IOException if a file exists already ({@link java.nio.file.FileAlreadyExistsException}) or cannot be
   *     written
   */
  public Path writePem(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir must not be null");
    Files.createDirectories(dir);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (Map.Entry<String, SigningKey> e : keys.entrySet()) {
      Path privateFile = dir.resolve(e.getKey() + ".key.pem");
      if (posix) {
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      } else {
        Files.createFile(privateFile);
      }
      Files.write(privateFile, e.getValue().toPkcs8Pem(InsecureKeyAccess.get()).getBytes(StandardCharsets.US_ASCII),
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.write(dir.resolve(e.getKey() + ".pub.pem"),
          e.getValue().verificationKey().toSpkiPem().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    }
    return dir;
  }

  /** Names and key IDs only; never key material. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TestKeyRing[");
    keys.forEach((name, key) -> s.append(s.length() > 12 ? ", " : "").append(name).append('=')
        .append(key.algorithm()).append(' ').append(key.keyId(), 0, 16).append('…'));
    return s.append(']').toString();
  }
}
