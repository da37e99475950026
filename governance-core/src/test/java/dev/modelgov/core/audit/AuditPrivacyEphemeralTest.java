package dev.modelgov.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link AuditPrivacy#ephemeral()}: random keys in memory, no file I/O, erasure remembered in memory. */
class AuditPrivacyEphemeralTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SUBJECT = "applicant-4711";
  private static final String NAME = "Jane Doe-Example";

  @Test
  void pseudonyms_are_stable_per_instance_and_differ_between_instances() {
    // GIVEN two ephemeral key sets
    AuditPrivacy a = AuditPrivacy.ephemeral();
    AuditPrivacy b = AuditPrivacy.ephemeral();
    // WHEN
    String p1 = a.pseudonym(SUBJECT);
    String p2 = a.pseudonym(SUBJECT);
    // THEN
    assertThat(p1).isEqualTo(p2).matches("hmac-sha256:[0-9a-f]{64}").doesNotContain(SUBJECT);
    assertThat(a.pseudonym("applicant-4712")).isNotEqualTo(p1);
    assertThat(b.pseudonym(SUBJECT)).as("random pseudonym key per instance").isNotEqualTo(p1);
  }

  @Test
  void encrypts_and_decrypts_a_personal_field() {
    // GIVEN
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    // WHEN
    String sealed = privacy.encryptField(p, "prediction", TS, "name", NAME);
    // THEN
    assertThat(sealed).startsWith(AuditPrivacy.CIPHERTEXT_PREFIX).doesNotContain(NAME);
    assertThat(privacy.decryptField(p, "prediction", TS, "name", sealed)).contains(NAME);
    assertThat(privacy.isErased(p)).isFalse();
  }

  @Test
  void a_ciphertext_moved_to_another_field_fails_authentication() {
    // GIVEN
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    String sealed = privacy.encryptField(p, "prediction", TS, "name", NAME);
    // WHEN / THEN
    assertThatThrownBy(() -> privacy.decryptField(p, "prediction", TS, "email", sealed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("email")
        .hasMessageNotContaining(NAME);
  }

  @Test
  void a_subject_without_a_key_decrypts_to_empty() {
    // GIVEN a ciphertext made by another instance, for a subject this instance never saw
    AuditPrivacy other = AuditPrivacy.ephemeral();
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    String sealed = other.encryptField(p, "prediction", TS, "name", NAME);
    // WHEN / THEN
    assertThat(privacy.decryptField(p, "prediction", TS, "name", sealed)).isEmpty();
  }

  @Test
  void erase_makes_decrypt_empty_and_is_remembered() throws Exception {
    // GIVEN a field encrypted for a subject
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    String sealed = privacy.encryptField(p, "prediction", TS, "name", NAME);
    // WHEN the subject is erased
    boolean destroyed = privacy.erase(p);
    // THEN the key was destroyed, the field is unreadable and the erasure is remembered
    assertThat(destroyed).isTrue();
    assertThat(privacy.decryptField(p, "prediction", TS, "name", sealed)).isEmpty();
    assertThat(privacy.isErased(p)).isTrue();
    assertThat(privacy.erase(p)).as("idempotent: no key left to destroy").isFalse();
    assertThat(privacy.isErased(privacy.pseudonym("someone-else"))).isFalse();
  }

  @Test
  void a_returning_subject_gets_a_fresh_key_and_old_fields_stay_unreadable() throws Exception {
    // GIVEN an erased subject with an old ciphertext
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    String old = privacy.encryptField(p, "prediction", TS, "name", NAME);
    privacy.erase(p);
    // WHEN the subject appears again
    String fresh = privacy.encryptField(p, "prediction", TS.plusSeconds(1), "name", "New Name");
    // THEN the new field reads, the old one does not, and the subject stays marked as erased
    assertThat(privacy.decryptField(p, "prediction", TS.plusSeconds(1), "name", fresh)).contains("New Name");
    assertThat(privacy.decryptField(p, "prediction", TS, "name", old)).isEmpty();
    assertThat(privacy.isErased(p)).isTrue();
  }

  @Test
  void erasing_a_subject_never_seen_destroys_nothing_but_is_remembered() throws Exception {
    // GIVEN
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    // WHEN
    boolean destroyed = privacy.erase(p);
    // THEN
    assertThat(destroyed).isFalse();
    assertThat(privacy.isErased(p)).isTrue();
  }

  @Test
  void creates_no_file() throws Exception {
    // GIVEN the entries of the working directory and the temporary directory
    List<Path> watched = List.of(Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir")));
    List<Set<String>> before = new ArrayList<>();
    for (Path dir : watched) {
      before.add(listing(dir));
    }
    // WHEN every operation runs
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    String sealed = privacy.encryptField(p, "prediction", TS, "name", NAME);
    privacy.decryptField(p, "prediction", TS, "name", sealed);
    privacy.erase(p);
    privacy.isErased(p);
    privacy.encryptField(p, "prediction", TS, "name", NAME);
    // THEN no key store file appeared in either directory (other tests may create unrelated files meanwhile)
    for (int i = 0; i < watched.size(); i++) {
      Set<String> added = new TreeSet<>(listing(watched.get(i)));
      added.removeAll(before.get(i));
      assertThat(added).as("new entries in %s", watched.get(i))
          .noneMatch(n -> n.equals(AuditPrivacy.SUBJECTS_DIR) || n.endsWith(".dek") || n.endsWith(".erased")
              || n.endsWith(".key") || n.startsWith(".tmp-"));
    }
    assertThat(privacy.toString()).contains("ephemeral");
  }

  @Test
  void to_string_shows_no_key_material_or_personal_data() {
    // GIVEN
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    privacy.encryptField(p, "prediction", TS, "name", NAME);
    // WHEN
    String text = privacy.toString();
    // THEN
    assertThat(text).isEqualTo("AuditPrivacy[ephemeral, keys=<redacted>]");
  }

  @Test
  void concurrent_first_use_of_a_subject_creates_one_key() throws Exception {
    // GIVEN 8 threads encrypting for the same new subject
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    String p = privacy.pseudonym(SUBJECT);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Set<String> sealed = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> sealed.add(privacy.encryptField(p, "prediction", TS, "name", NAME))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // THEN every ciphertext decrypts under the one key the subject has
    assertThat(sealed).hasSize(8);
    for (String s : sealed) {
      assertThat(privacy.decryptField(p, "prediction", TS, "name", s)).contains(NAME);
    }
  }

  private static Set<String> listing(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(f -> names.add(f.getFileName().toString()));
      }
    }
    return names;
  }
}
