package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Sign/verify round trips and single-bit tamper rejection over random messages (QuickTheories). */
class SignVerifyPropertiesTest {

  private static final Gen<byte[]> MESSAGES =
      Generate.byteArrays(integers().between(0, 4096), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void every_signature_verifies_and_any_single_bit_flip_is_rejected(SignatureAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(algorithm);
    VerificationKey verifier = key.verificationKey();
    VerificationKey lenient = verifier.acceptingP1363();
    qt().withExamples(150).forAll(MESSAGES, integers().allPositive(), integers().allPositive())
        .checkAssert((message, messageBit, signatureBit) -> {
          // GIVEN a random message and its signature
          byte[] signature = sign(key, message);
          // THEN it has the algorithm's encoding and verifies, also on a key that accepts P1363
          assertEncoding(algorithm, signature);
          verify(verifier, message, signature);
          verify(lenient, message, signature);
          // WHEN one bit of the signature is flipped THEN it is rejected, with or without P1363
          byte[] badSignature = flip(signature, signatureBit % (8 * signature.length));
          assertThatThrownBy(() -> verifier.verify(message, badSignature)).isInstanceOf(SignatureException.class);
          assertThatThrownBy(() -> lenient.verify(message, badSignature)).isInstanceOf(SignatureException.class);
          // WHEN one bit of a non-empty message is flipped THEN the signature is rejected
          if (message.length > 0) {
            byte[] badMessage = flip(message, messageBit % (8 * message.length));
            assertThatThrownBy(() -> verifier.verify(badMessage, signature)).isInstanceOf(SignatureException.class);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void every_single_bit_flip_of_one_signature_is_rejected(SignatureAlgorithm algorithm) throws Exception {
    // GIVEN one signature
    SigningKey key = SigningKey.generate(algorithm);
    byte[] message = "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signature = key.sign(message);
    // WHEN each of its bits is flipped in turn, and it is truncated or extended THEN every variant is rejected
    for (int bit = 0; bit < 8 * signature.length; bit++) {
      byte[] bad = flip(signature, bit);
      assertThatThrownBy(() -> key.verificationKey().verify(message, bad)).isInstanceOf(SignatureException.class);
    }
    byte[] truncated = Arrays.copyOf(signature, signature.length - 1);
    byte[] extended = Arrays.copyOf(signature, signature.length + 1);
    assertThatThrownBy(() -> key.verificationKey().verify(message, truncated)).isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> key.verificationKey().verify(message, extended)).isInstanceOf(SignatureException.class);
    assertThatThrownBy(() -> key.verificationKey().verify(message, new byte[0])).isInstanceOf(SignatureException.class);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
  void signatures_are_deterministic_and_bound_to_their_key(SignatureAlgorithm algorithm) throws Exception {
    // GIVEN two keys of the same algorithm
    SigningKey key = SigningKey.generate(algorithm);
    SigningKey other = SigningKey.generate(algorithm);
    byte[] message = {1, 2, 3};
    // WHEN one signs twice THEN the signatures are identical (RFC 8032 / RFC 6979)
    assertThat(key.sign(message)).isEqualTo(key.sign(message));
    // AND the other key does not verify it
    assertThatThrownBy(() -> other.verificationKey().verify(message, key.sign(message)))
        .isInstanceOf(SignatureException.class);
  }

  private static void assertEncoding(SignatureAlgorithm algorithm, byte[] signature) {
    if (algorithm == SignatureAlgorithm.ED25519) {
      assertThat(signature).hasSize(64);
    } else {
      // DER SEQUENCE of two positive INTEGERs, at most 72 bytes for P-256
      assertThat(signature.length).isBetween(8, 72);
      assertThat(signature[0]).isEqualTo((byte) 0x30);
      assertThat(signature[1] & 0xff).isEqualTo(signature.length - 2);
    }
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static byte[] sign(SigningKey key, byte[] message) {
    try {
      return key.sign(message);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static void verify(VerificationKey key, byte[] message, byte[] signature) {
    try {
      key.verify(message, signature);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("a fresh signature did not verify: " + e.getMessage(), e);
    }
  }
}
