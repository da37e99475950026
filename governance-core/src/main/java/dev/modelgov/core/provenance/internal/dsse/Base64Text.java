package dev.modelgov.core.provenance.internal.dsse;

import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import java.util.Base64;

/**
 * Base64 as DSSE wants it: standard alphabet with padding on output; standard or URL-safe, padded or not, on input,
 * and nothing else. For internal use only; may change without notice.
 */
public final class Base64Text {

  private Base64Text() {}

  /**
   * @param bytes the bytes
   * @return standard base64 with padding
   */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Decodes either alphabet, with or without padding. Mixed alphabets, whitespace, bad padding and impossible lengths
   * are malformed.
   *
   * @param text the base64 text
   * @param what what the text is, for the message (never the text itself)
   * @return the bytes
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if the text is not base64
   */
  public static byte[] decode(String text, String what) throws ProvenanceVerificationException {
    int len = text.length();
    int end = len;
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    int padding = len - end;
    boolean standard = false;
    boolean urlSafe = false;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        continue;
      }
      if (c == '+' || c == '/') {
        standard = true;
      } else if (c == '-' || c == '_') {
        urlSafe = true;
      } else {
        throw malformed(what, "has a character outside the base64 alphabets at position " + i);
      }
    }
    if (standard && urlSafe) {
      throw malformed(what, "mixes the standard and URL-safe base64 alphabets");
    }
    if (end % 4 == 1) {
      throw malformed(what, "has an impossible base64 length");
    }
    if (padding > 0 && (padding > 2 || len % 4 != 0)) {
      throw malformed(what, "has wrong base64 padding");
    }
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text.substring(0, end));
    } catch (IllegalArgumentException e) {
      throw malformed(what, "is not valid base64");
    }
  }

  private static ProvenanceVerificationException malformed(String what, String problem) {
    return new ProvenanceVerificationException(Reason.MALFORMED_ENVELOPE, what + " " + problem);
  }
}
