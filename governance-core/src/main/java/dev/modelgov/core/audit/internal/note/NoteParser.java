package dev.modelgov.core.audit.internal.note;

import dev.modelgov.core.audit.NoteLimits;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a signed note (C2SP signed-note) into its text and signature lines, enforcing the limits and the format
 * before any signature is checked. For internal use only; may change without notice.
 */
public final class NoteParser {

  /**
   * One signature line.
   *
   * @param keyName the key name
   * @param keyId the key ID (first four bytes of the decoded signature)
   * @param signature the signature after the key ID
   */
  public record SignatureLine(String keyName, int keyId, byte[] signature) {

    /** Copies the signature. */
    public SignatureLine {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SignatureLine
          && ((SignatureLine) o).keyName.equals(keyName)
          && ((SignatureLine) o).keyId == keyId
          && Arrays.equals(((SignatureLine) o).signature, signature);
    }

    @Override
    public int hashCode() {
      return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "SignatureLine[" + NoteText.clip(keyName) + "+" + Ed25519NoteKeys.hex(keyId) + "]";
    }
  }

  /**
   * A parsed, not yet verified note.
   *
   * @param text the text, ending in LF
   * @param signatures the signature lines in order, at least one, no two with the same name and key ID
   */
  public record ParsedNote(String text, List<SignatureLine> signatures) {

    /** Copies the list. */
    public ParsedNote {
      signatures = List.copyOf(signatures);
    }
  }

  private NoteParser() {}

  /**
   * Parses UTF-8 bytes.
   *
   * @param note the bytes
   * @param limits the limits
   * @return the parsed note
   * @throws NoteVerificationException if the note is too large, malformed, has too many or duplicate signature lines
   */
  public static ParsedNote parse(byte[] note, NoteLimits limits) throws NoteVerificationException {
    if (note.length > limits.maxNoteBytes()) {
      throw tooLarge(note.length, limits);
    }
    Optional<String> text = NoteText.decodeUtf8(note);
    if (text.isEmpty()) {
      throw new NoteVerificationException(Reason.MALFORMED, "note is not valid UTF-8");
    }
    return parseChecked(text.get(), limits);
  }

  /**
   * Parses a string.
   *
   * @param note the text
   * @param limits the limits
   * @return the parsed note
   * @throws NoteVerificationException if the note is too large, malformed, has too many or duplicate signature lines
   */
  public static ParsedNote parse(String note, NoteLimits limits) throws NoteVerificationException {
    if (note.length() > limits.maxNoteBytes()) {
      throw tooLarge(note.length(), limits);
    }
    int bytes = note.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxNoteBytes()) {
      throw tooLarge(bytes, limits);
    }
    return parseChecked(note, limits);
  }

  private static NoteVerificationException tooLarge(int size, NoteLimits limits) {
    return new NoteVerificationException(
        Reason.TOO_LARGE, "note has at least " + size + " bytes, the limit is " + limits.maxNoteBytes());
  }

  private static ParsedNote parseChecked(String note, NoteLimits limits) throws NoteVerificationException {
    Optional<String> problem = NoteText.problem(note, "note");
    if (problem.isPresent()) {
      throw malformed(problem.get());
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("note has no blank line before its signature lines");
    }
    String text = note.substring(0, split + 1);
    String sigs = note.substring(split + 2);
    if (sigs.isEmpty()) {
      throw malformed("note has no signature lines");
    }
    if (!sigs.endsWith("\n")) {
      throw malformed("note does not end with a newline");
    }
    int lines = 0;
    for (int i = 0; i < sigs.length(); i++) {
      if (sigs.charAt(i) == '\n') {
        lines++;
      }
    }
    if (lines > limits.maxSignatures()) {
      throw new NoteVerificationException(
          Reason.TOO_MANY_SIGNATURES,
          "note has " + lines + " signature lines, the limit is " + limits.maxSignatures());
    }
    List<SignatureLine> out = new ArrayList<>(lines);
    Set<String> seen = new HashSet<>();
    int start = 0;
    for (int n = 1; start < sigs.length(); n++) {
      int end = sigs.indexOf('\n', start);
      SignatureLine line = parseLine(sigs.substring(start, end), n);
      if (!seen.add(Ed25519NoteKeys.hex(line.keyId()) + "+" + line.keyName())) {
        throw new NoteVerificationException(
            Reason.DUPLICATE_SIGNATURE,
            "signature line " + n + " repeats key '" + NoteText.clip(line.keyName()) + "' with key ID "
                + Ed25519NoteKeys.hex(line.keyId()));
      }
      out.add(line);
      start = end + 1;
    }
    return new ParsedNote(text, out);
  }

  private static SignatureLine parseLine(String line, int n) throws NoteVerificationException {
    if (!line.startsWith(NoteText.SIGNATURE_PREFIX)) {
      throw malformed("signature line " + n + " does not start with an em dash (U+2014) and a space");
    }
    String rest = line.substring(NoteText.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw malformed("signature line " + n + " has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    Optional<String> nameProblem = NoteText.keyNameProblem(name);
    if (nameProblem.isPresent()) {
      throw malformed("signature line " + n + ": " + nameProblem.get());
    }
    Optional<byte[]> decoded = NoteText.decodeBase64(rest.substring(space + 1));
    if (decoded.isEmpty()) {
      throw malformed("signature line " + n + " does not end in canonical base64");
    }
    byte[] sig = decoded.get();
    if (sig.length < 5) {
      throw malformed("signature line " + n + " has " + sig.length + " bytes, needs a 4-byte key ID and a signature");
    }
    int keyId = ((sig[0] & 0xff) << 24) | ((sig[1] & 0xff) << 16) | ((sig[2] & 0xff) << 8) | (sig[3] & 0xff);
    return new SignatureLine(name, keyId, Arrays.copyOfRange(sig, 4, sig.length));
  }

  private static NoteVerificationException malformed(String message) {
    return new NoteVerificationException(Reason.MALFORMED, message);
  }
}
