package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/** The NIST curves ModelGov accepts, each bound to its hash. For internal use only; may change without notice. */
public enum EcCurve {
  /** NIST P-256 (secp256r1) with SHA-256. */
  P256(SignatureAlgorithm.ECDSA_P256_SHA256, SECObjectIdentifiers.secp256r1, "SHA-256", SHA256Digest::new),
  /** NIST P-384 (secp384r1) with SHA-384. */
  P384(SignatureAlgorithm.ECDSA_P384_SHA384, SECObjectIdentifiers.secp384r1, "SHA-384", SHA384Digest::new);

  private final SignatureAlgorithm algorithm;
  private final ASN1ObjectIdentifier oid;
  private final String jdkDigest;
  private final Supplier<Digest> kDigest;
  private final ECNamedDomainParameters domain;
  private final int fieldBytes;

  EcCurve(SignatureAlgorithm algorithm, ASN1ObjectIdentifier oid, String jdkDigest, Supplier<Digest> kDigest) {
    this.algorithm = algorithm;
    this.oid = oid;
    this.jdkDigest = jdkDigest;
    this.kDigest = kDigest;
    // CustomNamedCurves: BouncyCastle's specialised field arithmetic, several times faster than the generic curves.
    X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
    this.domain = new ECNamedDomainParameters(oid, x9);
    this.fieldBytes = (x9.getCurve().getFieldSize() + 7) / 8;
  }

  /**
   * @param oid a named-curve OID
   * @return the curve, or empty if ModelGov does not accept it
   */
  static Optional<EcCurve> byOid(ASN1ObjectIdentifier oid) {
    for (EcCurve c : values()) {
      if (c.oid.equals(oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** @return the algorithm a key on this curve is bound to */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  ASN1ObjectIdentifier oid() {
    return oid;
  }

  ECNamedDomainParameters domain() {
    return domain;
  }

  BigInteger order() {
    return domain.getN();
  }

  /** @return the byte length of a field element and of each half of a P1363 signature */
  int fieldBytes() {
    return fieldBytes;
  }

  /** @return a fresh BouncyCastle digest for the RFC 6979 nonce HMAC */
  Digest nonceDigest() {
    return kDigest.get();
  }

  /** @return the message hash (JDK, which uses the SHA intrinsics) */
  byte[] hash(byte[] data) {
    try {
      return MessageDigest.getInstance(jdkDigest).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jdkDigest + " is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return this == P256 ? "P-256" : "P-384";
  }
}
