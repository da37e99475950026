package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * An ECDSA public key on {@link EcCurve#P256} or {@link EcCurve#P384}. For internal use only; may change without
 * notice.
 */
final class EcdsaPublicKeyImpl extends PublicKeyImpl {

  private final EcCurve curve;
  private final ECPublicKeyParameters key;

  EcdsaPublicKeyImpl(EcCurve curve, ECPublicKeyParameters key) {
    super(KeyEncoding.ecSpki(curve, key.getQ()));
    this.curve = curve;
    this.key = key;
  }

  EcCurve curve() {
    return curve;
  }

  ECPublicKeyParameters parameters() {
    return key;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return curve.algorithm();
  }

  @Override
  public void verify(byte[] data, byte[] signature, boolean allowP1363) throws SignatureException {
    BigInteger n = curve.order();
    byte[] hash = curve.hash(data);
    // P1363 (raw r||s) only when configured, and only at exactly twice the field length. A 64-byte input can also be
    // a well-formed DER signature with short r and s, so a P1363 failure falls through to DER: either form alone is
    // a sound signature, so accepting whichever verifies gives an attacker nothing.
    if (allowP1363 && signature.length == 2 * curve.fieldBytes()) {
      BigInteger[] plain = null;
      try {
        plain = PlainDSAEncoding.INSTANCE.decode(n, signature);
      } catch (IllegalArgumentException e) {
        // r or s is not below n: not a valid P1363 signature, perhaps DER
      }
      if (plain != null && verifies(hash, plain)) {
        return;
      }
    }
    BigInteger[] rs;
    try {
      // BouncyCastle re-encodes and compares, so BER, extra or missing leading zeros, trailing bytes and values
      // outside [0, n) are all rejected here.
      rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
    } catch (IOException | RuntimeException e) {
      throw new SignatureException(
          allowP1363
              ? "malformed ECDSA signature: neither DER nor " + 2 * curve.fieldBytes() + "-byte r||s"
              : "malformed ECDSA signature: not a DER SEQUENCE of two INTEGERs in range");
    }
    if (!verifies(hash, rs)) {
      throw new SignatureException("ECDSA signature does not verify");
    }
  }

  private boolean verifies(byte[] hash, BigInteger[] rs) {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    // verifySignature returns false for r or s outside [1, n-1].
    return verifier.verifySignature(hash, rs[0], rs[1]);
  }
}
