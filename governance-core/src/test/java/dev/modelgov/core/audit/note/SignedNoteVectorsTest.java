package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerificationException.Reason;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every vector of {@code ../shared/vectors/merkle/signed-note.json}: C2SP, golang/mod sumdb/note, derived checkpoint. */
class SignedNoteVectorsTest {

  private static JsonNode vectors;
  private static JsonNode basics;

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper json = new ObjectMapper();
    vectors = json.readTree(TestFiles.shared().resolve("vectors/merkle/signed-note.json").toFile()).get("vectors");
    basics = json.readTree(TestFiles.shared().resolve("vectors/merkle/rfc6962-basics.json").toFile());
  }

  private static JsonNode vector(String sourcePrefix, String field) {
    for (JsonNode v : vectors) {
      if (v.get("source").asText().startsWith(sourcePrefix) && v.has(field)) {
        return v;
      }
    }
    throw new AssertionError("no vector " + sourcePrefix + " with " + field);
  }

  @Test
  void the_file_has_the_four_expected_vectors() {
    assertThat(vectors).hasSize(4);
  }

  @Test
  void c2sp_example_verifies() throws Exception {
    // GIVEN the C2SP signed-note example and its vkey
    JsonNode v = vector("github.com/C2SP", "note");
    NoteVerifier key = NoteVerifier.parse(v.get("vkey").asText());

    // WHEN it is opened
    SignedNote note = SignedNote.open(v.get("note").asText(), List.of(key));

    // THEN it verifies with that key and the vkey round-trips
    assertThat(note.text()).isEqualTo("This is an example message.\n");
    assertThat(note.verifiedBy()).containsExactly(key);
    assertThat(note.ignoredSignatures()).isZero();
    assertThat(key.keyName()).isEqualTo("example.com/foo");
    assertThat(key.keyId()).isEqualTo("530d903a");
    assertThat(key.vkey()).isEqualTo(v.get("vkey").asText());
  }

  @Test
  void golang_sign_is_byte_for_byte_and_opens() throws Exception {
    // GIVEN the golang/mod test-only skey, its vkey and text
    JsonNode v = vector("github.com/golang/mod sumdb/note/note_test.go TestSign", "skey");
    NoteSigner signer = NoteTestKeys.signerFromSkey(v.get("skey").asText());
    NoteVerifier key = NoteVerifier.parse(v.get("vkey").asText());

    // WHEN the text is signed
    String signed = signer.sign(v.get("text").asText());

    // THEN the output is exactly the published signed note, and it opens with the vkey
    assertThat(signed).isEqualTo(v.get("signed_note").asText());
    assertThat(signer.verifier()).isEqualTo(key);
    assertThat(signer.verifier().vkey()).isEqualTo(v.get("vkey").asText());
    SignedNote note = SignedNote.open(signed, List.of(key));
    assertThat(note.text()).isEqualTo(v.get("text").asText());
    assertThat(note.verifiedBy()).containsExactly(key);
  }

  @Test
  void golang_two_signatures_verify_and_an_unknown_one_is_ignored() throws Exception {
    // GIVEN the golang/mod note signed by PeterNeumann and EnochRoot
    JsonNode v = vector("github.com/golang/mod sumdb/note/note_test.go TestOpen", "vkeys");
    List<NoteVerifier> both = new ArrayList<>();
    v.get("vkeys").forEach(k -> both.add(NoteVerifier.parse(k.asText())));
    String text = v.get("note").asText();

    // WHEN it is opened with both keys, and with PeterNeumann only
    SignedNote withBoth = SignedNote.open(text, both);
    SignedNote withPeter = SignedNote.open(text, List.of(both.get(0)));

    // THEN both signatures verify; with one key the other is ignored and not counted
    assertThat(withBoth.verifiedBy()).containsExactlyElementsOf(both);
    assertThat(withBoth.ignoredSignatures()).isZero();
    assertThat(withPeter.verifiedBy()).containsExactly(both.get(0));
    assertThat(withPeter.ignoredSignatures()).isEqualTo(1);

    // AND with only EnochRoot trusted the note also opens, with PeterNeumann ignored
    assertThat(SignedNote.open(text, List.of(both.get(1))).verifiedBy()).containsExactly(both.get(1));
  }

  @Test
  void golang_note_is_rejected_by_a_key_that_did_not_sign_it() {
    // GIVEN the golang note signed only by PeterNeumann, and the EnochRoot key
    JsonNode signedByPeter = vector("github.com/golang/mod sumdb/note/note_test.go TestSign", "signed_note");
    NoteVerifier enoch = NoteVerifier.parse(vector("github.com/golang/mod sumdb/note/note_test.go TestOpen", "vkeys")
        .get("vkeys").get(1).asText());

    // WHEN / THEN opening with EnochRoot only fails: no trusted key signed it
    assertThatThrownBy(() -> SignedNote.open(signedByPeter.get("signed_note").asText(), List.of(enoch)))
        .isInstanceOfSatisfying(NoteVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY))
        .hasMessageContaining("PeterNeumann").hasMessageContaining("c74f20a3");
  }

  @Test
  void derived_checkpoint_for_eight_leaves_signs_byte_for_byte_and_its_root_is_the_rfc6962_root() throws Exception {
    // GIVEN the derived signed checkpoint, its skey and vkey
    JsonNode v = vector("DERIVED", "signed_checkpoint");
    NoteVerifier key = NoteVerifier.parse(v.get("vkey").asText());
    NoteSigner signer = NoteTestKeys.signerFromSkey(v.get("skey").asText());

    // WHEN it is opened and parsed as a checkpoint
    SignedNote note = SignedNote.open(v.get("signed_checkpoint").asText(), List.of(key));
    Checkpoint cp = note.checkpoint();

    // THEN it verifies, and its root is the 8-leaf root of rfc6962-basics.json (also recomputed here)
    String root8 = basics.get("root_by_tree_size").get(8).asText();
    assertThat(cp.origin()).isEqualTo("example.com/audit-test");
    assertThat(cp.treeSize()).isEqualTo(8);
    assertThat(cp.extensions()).isEmpty();
    assertThat(cp.rootHash()).isEqualTo(new Digest("sha256", root8));
    assertThat(cp.rootHash().hex()).isEqualTo(HexFormat.of().formatHex(rfc6962Root(basics.get("leaves_hex"))));
    assertThat(cp.body()).isEqualTo(v.get("checkpoint_body").asText());

    // AND signing the checkpoint again gives exactly the published note
    assertThat(signer.sign(Checkpoint.of("example.com/audit-test", 8, new Digest("sha256", root8))))
        .isEqualTo(v.get("signed_checkpoint").asText());
  }

  /** RFC 6962 MTH over the hex leaves, written out independently of the production code. */
  private static byte[] rfc6962Root(JsonNode leavesHex) throws Exception {
    List<byte[]> level = new ArrayList<>();
    for (JsonNode l : leavesHex) {
      level.add(sha256(new byte[] {0x00}, HexFormat.of().parseHex(l.asText())));
    }
    assertThat(level).hasSize(8); // a power of two, so pairwise reduction is the MTH
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(sha256(new byte[] {0x01}, level.get(i), level.get(i + 1)));
      }
      level = next;
    }
    return level.get(0);
  }

  private static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }
}
