package dev.modelgov.core.provenance;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.internal.keys.KeyEncoding;
import dev.modelgov.core.provenance.internal.keys.Keys;
import dev.modelgov.core.provenance.internal.keys.PrivateKeyImpl;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key that signs with exactly one {@link SignatureAlgorithm}: {@link SignatureAlgorithm#ED25519} or {@link
 * SignatureAlgorithm#ECDSA_P256_SHA256} ({@link SignatureAlgorithm#ECDSA_P384_SHA384} is verification only).
 * Immutable and thread-safe.
 *
 * <p>Keys are generated here or read from unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), as written by {@code openssl
 * genpkey} or {@code openssl pkcs8 -topk8 -nocrypt}. The algorithm comes from the key. Reading the private key back
 * requires an {@link InsecureKeyAccess} token.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * byte[] signature = key.sign(pae);
 * key.verificationKey().verify(pae, signature);
 * String publicPem = key.verificationKey().toSpkiPem();           // publish this
 * String secretPem = key.toPkcs8Pem(InsecureKeyAccess.get());     // keep this secret
 * SigningKey again = SigningKey.fromPkcs8Pem(secretPem);
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Private key material leaves this object only through {@link #toPkcs8Pem(InsecureKeyAccess)}. {@link
 *       #toString()} and exception messages never contain key material or PEM text. Equality is identity: two keys
 *       are never compared by their secret bytes.
 *   <li>Ed25519 signatures are deterministic (RFC 8032). ECDSA signatures use a deterministic nonce (RFC 6979,
 *       HMAC-SHA-256), so signing does not depend on a random source, and are DER-encoded.
 *   <li>Imported keys are validated: only Ed25519 and named-curve P-256 keys, a private scalar in range, and an
 *       embedded public key (if any) that matches the private key.
 *   <li>Key generation uses {@link java.security.SecureRandom}. Uses BouncyCastle's lightweight API; no JCA provider is
 *       registered. Key material stays in the Java heap and is not wiped when the key becomes unreachable.
 * </ul>
 */
public final class SigningKey {

  private final PrivateKeyImpl key;
  private final VerificationKey verificationKey;

  private SigningKey(PrivateKeyImpl key) {
    this.key = key;
    this.verificationKey = VerificationKey.of(key.publicKey());
  }

  /**
   * Generates a new key.
   *
   * @param algorithm {@link SignatureAlgorithm#ED25519} or {@link SignatureAlgorithm#ECDSA_P256_SHA256}, must not be
   *     {@code null}
   * @return the key
   * @throws IllegalArgumentException for {@link SignatureAlgorithm#ECDSA_P384_SHA384}, which is verification only
   */
  public static SigningKey generate(SignatureAlgorithm algorithm) {
    return new SigningKey(Keys.generate(algorithm));
  }

  /**
   * Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block (v1, or v2 with a matching public key). The algorithm is
   * detected from the key. Text before the block is ignored; a second block is an error.
   *
   * @param pem the PEM text, must not be {@code null}
   * @return the key
   * @throws GeneralSecurityException if the text is not one unencrypted PKCS#8 PEM block holding a valid Ed25519 or
   *     P-256 key (encrypted, SEC1 {@code EC PRIVATE KEY}, RSA, P-384 and other curves are rejected with a hint)
   */
  public static SigningKey fromPkcs8Pem(String pem) throws GeneralSecurityException {
    Objects.requireNonNull(pem, "pem must not be null");
    byte[] der = KeyEncoding.fromPem(pem, KeyEncoding.PRIVATE_KEY);
    try {
      return new SigningKey(Keys.parsePkcs8(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * An Ed25519 key from its 32-byte RFC 8032 seed, as C2SP note keys and RFC 8032 test vectors carry it.
   *
   * @param seed the 32-byte private key seed, must not be {@code null}; not kept and not modified
   * @return the key
   * @throws GeneralSecurityException if the seed is not 32 bytes
   */
  public static SigningKey fromEd25519Seed(byte[] seed) throws GeneralSecurityException {
    Objects.requireNonNull(seed, "seed must not be null");
    if (seed.length != 32) {
      throw new GeneralSecurityException("an Ed25519 seed has 32 bytes, got " + seed.length);
    }
    byte[] der = KeyEncoding.ed25519Pkcs8(seed);
    try {
      return new SigningKey(Keys.parsePkcs8(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Writes the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}): 64-character lines, LF line endings, a
   * trailing newline. OpenSSL and the JDK read it. Store the result as a secret.
   *
   * @param access the token that marks this call as reading secret material, must not be {@code null}
   * @return the PEM text, which contains the private key
   */
  public String toPkcs8Pem(InsecureKeyAccess access) {
    Objects.requireNonNull(access, "access must not be null");
    byte[] der = key.pkcs8Der();
    try {
      return KeyEncoding.toPem(KeyEncoding.PRIVATE_KEY, der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * The algorithm this key signs with.
   *
   * @return the algorithm
   */
  public SignatureAlgorithm algorithm() {
    return key.algorithm();
  }

  /**
   * The public half.
   *
   * @return the verification key (DER signatures only)
   */
  public VerificationKey verificationKey() {
    return verificationKey;
  }

  /**
   * The key ID, the same as {@code verificationKey().keyId()}.
   *
   * @return 64 lowercase hex characters
   */
  public String keyId() {
    return verificationKey.keyId();
  }

  /**
   * Signs {@code data}.
   *
   * @param data the bytes to sign (for DSSE: the PAE), must not be {@code null}
   * @return for Ed25519 the 64-byte signature; for ECDSA the DER {@code SEQUENCE {r, s}}
   * @throws GeneralSecurityException if signing fails
   */
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    Objects.requireNonNull(data, "data must not be null");
    return key.sign(data);
  }

  /**
   * A description without key material: {@code SigningKey[ED25519, keyid=<first 16 hex>…]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "SigningKey[" + key.algorithm() + ", keyid=" + keyId().substring(0, 16) + "…]";
  }
}
