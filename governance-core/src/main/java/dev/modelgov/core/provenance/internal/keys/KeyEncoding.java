package dev.modelgov.core.provenance.internal.keys;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * DER and PEM encodings of keys: SubjectPublicKeyInfo (RFC 5280, RFC 8410), PKCS#8 (RFC 5208), and PEM text (RFC
 * 7468) with 64-character lines, LF line endings and a trailing newline. Error messages never quote the input. For
 * internal use only; may change without notice.
 */
public final class KeyEncoding {

  /** id-Ed25519 (RFC 8410); BouncyCastle 1.82 keeps its constant in a package it does not export. */
  static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112").intern();

  /** The PEM label of an SPKI public key. */
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  /** The PEM label of an unencrypted PKCS#8 private key. */
  public static final String PRIVATE_KEY = "PRIVATE KEY";

  /** Hints for PEM labels that are recognisably something else, keyed by label. */
  private static final Map<String, String> OTHER_LABELS =
      Map.of(
          "ENCRYPTED PRIVATE KEY",
          "an encrypted PKCS#8 key; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem)",
          "EC PRIVATE KEY",
          "a SEC1 EC key; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem)",
          "RSA PRIVATE KEY",
          "an RSA key; only Ed25519 and ECDSA P-256 keys can sign",
          "OPENSSH PRIVATE KEY",
          "an OpenSSH key; convert it to PKCS#8 (ssh-keygen -p -m PKCS8 -f key)",
          "ENCRYPTED SIGSTORE PRIVATE KEY",
          "an encrypted cosign key; export it as PKCS#8 first",
          "ENCRYPTED COSIGN PRIVATE KEY",
          "an encrypted cosign key; export it as PKCS#8 first",
          "CERTIFICATE",
          "a certificate; extract its public key (openssl x509 -pubkey -noout -in cert.pem)",
          "PUBLIC KEY",
          "a public key",
          "PRIVATE KEY",
          "a private key");

  private static final java.util.HexFormat HEX = java.util.HexFormat.of();

  private KeyEncoding() {}

  // ---------------------------------------------------------------------------------------------------------------
  // DER

  /**
   * @param rawPublicKey the 32-byte Ed25519 public key
   * @return its DER SubjectPublicKeyInfo
   */
  public static byte[] ed25519Spki(byte[] rawPublicKey) {
    return der(new SubjectPublicKeyInfo(new AlgorithmIdentifier(ID_ED25519), rawPublicKey));
  }

  static byte[] ecSpki(EcCurve curve, ECPoint q) {
    return der(
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()), q.getEncoded(false)));
  }

  /**
   * PKCS#8 v1 (no public key), as OpenSSL and the JDK write Ed25519 keys.
   *
   * @param seed the 32-byte Ed25519 seed
   * @return its DER PKCS#8 PrivateKeyInfo; the caller wipes it
   */
  public static byte[] ed25519Pkcs8(byte[] seed) {
    try {
      return der(
          new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519), new DEROctetString(seed)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an Ed25519 private key");
    }
  }

  /** PKCS#8 v1 around a SEC1 ECPrivateKey with the public key and without repeated parameters, as OpenSSL writes. */
  static byte[] ecPkcs8(EcCurve curve, BigInteger d, ECPoint q) {
    try {
      ECPrivateKey sec1 =
          new ECPrivateKey(curve.order().bitLength(), d, new DERBitString(q.getEncoded(false)), null);
      return der(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()), sec1));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an EC private key");
    }
  }

  private static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
    try {
      return object.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode " + object.getClass().getSimpleName());
    }
  }

  /**
   * Parses DER, rejecting BER, trailing bytes and anything that does not re-encode to the same bytes.
   *
   * @param der the input
   * @param what what the input should be, for the message
   * @return the ASN.1 value
   * @throws InvalidKeySpecException if the input is not DER
   */
  static ASN1Primitive strictDer(byte[] der, String what) throws InvalidKeySpecException {
    ASN1Primitive primitive;
    byte[] again;
    try {
      primitive = ASN1Primitive.fromByteArray(der);
      again = primitive.getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      // The cause is dropped on purpose: parser messages may describe the input.
      throw new InvalidKeySpecException("not a " + what + ": malformed DER");
    }
    boolean same = Arrays.equals(again, der);
    Arrays.fill(again, (byte) 0);
    if (!same) {
      throw new InvalidKeySpecException("not a " + what + ": not DER (BER, or trailing bytes)");
    }
    return primitive;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // PEM

  /**
   * Writes PEM: the label lines, base64 in 64-character lines, LF line endings, a trailing newline. This is the byte
   * layout whose SHA-256 OpenSSF model_signing uses as the public key hint.
   *
   * @param label the PEM label, e.g. {@link #PUBLIC_KEY}
   * @param der the DER content
   * @return the PEM text
   */
  public static String toPem(String label, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder pem = new StringBuilder(base64.length() + base64.length() / 64 + 2 * label.length() + 40);
    pem.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < base64.length(); i += 64) {
      pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    pem.append("-----END ").append(label).append("-----\n");
    return pem.toString();
  }

  /**
   * Reads exactly one PEM block with the expected label. Text before the block is ignored (as OpenSSL does); a second
   * block, PEM headers (legacy encryption) and another label are errors. Messages never quote the input.
   *
   * @param pem the PEM text
   * @param label the expected label
   * @return the DER content; the caller should wipe it after use if it is secret
   * @throws InvalidKeySpecException if the text is not one PEM block with that label
   */
  public static byte[] fromPem(String pem, String label) throws InvalidKeySpecException {
    PemObject object;
    PemObject second;
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      object = reader.readPemObject();
      second = object == null ? null : reader.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeySpecException("malformed PEM: expected one \"" + label + "\" block with base64 content");
    }
    if (object == null) {
      throw new InvalidKeySpecException("no PEM block found: expected -----BEGIN " + label + "-----");
    }
    byte[] content = object.getContent();
    if (second != null) {
      wipe(content, second.getContent());
      throw new InvalidKeySpecException("more than one PEM block: expected exactly one \"" + label + "\" block");
    }
    if (!label.equals(object.getType())) {
      wipe(content, null);
      String hint = OTHER_LABELS.get(object.getType());
      throw new InvalidKeySpecException(
          "expected a PEM \"" + label + "\" block, got "
              + (hint != null ? hint + " (\"" + object.getType() + "\")" : "a block with another label"));
    }
    if (!object.getHeaders().isEmpty()) {
      wipe(content, null);
      throw new InvalidKeySpecException("PEM headers are not supported (legacy PEM encryption?)");
    }
    if (content.length == 0) {
      throw new InvalidKeySpecException("the PEM block is empty");
    }
    return content;
  }

  private static void wipe(byte[] a, byte[] b) {
    Arrays.fill(a, (byte) 0);
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * @param bytes bytes
   * @return lowercase hex
   */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
