package dev.modelgov.core.audit.internal.note;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Text rules shared by signed notes and checkpoints: well-formed UTF-8, no control characters but LF, key names,
 * strict base64. Messages never quote the input. For internal use only; may change without notice.
 */
public final class NoteText {

  /** The start of a signature line: an em dash (U+2014) and a space. */
  public static final String SIGNATURE_PREFIX = "\u2014 ";

  private NoteText() {}

  /**
   * The first problem with a text that must be well-formed Unicode without control characters other than LF.
   *
   * @param s the text
   * @param what what the text is, for the message ("note", "origin")
   * @return the problem, or empty if there is none
   */
  public static Optional<String> problem(CharSequence s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        continue;
      }
      if (c == '\r') {
        return Optional.of(what + " contains a carriage return (CR) at index " + i);
      }
      if (c < 0x20) {
        return Optional.of(what + " contains control character U+" + String.format("%04X", (int) c) + " at index " + i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of(what + " is not valid UTF-8: unpaired surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of(what + " is not valid UTF-8: unpaired surrogate at index " + i);
      }
    }
    return Optional.empty();
  }

  /**
   * Decodes strict UTF-8: malformed and overlong sequences and encoded surrogates are errors.
   *
   * @param bytes the bytes
   * @return the text, or empty if the bytes are not valid UTF-8
   */
  public static Optional<String> decodeUtf8(byte[] bytes) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The problem with a key name: it must be non-empty, well-formed, and contain no space, no {@code +} and no control
   * character (C2SP signed-note).
   *
   * @param name the name
   * @return the problem, or empty if the name is valid
   */
  public static Optional<String> keyNameProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("key name is empty");
    }
    Optional<String> p = problem(name, "key name");
    if (p.isPresent()) {
      return p;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+') {
        return Optional.of("key name contains '+' at index " + i);
      }
      if (cp == '\n' || cp == 0x85 || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        return Optional.of("key name contains a space character at index " + i);
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }

  /**
   * Decodes standard base64 with padding, accepting only the canonical encoding (no missing padding, no stray bits).
   *
   * @param s the text
   * @return the bytes, or empty if the text is not canonical base64
   */
  public static Optional<byte[]> decodeBase64(String s) {
    byte[] b;
    try {
      b = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Base64.getEncoder().encodeToString(b).equals(s) ? Optional.of(b) : Optional.empty();
  }

  /**
   * Shortens untrusted text for a message.
   *
   * @param s the text
   * @return at most 64 characters of it, with control characters replaced
   */
  public static String clip(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      sb.append(c < 0x20 || Character.isSurrogate(c) ? '?' : c);
    }
    return sb.toString();
  }
}
