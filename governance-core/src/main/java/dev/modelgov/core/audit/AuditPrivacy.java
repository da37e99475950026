package dev.modelgov.core.audit;

import dev.modelgov.core.audit.internal.store.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The GDPR side of the audit log: keyed pseudonyms for data subjects, and crypto-shredding of their personal fields.
 *
 * <p>A subject id is recorded only as its pseudonym {@code hmac-sha256:<hex>}, the HMAC-SHA-256 of the id under the
 * pseudonym key: the same subject always gets the same pseudonym, and nobody without the key can compute or reverse
 * it. Each personal field is encrypted with AES-256-GCM under a data key of its subject (a DEK), bound to its event
 * type, timestamp and field name. DEKs are stored in {@code keyStore/subjects/<hex>.dek}, wrapped (AES-256-GCM) with
 * the key-encryption key (KEK). {@link #erase(String)} destroys a subject's DEK: from then on, every personal field
 * ever recorded for that subject is unreadable, while the log's hashes, proofs and signatures still verify.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>A ciphertext decrypts only under the subject, event type, timestamp and field it was made for; a value moved
 *       to another field or event fails authentication.
 *   <li>DEK files never hold a DEK in clear; without the KEK they are useless.
 *   <li>Key material never appears in {@link #toString()} or in exception messages; key arrays are copied in, never
 *       handed out.
 *   <li>Erasure removes the DEK file (overwritten with zeros, synced, deleted) and the cached key. On flash storage
 *       and copy-on-write file systems the old blocks may survive the overwrite; the guarantee then rests on the KEK:
 *       keep it out of backups of the key store (a Secret or KMS), and rotate it if a backup of the DEK files leaks.
 * </ul>
 *
 * <h3>A subject that returns after erasure</h3>
 *
 * <p>Erasure is final for everything recorded before it. If a later event names an erased subject, a fresh DEK is
 * created: that event's fields are readable, the earlier ones stay unreadable ({@link #decryptField} returns empty for
 * them), and {@link #isErased(String)} keeps answering {@code true}, meaning "this subject was erased".
 *
 * <h2>Example</h2>
 *
 * <p>In production, pass the keys from a Secret or a KMS; {@link #openOrCreate(Path)} keeps them next to the subject
 * keys, which suits development and single-host setups only.
 *
 * <pre>{@code
 * AuditPrivacy privacy = AuditPrivacy.builder()
 *     .pseudonymKey(secret.get("audit-pseudonym-key"))     // 32 bytes or more
 *     .keyEncryptionKey(kms.decrypt(wrappedKek))           // exactly 32 bytes
 *     .keyStore(Path.of("/var/lib/app/audit-keys"))
 *     .build();
 * String p = privacy.pseudonym("customer-991");            // "hmac-sha256:5e1c..."
 * privacy.erase(p);                                        // GDPR Art. 17
 * }</pre>
 *
 * <p>Tests and demos use {@link #ephemeral()}: random keys that live in memory only, with no file I/O at all.
 *
 * <p>Instances are thread-safe.
 */
public final class AuditPrivacy {

  /** The prefix of every pseudonym. */
  public static final String PSEUDONYM_PREFIX = "hmac-sha256:";

  /** The prefix of every encrypted field value. */
  public static final String CIPHERTEXT_PREFIX = "aes256gcm:";

  /** The file of the pseudonym key in an {@link #openOrCreate(Path)} directory. */
  public static final String PSEUDONYM_KEY_FILE = "pseudonym.key";

  /** The file of the key-encryption key in an {@link #openOrCreate(Path)} directory. */
  public static final String KEK_FILE = "kek.key";

  /** The sub-directory of the key store that holds the subjects' wrapped data keys and erasure tombstones. */
  public static final String SUBJECTS_DIR = "subjects";

  private static final String AAD_PREFIX = "modelgov-audit-v1\n";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;
  private static final int WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES;
  private static final Pattern PSEUDONYM = Pattern.compile("hmac-sha256:[0-9a-f]{64}");
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Nonces come from a DRBG per thread: no lock and no system call per field. */
  private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required of every Java platform", e);
    }
  });

  private final SecretKeySpec pseudonymKey;
  private final SecretKeySpec kek;
  /** The key directory, or {@code null} for {@linkplain #ephemeral() ephemeral} keys kept in memory only. */
  private final Path keyStore;
  private final Path subjects;
  private final ThreadLocal<Mac> macs;
  private final ConcurrentHashMap<String, SecretKeySpec> deks = new ConcurrentHashMap<>();
  private final Set<String> erased = ConcurrentHashMap.newKeySet();
  private final Object[] locks = new Object[64];

  private AuditPrivacy(Builder b) {
    this.pseudonymKey = new SecretKeySpec(b.pseudonymKey, "HmacSHA256");
    this.kek = new SecretKeySpec(b.keyEncryptionKey, "AES");
    this.keyStore = b.keyStore;
    this.subjects = b.keyStore == null ? null : b.keyStore.resolve(SUBJECTS_DIR);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(pseudonymKey);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
      }
    });
  }

  /**
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Privacy keys that live in memory only, for tests and demos: a random pseudonym key, and subject data keys created
   * on first use and kept in memory. {@link #erase(String)} drops the subject's key and remembers the erasure in
   * memory. Nothing is ever read from or written to a file, so everything is lost with the instance: pseudonyms
   * differ between two instances, and a log written with one can be read back only with the same instance.
   *
   * <p>Never use this in production: the subject keys do not survive a restart, so personal fields recorded before
   * it become unreadable, as if every subject had been erased.
   *
   * <pre>{@code
   * AuditPrivacy privacy = AuditPrivacy.ephemeral();
   * String p = privacy.pseudonym("applicant-17");
   * String sealed = privacy.encryptField(p, "prediction", ts, "name", "Jane Doe");
   * privacy.erase(p);   // decryptField(p, ..., sealed) is now empty
   * }</pre>
   *
   * @return new in-memory privacy keys
   */
  public static AuditPrivacy ephemeral() {
    byte[] pseudonymKey = new byte[KEY_BYTES];
    byte[] kekBytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(pseudonymKey);
    RANDOM.nextBytes(kekBytes);
    try {
      Builder b = builder().pseudonymKey(pseudonymKey).keyEncryptionKey(kekBytes);
      AuditPrivacy privacy = new AuditPrivacy(b);
      Arrays.fill(b.pseudonymKey, (byte) 0);
      Arrays.fill(b.keyEncryptionKey, (byte) 0);
      return privacy;
    } finally {
      Arrays.fill(pseudonymKey, (byte) 0);
      Arrays.fill(kekBytes, (byte) 0);
    }
  }

  /**
   * Opens the keys kept in a directory, creating them on first use: {@value #PSEUDONYM_KEY_FILE} and
   * {@value #KEK_FILE} (32 random bytes each, owner-only permissions where the file system has POSIX permissions,
   * written atomically), and the subject keys in {@value #SUBJECTS_DIR}/.
   *
   * <p>For development and single-host setups: the KEK then sits next to the keys it protects, so a copy of the
   * directory reads every subject. In production, pass the keys from a Secret or KMS to {@link #builder()}.
   *
   * @param dir the key directory, must not be {@code null}
   * @return the privacy keys
   * @throws IOException if the directory or a key cannot be read or created, or a key file has the wrong size
   */
  public static AuditPrivacy openOrCreate(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir must not be null");
    createDirectories(dir);
    byte[] pseudonymKey = readOrCreateKey(dir.resolve(PSEUDONYM_KEY_FILE));
    byte[] kekBytes = readOrCreateKey(dir.resolve(KEK_FILE));
    try {
      if (pseudonymKey.length < KEY_BYTES) {
        throw new IOException(PSEUDONYM_KEY_FILE + " must hold at least 32 bytes, has " + pseudonymKey.length);
      }
      if (kekBytes.length != KEY_BYTES) {
        throw new IOException(KEK_FILE + " must hold exactly 32 bytes, has " + kekBytes.length);
      }
      return builder().pseudonymKey(pseudonymKey).keyEncryptionKey(kekBytes).keyStore(dir).build();
    } finally {
      Arrays.fill(pseudonymKey, (byte) 0);
      Arrays.fill(kekBytes, (byte) 0);
    }
  }

  private static byte[] readOrCreateKey(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      byte[] key = new byte[KEY_BYTES];
      RANDOM.nextBytes(key);
      if (storeNew(file, key)) {
        return key;
      }
      // Another process created it first; use theirs.
      Arrays.fill(key, (byte) 0);
      return Files.readAllBytes(file);
    }
  }

  /**
   * The pseudonym of a data subject: {@code hmac-sha256:} and the lower-case hex of HMAC-SHA-256(pseudonym key, UTF-8
   * of the id).
   *
   * @param subjectId the subject id, must not be {@code null}
   * @return the pseudonym
   * @throws IllegalArgumentException if the id is not well-formed UTF-16 (a lone surrogate)
   */
  public String pseudonym(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    if (hasLoneSurrogate(subjectId)) {
      throw new IllegalArgumentException("subjectId has a lone surrogate");
    }
    byte[] mac = macs.get().doFinal(subjectId.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[PSEUDONYM_PREFIX.length() + 64];
    for (int i = 0; i < PSEUDONYM_PREFIX.length(); i++) {
      out[i] = (byte) PSEUDONYM_PREFIX.charAt(i);
    }
    for (int i = 0, p = PSEUDONYM_PREFIX.length(); i < mac.length; i++) {
      out[p++] = HEX[(mac[i] >> 4) & 0xf];
      out[p++] = HEX[mac[i] & 0xf];
    }
    return new String(out, StandardCharsets.US_ASCII);
  }

  /**
   * Encrypts one personal field under the subject's data key, creating the key on first use.
   *
   * @param pseudonym the subject's pseudonym, as {@link #pseudonym(String)} returns it
   * @param type the event type, must not be {@code null}
   * @param ts the event timestamp, must not be {@code null}
   * @param field the field name, must not be {@code null}
   * @param value the personal value, must not be {@code null}
   * @return {@code aes256gcm:} and the unpadded base64url of nonce (12 bytes), ciphertext and tag (16 bytes)
   * @throws IllegalArgumentException if the pseudonym is malformed or the value has a lone surrogate
   * @throws UncheckedIOException if the subject's key cannot be read or stored
   * @throws IllegalStateException if the stored subject key cannot be unwrapped with this KEK
   */
  public String encryptField(String pseudonym, String type, Instant ts, String field, String value) {
    requirePseudonym(pseudonym);
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(ts, "ts must not be null");
    Objects.requireNonNull(field, "field must not be null");
    Objects.requireNonNull(value, "value must not be null");
    if (hasLoneSurrogate(value)) {
      throw new IllegalArgumentException("personal field " + field + ": value has a lone surrogate");
    }
    SecretKeySpec dek = dataKey(pseudonym, true);
    byte[] plain = value.getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE_BYTES];
    NONCES.get().nextBytes(nonce);
    byte[] out = new byte[NONCE_BYTES + plain.length + TAG_BYTES];
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    try {
      Cipher c = GCM.get();
      c.init(Cipher.ENCRYPT_MODE, dek, new GCMParameterSpec(TAG_BYTES * 8, nonce));
      c.updateAAD(aad(pseudonym, type, ts, field));
      c.doFinal(plain, 0, plain.length, out, NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed: " + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    return CIPHERTEXT_PREFIX + B64.encodeToString(out);
  }

  /**
   * Decrypts one personal field.
   *
   * @param pseudonym the subject's pseudonym
   * @param type the event type the field was recorded in
   * @param ts the event timestamp
   * @param field the field name
   * @param encoded the value as {@link #encryptField} returned it
   * @return the value; empty if the subject was erased (the value was encrypted under a destroyed key) or has no key
   * @throws IllegalArgumentException if the ciphertext is malformed, or fails authentication: it was altered, or it
   *     belongs to another subject, event or field. The message names the field, never a value
   * @throws UncheckedIOException if the subject's key cannot be read
   * @throws IllegalStateException if the stored subject key cannot be unwrapped with this KEK
   */
  public Optional<String> decryptField(String pseudonym, String type, Instant ts, String field, String encoded) {
    requirePseudonym(pseudonym);
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(ts, "ts must not be null");
    Objects.requireNonNull(field, "field must not be null");
    Objects.requireNonNull(encoded, "encoded must not be null");
    byte[] sealed = decodeCiphertext(field, encoded);
    SecretKeySpec dek = dataKey(pseudonym, false);
    if (dek == null) {
      return Optional.empty();
    }
    try {
      Cipher c = GCM.get();
      c.init(Cipher.DECRYPT_MODE, dek, new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES));
      c.updateAAD(aad(pseudonym, type, ts, field));
      byte[] plain = c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      String value = new String(plain, StandardCharsets.UTF_8);
      Arrays.fill(plain, (byte) 0);
      return Optional.of(value);
    } catch (AEADBadTagException e) {
      if (isErased(pseudonym)) {
        // Encrypted under a key destroyed by erasure; the subject has a fresh key since.
        return Optional.empty();
      }
      throw new IllegalArgumentException("personal field " + field + " of a " + type
          + " event failed authentication: the ciphertext was altered, or belongs to another subject, event or field");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("personal field " + field + " cannot be decrypted: "
          + e.getClass().getSimpleName());
    }
  }

  private static byte[] decodeCiphertext(String field, String encoded) {
    String what = "personal field " + field + " is malformed: expected aes256gcm:<unpadded base64url>";
    if (!encoded.startsWith(CIPHERTEXT_PREFIX) || encoded.indexOf('=') >= 0) {
      throw new IllegalArgumentException(what);
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(encoded.substring(CIPHERTEXT_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what);
    }
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      throw new IllegalArgumentException("personal field " + field + " is malformed: " + sealed.length
          + " bytes is shorter than a nonce and a tag");
    }
    return sealed;
  }

  /**
   * Erases a data subject: overwrites its DEK file with zeros, syncs, deletes it, syncs the directory, drops the
   * cached key and records a tombstone {@code <hex>.erased}. Every personal field encrypted for the subject so far
   * becomes unreadable. Idempotent. {@linkplain #ephemeral() Ephemeral} keys drop the key and remember the erasure in
   * memory only.
   *
   * @param pseudonym the subject's pseudonym
   * @return {@code true} if a key was destroyed, {@code false} if the subject had none
   * @throws IOException if the key or tombstone cannot be written or deleted; the erasure may then be incomplete and
   *     should be retried
   */
  public boolean erase(String pseudonym) throws IOException {
    requirePseudonym(pseudonym);
    if (keyStore == null) {
      synchronized (lock(pseudonym)) {
        boolean had = deks.remove(pseudonym) != null;
        erased.add(pseudonym);
        return had;
      }
    }
    String hex = pseudonym.substring(PSEUDONYM_PREFIX.length());
    synchronized (lock(pseudonym)) {
      deks.remove(pseudonym);
      Path file = subjects.resolve(hex + ".dek");
      boolean had = false;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        had = true;
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(Math.max(ch.size(), 1), 4096));
        for (long at = 0, size = ch.size(); at < size; ) {
          zeros.clear();
          zeros.limit((int) Math.min(zeros.capacity(), size - at));
          at += ch.write(zeros, at);
        }
        ch.force(true);
      } catch (NoSuchFileException e) {
        had = false;
      }
      if (had) {
        Files.deleteIfExists(file);
        Layout.fsyncDirectory(subjects);
      }
      // The key goes first: a crash in between leaves no key and no tombstone, which reads as erased data too.
      createDirectories(subjects);
      storeNew(subjects.resolve(hex + ".erased"),
          ("erased " + Instant.now() + "\n").getBytes(StandardCharsets.US_ASCII));
      erased.add(pseudonym);
      return had;
    }
  }

  /**
   * Whether a subject was erased. Stays {@code true} even if a later event created a fresh key for the subject.
   *
   * @param pseudonym the subject's pseudonym
   * @return whether {@link #erase(String)} ran for the subject
   */
  public boolean isErased(String pseudonym) {
    requirePseudonym(pseudonym);
    if (erased.contains(pseudonym)) {
      return true;
    }
    if (keyStore == null) {
      return false;
    }
    if (Files.exists(subjects.resolve(pseudonym.substring(PSEUDONYM_PREFIX.length()) + ".erased"))) {
      erased.add(pseudonym);
      return true;
    }
    return false;
  }

  /** Names the key store only (or says the keys are ephemeral): key material is never shown. */
  @Override
  public String toString() {
    return "AuditPrivacy[" + (keyStore == null ? "ephemeral" : "keyStore=" + keyStore) + ", keys=<redacted>]";
  }

  // --- data keys ---------------------------------------------------------------------------------------------------

  private SecretKeySpec dataKey(String pseudonym, boolean create) {
    SecretKeySpec key = deks.get(pseudonym);
    if (key != null) {
      return key;
    }
    String hex = pseudonym.substring(PSEUDONYM_PREFIX.length());
    synchronized (lock(pseudonym)) {
      key = deks.get(pseudonym);
      if (key != null) {
        return key;
      }
      if (keyStore == null) {
        if (!create) {
          return null;
        }
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        deks.put(pseudonym, key);
        return key;
      }
      Path file = subjects.resolve(hex + ".dek");
      try {
        byte[] wrapped = readIfExists(file);
        if (wrapped == null) {
          if (!create) {
            return null;
          }
          byte[] raw = new byte[KEY_BYTES];
          RANDOM.nextBytes(raw);
          try {
            createDirectories(subjects);
            if (storeNew(file, wrap(pseudonym, raw))) {
              key = new SecretKeySpec(raw, "AES");
            } else {
              // Another process created the key first; use theirs.
              wrapped = Files.readAllBytes(file);
            }
          } finally {
            Arrays.fill(raw, (byte) 0);
          }
        }
        if (key == null) {
          key = unwrap(pseudonym, hex, wrapped);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot " + (create ? "read or create" : "read") + " the subject key "
            + SUBJECTS_DIR + "/" + hex + ".dek", e);
      }
      deks.put(pseudonym, key);
      return key;
    }
  }

  private byte[] wrap(String pseudonym, byte[] raw) {
    byte[] out = new byte[WRAPPED_BYTES];
    RANDOM.nextBytes(out);
    try {
      Cipher c = GCM.get();
      c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BYTES * 8, out, 0, NONCE_BYTES));
      c.updateAAD(pseudonym.getBytes(StandardCharsets.US_ASCII));
      c.doFinal(raw, 0, raw.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM key wrapping failed: " + e.getClass().getSimpleName());
    }
  }

  private SecretKeySpec unwrap(String pseudonym, String hex, byte[] wrapped) {
    String file = SUBJECTS_DIR + "/" + hex + ".dek";
    if (wrapped.length != WRAPPED_BYTES) {
      throw new IllegalStateException("subject key " + file + " is damaged: " + wrapped.length + " bytes, expected "
          + WRAPPED_BYTES);
    }
    byte[] raw = null;
    try {
      Cipher c = GCM.get();
      c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BYTES * 8, wrapped, 0, NONCE_BYTES));
      c.updateAAD(pseudonym.getBytes(StandardCharsets.US_ASCII));
      raw = c.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
      return new SecretKeySpec(raw, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("subject key " + file
          + " cannot be unwrapped: the key-encryption key is not the one it was made with, or the file is damaged");
    } finally {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  private Object lock(String pseudonym) {
    return locks[(pseudonym.hashCode() & 0x7fffffff) % locks.length];
  }

  private static byte[] aad(String pseudonym, String type, Instant ts, String field) {
    return (AAD_PREFIX + pseudonym + "\n" + type + "\n" + ts + "\n" + field).getBytes(StandardCharsets.UTF_8);
  }

  private static void requirePseudonym(String pseudonym) {
    Objects.requireNonNull(pseudonym, "pseudonym must not be null");
    if (!PSEUDONYM.matcher(pseudonym).matches()) {
      throw new IllegalArgumentException("pseudonym must be hmac-sha256:<64 lower-case hex digits>");
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  // --- files -------------------------------------------------------------------------------------------------------

  private static byte[] readIfExists(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Writes a new file atomically and never replaces an existing one: a temporary file (owner-only), synced, then
   * hard-linked (or, where links are not supported, renamed) to its name, and the directory synced.
   *
   * @return {@code true} if this call created the file, {@code false} if it existed already
   */
  private static boolean storeNew(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = posix(dir);
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, ".tmp-", ".part", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (Files.exists(file)) {
          return false;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      }
      Layout.fsyncDirectory(dir);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Builds an {@link AuditPrivacy} from keys held elsewhere (a Secret, a KMS). All three settings are required.
   *
   * <pre>{@code
   * AuditPrivacy.builder().pseudonymKey(k1).keyEncryptionKey(k2).keyStore(dir).build();
   * }</pre>
   */
  public static final class Builder {
    private byte[] pseudonymKey;
    private byte[] keyEncryptionKey;
    private Path keyStore;

    private Builder() {}

    /**
     * @param pseudonymKey the HMAC key of pseudonyms, at least 32 bytes; copied. Changing it changes every pseudonym
     * @return this builder
     */
    public Builder pseudonymKey(byte[] pseudonymKey) {
      this.pseudonymKey = Objects.requireNonNull(pseudonymKey, "pseudonymKey must not be null").clone();
      return this;
    }

    /**
     * @param keyEncryptionKey the AES-256 key that wraps the subjects' data keys, exactly 32 bytes; copied
     * @return this builder
     */
    public Builder keyEncryptionKey(byte[] keyEncryptionKey) {
      this.keyEncryptionKey = Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey must not be null").clone();
      return this;
    }

    /**
     * @param keyStore the directory of the subjects' wrapped data keys (in its {@value AuditPrivacy#SUBJECTS_DIR}/ sub-directory),
     *     created on first use
     * @return this builder
     */
    public Builder keyStore(Path keyStore) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore must not be null");
      return this;
    }

    /**
     * @return the privacy keys
     * @throws IllegalStateException naming the first setting that is missing or of the wrong size
     */
    public AuditPrivacy build() {
      if (pseudonymKey == null) {
        throw new IllegalStateException("pseudonymKey is not set");
      }
      if (pseudonymKey.length < KEY_BYTES) {
        throw new IllegalStateException("pseudonymKey must be at least 32 bytes, got " + pseudonymKey.length);
      }
      if (keyEncryptionKey == null) {
        throw new IllegalStateException("keyEncryptionKey is not set");
      }
      if (keyEncryptionKey.length != KEY_BYTES) {
        throw new IllegalStateException("keyEncryptionKey must be exactly 32 bytes (AES-256), got "
            + keyEncryptionKey.length);
      }
      if (keyStore == null) {
        throw new IllegalStateException("keyStore is not set");
      }
      return new AuditPrivacy(this);
    }
  }
}
