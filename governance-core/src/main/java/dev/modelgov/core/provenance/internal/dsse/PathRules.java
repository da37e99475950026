package dev.modelgov.core.provenance.internal.dsse;

import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.ProvenanceLimits;

/**
 * The rule for resource paths in a signed statement: POSIX, relative and normalized; {@code "."} alone names a
 * single-file model. For internal use only; may change without notice.
 */
public final class PathRules {

  private PathRules() {}

  /**
   * Checks one resource path. Messages name the resource by index, never by its (untrusted) text.
   *
   * @param path the path
   * @param index the resource's index, for the message
   * @param limits the limits
   * @throws ProvenanceVerificationException {@code SIZE_LIMIT_EXCEEDED} for an over-long path, {@code
   *     MALFORMED_ENVELOPE} for an empty, absolute or non-normalized path, or one with NUL or a backslash
   */
  public static void check(String path, int index, ProvenanceLimits limits) throws ProvenanceVerificationException {
    String where = "resource " + index + " ";
    if (path.length() > limits.maxPathLength()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED,
          where + "has a path of " + path.length() + " chars, longer than the limit of " + limits.maxPathLength());
    }
    if (path.equals(".")) {
      return;
    }
    if (path.isEmpty()) {
      throw malformed(where + "has an empty path");
    }
    if (path.indexOf('\0') >= 0) {
      throw malformed(where + "has a path with a NUL character");
    }
    if (path.indexOf('\\') >= 0) {
      throw malformed(where + "has a path with a backslash");
    }
    if (path.charAt(0) == '/') {
      throw malformed(where + "has an absolute path");
    }
    if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
      throw malformed(where + "has a path with a drive letter");
    }
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int stop = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, stop);
      if (segment.isEmpty()) {
        throw malformed(where + "has a path with an empty segment");
      }
      if (segment.equals("..")) {
        throw malformed(where + "has a path with a '..' segment");
      }
      if (segment.equals(".")) {
        throw malformed(where + "has a path with a '.' segment");
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
  }

  private static ProvenanceVerificationException malformed(String message) {
    return new ProvenanceVerificationException(Reason.MALFORMED_ENVELOPE, message);
  }
}
