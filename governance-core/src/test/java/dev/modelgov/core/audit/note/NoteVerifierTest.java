package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vkey text form and verifier sets. */
class NoteVerifierTest {

  private static final String PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  /** The derived vkey; its base64 contains a '+', so splitting without a limit would break it. */
  private static final String AUDIT = "example.com/audit-test+9fd3e6d7+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";

  @Test
  void vkeys_round_trip_even_with_plus_in_the_base64() {
    for (String vkey : List.of(PETER, AUDIT)) {
      NoteVerifier v = NoteVerifier.parse(vkey);
      assertThat(v.vkey()).isEqualTo(vkey);
      assertThat(v.verificationKey().algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
      assertThat(NoteVerifier.ed25519(v.keyName(), v.verificationKey())).isEqualTo(v);
    }
    assertThat(NoteVerifier.parse(AUDIT).keyName()).isEqualTo("example.com/audit-test");
    assertThat(NoteVerifier.parse(AUDIT).toString()).isEqualTo("NoteVerifier[example.com/audit-test+9fd3e6d7]");
  }

  @Test
  void an_uppercase_key_id_is_accepted() {
    assertThat(NoteVerifier.parse(PETER.replace("c74f20a3", "C74F20A3")).keyId()).isEqualTo("c74f20a3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PeterNeumann", // one part
        "PeterNeumann+c74f20a3", // two parts
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // empty name
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // space
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // wrong key ID
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 7 hex digits
        "PeterNeumann+c74f20ag+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // not hex
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", // bad base64
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 43 characters, not base64
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy", // short key
        "PeterNeumann+c74f20a3+", // no key
        "PeterNeumann+c74f20a3+Ag==", // ECDSA type, no key
      })
  void malformed_vkeys_are_rejected(String vkey) {
    assertThatIllegalArgumentException().isThrownBy(() -> NoteVerifier.parse(vkey));
  }

  @Test
  void the_same_verifier_twice_is_harmless_and_an_empty_set_is_an_error() throws Exception {
    // GIVEN a note and its verifier
    NoteSigner s = NoteSigner.ed25519("log", SigningKey.generate(SignatureAlgorithm.ED25519));
    String note = s.sign("t\n");

    // WHEN / THEN duplicates of one key are harmless; an empty set is a programming error
    assertThat(SignedNote.open(note, List.of(s.verifier(), s.verifier())).verifiedBy()).containsExactly(s.verifier());
    assertThatIllegalArgumentException().isThrownBy(() -> SignedNote.open(note, List.of()));
  }
}
