package dev.modelgov.core.provenance.internal.keys;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Generates keys and parses SubjectPublicKeyInfo and PKCS#8 DER into validated keys. Only Ed25519 (RFC 8410) and
 * named-curve P-256 / P-384 keys are accepted; P-384 only as a public key. Messages never quote the input. For
 * internal use only; may change without notice.
 */
public final class Keys {

  /** Shared: {@link SecureRandom} is thread-safe. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /**
   * Generates a fresh signing key.
   *
   * @param algorithm {@code ED25519} or {@code ECDSA_P256_SHA256}
   * @return the key
   * @throws IllegalArgumentException for {@code ECDSA_P384_SHA384}, which is verification only
   */
  public static PrivateKeyImpl generate(SignatureAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    switch (algorithm) {
      case ED25519:
        return new Ed25519PrivateKeyImpl(new Ed25519PrivateKeyParameters(RANDOM));
      case ECDSA_P256_SHA256:
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(EcCurve.P256.domain(), RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new EcdsaPrivateKeyImpl(
            EcCurve.P256, (ECPrivateKeyParameters) pair.getPrivate(), (ECPublicKeyParameters) pair.getPublic());
      case ECDSA_P384_SHA384:
        throw new IllegalArgumentException(
            "ECDSA_P384_SHA384 is verification only (for OpenSSF model_signing bundles); sign with ED25519 or"
                + " ECDSA_P256_SHA256");
      default:
        throw new IllegalArgumentException("unsupported signature algorithm " + algorithm);
    }
  }

  /**
   * Parses a DER SubjectPublicKeyInfo.
   *
   * @param der the DER bytes
   * @return the key, with its canonical encoding (EC points uncompressed)
   * @throws GeneralSecurityException if the input is not DER, not an accepted algorithm or curve, or not a valid key
   */
  public static PublicKeyImpl parseSpki(byte[] der) throws GeneralSecurityException {
    Objects.requireNonNull(der, "der must not be null");
    ASN1Primitive primitive = KeyEncoding.strictDer(der, "SubjectPublicKeyInfo");
    SubjectPublicKeyInfo spki;
    byte[] keyBytes;
    try {
      spki = SubjectPublicKeyInfo.getInstance(primitive);
      // getOctets() throws if the BIT STRING has padding bits.
      keyBytes = spki.getPublicKeyData().getOctets();
    } catch (RuntimeException e) {
      throw new InvalidKeySpecException("not a SubjectPublicKeyInfo");
    }
    AlgorithmIdentifier algorithm = spki.getAlgorithm();
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (KeyEncoding.ID_ED25519.equals(oid)) {
      if (algorithm.getParameters() != null) {
        throw new InvalidKeySpecException("Ed25519 public key with algorithm parameters (RFC 8410 forbids them)");
      }
      if (keyBytes.length != Ed25519PublicKeyParameters.KEY_SIZE) {
        throw new InvalidKeySpecException(
            "Ed25519 public key of " + keyBytes.length + " bytes, expected " + Ed25519PublicKeyParameters.KEY_SIZE);
      }
      try {
        return new Ed25519PublicKeyImpl(new Ed25519PublicKeyParameters(keyBytes));
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException("not a valid Ed25519 public key (not a canonical point encoding)");
      }
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      EcCurve curve = namedCurve(algorithm.getParameters());
      return new EcdsaPublicKeyImpl(curve, ecPublicKey(curve, keyBytes));
    }
    throw new InvalidKeySpecException(
        "unsupported public key algorithm " + oid + "; accepted: Ed25519, ECDSA on P-256 or P-384");
  }

  /**
   * Parses an unencrypted PKCS#8 private key (v1, or v2 with a public key that must match).
   *
   * @param der the DER bytes; not modified
   * @return the key
   * @throws GeneralSecurityException if the input is not DER, not Ed25519 or P-256, or not a valid key
   */
  public static PrivateKeyImpl parsePkcs8(byte[] der) throws GeneralSecurityException {
    Objects.requireNonNull(der, "der must not be null");
    ASN1Primitive primitive = KeyEncoding.strictDer(der, "PKCS#8 PrivateKeyInfo");
    PrivateKeyInfo info;
    ASN1Encodable inner;
    try {
      info = PrivateKeyInfo.getInstance(primitive);
      inner = info.parsePrivateKey();
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeySpecException("not a PKCS#8 PrivateKeyInfo");
    }
    AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (KeyEncoding.ID_ED25519.equals(oid)) {
      return ed25519PrivateKey(info, algorithm, inner);
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      EcCurve curve = namedCurve(algorithm.getParameters());
      if (curve != EcCurve.P256) {
        throw new InvalidKeySpecException(
            curve.algorithm() + " is verification only: " + curve + " private keys cannot sign; use P-256 or Ed25519");
      }
      return ecPrivateKey(curve, inner);
    }
    throw new InvalidKeySpecException(
        "unsupported private key algorithm " + oid + "; accepted: Ed25519, ECDSA on P-256");
  }

  private static PrivateKeyImpl ed25519PrivateKey(
      PrivateKeyInfo info, AlgorithmIdentifier algorithm, ASN1Encodable inner) throws GeneralSecurityException {
    if (algorithm.getParameters() != null) {
      throw new InvalidKeySpecException("Ed25519 private key with algorithm parameters (RFC 8410 forbids them)");
    }
    byte[] seed;
    try {
      seed = ASN1OctetString.getInstance(inner).getOctets();
    } catch (RuntimeException e) {
      throw new InvalidKeySpecException("malformed Ed25519 private key: expected an OCTET STRING (RFC 8410)");
    }
    try {
      if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
        throw new InvalidKeySpecException(
            "Ed25519 private key of " + seed.length + " bytes, expected " + Ed25519PrivateKeyParameters.KEY_SIZE);
      }
      Ed25519PrivateKeyImpl key = new Ed25519PrivateKeyImpl(new Ed25519PrivateKeyParameters(seed));
      if (info.hasPublicKey()) {
        byte[] embedded;
        try {
          embedded = info.getPublicKeyData().getOctets();
        } catch (RuntimeException e) {
          throw new InvalidKeySpecException("malformed public key in the PKCS#8 v2 private key");
        }
        byte[] derived = ((Ed25519PublicKeyImpl) key.publicKey()).parameters().getEncoded();
        if (!MessageDigest.isEqual(embedded, derived)) {
          throw new InvalidKeyException("the public key embedded in the PKCS#8 private key does not match it");
        }
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static PrivateKeyImpl ecPrivateKey(EcCurve curve, ASN1Encodable inner) throws GeneralSecurityException {
    ECPrivateKey sec1;
    BigInteger d;
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(inner);
      if (!ASN1Integer.getInstance(sequence.getObjectAt(0)).hasValue(1)) {
        throw new InvalidKeySpecException("unsupported SEC1 ECPrivateKey version (expected 1)");
      }
      sec1 = ECPrivateKey.getInstance(sequence);
      d = sec1.getKey();
    } catch (RuntimeException e) {
      throw new InvalidKeySpecException("malformed SEC1 ECPrivateKey inside the PKCS#8 key");
    }
    ASN1Object innerParameters = sec1.getParametersObject();
    if (innerParameters != null && !curve.oid().equals(innerParameters)) {
      throw new InvalidKeySpecException("the EC private key names two different curves");
    }
    if (d.signum() <= 0 || d.compareTo(curve.order()) >= 0) {
      throw new InvalidKeyException("the EC private scalar is out of range [1, n-1]");
    }
    ECPoint q = new FixedPointCombMultiplier().multiply(curve.domain().getG(), d).normalize();
    if (sec1.getPublicKey() != null) {
      ECPoint embedded;
      try {
        embedded = curve.domain().getCurve().decodePoint(sec1.getPublicKey().getOctets());
      } catch (RuntimeException e) {
        throw new InvalidKeySpecException("malformed public key in the SEC1 ECPrivateKey");
      }
      if (!embedded.equals(q)) {
        throw new InvalidKeyException("the public key embedded in the EC private key does not match it");
      }
    }
    ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(d, curve.domain());
    return new EcdsaPrivateKeyImpl(curve, privateKey, new ECPublicKeyParameters(q, curve.domain()));
  }

  private static EcCurve namedCurve(ASN1Encodable parameters) throws InvalidKeySpecException {
    if (!(parameters instanceof ASN1ObjectIdentifier)) {
      throw new InvalidKeySpecException(
          parameters == null
              ? "EC key without curve parameters"
              : "EC key with explicit or implicit curve parameters; only the named curves P-256 and P-384 are"
                  + " accepted");
    }
    ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) parameters;
    return EcCurve.byOid(oid)
        .orElseThrow(
            () ->
                new InvalidKeySpecException(
                    "unsupported elliptic curve " + oid + "; only P-256 (1.2.840.10045.3.1.7) and P-384"
                        + " (1.3.132.0.34) are accepted"));
  }

  private static ECPublicKeyParameters ecPublicKey(EcCurve curve, byte[] encodedPoint) throws InvalidKeyException {
    try {
      ECPoint q = curve.domain().getCurve().decodePoint(encodedPoint);
      // The constructor rejects the point at infinity and points not on the curve or not in the prime-order group.
      return new ECPublicKeyParameters(q, curve.domain());
    } catch (RuntimeException e) {
      throw new InvalidKeyException("not a valid " + curve + " public key (not a point on the curve)");
    }
  }

  /**
   * The key ID of a public key: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo (RFC 6962 style).
   *
   * @param spkiDer the DER
   * @return 64 hex characters
   */
  public static String keyId(byte[] spkiDer) {
    try {
      return KeyEncoding.hex(MessageDigest.getInstance("SHA-256").digest(spkiDer));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
