package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Key IDs against an independent computation, equality, and descriptions that never show key material. */
class KeyIdAndToStringTest {

  @Test
  void the_key_id_is_sha256_of_the_der_spki_as_the_jdk_encodes_it() throws Exception {
    for (String[] c : new String[][] {{"Ed25519", null}, {"EC", "secp256r1"}, {"EC", "secp384r1"}}) {
      // GIVEN a JDK key pair, and SHA-256 of the JDK's own SPKI encoding
      KeyPair pair = KeyEncodingTest.jdkKeyPair(c[0], c[1]);
      String expected = KeyVectors.hex(KeyEncodingTest.sha256(pair.getPublic().getEncoded()));
      // WHEN the public key is read THEN its key ID is that digest in lowercase hex
      VerificationKey key = VerificationKey.fromSpkiDer(pair.getPublic().getEncoded());
      assertThat(key.keyId()).isEqualTo(expected).matches("[0-9a-f]{64}");
      // AND a signing key made from the private key has the same key ID (not for P-384: verification only)
      if (!"secp384r1".equals(c[1])) {
        SigningKey signing = SigningKey.fromPkcs8Pem(KeyVectors.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThat(signing.keyId()).isEqualTo(expected).isEqualTo(signing.verificationKey().keyId());
      }
    }
  }

  @Test
  void the_key_id_of_the_dsse_spec_key_is_sha256_of_its_hand_built_spki() throws Exception {
    // GIVEN the DSSE P-256 key from its decimal coordinates
    var vector = KeyVectors.json(KeyVectors.provenance("dsse/protocol-hello-world-p256.json"));
    byte[] spki = KnownAnswerTest.p256Spki(vector.path("key"));
    // WHEN read THEN the key ID is SHA-256 of those bytes
    assertThat(VerificationKey.fromSpkiDer(spki).keyId()).isEqualTo(KeyVectors.hex(KeyEncodingTest.sha256(spki)));
  }

  @Test
  void verification_keys_are_equal_by_spki_and_p1363_setting() throws Exception {
    // GIVEN a key, a copy read from its PEM, and its P1363 variant
    VerificationKey key = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256).verificationKey();
    VerificationKey copy = VerificationKey.fromSpkiPem(key.toSpkiPem());
    VerificationKey p1363 = key.acceptingP1363();
    // THEN equality follows the SPKI and the setting, and spkiDer() is a defensive copy
    assertThat(copy).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(p1363).isNotEqualTo(key).isEqualTo(copy.acceptingP1363());
    assertThat(p1363.keyId()).isEqualTo(key.keyId());
    assertThat(p1363.acceptsP1363()).isTrue();
    assertThat(key.acceptsP1363()).isFalse();
    key.spkiDer()[0] ^= 1;
    assertThat(key).isEqualTo(copy);
    // AND Ed25519 has a single encoding: acceptingP1363() is the key itself
    VerificationKey ed = SigningKey.generate(SignatureAlgorithm.ED25519).verificationKey();
    assertThat(ed.acceptingP1363()).isSameAs(ed);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void descriptions_name_the_algorithm_and_key_id_and_never_contain_key_material(SignatureAlgorithm algorithm)
      throws Exception {
    // GIVEN a key, its PKCS#8 and SPKI, as PEM and as raw bytes
    SigningKey key = SigningKey.generate(algorithm);
    String privatePem = key.toPkcs8Pem(InsecureKeyAccess.get());
    String publicPem = key.verificationKey().toSpkiPem();
    byte[] pkcs8 = KeyEncodingTest.pemBody(privatePem);
    byte[] spki = key.verificationKey().spkiDer();
    // WHEN it and everything holding it is described
    List<String> descriptions =
        List.of(
            key.toString(),
            key.verificationKey().toString(),
            key.verificationKey().acceptingP1363().toString(),
            TrustRoot.builder().trust("k", key.verificationKey()).build().keys().toString(),
            InsecureKeyAccess.get().toString());
    // THEN the format is fixed
    String shortId = key.keyId().substring(0, 16);
    assertThat(key.toString()).isEqualTo("SigningKey[" + algorithm + ", keyid=" + shortId + "…]");
    assertThat(key.verificationKey().toString())
        .isEqualTo("VerificationKey[" + algorithm + ", keyid=" + shortId + "…]");
    // AND no description contains 12 characters of either PEM body, nor 8 bytes of either DER, in hex or base64
    for (String description : descriptions) {
      for (String window : windows(privatePem, publicPem)) {
        assertThat(description).doesNotContain(window);
      }
      for (byte[] der : List.of(pkcs8, spki)) {
        for (int i = 0; i + 8 <= der.length; i++) {
          byte[] run = Arrays.copyOfRange(der, i, i + 8);
          assertThat(description).doesNotContainIgnoringCase(KeyVectors.hex(run));
          assertThat(description).doesNotContain(Base64.getEncoder().encodeToString(run).substring(0, 10));
        }
      }
    }
  }

  /** Every 12-character run of base64 in the PEM bodies. */
  private static List<String> windows(String... pems) {
    List<String> out = new ArrayList<>();
    for (String pem : pems) {
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
      for (int i = 0; i + 12 <= body.length(); i++) {
        out.add(body.substring(i, i + 12));
      }
    }
    return out;
  }
}
