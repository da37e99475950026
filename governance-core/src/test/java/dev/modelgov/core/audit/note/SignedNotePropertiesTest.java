package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteLimits;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of signing and opening generated checkpoints. */
class SignedNotePropertiesTest {

  private static final NoteSigner LOG =
      NoteSigner.ed25519("example.com/log", SigningKey.generate(SignatureAlgorithm.ED25519));
  private static final NoteSigner WITNESS =
      NoteSigner.ed25519("witness.example/w1", SigningKey.generate(SignatureAlgorithm.ED25519));
  private static final List<NoteVerifier> TRUSTED = List.of(LOG.verifier(), WITNESS.verifier());

  /** One non-empty line: any code points except control characters, no unpaired surrogates. */
  private static Gen<String> line(int max) {
    return strings().allPossible().ofLengthBetween(1, max)
        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .map(s -> s.codePoints()
            .map(c -> c < 0x20 ? 'a' + (c % 26) : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
  }

  private static Gen<Digest> roots() {
    return lists().of(integers().between(0, 255)).ofSize(32).map(l -> {
      byte[] b = new byte[32];
      for (int i = 0; i < 32; i++) {
        b[i] = (byte) (int) l.get(i);
      }
      return Digest.sha256(b);
    });
  }

  private static Gen<Checkpoint> checkpoints() {
    return line(40).zip(longs().between(0, Long.MAX_VALUE), roots(), lists().of(line(30)).ofSizeBetween(0, 3),
        Checkpoint::new);
  }

  private static String sign(Checkpoint cp, boolean cosigned) {
    try {
      return cosigned ? NoteSigner.signAll(cp.body(), List.of(LOG, WITNESS)) : LOG.sign(cp);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void body_parse_round_trips() {
    qt().withExamples(500).forAll(checkpoints()).checkAssert(cp -> {
      // GIVEN any checkpoint WHEN its body is parsed THEN it is the same checkpoint
      assertThat(Checkpoint.parse(cp.body())).isEqualTo(cp);
      assertThat(Checkpoint.parse(cp.body()).body()).isEqualTo(cp.body());
    });
  }

  @Test
  void sign_open_round_trips() {
    qt().withExamples(300).forAll(checkpoints(), integers().between(0, 1)).checkAssert((cp, n) -> {
      // GIVEN any checkpoint signed by the log (and a witness)
      String note = sign(cp, n == 1);

      // WHEN it is opened
      SignedNote opened;
      try {
        opened = SignedNote.open(note, TRUSTED);
        // THEN the checkpoint comes back and every signer is listed
        assertThat(opened.checkpoint()).isEqualTo(cp);
      } catch (NoteVerificationException e) {
        throw new AssertionError(e);
      }
      assertThat(opened.text()).isEqualTo(cp.body());
      assertThat(opened.verifiedBy()).hasSize(n + 1);
      assertThat(opened.ignoredSignatures()).isZero();
    });
  }

  @Test
  void any_single_byte_change_of_a_singly_signed_note_fails() {
    qt().withExamples(400)
        .forAll(checkpoints(), integers().between(0, Integer.MAX_VALUE), integers().between(1, 255))
        .checkAssert((cp, position, delta) -> {
          // GIVEN a signed checkpoint in UTF-8 and one of its bytes changed to any other value
          byte[] note = sign(cp, false).getBytes(StandardCharsets.UTF_8);
          int i = position % note.length;
          note[i] = (byte) (note[i] + delta);

          // WHEN / THEN it does not open
          assertThatThrownBy(() -> SignedNote.open(note, TRUSTED, NoteLimits.defaults()))
              .isInstanceOf(NoteVerificationException.class);
        });
  }

  @Test
  void any_single_byte_change_of_a_cosigned_note_fails_or_loses_a_signer() {
    qt().withExamples(400)
        .forAll(checkpoints(), integers().between(0, Integer.MAX_VALUE), integers().between(1, 255))
        .checkAssert((cp, position, delta) -> {
          // GIVEN a checkpoint signed by the log and a witness, with one byte changed
          byte[] note = sign(cp, true).getBytes(StandardCharsets.UTF_8);
          int i = position % note.length;
          note[i] = (byte) (note[i] + delta);

          // WHEN it is opened
          SignedNote opened;
          try {
            opened = SignedNote.open(note, TRUSTED, NoteLimits.defaults());
          } catch (NoteVerificationException e) {
            return; // THEN either it fails,
          }
          // or a key name or key ID was changed: that line became an unknown key, ignored and not counted,
          // and the text is still exactly the signed one
          assertThat(opened.verifiedBy()).hasSize(1);
          assertThat(opened.ignoredSignatures()).isEqualTo(1);
          assertThat(opened.text()).isEqualTo(cp.body());
        });
  }
}
