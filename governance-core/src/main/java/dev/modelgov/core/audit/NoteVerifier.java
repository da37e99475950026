package dev.modelgov.core.audit;

import dev.modelgov.core.audit.internal.note.Ed25519NoteKeys;
import dev.modelgov.core.audit.internal.note.NoteText;
import dev.modelgov.core.provenance.VerificationKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted public key for {@link SignedNote signed notes}: a key name and an Ed25519 public key, identified in notes
 * by the C2SP key ID {@code SHA-256(name || 0x0A || 0x01 || public key)[:4]}. Immutable and thread-safe.
 *
 * <p>The text form is the C2SP / golang {@code vkey}: {@code <name>+<8 hex digits key ID>+<base64(0x01 || 32-byte
 * public key)>}, as printed by {@code go run golang.org/x/mod/sumdb/note} tools, Tessera and witnesses.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * NoteVerifier log = NoteVerifier.parse("example.com/audit+9fd3e6d7+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
 * SignedNote note = SignedNote.open(checkpointText, List.of(log));
 * NoteVerifier same = NoteVerifier.ed25519("example.com/audit", signingKey.verificationKey());
 * String vkey = same.vkey();   // publish this
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #parse(String)} checks that the key ID in the text is the one computed from the name and the key, and
 *       that the key is a valid Ed25519 point; a mismatching or corrupted vkey is rejected, never half-trusted.
 *   <li>Ed25519 signatures must be 64 bytes with canonical {@code S < L} (BouncyCastle's checks).
 *   <li>{@link #toString()} shows the name and key ID only.
 * </ul>
 *
 * @since 0.1
 */
public final class NoteVerifier {

  private final String keyName;
  private final int keyId;
  private final VerificationKey key;
  private final byte[] rawPublicKey;

  private NoteVerifier(String keyName, VerificationKey key, byte[] rawPublicKey) {
    this.keyName = keyName;
    this.key = key;
    this.rawPublicKey = rawPublicKey;
    this.keyId = Ed25519NoteKeys.keyId(keyName, Ed25519NoteKeys.TYPE_ED25519, rawPublicKey);
  }

  /**
   * A verifier for an Ed25519 key under a key name.
   *
   * @param keyName the key name, must not be {@code null}; non-empty, without spaces, {@code +} or control characters
   *     (C2SP recommends the log's origin)
   * @param key an {@link dev.modelgov.api.provenance.SignatureAlgorithm#ED25519} key, must not be {@code null}
   * @return the verifier
   * @throws IllegalArgumentException if the name is invalid or the key is not Ed25519
   */
  public static NoteVerifier ed25519(String keyName, VerificationKey key) {
    Objects.requireNonNull(keyName, "keyName must not be null");
    Objects.requireNonNull(key, "key must not be null");
    checkName(keyName);
    return new NoteVerifier(keyName, key, Ed25519NoteKeys.rawPublicKey(key));
  }

  /**
   * Reads a verifier key in the {@code name+hex(keyID)+base64(0x01 || public key)} form. Only Ed25519 (type 0x01) is
   * supported.
   *
   * @param vkey the text, must not be {@code null}
   * @return the verifier
   * @throws IllegalArgumentException if the text is not of that form, the key type is not Ed25519, the key is not a
   *     valid Ed25519 point, or the key ID does not match the name and key
   */
  public static NoteVerifier parse(String vkey) {
    Objects.requireNonNull(vkey, "vkey must not be null");
    String[] parts = vkey.split("\\+", 3); // base64 may contain '+'
    if (parts.length != 3) {
      throw new IllegalArgumentException("vkey must have the form <name>+<key ID hex>+<base64 key>");
    }
    checkName(parts[0]);
    if (parts[1].length() != 8 || !parts[1].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("vkey key ID must be 8 hex digits");
    }
    int statedId = Integer.parseUnsignedInt(parts[1], 16);
    byte[] typed =
        NoteText.decodeBase64(parts[2])
            .orElseThrow(() -> new IllegalArgumentException("vkey key is not canonical base64"));
    if (typed.length == 0 || typed[0] != Ed25519NoteKeys.TYPE_ED25519) {
      throw new IllegalArgumentException(
          "vkey key type must be 0x01 (Ed25519)" + (typed.length == 0 ? "" : ", was " + String.format("0x%02x", typed[0])));
    }
    if (typed.length != 33) {
      throw new IllegalArgumentException("vkey Ed25519 key must have 32 bytes, has " + (typed.length - 1));
    }
    byte[] raw = Arrays.copyOfRange(typed, 1, 33);
    VerificationKey key;
    try {
      key = Ed25519NoteKeys.verificationKey(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("vkey key is not a valid Ed25519 public key", e);
    }
    NoteVerifier v = new NoteVerifier(parts[0], key, raw);
    if (v.keyId != statedId) {
      throw new IllegalArgumentException(
          "vkey key ID " + parts[1] + " does not match the name and key (expected " + v.keyId() + ")");
    }
    return v;
  }

  static void checkName(String keyName) {
    Optional<String> problem = NoteText.keyNameProblem(keyName);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  /**
   * The key name, as it appears in signature lines.
   *
   * @return the name
   */
  public String keyName() {
    return keyName;
  }

  /**
   * The C2SP key ID.
   *
   * @return 8 lowercase hex digits
   */
  public String keyId() {
    return Ed25519NoteKeys.hex(keyId);
  }

  int keyIdValue() {
    return keyId;
  }

  /**
   * The public key.
   *
   * @return the Ed25519 verification key
   */
  public VerificationKey verificationKey() {
    return key;
  }

  /**
   * The text form {@code name+hex(keyID)+base64(0x01 || public key)}, which {@link #parse(String)} reads.
   *
   * @return the vkey
   */
  public String vkey() {
    byte[] typed = new byte[33];
    typed[0] = Ed25519NoteKeys.TYPE_ED25519;
    System.arraycopy(rawPublicKey, 0, typed, 1, 32);
    return keyName + "+" + keyId() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  /** @return whether the signature over the UTF-8 text verifies under this key */
  boolean verifies(byte[] text, byte[] signature) {
    try {
      key.verify(text, signature);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Equal verifiers have the same name and key.
   *
   * @param o another object
   * @return whether it is an equal verifier
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier
        && ((NoteVerifier) o).keyName.equals(keyName)
        && Arrays.equals(((NoteVerifier) o).rawPublicKey, rawPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * keyName.hashCode() + Arrays.hashCode(rawPublicKey);
  }

  /**
   * A description without the key: {@code NoteVerifier[<name>+<key ID>]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "NoteVerifier[" + keyName + "+" + keyId() + "]";
  }
}
