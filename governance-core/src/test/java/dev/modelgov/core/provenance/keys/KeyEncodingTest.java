package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PKCS#8 and SPKI PEM: round trips, interoperability with the JDK, and rejection of everything else. */
class KeyEncodingTest {

  private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
  private static final Pattern PEM_LAYOUT =
      Pattern.compile(
          "-----BEGIN ([A-Z ]+)-----\n([A-Za-z0-9+/]{64}\n)*"
              + "(?=[A-Za-z0-9+/=]{1,64}\n)[A-Za-z0-9+/]*={0,2}\n-----END \\1-----\n");

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void pkcs8_pem_round_trips_to_an_equivalent_key(SignatureAlgorithm algorithm) throws Exception {
    // GIVEN a generated key
    SigningKey key = SigningKey.generate(algorithm);
    // WHEN it is written as PKCS#8 PEM and read back
    String pem = key.toPkcs8Pem(InsecureKeyAccess.get());
    SigningKey again = SigningKey.fromPkcs8Pem(pem);
    // THEN the PEM has 64-character lines, LF endings and a trailing newline, and writes back identically
    assertThat(pem).matches(PEM_LAYOUT).startsWith(KeyVectors.header("PRIVATE KEY"));
    assertThat(again.toPkcs8Pem(InsecureKeyAccess.get())).isEqualTo(pem);
    // AND the key is the same: same algorithm, public key and key ID, and signatures cross-verify
    assertThat(again.algorithm()).isEqualTo(algorithm);
    assertThat(again.verificationKey()).isEqualTo(key.verificationKey());
    assertThat(again.keyId()).isEqualTo(key.keyId());
    byte[] data = "round trip".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    key.verificationKey().verify(data, again.sign(data));
    again.verificationKey().verify(data, key.sign(data));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void spki_pem_round_trips(SignatureAlgorithm algorithm) throws Exception {
    // GIVEN a public key
    VerificationKey key = SigningKey.generate(algorithm).verificationKey();
    // WHEN it is written as SPKI PEM and read back, from PEM and from DER
    String pem = key.toSpkiPem();
    // THEN the PEM has the fixed layout and the keys are equal
    assertThat(pem).matches(PEM_LAYOUT).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(VerificationKey.fromSpkiPem(pem)).isEqualTo(key);
    assertThat(VerificationKey.fromSpkiDer(key.spkiDer())).isEqualTo(key);
    assertThat(VerificationKey.fromSpkiPem(pem).toSpkiPem()).isEqualTo(pem);
    assertThat(VerificationKey.fromSpkiPem(pem).algorithm()).isEqualTo(algorithm);
  }

  @Test
  void the_model_signing_p384_key_parses_and_its_pem_hashes_to_the_bundle_hint() throws Exception {
    // GIVEN model_signing's P-384 public key file and the hint of the bundle it signed
    byte[] file = java.nio.file.Files.readAllBytes(KeyVectors.provenance("model_signing/signing-key-pub.spki.pem"));
    String hint =
        KeyVectors.json(KeyVectors.provenance("model_signing/v1.1.0-elliptic-key/model.sig"))
            .path("verificationMaterial").path("publicKey").path("hint").asText();
    // WHEN it is read and written back
    VerificationKey key = VerificationKey.fromSpkiPem(new String(file, java.nio.charset.StandardCharsets.US_ASCII));
    byte[] written = key.toSpkiPem().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // THEN it is a P-384 key whose PEM text is the file's exact bytes, whose SHA-256 is the hint
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
    assertThat(written).isEqualTo(file);
    assertThat(hint).startsWith("e8450dec").endsWith("3f8e").hasSize(64);
    assertThat(KeyVectors.hex(sha256(written))).isEqualTo(KeyVectors.hex(sha256(file))).isEqualTo(hint);
    // AND the certtool dump with the same key after its text parses to the same key
    String certtool =
        java.nio.file.Files.readString(KeyVectors.provenance("model_signing/signing-key-pub.certtool.pem"));
    assertThat(VerificationKey.fromSpkiPem(certtool)).isEqualTo(key);
  }

  @Test
  void the_model_signing_bundle_signature_verifies_with_sha384_over_its_pae() throws Exception {
    // GIVEN the model_signing v1.1.0 bundle (P-384, DER, SHA-384) and its public key
    com.fasterxml.jackson.databind.JsonNode envelope =
        KeyVectors.json(KeyVectors.provenance("model_signing/v1.1.0-elliptic-key/model.sig")).path("dsseEnvelope");
    VerificationKey key =
        VerificationKey.fromSpkiPem(
            java.nio.file.Files.readString(KeyVectors.provenance("model_signing/signing-key-pub.spki.pem")));
    byte[] body = Base64.getDecoder().decode(envelope.path("payload").asText());
    byte[] pae = pae(envelope.path("payloadType").asText(), body);
    byte[] sig = Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText());
    // WHEN the signature is verified over the PAE THEN it is valid
    key.verify(pae, sig);
    // AND over a PAE with one byte changed it is not
    pae[pae.length - 2] ^= 1;
    assertThatThrownBy(() -> key.verify(pae, sig)).isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void p384_private_keys_are_verification_only() throws Exception {
    // GIVEN a P-384 private key from the JDK
    KeyPair pair = jdkKeyPair("EC", "secp384r1");
    String pem = KeyVectors.pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    // WHEN it is read, or a P-384 key is generated, THEN both are refused, saying why
    assertThatThrownBy(() -> SigningKey.fromPkcs8Pem(pem))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("verification only");
    assertThatThrownBy(() -> SigningKey.generate(SignatureAlgorithm.ECDSA_P384_SHA384))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verification only");
    // AND its public key is accepted for verification, bound to SHA-384
    VerificationKey key = VerificationKey.fromSpkiDer(pair.getPublic().getEncoded());
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
    byte[] data = {1, 2, 3};
    key.verify(data, jdkSign("SHA384withECDSA", pair.getPrivate(), data));
    assertThatThrownBy(() -> key.verify(data, jdkSign("SHA256withECDSA", pair.getPrivate(), data)))
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void keys_interoperate_with_the_jdk_both_ways() throws Exception {
    byte[] data = "interop".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (String[] c : new String[][] {{"Ed25519", null, "Ed25519"}, {"EC", "secp256r1", "SHA256withECDSA"}}) {
      // GIVEN a JDK key pair in PKCS#8 and SPKI
      KeyPair pair = jdkKeyPair(c[0], c[1]);
      SigningKey ours = SigningKey.fromPkcs8Pem(KeyVectors.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      // WHEN our key signs THEN the JDK verifies, and the JDK's signature verifies with ours
      assertThat(ours.verificationKey().spkiDer()).isEqualTo(pair.getPublic().getEncoded());
      assertThat(jdkVerify(c[2], pair.getPublic(), data, ours.sign(data))).isTrue();
      VerificationKey.fromSpkiDer(pair.getPublic().getEncoded()).verify(data, jdkSign(c[2], pair.getPrivate(), data));
      // AND the JDK reads what we write
      KeyFactory factory = KeyFactory.getInstance(c[0]);
      PrivateKey back =
          factory.generatePrivate(new PKCS8EncodedKeySpec(pemBody(ours.toPkcs8Pem(InsecureKeyAccess.get()))));
      PublicKey publicBack =
          factory.generatePublic(new X509EncodedKeySpec(pemBody(ours.verificationKey().toSpkiPem())));
      assertThat(jdkVerify(c[2], publicBack, data, jdkSign(c[2], back, data))).isTrue();
    }
  }

  @Test
  void pkcs8_v2_ed25519_keys_are_read_only_with_their_own_public_key() throws Exception {
    // GIVEN RFC 8032 TEST 1's seed in PKCS#8 v2, once with its public key and once with another key's
    byte[] seed = KeyVectors.hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] own = KeyVectors.hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] other = KeyVectors.hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    // WHEN each is read THEN the matching one gives the RFC key, and the mismatched one is refused
    assertThat(SigningKey.fromPkcs8Pem(pkcs8v2(seed, own)).verificationKey().spkiDer()).endsWith(own);
    assertRejected(() -> SigningKey.fromPkcs8Pem(pkcs8v2(seed, other)), "does not match");
  }

  @Test
  void ec_private_keys_with_a_scalar_out_of_range_or_a_mismatched_public_key_are_refused() throws Exception {
    X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    BigInteger n = p256.getN();
    for (BigInteger d : new BigInteger[] {BigInteger.ZERO, n, n.add(BigInteger.ONE)}) {
      // GIVEN a P-256 key with d = 0, n or n + 1 WHEN read THEN refused
      assertRejected(() -> SigningKey.fromPkcs8Pem(ecPkcs8(SECObjectIdentifiers.secp256r1, d, null)), "out of range");
    }
    // GIVEN d = 2 with the public key of d = 3 WHEN read THEN refused
    byte[] wrongQ = p256.getG().multiply(BigInteger.valueOf(3)).getEncoded(false);
    assertRejected(
        () -> SigningKey.fromPkcs8Pem(ecPkcs8(SECObjectIdentifiers.secp256r1, BigInteger.TWO, wrongQ)),
        "does not match");
    // AND with its own public key it is read
    byte[] rightQ = p256.getG().multiply(BigInteger.TWO).getEncoded(false);
    assertThat(SigningKey.fromPkcs8Pem(ecPkcs8(SECObjectIdentifiers.secp256r1, BigInteger.TWO, rightQ)).algorithm())
        .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void other_curves_and_algorithms_are_refused() throws Exception {
    X9ECParameters k1 = CustomNamedCurves.getByName("secp256k1");
    // GIVEN secp256k1 keys (a valid point and scalar, but not an accepted curve)
    byte[] k1Spki = spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
        k1.getG().getEncoded(false));
    // WHEN read THEN refused, naming the curve
    assertRejected(() -> VerificationKey.fromSpkiDer(k1Spki), "unsupported elliptic curve 1.3.132.0.10");
    assertRejected(
        () -> SigningKey.fromPkcs8Pem(ecPkcs8(SECObjectIdentifiers.secp256k1, BigInteger.TWO, null)),
        "unsupported elliptic curve");
    // GIVEN P-256 with explicit domain parameters WHEN read THEN refused
    X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    byte[] explicit =
        spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, p256), p256.getG().getEncoded(false));
    assertRejected(() -> VerificationKey.fromSpkiDer(explicit), "named curves");
    // GIVEN RSA keys from the JDK WHEN read THEN refused
    KeyPair rsa = jdkKeyPair("RSA", null);
    assertRejected(() -> VerificationKey.fromSpkiDer(rsa.getPublic().getEncoded()), "unsupported public key algorithm");
    assertRejected(
        () -> SigningKey.fromPkcs8Pem(KeyVectors.pem("PRIVATE KEY", rsa.getPrivate().getEncoded())),
        "unsupported private key algorithm");
  }

  @Test
  void invalid_public_points_are_refused() throws Exception {
    X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    X9ECParameters p384 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
    AlgorithmIdentifier onP256 =
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);
    byte[] g = p256.getG().getEncoded(false);
    byte[] offCurve = g.clone();
    offCurve[offCurve.length - 1] ^= 1;
    // GIVEN the point at infinity, a point off the curve, a P-384 point labelled P-256, and an empty key
    // WHEN read THEN each is refused
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(onP256, new byte[] {0})), "not a valid P-256 public key");
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(onP256, offCurve)), "not a valid P-256 public key");
    assertRejected(
        () -> VerificationKey.fromSpkiDer(spki(onP256, p384.getG().getEncoded(false))), "not a valid P-256 public key");
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(onP256, new byte[0])), "not a valid P-256 public key");
    // GIVEN Ed25519 keys with parameters, of the wrong length, and a non-canonical y (y = p, refused by BouncyCastle)
    byte[] raw = KeyVectors.hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(new AlgorithmIdentifier(ED25519, DERNull.INSTANCE), raw)),
        "parameters");
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(new AlgorithmIdentifier(ED25519), Arrays.copyOf(raw, 31))),
        "31 bytes");
    byte[] yEqualsP = KeyVectors.hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    assertRejected(() -> VerificationKey.fromSpkiDer(spki(new AlgorithmIdentifier(ED25519), yEqualsP)),
        "not a valid Ed25519 public key");
  }

  @Test
  void compressed_points_are_accepted_and_kept_uncompressed() throws Exception {
    // GIVEN a P-256 SPKI with a compressed point
    X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
    AlgorithmIdentifier onP256 =
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);
    byte[] compressed = spki(onP256, p256.getG().getEncoded(true));
    byte[] uncompressed = spki(onP256, p256.getG().getEncoded(false));
    // WHEN read THEN it equals the uncompressed key, whose encoding and key ID it reports
    VerificationKey key = VerificationKey.fromSpkiDer(compressed);
    assertThat(key).isEqualTo(VerificationKey.fromSpkiDer(uncompressed));
    assertThat(key.spkiDer()).isEqualTo(uncompressed);
    assertThat(key.keyId()).isEqualTo(KeyVectors.hex(sha256(uncompressed)));
  }

  @Test
  void non_der_encodings_are_refused() throws Exception {
    byte[] der = SigningKey.generate(SignatureAlgorithm.ED25519).verificationKey().spkiDer();
    // GIVEN trailing bytes, a long-form length where short form is required, and a truncation
    byte[] trailing = Arrays.copyOf(der, der.length + 1);
    byte[] longForm = new byte[der.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    System.arraycopy(der, 1, longForm, 2, der.length - 1);
    byte[] truncated = Arrays.copyOf(der, der.length - 1);
    // WHEN read THEN each is refused
    for (byte[] bad : new byte[][] {trailing, longForm, truncated, new byte[0]}) {
      assertRejected(() -> VerificationKey.fromSpkiDer(bad), "SubjectPublicKeyInfo");
    }
  }

  @Test
  void other_pem_blocks_are_refused_with_a_hint_and_without_quoting_the_input() throws Exception {
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    String privatePem = key.toPkcs8Pem(InsecureKeyAccess.get());
    byte[] pkcs8 = pemBody(privatePem);
    String publicPem = key.verificationKey().toSpkiPem();
    // GIVEN PEM with other labels, two blocks, no block, bad base64 and legacy encryption headers
    // WHEN read THEN each is refused with a useful message
    assertRejected(() -> SigningKey.fromPkcs8Pem(KeyVectors.pem("EC PRIVATE KEY", pkcs8)), "openssl pkcs8 -topk8");
    assertRejected(() -> SigningKey.fromPkcs8Pem(KeyVectors.pem("ENCRYPTED PRIVATE KEY", pkcs8)), "encrypted");
    assertRejected(() -> SigningKey.fromPkcs8Pem(publicPem), "expected a PEM \"PRIVATE KEY\" block, got a public key");
    assertRejected(() -> VerificationKey.fromSpkiPem(privatePem), "got a private key");
    assertRejected(() -> VerificationKey.fromSpkiPem(KeyVectors.pem("CERTIFICATE", pkcs8)), "openssl x509 -pubkey");
    assertRejected(() -> VerificationKey.fromSpkiPem(publicPem + publicPem), "more than one PEM block");
    assertRejected(() -> SigningKey.fromPkcs8Pem(privatePem + privatePem), "more than one PEM block");
    assertRejected(() -> VerificationKey.fromSpkiPem(""), "no PEM block");
    assertRejected(() -> VerificationKey.fromSpkiPem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"), "no PEM block");
    String badBase64 = privatePem.replaceFirst("\n[A-Za-z0-9+/]{4}", "\n!!!!");
    assertRejected(() -> SigningKey.fromPkcs8Pem(badBase64), "PEM");
    String headers =
        privatePem.replace(
            KeyVectors.header("PRIVATE KEY"),
            KeyVectors.header("PRIVATE KEY") + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n");
    assertRejected(() -> SigningKey.fromPkcs8Pem(headers), "headers");
    // AND a CRLF file with text before the block is fine
    String crlf = "comment\r\n" + privatePem.replace("\n", "\r\n");
    assertThat(SigningKey.fromPkcs8Pem(crlf).keyId()).isEqualTo(key.keyId());
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Asserts a GeneralSecurityException without a cause, whose message contains {@code text} and nothing that looks
   * like encoded key material: no run of 12 or more base64 characters mixing digits, upper and lower case.
   */
  static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
    assertThatThrownBy(call)
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining(text)
        .hasNoCause()
        .satisfies(e -> assertThat(base64Runs(e.getMessage())).isEmpty());
  }

  static java.util.List<String> base64Runs(String message) {
    java.util.List<String> runs = new java.util.ArrayList<>();
    for (String token : message.split("[^A-Za-z0-9+/]+")) {
      if (token.length() >= 12 && token.matches(".*[0-9].*") && token.matches(".*[A-Z].*")
          && token.matches(".*[a-z].*")) {
        runs.add(token);
      }
    }
    return runs;
  }

  static byte[] pemBody(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }

  static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return java.security.MessageDigest.getInstance("SHA-256").digest(data);
  }

  static KeyPair jdkKeyPair(String algorithm, String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (curve != null) {
      generator.initialize(new ECGenParameterSpec(curve));
    } else if ("RSA".equals(algorithm)) {
      generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  static byte[] jdkSign(String algorithm, PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  static boolean jdkVerify(String algorithm, PublicKey key, byte[] data, byte[] sig) throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    s.initVerify(key);
    s.update(data);
    return s.verify(sig);
  }

  static byte[] spki(AlgorithmIdentifier algorithm, byte[] key) throws java.io.IOException {
    return new SubjectPublicKeyInfo(algorithm, key).getEncoded("DER");
  }

  static String ecPkcs8(ASN1ObjectIdentifier curve, BigInteger d, byte[] publicKey) throws java.io.IOException {
    ASN1Encodable sec1 =
        publicKey == null
            ? new ECPrivateKey(256, d, null)
            : new ECPrivateKey(256, d, new org.bouncycastle.asn1.DERBitString(publicKey), null);
    PrivateKeyInfo info =
        new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
    return KeyVectors.pem("PRIVATE KEY", info.getEncoded("DER"));
  }

  static String pkcs8v2(byte[] seed, byte[] publicKey) throws java.io.IOException {
    PrivateKeyInfo info =
        new PrivateKeyInfo(new AlgorithmIdentifier(ED25519), new DEROctetString(seed), null, publicKey);
    return KeyVectors.pem("PRIVATE KEY", info.getEncoded("DER"));
  }

  static byte[] pae(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + body.length + " ")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }
}
