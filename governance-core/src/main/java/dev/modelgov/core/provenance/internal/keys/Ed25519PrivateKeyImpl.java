package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key. For internal use only; may change without notice. */
final class Ed25519PrivateKeyImpl extends PrivateKeyImpl {

  private final Ed25519PrivateKeyParameters key;
  private final Ed25519PublicKeyImpl publicKey;

  Ed25519PrivateKeyImpl(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = new Ed25519PublicKeyImpl(key.generatePublicKey());
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519;
  }

  @Override
  public PublicKeyImpl publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    // The call Ed25519Signer makes, without its message buffer copy (pure Ed25519: no context, no pre-hash).
    key.sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
    return signature;
  }

  @Override
  public byte[] pkcs8Der() {
    byte[] seed = key.getEncoded();
    try {
      return KeyEncoding.ed25519Pkcs8(seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }
}
