package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Ed25519 keys from raw RFC 8032 bytes, as C2SP note keys carry them. */
class RawEd25519KeysTest {

  @Test
  void a_seed_and_its_raw_public_key_make_a_matching_pair() throws Exception {
    // GIVEN RFC 8032 section 7.1 TEST 1: its seed and public key
    byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] pub = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    // WHEN keys are made from the raw bytes
    SigningKey signing = SigningKey.fromEd25519Seed(seed);
    VerificationKey verification = VerificationKey.fromEd25519Raw(pub);
    // THEN they are one Ed25519 pair, and the seed array is left as it was
    assertThat(signing.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    assertThat(signing.verificationKey()).isEqualTo(verification);
    byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
    verification.verify(message, signing.sign(message));
    assertThat(Arrays.copyOfRange(verification.spkiDer(), 12, 44)).isEqualTo(pub);
    assertThat(seed[0]).isEqualTo((byte) 0x9d);
  }

  @Test
  void wrong_lengths_are_refused() {
    assertThatThrownBy(() -> SigningKey.fromEd25519Seed(new byte[31]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> VerificationKey.fromEd25519Raw(new byte[33]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("32 bytes");
  }
}
