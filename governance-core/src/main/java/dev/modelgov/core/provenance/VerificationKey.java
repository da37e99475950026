package dev.modelgov.core.provenance;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.internal.keys.KeyEncoding;
import dev.modelgov.core.provenance.internal.keys.Keys;
import dev.modelgov.core.provenance.internal.keys.PublicKeyImpl;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A public key bound to exactly one {@link SignatureAlgorithm}, taken from the key itself: Ed25519 keys verify
 * {@link SignatureAlgorithm#ED25519}, P-256 keys {@link SignatureAlgorithm#ECDSA_P256_SHA256} and P-384 keys {@link
 * SignatureAlgorithm#ECDSA_P384_SHA384} (for OpenSSF model_signing bundles). The algorithm is never chosen by a
 * signature or an envelope. Immutable and thread-safe.
 *
 * <p>Keys are read from SubjectPublicKeyInfo (SPKI), the PEM {@code PUBLIC KEY} that OpenSSL, cosign and model_signing
 * write. The {@link #keyId() key ID} is the lowercase hex SHA-256 of the DER SPKI (RFC 6962 style); it is a lookup
 * hint, never a trust decision.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * VerificationKey key = VerificationKey.fromSpkiPem(Files.readString(Path.of("release-key.pub")));
 * key.verify(pae, signature);            // returns normally only if the signature is valid
 * String id = key.keyId();               // "9f86d081884c7d65..."
 * VerificationKey lenient = key.acceptingP1363();   // also accept raw r||s, e.g. the DSSE spec vector
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #verify} reports failure only by throwing: it returns normally if and only if the signature is valid
 *       for the data under this key and algorithm.
 *   <li>Parsing rejects unsupported algorithms and curves, explicit curve parameters, points not on the curve or at
 *       infinity, invalid Ed25519 points, and encodings that are not strict DER.
 *   <li>ECDSA signatures must be strict DER with {@code 0 < r, s < n}; raw r||s (IEEE P1363) is accepted only on a key
 *       returned by {@link #acceptingP1363()}. Ed25519 signatures must be 64 bytes with a canonical {@code S < L}
 *       (BouncyCastle's checks). ECDSA signatures are malleable ({@code (r, n-s)} is also valid): never use signature
 *       bytes as an identifier.
 *   <li>Uses BouncyCastle's lightweight API; no JCA provider is registered.
 * </ul>
 */
public final class VerificationKey {

  private final PublicKeyImpl key;
  private final boolean p1363;
  private final String keyId;

  private VerificationKey(PublicKeyImpl key, boolean p1363, String keyId) {
    this.key = key;
    this.p1363 = p1363;
    this.keyId = keyId;
  }

  static VerificationKey of(PublicKeyImpl key) {
    return new VerificationKey(key, false, Keys.keyId(key.spkiDerShared()));
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} (SPKI) block. Text before the block is ignored; a second block is an error.
   *
   * @param pem the PEM text, must not be {@code null}
   * @return the key
   * @throws GeneralSecurityException if the text is not one SPKI PEM block holding a valid Ed25519, P-256 or P-384
   *     key
   */
  public static VerificationKey fromSpkiPem(String pem) throws GeneralSecurityException {
    Objects.requireNonNull(pem, "pem must not be null");
    return fromSpkiDer(KeyEncoding.fromPem(pem, KeyEncoding.PUBLIC_KEY));
  }

  /**
   * Reads a DER SubjectPublicKeyInfo. An EC point given in compressed form is kept in uncompressed form, so {@link
   * #spkiDer()} and {@link #keyId()} always describe the canonical encoding.
   *
   * @param der the DER bytes, must not be {@code null}; not modified
   * @return the key
   * @throws GeneralSecurityException if the bytes are not a strict-DER SPKI holding a valid Ed25519, P-256 or P-384 key
   */
  public static VerificationKey fromSpkiDer(byte[] der) throws GeneralSecurityException {
    Objects.requireNonNull(der, "der must not be null");
    return of(Keys.parseSpki(der));
  }
  /**
   * An Ed25519 public key from its 32 raw bytes (RFC 8032 encoding), as C2SP note keys and test vectors carry it.
   *
   * @param rawPublicKey the 32-byte public key, must not be {@code null}
   * @return the key
   * @throws GeneralSecurityException if the bytes are not 32 or not a valid Ed25519 point
   */
  public static VerificationKey fromEd25519Raw(byte[] rawPublicKey) throws GeneralSecurityException {
    Objects.requireNonNull(rawPublicKey, "rawPublicKey must not be null");
    if (rawPublicKey.length != 32) {
      throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, got " + rawPublicKey.length);
    }
    return fromSpkiDer(KeyEncoding.ed25519Spki(rawPublicKey));
  }


  /**
   * The algorithm this key verifies, from the key itself.
   *
   * @return the algorithm
   */
  public SignatureAlgorithm algorithm() {
    return key.algorithm();
  }

  /**
   * The key ID: lowercase hex SHA-256 of {@link #spkiDer()}. Use it to look keys up, never to decide trust.
   *
   * @return 64 lowercase hex characters
   */
  public String keyId() {
    return keyId;
  }

  /**
   * The DER SubjectPublicKeyInfo.
   *
   * @return a fresh copy
   */
  public byte[] spkiDer() {
    return key.spkiDerShared().clone();
  }

  /** @return the DER SubjectPublicKeyInfo without a copy, for this package; callers must not modify it */
  byte[] spkiDerShared() {
    return key.spkiDerShared();
  }

  /**
   * The PEM {@code PUBLIC KEY} text: 64-character base64 lines, LF line endings, a trailing newline. OpenSSF
   * model_signing's {@code publicKey.hint} is the lowercase hex SHA-256 of exactly these bytes (UTF-8).
   *
   * @return the PEM text
   */
  public String toSpkiPem() {
    return KeyEncoding.toPem(KeyEncoding.PUBLIC_KEY, key.spkiDerShared());
  }

  /**
   * Whether this key also accepts raw r||s (IEEE P1363) ECDSA signatures.
   *
   * @return {@code true} for a key returned by {@link #acceptingP1363()} for an ECDSA key
   */
  public boolean acceptsP1363() {
    return p1363;
  }

  /**
   * A copy of this key that accepts ECDSA signatures as raw r||s (IEEE P1363, exactly twice the field length) as well
   * as DER. Use it only where such signatures are expected, e.g. the DSSE specification's own test vector or JWS
   * producers. For an Ed25519 key, whose signatures have a single encoding, this key itself is returned.
   *
   * @return a key equal to this one except that it accepts P1363
   */
  public VerificationKey acceptingP1363() {
    if (p1363 || key.algorithm() == SignatureAlgorithm.ED25519) {
      return this;
    }
    return new VerificationKey(key, true, keyId);
  }

  /**
   * Verifies a signature over {@code data}. Returns normally if and only if the signature is valid.
   *
   * @param data the signed bytes (for DSSE: the PAE), must not be {@code null}
   * @param signature the signature, must not be {@code null}: 64 bytes for Ed25519, DER for ECDSA (or r||s if {@link
   *     #acceptsP1363()})
   * @throws SignatureException if the signature is malformed or does not verify
   * @throws GeneralSecurityException never otherwise; declared so that callers handle failure
   */
  public void verify(byte[] data, byte[] signature) throws GeneralSecurityException {
    Objects.requireNonNull(data, "data must not be null");
    Objects.requireNonNull(signature, "signature must not be null");
    key.verify(data, signature, p1363);
  }

  /**
   * Equal keys have the same SPKI DER and the same P1363 setting.
   *
   * @param o another object
   * @return whether it is an equal key
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationKey
        && ((VerificationKey) o).p1363 == p1363
        && Arrays.equals(((VerificationKey) o).key.spkiDerShared(), key.spkiDerShared());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key.spkiDerShared()) + Boolean.hashCode(p1363);
  }

  /**
   * A description without key material: {@code VerificationKey[ECDSA_P256_SHA256, keyid=<first 16 hex>…]}, with
   * {@code , p1363} appended if P1363 is accepted.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "VerificationKey[" + key.algorithm() + ", keyid=" + keyId.substring(0, 16) + "…" + (p1363 ? ", p1363" : "")
        + "]";
  }
}
