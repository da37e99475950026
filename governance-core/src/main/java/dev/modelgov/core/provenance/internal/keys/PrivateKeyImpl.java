package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.security.GeneralSecurityException;

/**
 * A private signing key with its public key. Immutable and thread-safe. Never prints or logs key material. For
 * internal use only; may change without notice.
 */
public abstract class PrivateKeyImpl {

  /** @return the algorithm the key is bound to */
  public abstract SignatureAlgorithm algorithm();

  /** @return the public half */
  public abstract PublicKeyImpl publicKey();

  /**
   * Signs.
   *
   * @param data the bytes to sign
   * @return the signature: 64 bytes for Ed25519, DER for ECDSA
   * @throws GeneralSecurityException if signing fails
   */
  public abstract byte[] sign(byte[] data) throws GeneralSecurityException;

  /** @return a fresh PKCS#8 DER encoding of the private key; the caller should wipe it after use */
  public abstract byte[] pkcs8Der();

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[" + algorithm() + "]";
  }
}
