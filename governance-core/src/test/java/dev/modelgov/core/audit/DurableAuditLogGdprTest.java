package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.TS;
import static dev.modelgov.core.audit.AuditLogFixtures.contains;
import static dev.modelgov.core.audit.AuditLogFixtures.files;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static dev.modelgov.core.audit.AuditLogFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.ErasureEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data subjects: pseudonymized, personal fields encrypted, erasure by destroying the key while the log verifies. */
class DurableAuditLogGdprTest {

  static final String ALICE = "customer-alice-4711";
  static final String BOB = "customer-bob-0815";
  static final String ALICE_NAME = "Alice Liddell-Wonder";
  static final String ALICE_EMAIL = "alice.liddell@example.org";
  static final String BOB_NAME = "Robert Tables-Drop";

  @TempDir Path tmp;

  private final NoteSigner signer = newSigner();

  static CustomEvent loanDecision(String subject, String name, String email, int n) {
    return CustomEvent.builder("bank.loan_decision").timestamp(TS.plusSeconds(n)).subject(subject)
        .personalData("name", name).personalData("email", email).attribute("approved", n % 2 == 0)
        .attribute("n", n).build();
  }

  private static void assertNoFileContains(Path dir, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Path> all = files(dir);
    assertThat(all).isNotEmpty();
    for (Path f : all) {
      assertThat(contains(Files.readAllBytes(f), needle)).as("%s holds '%s'", dir.relativize(f), text).isFalse();
    }
  }

  @Test
  void personal_fields_are_stored_encrypted_under_a_pseudonym_and_read_back_decrypted() throws Exception {
    // GIVEN a log with privacy keys kept under the log directory
    Path dir = tmp.resolve("log");
    AuditPrivacy privacy = AuditPrivacy.openOrCreate(dir.resolve("privacy"));
    AuditReceipt r;
    try (DurableAuditLog log = quietBuilder(dir, signer).privacy(privacy).open()) {
      // WHEN an event about a subject with personal data is appended
      r = log.append(loanDecision(ALICE, ALICE_NAME, ALICE_EMAIL, 0));
      // THEN reading it back decrypts the personal fields
      AuditEntry entry = log.entry(r.index()).orElseThrow();
      assertThat(entry.personalData()).containsEntry("name", Optional.of(ALICE_NAME))
          .containsEntry("email", Optional.of(ALICE_EMAIL));
      assertThat(entry.subjectPseudonym()).contains(privacy.pseudonym(ALICE));
      assertThat(entry.isErased()).isFalse();
      assertThat(entry.toJson(true)).contains(ALICE_NAME);
      // AND the recorded bytes hold neither the subject id nor the personal values
      assertThat(entry.toJson(false)).doesNotContain(ALICE).doesNotContain(ALICE_NAME).doesNotContain(ALICE_EMAIL);
    }
    // AND no file under the log directory does either
    assertNoFileContains(dir, ALICE);
    assertNoFileContains(dir, ALICE_NAME);
    assertNoFileContains(dir, ALICE_EMAIL);
    // AND after reopening with the same keys, the fields still decrypt
    try (DurableAuditLog log = quietBuilder(dir, signer).privacy(AuditPrivacy.openOrCreate(dir.resolve("privacy")))
        .open()) {
      assertThat(log.entry(r.index()).orElseThrow().personalData()).containsEntry("name", Optional.of(ALICE_NAME));
    }
  }

  @Test
  void erasing_a_subject_makes_its_fields_unreadable_records_the_erasure_and_keeps_every_proof() throws Exception {
    // GIVEN a log with events about Alice and Bob and a checkpoint over them
    Path dir = tmp.resolve("log");
    AuditPrivacy privacy = AuditPrivacy.openOrCreate(dir.resolve("privacy"));
    List<AuditReceipt> alice = new ArrayList<>();
    List<AuditReceipt> bob = new ArrayList<>();
    try (DurableAuditLog log = quietBuilder(dir, signer).privacy(privacy).open()) {
      for (int i = 0; i < 10; i++) {
        alice.add(log.append(loanDecision(ALICE, ALICE_NAME, ALICE_EMAIL, i)));
        bob.add(log.append(loanDecision(BOB, BOB_NAME, "bob@example.org", i)));
      }
      Checkpoint before = log.checkpointNow();

      // WHEN Alice is erased
      AuditReceipt erasure = log.eraseSubject(ALICE, "GDPR Art. 17 request 2026-118");

      // THEN her fields read as erased, Bob's still decrypt
      for (AuditReceipt a : alice) {
        AuditEntry e = log.entry(a.index()).orElseThrow();
        assertThat(e.isErased()).isTrue();
        assertThat(e.personalData()).containsEntry("name", Optional.empty()).containsEntry("email", Optional.empty());
        assertThat(e.toJson(true)).contains(AuditEntry.ERASED).doesNotContain(ALICE_NAME);
      }
      for (AuditReceipt b : bob) {
        assertThat(log.entry(b.index()).orElseThrow().personalData()).containsEntry("name", Optional.of(BOB_NAME));
      }
      // AND the erasure is an event of its own, naming Alice only by her pseudonym
      AuditEntry erased = log.entry(erasure.index()).orElseThrow();
      assertThat(erased.type()).isEqualTo(ErasureEvent.TYPE);
      assertThat(erased.body().path("subjectPseudonym").asText()).isEqualTo(privacy.pseudonym(ALICE));
      assertThat(erased.body().path("reason").asText()).isEqualTo("GDPR Art. 17 request 2026-118");
      assertThat(erased.toJson(false)).doesNotContain(ALICE);

      // AND the old checkpoint's proofs still verify, and the new tree extends the old one
      Checkpoint after = log.checkpointNow();
      for (AuditReceipt a : alice) {
        log.inclusionProof(a.index(), before.treeSize()).verify(a.leafHash(), before.rootHash());
        log.inclusionProof(a.index(), after.treeSize()).verify(a.leafHash(), after.rootHash());
        assertThat(AuditLogFixtures.leafDigest(log.entry(a.index()).orElseThrow().recordedBytes()))
            .isEqualTo(a.leafHash());
      }
      log.consistencyProof(before.treeSize(), after.treeSize()).verify(before.rootHash(), after.rootHash());
    }
    // AND Alice's id, name and e-mail appear in no file under the log directory (keys included)
    assertNoFileContains(dir, ALICE);
    assertNoFileContains(dir, ALICE_NAME);
    assertNoFileContains(dir, ALICE_EMAIL);
    // AND the log verifies offline
    assertThat(verify(dir, signer).closedCleanly()).isTrue();
    // AND the erasure survives reopening: her fields stay unreadable
    try (DurableAuditLog log = quietBuilder(dir, signer).privacy(AuditPrivacy.openOrCreate(dir.resolve("privacy")))
        .open()) {
      assertThat(log.entry(alice.get(0).index()).orElseThrow().isErased()).isTrue();
      assertThat(log.entry(bob.get(0).index()).orElseThrow().personalData())
          .containsEntry("name", Optional.of(BOB_NAME));
    }
  }

  @Test
  void a_log_without_privacy_keys_refuses_subjects_and_erasure() throws Exception {
    // GIVEN a log without privacy keys
    try (DurableAuditLog log = quietBuilder(tmp.resolve("log"), signer).open()) {
      // WHEN an event with a subject is appended, or a subject erased
      // THEN both are rejected, and the log stays writable
      assertThatThrownBy(() -> log.append(loanDecision(ALICE, ALICE_NAME, ALICE_EMAIL, 0)))
          .isInstanceOfSatisfying(AuditLogException.class,
              e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED));
      assertThatThrownBy(() -> log.eraseSubject(ALICE, "request"))
          .isInstanceOfSatisfying(AuditLogException.class,
              e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.REJECTED));
      assertThat(log.size()).isZero();
      assertThat(log.isReadOnly()).isFalse();
    }
  }
}
