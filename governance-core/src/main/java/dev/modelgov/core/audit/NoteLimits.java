package dev.modelgov.core.audit;

/**
 * Limits applied by {@link SignedNote#open(String, java.util.Collection, NoteLimits)} before any signature is checked,
 * so that a hostile note cannot make a verifier spend unbounded time or memory.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * NoteLimits strict = new NoteLimits(16 * 1024, 16);   // checkpoints are small
 * SignedNote note = SignedNote.open(text, verifiers, strict);
 * }</pre>
 *
 * @param maxNoteBytes the largest accepted note, in UTF-8 bytes (text and signature lines), at least 1
 * @param maxSignatures the most signature lines accepted, known or not, at least 1; C2SP signed-note requires
 *     verifiers to accept at least 16
 * @since 0.1
 */
public record NoteLimits(int maxNoteBytes, int maxSignatures) {

  /** The default largest note: 1 MiB. */
  public static final int DEFAULT_MAX_NOTE_BYTES = 1 << 20;

  /** The default most signature lines: 100, as golang.org/x/mod/sumdb/note. */
  public static final int DEFAULT_MAX_SIGNATURES = 100;

  /**
   * Validates both limits.
   *
   * @throws IllegalArgumentException if a limit is smaller than 1
   */
  public NoteLimits {
    if (maxNoteBytes < 1) {
      throw new IllegalArgumentException("maxNoteBytes must be at least 1, was " + maxNoteBytes);
    }
    if (maxSignatures < 1) {
      throw new IllegalArgumentException("maxSignatures must be at least 1, was " + maxSignatures);
    }
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_NOTE_BYTES} bytes and {@value #DEFAULT_MAX_SIGNATURES} signatures.
   *
   * @return the default limits
   */
  public static NoteLimits defaults() {
    return new NoteLimits(DEFAULT_MAX_NOTE_BYTES, DEFAULT_MAX_SIGNATURES);
  }
}
