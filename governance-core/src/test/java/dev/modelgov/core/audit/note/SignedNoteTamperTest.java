package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteLimits;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerificationException.Reason;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Tampered, forged and malformed notes are rejected with the right reason. */
class SignedNoteTamperTest {

  private static final String ORIGIN = "example.com/prod/audit";
  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final NoteSigner SIGNER = NoteSigner.ed25519(ORIGIN, KEY);
  private static final NoteSigner OTHER_SAME_NAME =
      NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
  private static final NoteSigner WITNESS =
      NoteSigner.ed25519("witness.example", SigningKey.generate(SignatureAlgorithm.ED25519));
  private static final Checkpoint CP =
      Checkpoint.of(ORIGIN, 8, new Digest("sha256", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

  private static void assertReason(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(NoteVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static String sign(NoteSigner s) throws Exception {
    return s.sign(CP);
  }

  @Test
  void untampered_note_opens() throws Exception {
    SignedNote note = SignedNote.open(sign(SIGNER), List.of(SIGNER.verifier()));
    assertThat(note.checkpoint()).isEqualTo(CP);
    assertThat(note.verifiedBy()).containsExactly(SIGNER.verifier());
  }

  @Test
  void a_changed_body_byte_is_a_bad_signature() throws Exception {
    // GIVEN a signed checkpoint whose tree size is changed from 8 to 9
    String tampered = sign(SIGNER).replaceFirst("\n8\n", "\n9\n");

    // WHEN / THEN it is rejected
    assertReason(() -> SignedNote.open(tampered, List.of(SIGNER.verifier())), Reason.BAD_SIGNATURE);
  }

  @Test
  void a_changed_signature_is_a_bad_signature() throws Exception {
    // GIVEN a signed note whose signature bytes (after the key ID) are changed
    String note = sign(SIGNER);
    int b64Start = note.lastIndexOf(' ') + 1;
    byte[] sig = Base64.getDecoder().decode(note.substring(b64Start, note.length() - 1));
    sig[10] ^= 0x01;
    String tampered = note.substring(0, b64Start) + Base64.getEncoder().encodeToString(sig) + "\n";

    // WHEN / THEN it is rejected
    assertReason(() -> SignedNote.open(tampered, List.of(SIGNER.verifier())), Reason.BAD_SIGNATURE);
  }

  @Test
  void a_signature_by_another_key_with_the_same_name_is_an_unknown_key() throws Exception {
    // GIVEN a note signed by a different key that uses the trusted key's name
    String forged = sign(OTHER_SAME_NAME);

    // WHEN / THEN it is rejected: the key ID differs, so no trusted key signed it
    assertThat(OTHER_SAME_NAME.verifier().keyId()).isNotEqualTo(SIGNER.verifier().keyId());
    assertReason(() -> SignedNote.open(forged, List.of(SIGNER.verifier())), Reason.UNKNOWN_KEY);
  }

  @Test
  void another_keys_signature_under_the_trusted_key_id_is_a_bad_signature() throws Exception {
    // GIVEN a forged line: the trusted name and key ID, with another key's signature
    String forged = sign(OTHER_SAME_NAME);
    int b64Start = forged.lastIndexOf(' ') + 1;
    byte[] sig = Base64.getDecoder().decode(forged.substring(b64Start, forged.length() - 1));
    byte[] id = java.util.HexFormat.of().parseHex(SIGNER.verifier().keyId());
    System.arraycopy(id, 0, sig, 0, 4);
    String tampered = forged.substring(0, b64Start) + Base64.getEncoder().encodeToString(sig) + "\n";

    // WHEN / THEN it is rejected
    assertReason(() -> SignedNote.open(tampered, List.of(SIGNER.verifier())), Reason.BAD_SIGNATURE);
  }

  @Test
  void a_wrong_key_id_is_an_unknown_key() throws Exception {
    // GIVEN a valid signature whose key ID is changed
    String note = sign(SIGNER);
    int b64Start = note.lastIndexOf(' ') + 1;
    byte[] sig = Base64.getDecoder().decode(note.substring(b64Start, note.length() - 1));
    sig[0] ^= (byte) 0x80;
    String tampered = note.substring(0, b64Start) + Base64.getEncoder().encodeToString(sig) + "\n";

    // WHEN / THEN no trusted key signed it
    assertReason(() -> SignedNote.open(tampered, List.of(SIGNER.verifier())), Reason.UNKNOWN_KEY);
  }

  @Test
  void a_failing_known_signature_rejects_the_note_even_if_another_verifies() throws Exception {
    // GIVEN a note with a good log signature and a corrupted witness signature
    String note = NoteSigner.signAll(CP.body(), List.of(SIGNER, WITNESS));
    int b64Start = note.lastIndexOf(' ') + 1;
    byte[] sig = Base64.getDecoder().decode(note.substring(b64Start, note.length() - 1));
    sig[20] ^= 0x01;
    String tampered = note.substring(0, b64Start) + Base64.getEncoder().encodeToString(sig) + "\n";

    // WHEN / THEN with both trusted it is rejected, with only the log trusted the witness line is ignored
    assertReason(
        () -> SignedNote.open(tampered, List.of(SIGNER.verifier(), WITNESS.verifier())), Reason.BAD_SIGNATURE);
    assertThat(SignedNote.open(tampered, List.of(SIGNER.verifier())).ignoredSignatures()).isEqualTo(1);
  }

  @Test
  void duplicate_signature_lines_are_rejected() throws Exception {
    // GIVEN a note whose signature line appears twice
    String note = sign(SIGNER);
    String line = note.substring(note.lastIndexOf("\n\n") + 2);
    String doubled = note + line;

    // WHEN / THEN it is rejected
    assertReason(() -> SignedNote.open(doubled, List.of(SIGNER.verifier())), Reason.DUPLICATE_SIGNATURE);
  }

  @Test
  void too_many_signature_lines_are_rejected_before_verification() throws Exception {
    // GIVEN a note with 17 signature lines (the log's and 16 unknown ones) and a limit of 16
    List<NoteSigner> signers = new ArrayList<>();
    signers.add(SIGNER);
    for (int i = 0; i < 16; i++) {
      signers.add(NoteSigner.ed25519("w" + i, KEY));
    }
    String note = NoteSigner.signAll(CP.body(), signers);

    // WHEN / THEN 17 > 16 is rejected, and 17 <= 100 (default) opens with 16 ignored
    assertReason(
        () -> SignedNote.open(note, List.of(SIGNER.verifier()), new NoteLimits(1 << 20, 16)),
        Reason.TOO_MANY_SIGNATURES);
    assertThat(SignedNote.open(note, List.of(SIGNER.verifier())).ignoredSignatures()).isEqualTo(16);
  }

  @Test
  void too_large_notes_are_rejected() throws Exception {
    // GIVEN a signed note and a size limit one byte below its UTF-8 size
    String note = sign(SIGNER);
    int size = note.getBytes(StandardCharsets.UTF_8).length;

    // WHEN / THEN it is rejected as a string and as bytes, and opens at exactly its size
    NoteLimits tight = new NoteLimits(size - 1, 16);
    assertReason(() -> SignedNote.open(note, List.of(SIGNER.verifier()), tight), Reason.TOO_LARGE);
    assertReason(
        () -> SignedNote.open(note.getBytes(StandardCharsets.UTF_8), List.of(SIGNER.verifier()), tight),
        Reason.TOO_LARGE);
    assertThat(SignedNote.open(note, List.of(SIGNER.verifier()), new NoteLimits(size, 16)).text())
        .isEqualTo(CP.body());
  }

  @Test
  void malformed_notes_are_rejected() throws Exception {
    String good = sign(SIGNER);
    String sigLine = good.substring(good.lastIndexOf("\n\n") + 2);
    String b64 = sigLine.substring(sigLine.lastIndexOf(' ') + 1, sigLine.length() - 1);
    List<String> bad =
        List.of(
            CP.body(), // no signatures
            CP.body() + "\n", // blank line, no signature lines
            good.substring(0, good.length() - 1), // no final newline
            good.replace("\n\n", "\n"), // no blank line
            good.replace("\u2014 ", "- "), // hyphen instead of em dash
            good.replace("\u2014 ", "\u2013 "), // en dash
            good.replace("\u2014 ", "\u2014"), // no space after the dash
            good.replace(" " + b64, "\t" + b64), // tab instead of space
            good.replace(" " + b64, " " + b64.replace("=", "")), // missing padding
            good.replace(" " + b64, " " + b64 + " "), // trailing space
            good.replace(" " + b64, " "), // empty signature
            good.replace(" " + b64, " AAAAAA=="), // 4 bytes only
            good.replace("\n\n", "\r\n\n"), // CR
            good.replace(ORIGIN + " ", ORIGIN + "+x "), // '+' in the key name
            good.replace("\u2014 " + ORIGIN, "\u2014 " + ORIGIN + "\u00a0x"), // a no-break space in the name
            "\u2014 " + ORIGIN + " " + b64 + "\n", // no text
            good.replace(ORIGIN + "\n8", ORIGIN + "\u00008")); // NUL
    for (String note : bad) {
      assertReason(() -> SignedNote.open(note, List.of(SIGNER.verifier())), Reason.MALFORMED);
    }
  }

  @Test
  void invalid_utf8_bytes_are_malformed() throws Exception {
    byte[] note = sign(SIGNER).getBytes(StandardCharsets.UTF_8);
    note[2] = (byte) 0xc0; // an overlong lead byte
    assertReason(
        () -> SignedNote.open(note, List.of(SIGNER.verifier()), NoteLimits.defaults()), Reason.MALFORMED);
  }

  @Test
  void a_signed_note_that_is_not_a_checkpoint_opens_but_is_not_a_checkpoint() throws Exception {
    SignedNote note = SignedNote.open(SIGNER.sign("hello\n"), List.of(SIGNER.verifier()));
    assertReason(note::checkpoint, Reason.MALFORMED);
  }

  @Test
  void signing_refuses_text_that_could_not_be_opened() {
    assertThatIllegalArgumentException().isThrownBy(() -> SIGNER.sign("no newline"));
    assertThatIllegalArgumentException().isThrownBy(() -> SIGNER.sign("cr\r\n"));
    assertThatIllegalArgumentException().isThrownBy(() -> SIGNER.sign("lone \ud800\n"));
    assertThatIllegalArgumentException().isThrownBy(() -> NoteSigner.signAll("t\n", List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> NoteSigner.signAll("t\n", List.of(SIGNER, SIGNER)));
    assertThatIllegalArgumentException().isThrownBy(() -> NoteSigner.ed25519("a b", KEY));
    assertThatIllegalArgumentException().isThrownBy(() -> NoteSigner.ed25519("a+b", KEY));
    assertThatIllegalArgumentException().isThrownBy(() -> NoteSigner.ed25519("", KEY));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NoteSigner.ed25519("p256", SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256)))
        .withMessageContaining("ED25519");
  }

  @Test
  void messages_and_descriptions_carry_no_key_material() throws Exception {
    // GIVEN the public key bytes in base64 (as in the vkey)
    String vkey = SIGNER.verifier().vkey();
    String publicB64 = vkey.split("\\+", 3)[2]; // the base64 part may itself contain '+'
    String pem = KEY.toPkcs8Pem(dev.modelgov.core.provenance.InsecureKeyAccess.get());

    // WHEN descriptions and failure messages are produced
    List<String> texts = new ArrayList<>();
    texts.add(SIGNER.toString());
    texts.add(SIGNER.verifier().toString());
    texts.add(SignedNote.open(sign(SIGNER), List.of(SIGNER.verifier())).toString());
    try {
      SignedNote.open(sign(OTHER_SAME_NAME), List.of(SIGNER.verifier()));
    } catch (NoteVerificationException e) {
      texts.add(e.getMessage());
    }

    // THEN none contains the public key, the private key or the PEM body
    assertThat(texts).hasSize(4).allSatisfy(t -> {
      assertThat(t).doesNotContain(publicB64.substring(4, 30));
      assertThat(t).doesNotContain(pem.split("\n")[1].substring(0, 30));
    });
    assertThat(SIGNER.toString()).isEqualTo("NoteSigner[" + ORIGIN + "+" + SIGNER.verifier().keyId() + "]");
  }
}
