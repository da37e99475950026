package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/** An ECDSA private key (P-256 only: P-384 is verification only). For internal use only; may change without notice. */
final class EcdsaPrivateKeyImpl extends PrivateKeyImpl {

  private final EcCurve curve;
  private final ECPrivateKeyParameters key;
  private final EcdsaPublicKeyImpl publicKey;

  EcdsaPrivateKeyImpl(EcCurve curve, ECPrivateKeyParameters key, ECPublicKeyParameters publicKey) {
    this.curve = curve;
    this.key = key;
    this.publicKey = new EcdsaPublicKeyImpl(curve, publicKey);
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return curve.algorithm();
  }

  @Override
  public PublicKeyImpl publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    // Deterministic nonce (RFC 6979): no dependence on the quality of a random source at signing time.
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(curve.nonceDigest()));
    signer.init(true, key);
    BigInteger[] rs = signer.generateSignature(curve.hash(data));
    try {
      return StandardDSAEncoding.INSTANCE.encode(curve.order(), rs[0], rs[1]);
    } catch (IOException e) {
      throw new SignatureException("cannot DER-encode the ECDSA signature");
    }
  }

  @Override
  public byte[] pkcs8Der() {
    return KeyEncoding.ecPkcs8(curve, key.getD(), publicKey.parameters().getQ());
  }
}
