package dev.modelgov.core.audit;

import dev.modelgov.core.audit.NoteVerificationException.Reason;
import dev.modelgov.core.audit.internal.note.Ed25519NoteKeys;
import dev.modelgov.core.audit.internal.note.NoteParser;
import dev.modelgov.core.audit.internal.note.NoteText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signed note (C2SP signed-note) whose signatures have been verified: its text and the trusted keys that signed it.
 * Instances exist only as the result of {@link #open(String, Collection)}, so holding one means verification passed.
 *
 * <p>A note is its text (ending in a newline), a blank line, and signature lines {@code "— <name> <base64(key ID ||
 * signature)>"}. Opening follows the specification and golang.org/x/mod/sumdb/note:
 *
 * <ol>
 *   <li>Limits first ({@link NoteLimits}): the size in UTF-8 bytes, then the number of signature lines.
 *   <li>Format: valid UTF-8, no control characters but newlines, the text ends at the last blank line, each signature
 *       line has the em dash, a valid key name and canonical base64 of at least five bytes; no two lines with the same
 *       name and key ID.
 *   <li>A signature whose name and key ID match a trusted verifier must verify, or the note is rejected. Signatures
 *       by unknown keys are ignored and never count as verified. At least one trusted key must have signed.
 * </ol>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * NoteVerifier log = NoteVerifier.parse(publishedVkey);
 * SignedNote note = SignedNote.open(Files.readString(checkpointFile), List.of(log));
 * Checkpoint cp = note.checkpoint();
 * if (!cp.origin().equals("example.com/prod/audit")) { ... }   // check the origin you expect
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #open} returns only if at least one trusted key verified the text and no trusted key failed; every
 *       other outcome throws {@link NoteVerificationException}.
 *   <li>Limits are enforced before any base64 decoding of signatures or signature check.
 *   <li>Messages name key names and key IDs, never key material.
 * </ul>
 *
 * @since 0.1
 */
public final class SignedNote {

  private final String text;
  private final List<NoteVerifier> verifiedBy;
  private final int ignoredSignatures;

  private SignedNote(String text, List<NoteVerifier> verifiedBy, int ignoredSignatures) {
    this.text = text;
    this.verifiedBy = List.copyOf(verifiedBy);
    this.ignoredSignatures = ignoredSignatures;
  }

  /**
   * Opens a note with the {@link NoteLimits#defaults() default limits}.
   *
   * @param note the signed note, must not be {@code null}
   * @param verifiers the trusted keys, must not be {@code null}, empty or contain {@code null}
   * @return the verified note
   * @throws NoteVerificationException if the note is not verified by a trusted key, with the reason
   * @throws IllegalArgumentException if {@code verifiers} is empty or holds two different keys with the same name and
   *     key ID
   */
  public static SignedNote open(String note, Collection<NoteVerifier> verifiers) throws NoteVerificationException {
    return open(note, verifiers, NoteLimits.defaults());
  }

  /**
   * Opens a note.
   *
   * @param note the signed note, must not be {@code null}
   * @param verifiers the trusted keys, must not be {@code null}, empty or contain {@code null}
   * @param limits the size and signature limits, must not be {@code null}
   * @return the verified note
   * @throws NoteVerificationException if the note is not verified by a trusted key, with the reason
   * @throws IllegalArgumentException if {@code verifiers} is empty or holds two different keys with the same name and
   *     key ID
   */
  public static SignedNote open(String note, Collection<NoteVerifier> verifiers, NoteLimits limits)
      throws NoteVerificationException {
    Objects.requireNonNull(note, "note must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    Map<String, NoteVerifier> trusted = index(verifiers);
    return verify(NoteParser.parse(note, limits), trusted);
  }

  /**
   * Opens a note given as UTF-8 bytes, as read from a file or the network; bytes that are not strict UTF-8 are
   * {@link Reason#MALFORMED}.
   *
   * @param note the signed note, must not be {@code null}; not modified
   * @param verifiers the trusted keys, must not be {@code null}, empty or contain {@code null}
   * @param limits the size and signature limits, must not be {@code null}
   * @return the verified note
   * @throws NoteVerificationException if the note is not verified by a trusted key, with the reason
   * @throws IllegalArgumentException if {@code verifiers} is empty or holds two different keys with the same name and
   *     key ID
   */
  public static SignedNote open(byte[] note, Collection<NoteVerifier> verifiers, NoteLimits limits)
      throws NoteVerificationException {
    Objects.requireNonNull(note, "note must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    Map<String, NoteVerifier> trusted = index(verifiers);
    return verify(NoteParser.parse(note, limits), trusted);
  }

  private static Map<String, NoteVerifier> index(Collection<NoteVerifier> verifiers) {
    Objects.requireNonNull(verifiers, "verifiers must not be null");
    if (verifiers.isEmpty()) {
      throw new IllegalArgumentException("verifiers must not be empty");
    }
    Map<String, NoteVerifier> byId = new HashMap<>();
    for (NoteVerifier v : verifiers) {
      Objects.requireNonNull(v, "verifiers must not contain null");
      NoteVerifier old = byId.putIfAbsent(v.keyId() + "+" + v.keyName(), v);
      if (old != null && !old.equals(v)) {
        throw new IllegalArgumentException(
            "verifiers hold two different keys named '" + v.keyName() + "' with key ID " + v.keyId());
      }
    }
    return byId;
  }

  private static SignedNote verify(NoteParser.ParsedNote parsed, Map<String, NoteVerifier> trusted)
      throws NoteVerificationException {
    byte[] message = parsed.text().getBytes(StandardCharsets.UTF_8);
    List<NoteVerifier> verified = new ArrayList<>();
    int ignored = 0;
    for (NoteParser.SignatureLine line : parsed.signatures()) {
      NoteVerifier v = trusted.get(Ed25519NoteKeys.hex(line.keyId()) + "+" + line.keyName());
      if (v == null) {
        ignored++;
        continue;
      }
      if (!v.verifies(message, line.signature())) {
        throw new NoteVerificationException(
            Reason.BAD_SIGNATURE,
            "signature by key '" + v.keyName() + "' (key ID " + v.keyId() + ") does not verify");
      }
      verified.add(v);
    }
    if (verified.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (NoteParser.SignatureLine line : parsed.signatures()) {
        if (names.size() == 4) {
          names.add("...");
          break;
        }
        names.add("'" + NoteText.clip(line.keyName()) + "' (key ID " + Ed25519NoteKeys.hex(line.keyId()) + ")");
      }
      throw new NoteVerificationException(
          Reason.UNKNOWN_KEY, "no signature by a trusted key; the note is signed by " + String.join(", ", names));
    }
    return new SignedNote(parsed.text(), verified, ignored);
  }

  /**
   * The signed text, ending in a newline: everything before the last blank line.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * The trusted keys whose signatures verified, in signature-line order.
   *
   * @return at least one verifier
   */
  public List<NoteVerifier> verifiedBy() {
    return verifiedBy;
  }

  /**
   * How many signature lines were by unknown keys and therefore ignored.
   *
   * @return the count, 0 or more
   */
  public int ignoredSignatures() {
    return ignoredSignatures;
  }

  /**
   * Parses the text as a C2SP checkpoint ({@link Checkpoint#parse(String)}). Check the {@link Checkpoint#origin()}
   * against the log you expect.
   *
   * @return the checkpoint
   * @throws NoteVerificationException with {@link Reason#MALFORMED} if the text is not a checkpoint
   */
  public Checkpoint checkpoint() throws NoteVerificationException {
    try {
      return Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NoteVerificationException(Reason.MALFORMED, "signed text is not a checkpoint: " + e.getMessage());
    }
  }

  /**
   * A short description: the text size and the keys that verified.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "SignedNote[" + text.length() + " chars, verifiedBy=" + verifiedBy + ", ignored=" + ignoredSignatures + "]";
  }
}
