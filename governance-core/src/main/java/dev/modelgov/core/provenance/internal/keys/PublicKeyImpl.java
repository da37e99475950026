package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.security.GeneralSecurityException;

/**
 * A parsed, validated public key bound to one algorithm. Immutable and thread-safe. For internal use only; may change
 * without notice.
 */
public abstract class PublicKeyImpl {

  private final byte[] spkiDer;

  PublicKeyImpl(byte[] spkiDer) {
    this.spkiDer = spkiDer;
  }

  /** @return the algorithm the key is bound to */
  public abstract SignatureAlgorithm algorithm();

  /** @return the canonical DER SubjectPublicKeyInfo; the caller must not modify it */
  public final byte[] spkiDerShared() {
    return spkiDer;
  }

  /**
   * Verifies a signature, and returns normally only if it is valid.
   *
   * @param data the signed bytes
   * @param signature the signature
   * @param allowP1363 whether ECDSA signatures may also be raw r||s (ignored for Ed25519)
   * @throws java.security.SignatureException if the signature is malformed or does not verify
   * @throws GeneralSecurityException never otherwise
   */
  public abstract void verify(byte[] data, byte[] signature, boolean allowP1363) throws GeneralSecurityException;
}
