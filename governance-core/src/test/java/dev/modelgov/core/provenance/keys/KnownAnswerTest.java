package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers: RFC 8032 Ed25519 keys and signatures, the DSSE specification vectors. */
class KnownAnswerTest {

  // RFC 8032 section 7.1, TEST 1 and TEST 2 (the same seeds as keys A and B of the DSSE Ed25519 vectors).
  private static final String RFC8032_TEST1_SIG =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
          + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  private static final String RFC8032_TEST2_SIG =
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
          + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

  @Test
  void rfc8032_seeds_give_the_published_public_keys_and_signatures() throws Exception {
    // GIVEN the RFC 8032 seeds of the DSSE Ed25519 vector file, as PKCS#8 built by hand
    JsonNode keys = KeyVectors.json(KeyVectors.provenance("dsse/testvectors-ed25519.json")).path("keys");
    SigningKey a = fromSeed(keys.path("A").path("seed").asText());
    SigningKey b = fromSeed(keys.path("B").path("seed").asText());
    // WHEN their public keys are derived and they sign the RFC's messages
    // THEN the SPKI ends with the published 32-byte public key
    assertThat(a.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    assertThat(KeyVectors.hex(rawEd25519(a.verificationKey()))).isEqualTo(keys.path("A").path("public").asText());
    assertThat(KeyVectors.hex(rawEd25519(b.verificationKey()))).isEqualTo(keys.path("B").path("public").asText());
    // AND the signatures are the RFC's, byte for byte (Ed25519 is deterministic), and verify
    assertThat(KeyVectors.hex(a.sign(new byte[0]))).isEqualTo(RFC8032_TEST1_SIG);
    assertThat(KeyVectors.hex(b.sign(new byte[] {0x72}))).isEqualTo(RFC8032_TEST2_SIG);
    a.verificationKey().verify(new byte[0], KeyVectors.hex(RFC8032_TEST1_SIG));
    b.verificationKey().verify(new byte[] {0x72}, KeyVectors.hex(RFC8032_TEST2_SIG));
  }

  @Test
  void the_dsse_ed25519_vector_signatures_are_reproduced_over_their_pae() throws Exception {
    // GIVEN the DSSE Ed25519 vectors, with the PAE of each in hex, and keys A and B
    JsonNode root = KeyVectors.json(KeyVectors.provenance("dsse/testvectors-ed25519.json"));
    Map<String, SigningKey> keys = new HashMap<>();
    for (String name : List.of("A", "B")) {
      keys.put(name, fromSeed(root.path("keys").path(name).path("seed").asText()));
    }
    int reproduced = 0;
    for (JsonNode vector : root.path("vectors")) {
      byte[] pae = KeyVectors.hex(vector.path("pae").asText());
      for (JsonNode signature : vector.path("envelope").path("signatures")) {
        byte[] sig = base64EitherAlphabet(signature.path("sig").asText());
        // WHEN each trusted key signs the PAE
        boolean bySomeKey = false;
        for (JsonNode name : vector.path("trustedKeys")) {
          SigningKey key = keys.get(name.asText());
          boolean same = Arrays.equals(key.sign(pae), sig);
          // THEN a key verifies the signature exactly when it reproduces it
          assertThat(verifies(key.verificationKey(), pae, sig)).as(vector.path("id").asText()).isEqualTo(same);
          bySomeKey |= same;
        }
        if ("accept".equals(vector.path("expect").asText())) {
          // AND every signature of an accepted vector is reproduced by one of its trusted keys
          assertThat(bySomeKey).as(vector.path("id").asText()).isTrue();
        }
        reproduced += bySomeKey ? 1 : 0;
      }
    }
    // All 12 signatures of the 9 vectors are reproduced over the PAE given with them. (The reject vectors fail for
    // envelope reasons: a payloadType that differs from the signed one, an unsupported type, one key counted twice.)
    assertThat(reproduced).isEqualTo(12);
  }

  @Test
  void the_dsse_p256_spec_vector_verifies_over_its_pae_only_when_p1363_is_accepted() throws Exception {
    // GIVEN the DSSE protocol.md P-256 vector: its PAE string and its raw r||s signature
    JsonNode vector = KeyVectors.json(KeyVectors.provenance("dsse/protocol-hello-world-p256.json"));
    byte[] pae = vector.path("pae").asText().getBytes(StandardCharsets.UTF_8);
    byte[] sig = Base64.getDecoder().decode(vector.path("envelope").path("signatures").get(0).path("sig").asText());
    VerificationKey key = VerificationKey.fromSpkiPem(vector.path("derived_spki_pem").asText());
    // (the derived PEM is the key of the decimal x and y, built here by hand)
    assertThat(key.spkiDer()).isEqualTo(p256Spki(vector.path("key")));
    assertThat(sig).hasSize(64);
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    // WHEN it is verified by a DER-only key THEN it is rejected
    assertThatThrownBy(() -> key.verify(pae, sig)).isInstanceOf(SignatureException.class);
    // WHEN it is verified by the same key configured for P1363 THEN it verifies
    key.acceptingP1363().verify(pae, sig);
    // AND the same r and s as DER verify without P1363
    key.verify(pae, der(sig));
    // AND a different PAE does not verify either way
    byte[] other = "DSSEv1 29 http://example.com/HelloWorld 11 hello worle".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> key.acceptingP1363().verify(other, sig)).isInstanceOf(SignatureException.class);
  }

  @Test
  void the_dsse_p256_private_key_signs_the_pae_with_the_rfc6979_nonce_of_the_vector() throws Exception {
    // GIVEN the vector's private scalar d, as PKCS#8 written by the JDK
    JsonNode vector = KeyVectors.json(KeyVectors.provenance("dsse/protocol-hello-world-p256.json"));
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECPrivateKeySpec spec =
        new ECPrivateKeySpec(
            new BigInteger(vector.path("key").path("d").asText()), parameters.getParameterSpec(ECParameterSpec.class));
    byte[] pkcs8 = KeyFactory.getInstance("EC").generatePrivate(spec).getEncoded();
    SigningKey key = SigningKey.fromPkcs8Pem(KeyVectors.pem("PRIVATE KEY", pkcs8));
    byte[] pae = vector.path("pae").asText().getBytes(StandardCharsets.UTF_8);
    // WHEN it signs the PAE
    byte[] signature = key.sign(pae);
    // THEN the DER signature carries exactly the vector's r and s: the nonce is deterministic (RFC 6979, HMAC-SHA-256)
    byte[] expected =
        Base64.getDecoder().decode(vector.path("envelope").path("signatures").get(0).path("sig").asText());
    assertThat(signature).isEqualTo(der(expected));
    assertThat(key.verificationKey().spkiDer()).isEqualTo(p256Spki(vector.path("key")));
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static SigningKey fromSeed(String seedHex) {
    try {
      return SigningKey.fromEd25519Seed(KeyVectors.hex(seedHex));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean verifies(VerificationKey key, byte[] data, byte[] sig) throws Exception {
    try {
      key.verify(data, sig);
      return true;
    } catch (SignatureException e) {
      return false;
    }
  }

  /** The last 32 bytes of an Ed25519 SPKI (RFC 8410: a 12-byte header, then the raw key). */
  private static byte[] rawEd25519(VerificationKey key) {
    byte[] spki = key.spkiDer();
    assertThat(KeyVectors.hex(Arrays.copyOf(spki, 12))).isEqualTo("302a300506032b6570032100");
    return Arrays.copyOfRange(spki, 12, 44);
  }

  /** SPKI DER for a P-256 point, by hand: the fixed header, then 04 || x || y. */
  static byte[] p256Spki(JsonNode key) {
    return KeyVectors.hex(
        "3059301306072a8648ce3d020106082a8648ce3d030107034200" + "04"
            + fixed(new BigInteger(key.path("x").asText()), 32) + fixed(new BigInteger(key.path("y").asText()), 32));
  }

  static String fixed(BigInteger value, int bytes) {
    String hex = value.toString(16);
    return "0".repeat(2 * bytes - hex.length()) + hex;
  }

  /** r||s to DER, by hand (lengths below 128 only, enough for P-256). */
  static byte[] der(byte[] p1363) {
    int half = p1363.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(p1363, half, p1363.length)).toByteArray();
    byte[] out = new byte[6 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + r.length + s.length);
    out[2] = 0x02;
    out[3] = (byte) r.length;
    System.arraycopy(r, 0, out, 4, r.length);
    out[4 + r.length] = 0x02;
    out[5 + r.length] = (byte) s.length;
    System.arraycopy(s, 0, out, 6 + r.length, s.length);
    return out;
  }

  private static byte[] base64EitherAlphabet(String text) {
    return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
  }
}
