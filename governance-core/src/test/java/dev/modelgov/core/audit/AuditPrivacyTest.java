package dev.modelgov.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pseudonyms, field encryption, crypto-shredding and the key store of {@link AuditPrivacy}. */
class AuditPrivacyTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] PSEUDONYM_KEY = seq(0x00);
  private static final byte[] KEK = seq(0xa0);

  @TempDir Path dir;

  private static byte[] seq(int from) {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (from + i);
    }
    return k;
  }

  private AuditPrivacy privacy() {
    return AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(KEK).keyStore(dir).build();
  }

  private Path dekFile(String pseudonym) {
    return dir.resolve("subjects").resolve(pseudonym.substring("hmac-sha256:".length()) + ".dek");
  }

  @Test
  void pseudonyms_match_known_answers() {
    // GIVEN the key 00 01 .. 1f
    AuditPrivacy privacy = privacy();
    // WHEN / THEN (vectors computed with Python's hmac module)
    assertThat(privacy.pseudonym("customer-991"))
        .isEqualTo("hmac-sha256:2f5c853fd7854ec0e1dccfa94b149f75b3f324161010937407465a963b9d8bdb");
    assertThat(privacy.pseudonym("Jos\u00e9-\uD83D\uDE00"))
        .isEqualTo("hmac-sha256:be87beb4b76cb5faacfba37867be9173b27f28b45f154a95f167cba4d68eac6e");
  }

  @Test
  void pseudonyms_match_an_independent_hmac() throws Exception {
    // GIVEN javax.crypto used directly
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(PSEUDONYM_KEY, "HmacSHA256"));
    AuditPrivacy privacy = privacy();
    for (String subject : List.of("a", "employee-4711", "x".repeat(1000), "\u4e2d\u6587")) {
      // WHEN
      String p = privacy.pseudonym(subject);
      // THEN
      assertThat(p).isEqualTo("hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(subject.getBytes(UTF_8))));
    }
  }

  @Test
  void pseudonyms_are_deterministic_per_key_and_differ_across_keys() {
    // GIVEN two instances with one key and one with another
    AuditPrivacy a = privacy();
    AuditPrivacy b = privacy();
    AuditPrivacy other = AuditPrivacy.builder().pseudonymKey(seq(1)).keyEncryptionKey(KEK).keyStore(dir).build();
    // WHEN / THEN
    assertThat(a.pseudonym("customer-991")).isEqualTo(b.pseudonym("customer-991"))
        .isNotEqualTo(other.pseudonym("customer-991")).isNotEqualTo(a.pseudonym("customer-992"))
        .matches("hmac-sha256:[0-9a-f]{64}");
  }

  @Test
  void a_subject_id_with_a_lone_surrogate_is_refused() {
    // GIVEN / WHEN / THEN two ids that UTF-8 would both turn into '?' must not share a pseudonym
    assertThatThrownBy(() -> privacy().pseudonym("a\uD800")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subjectId has a lone surrogate");
  }

  @Test
  void fields_round_trip_and_each_encryption_is_fresh() {
    // GIVEN
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    for (String value : List.of("", "Jane Doe", "\u00e9\u20ac\uD83D\uDE00", "x".repeat(10_000))) {
      // WHEN
      String c1 = privacy.encryptField(p, "approval", TS, "name", value);
      String c2 = privacy.encryptField(p, "approval", TS, "name", value);
      // THEN
      assertThat(c1).matches("aes256gcm:[A-Za-z0-9_-]+").isNotEqualTo(c2).doesNotContain(value.isEmpty() ? "#" : value);
      assertThat(Base64.getUrlDecoder().decode(c1.substring(10))).hasSize(12 + value.getBytes(UTF_8).length + 16);
      assertThat(privacy.decryptField(p, "approval", TS, "name", c1)).contains(value);
      assertThat(privacy().decryptField(p, "approval", TS, "name", c2)).contains(value);
    }
  }

  @Test
  void a_ciphertext_moved_to_another_field_event_or_subject_fails() {
    // GIVEN a ciphertext bound to subject, type, time and field
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String q = privacy.pseudonym("customer-992");
    privacy.encryptField(q, "approval", TS, "name", "other subject has a key too");
    String c = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    // WHEN / THEN every change of context fails authentication, naming the field but not the value
    List<Runnable> moves = List.of(
        () -> privacy.decryptField(p, "approval", TS, "email", c),
        () -> privacy.decryptField(p, "approval", TS.plusNanos(1), "name", c),
        () -> privacy.decryptField(p, "prediction", TS, "name", c),
        () -> privacy.decryptField(q, "approval", TS, "name", c));
    for (Runnable move : moves) {
      IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class, move::run);
      assertThat(ex).hasMessageContaining("failed authentication").hasNoCause();
      assertThat(ex.getMessage()).doesNotContain("Jane");
    }
  }

  @Test
  void any_changed_byte_fails_with_a_clear_error() {
    // GIVEN
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String c = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    byte[] sealed = Base64.getUrlDecoder().decode(c.substring("aes256gcm:".length()));
    for (int i = 0; i < sealed.length; i++) {
      // WHEN one byte is flipped
      byte[] t = sealed.clone();
      t[i] ^= 0x01;
      String tampered = "aes256gcm:" + Base64.getUrlEncoder().withoutPadding().encodeToString(t);
      // THEN
      assertThatThrownBy(() -> privacy.decryptField(p, "approval", TS, "name", tampered))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("personal field name of a approval event failed authentication: the ciphertext was altered, "
              + "or belongs to another subject, event or field")
          .hasNoCause();
    }
  }

  @Test
  void malformed_ciphertexts_are_reported_as_such() {
    // GIVEN
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    // WHEN / THEN
    for (String bad : List.of("Jane Doe", "aes256gcm:", "aes256gcm:!!!!", "aes256gcm:AAAA", "aes256gcm:AAAAAA==",
        "aes128gcm:" + "A".repeat(40))) {
      assertThatThrownBy(() -> privacy.decryptField(p, "approval", TS, "name", bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("personal field name is malformed")
          .hasMessageNotContaining("Jane");
    }
  }

  @Test
  void malformed_pseudonyms_are_refused() {
    // GIVEN / WHEN / THEN
    AuditPrivacy privacy = privacy();
    assertThatThrownBy(() -> privacy.encryptField("customer-991", "t", TS, "f", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pseudonym must be hmac-sha256:<64 lower-case hex digits>");
    assertThatThrownBy(() -> privacy.isErased("hmac-sha256:../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_subject_without_a_key_reads_as_empty_and_not_erased() {
    // GIVEN a ciphertext made elsewhere for a subject this store has no key for
    AuditPrivacy elsewhere = AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(KEK)
        .keyStore(dir.resolve("elsewhere")).build();
    String p = elsewhere.pseudonym("customer-991");
    String c = elsewhere.encryptField(p, "approval", TS, "name", "Jane Doe");
    AuditPrivacy privacy = privacy();
    // WHEN
    Optional<String> value = privacy.decryptField(p, "approval", TS, "name", c);
    // THEN decryption creates no key
    assertThat(value).isEmpty();
    assertThat(privacy.isErased(p)).isFalse();
    assertThat(dekFile(p)).doesNotExist();
  }

  @Test
  void erasure_makes_every_earlier_field_unreadable() throws IOException {
    // GIVEN fields of two subjects
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String q = privacy.pseudonym("customer-992");
    String c1 = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    String c2 = privacy.encryptField(p, "prediction", TS.plusSeconds(1), "email", "jane@example.com");
    String other = privacy.encryptField(q, "approval", TS, "name", "John Roe");
    assertThat(privacy.isErased(p)).isFalse();
    // WHEN one subject is erased
    boolean destroyed = privacy.erase(p);
    // THEN its key file is gone, a tombstone is written, and its fields read as empty, in this and a new instance
    assertThat(destroyed).isTrue();
    assertThat(dekFile(p)).doesNotExist();
    assertThat(dir.resolve("subjects").resolve(p.substring(12) + ".erased")).exists();
    for (AuditPrivacy reader : List.of(privacy, privacy())) {
      assertThat(reader.isErased(p)).isTrue();
      assertThat(reader.decryptField(p, "approval", TS, "name", c1)).isEmpty();
      assertThat(reader.decryptField(p, "prediction", TS.plusSeconds(1), "email", c2)).isEmpty();
      assertThat(reader.decryptField(q, "approval", TS, "name", other)).contains("John Roe");
      assertThat(reader.isErased(q)).isFalse();
    }
    assertThat(privacy.erase(p)).isFalse();
  }

  @Test
  void erasing_an_unknown_subject_records_the_erasure() throws IOException {
    // GIVEN a subject that never had personal data
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("never-seen");
    // WHEN
    boolean destroyed = privacy.erase(p);
    // THEN
    assertThat(destroyed).isFalse();
    assertThat(privacy.isErased(p)).isTrue();
  }

  @Test
  void a_subject_returning_after_erasure_gets_a_fresh_key_and_the_old_data_stays_unreadable() throws IOException {
    // GIVEN an erased subject
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String before = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    privacy.erase(p);
    // WHEN a new event names the subject again
    String after = privacy.encryptField(p, "approval", TS.plusSeconds(60), "name", "Jane Doe-Smith");
    // THEN the new field reads, the old stays unreadable (not a tamper error), and the subject counts as erased
    for (AuditPrivacy reader : List.of(privacy, privacy())) {
      assertThat(reader.decryptField(p, "approval", TS.plusSeconds(60), "name", after)).contains("Jane Doe-Smith");
      assertThat(reader.decryptField(p, "approval", TS, "name", before)).isEmpty();
      assertThat(reader.isErased(p)).isTrue();
    }
    assertThat(dekFile(p)).exists();
  }

  @Test
  void dek_files_hold_the_key_only_wrapped_under_the_kek() throws Exception {
    // GIVEN a field encrypted for a subject
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String c = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    byte[] file = Files.readAllBytes(dekFile(p));
    // WHEN the file is unwrapped independently: AES-256-GCM under the KEK, nonce first, AAD = the pseudonym
    Cipher unwrap = Cipher.getInstance("AES/GCM/NoPadding");
    unwrap.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEK, "AES"), new GCMParameterSpec(128, file, 0, 12));
    unwrap.updateAAD(p.getBytes(UTF_8));
    byte[] dek = unwrap.doFinal(file, 12, file.length - 12);
    // THEN the file is nonce + wrapped key + tag, never the raw key, and the key decrypts the field as documented
    assertThat(file).hasSize(12 + 32 + 16);
    assertThat(dek).hasSize(32);
    assertThat(indexOf(file, dek)).isEqualTo(-1);
    byte[] sealed = Base64.getUrlDecoder().decode(c.substring("aes256gcm:".length()));
    Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
    open.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
    open.updateAAD(("modelgov-audit-v1\n" + p + "\napproval\n2026-03-01T12:00:00Z\nname").getBytes(UTF_8));
    assertThat(new String(open.doFinal(sealed, 12, sealed.length - 12), UTF_8)).isEqualTo("Jane Doe");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      int j = 0;
      while (j < needle.length && haystack[i + j] == needle[j]) {
        j++;
      }
      if (j == needle.length) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void a_wrong_kek_fails_clearly_without_key_material() {
    // GIVEN a key store written under one KEK
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    String c = privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    AuditPrivacy wrong = AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(seq(0x40))
        .keyStore(dir).build();
    // WHEN
    IllegalStateException ex = catchThrowableOfType(IllegalStateException.class,
        () -> wrong.decryptField(p, "approval", TS, "name", c));
    // THEN
    assertThat(ex).hasMessageContaining("cannot be unwrapped").hasNoCause();
    assertThat(ex.getMessage()).doesNotContain(HexFormat.of().formatHex(KEK), "Jane");
  }

  @Test
  void concurrent_first_use_of_one_subject_creates_exactly_one_key() throws Exception {
    // GIVEN 16 threads released at once on a subject without a key
    AuditPrivacy privacy = privacy();
    String p = privacy.pseudonym("customer-991");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<String>> results = new ArrayList<>();
    try {
      for (int t = 0; t < 16; t++) {
        String value = "value-" + t;
        results.add(pool.submit(() -> {
          start.await();
          return privacy.encryptField(p, "approval", TS, "f", value);
        }));
      }
      // WHEN
      start.countDown();
      List<String> ciphertexts = new ArrayList<>();
      for (Future<String> f : results) {
        ciphertexts.add(f.get());
      }
      // THEN one key file exists, and every ciphertext decrypts, also from a fresh instance reading the file
      try (Stream<Path> files = Files.list(dir.resolve("subjects"))) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly(p.substring(12) + ".dek");
      }
      AuditPrivacy fresh = privacy();
      for (int t = 0; t < 16; t++) {
        assertThat(fresh.decryptField(p, "approval", TS, "f", ciphertexts.get(t))).contains("value-" + t);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrent_instances_on_one_store_agree_on_the_key() throws Exception {
    // GIVEN 8 instances (as in 8 processes) sharing a key store
    List<AuditPrivacy> instances = Stream.generate(this::privacy).limit(8).toList();
    String p = instances.get(0).pseudonym("customer-7");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (AuditPrivacy instance : instances) {
        results.add(pool.submit(() -> {
          start.await();
          return instance.encryptField(p, "t.x", TS, "f", "v");
        }));
      }
      // WHEN
      start.countDown();
      // THEN every instance's ciphertext decrypts with the key on disk
      AuditPrivacy reader = privacy();
      for (Future<String> f : results) {
        assertThat(reader.decryptField(p, "t.x", TS, "f", f.get())).contains("v");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void open_or_create_makes_keys_once_and_reopens_them() throws IOException {
    // GIVEN a fresh directory
    Path keys = dir.resolve("keys");
    AuditPrivacy first = AuditPrivacy.openOrCreate(keys);
    String p = first.pseudonym("customer-991");
    String c = first.encryptField(p, "approval", TS, "name", "Jane Doe");
    byte[] pseudonymKey = Files.readAllBytes(keys.resolve("pseudonym.key"));
    // WHEN opened again
    AuditPrivacy second = AuditPrivacy.openOrCreate(keys);
    // THEN the same keys are used
    assertThat(pseudonymKey).hasSize(32);
    assertThat(Files.readAllBytes(keys.resolve("kek.key"))).hasSize(32);
    assertThat(Files.readAllBytes(keys.resolve("pseudonym.key"))).isEqualTo(pseudonymKey);
    assertThat(second.pseudonym("customer-991")).isEqualTo(p);
    assertThat(second.decryptField(p, "approval", TS, "name", c)).contains("Jane Doe");
    try (Stream<Path> files = Files.list(keys)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("pseudonym.key", "kek.key",
          "subjects");
    }
  }

  @Test
  void key_files_are_readable_by_the_owner_only() throws IOException {
    // GIVEN a file system with POSIX permissions
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path keys = dir.resolve("keys");
    AuditPrivacy privacy = AuditPrivacy.openOrCreate(keys);
    String p = privacy.pseudonym("customer-991");
    privacy.encryptField(p, "approval", TS, "name", "Jane Doe");
    privacy.erase(privacy.pseudonym("customer-992"));
    privacy.encryptField(privacy.pseudonym("customer-993"), "approval", TS, "name", "x");
    // WHEN / THEN every key file is rw------- and the directories are rwx------
    for (Path f : List.of(keys.resolve("pseudonym.key"), keys.resolve("kek.key"), dekFile2(keys, p))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("subjects"))))
        .isEqualTo("rwx------");
  }

  private static Path dekFile2(Path keys, String pseudonym) {
    return keys.resolve("subjects").resolve(pseudonym.substring(12) + ".dek");
  }

  @Test
  void open_or_create_refuses_key_files_of_the_wrong_size() throws IOException {
    // GIVEN a truncated KEK
    Path keys = dir.resolve("keys");
    AuditPrivacy.openOrCreate(keys);
    Files.write(keys.resolve("kek.key"), new byte[16]);
    // WHEN / THEN
    assertThatThrownBy(() -> AuditPrivacy.openOrCreate(keys)).isInstanceOf(IOException.class)
        .hasMessage("kek.key must hold exactly 32 bytes, has 16");
  }

  @Test
  void the_builder_names_the_bad_setting() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> AuditPrivacy.builder().keyEncryptionKey(KEK).keyStore(dir).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("pseudonymKey is not set");
    assertThatThrownBy(() -> AuditPrivacy.builder().pseudonymKey(new byte[31]).keyEncryptionKey(KEK).keyStore(dir)
        .build()).hasMessage("pseudonymKey must be at least 32 bytes, got 31");
    assertThatThrownBy(() -> AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyStore(dir).build())
        .hasMessage("keyEncryptionKey is not set");
    assertThatThrownBy(() -> AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(new byte[16])
        .keyStore(dir).build()).hasMessage("keyEncryptionKey must be exactly 32 bytes (AES-256), got 16");
    assertThatThrownBy(() -> AuditPrivacy.builder().pseudonymKey(PSEUDONYM_KEY).keyEncryptionKey(KEK).build())
        .hasMessage("keyStore is not set");
    assertThatThrownBy(() -> AuditPrivacy.builder().pseudonymKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("pseudonymKey must not be null");
  }

  @Test
  void key_arrays_are_copied_in() {
    // GIVEN a builder given an array that the caller later wipes
    byte[] key = PSEUDONYM_KEY.clone();
    AuditPrivacy.Builder builder = AuditPrivacy.builder().pseudonymKey(key).keyEncryptionKey(KEK).keyStore(dir);
    String expected = privacy().pseudonym("customer-991");
    // WHEN
    java.util.Arrays.fill(key, (byte) 0);
    AuditPrivacy privacy = builder.build();
    // THEN
    assertThat(privacy.pseudonym("customer-991")).isEqualTo(expected);
  }

  @Test
  void to_string_shows_no_key_material() {
    // GIVEN
    AuditPrivacy privacy = privacy();
    // WHEN
    String s = privacy.toString();
    // THEN
    assertThat(s).contains("<redacted>").contains(dir.toString())
        .doesNotContain(HexFormat.of().formatHex(PSEUDONYM_KEY), HexFormat.of().formatHex(KEK),
            Base64.getEncoder().encodeToString(KEK), java.util.Arrays.toString(KEK));
  }
}
