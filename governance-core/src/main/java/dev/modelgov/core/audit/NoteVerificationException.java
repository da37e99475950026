package dev.modelgov.core.audit;

import java.util.Objects;

/**
 * Thrown when a signed note (for example a signed checkpoint) cannot be opened. Opening fails closed: anything not
 * positively verified throws, and success means no exception. The {@link #reason()} is one of a closed set, so callers
 * can react without parsing messages. Messages name key names and key IDs but never contain key material.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   SignedNote note = SignedNote.open(text, List.of(logKey));
 * } catch (NoteVerificationException e) {
 *   if (e.reason() == NoteVerificationException.Reason.BAD_SIGNATURE) {
 *     alert("checkpoint was tampered with: " + e.getMessage());
 *   }
 *   throw e;
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class NoteVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a note could not be opened. A closed set: new reasons come only with a new major version. */
  public enum Reason {
    /**
     * The note is not a well-formed signed note (or its text is not a well-formed checkpoint): not UTF-8, a control
     * character other than LF, no blank line before the signatures, a signature line without the em dash, an invalid
     * key name, non-canonical base64, a signature shorter than five bytes.
     */
    MALFORMED,
    /** No signature line was made by a known key; signatures by unknown keys are ignored and never count. */
    UNKNOWN_KEY,
    /** A signature by a known key (same name and key ID) does not verify. */
    BAD_SIGNATURE,
    /** Two signature lines carry the same key name and key ID. */
    DUPLICATE_SIGNATURE,
    /** The note has more signature lines than {@link NoteLimits#maxSignatures()} allows. */
    TOO_MANY_SIGNATURES,
    /** The note has more UTF-8 bytes than {@link NoteLimits#maxNoteBytes()} allows. */
    TOO_LARGE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the note could not be opened, must not be {@code null}
   * @param message what failed, without key material
   */
  public NoteVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason must not be null") + ": " + message);
    this.reason = reason;
  }

  /**
   * Why the note could not be opened.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
