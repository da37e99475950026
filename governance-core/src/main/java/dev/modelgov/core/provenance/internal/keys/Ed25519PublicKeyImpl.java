package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key. For internal use only; may change without notice. */
final class Ed25519PublicKeyImpl extends PublicKeyImpl {

  private final Ed25519PublicKeyParameters key;

  Ed25519PublicKeyImpl(Ed25519PublicKeyParameters key) {
    super(KeyEncoding.ed25519Spki(key.getEncoded()));
    this.key = key;
  }

  Ed25519PublicKeyParameters parameters() {
    return key;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519;
  }

  @Override
  public void verify(byte[] data, byte[] signature, boolean allowP1363) throws SignatureException {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new SignatureException(
          "malformed Ed25519 signature: " + signature.length + " bytes, expected " + Ed25519.SIGNATURE_SIZE);
    }
    // Pure Ed25519 (no context, no pre-hash). BouncyCastle rejects S >= L and non-canonical encodings of R.
    if (!key.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0)) {
      throw new SignatureException("Ed25519 signature does not verify");
    }
  }
}
