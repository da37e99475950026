package dev.modelgov.core.audit.internal.note;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the C2SP tlog-checkpoint note text strictly. For internal use only; may change without notice.
 */
public final class CheckpointCodec {

  /**
   * The fields of a checkpoint body.
   *
   * @param origin the origin line
   * @param treeSize the tree size
   * @param rootHash the 32-byte root hash
   * @param extensions the extension lines
   */
  public record Fields(String origin, long treeSize, byte[] rootHash, List<String> extensions) {}

  private CheckpointCodec() {}

  /**
   * Parses a checkpoint body.
   *
   * @param body the text
   * @return the fields
   * @throws IllegalArgumentException naming the problem, never quoting the input
   */
  public static Fields parse(String body) {
    Optional<String> problem = NoteText.problem(body, "checkpoint");
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint does not end with a newline");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int end = body.indexOf('\n', start);
      lines.add(body.substring(start, end));
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw new IllegalArgumentException(
          "checkpoint has " + lines.size() + " lines, needs origin, tree size and root hash");
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is empty");
      }
    }
    long size = parseSize(lines.get(1));
    Optional<byte[]> root = NoteText.decodeBase64(lines.get(2));
    if (root.isEmpty()) {
      throw new IllegalArgumentException("checkpoint root hash (line 3) is not canonical base64");
    }
    if (root.get().length != 32) {
      throw new IllegalArgumentException(
          "checkpoint root hash has " + root.get().length + " bytes, a SHA-256 hash has 32");
    }
    return new Fields(lines.get(0), size, root.get(), lines.subList(3, lines.size()));
  }

  private static long parseSize(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("checkpoint tree size (line 2) is not a decimal number");
      }
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new IllegalArgumentException("checkpoint tree size (line 2) has a leading zero");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint tree size (line 2) is larger than " + Long.MAX_VALUE);
    }
  }
}
