package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.note.CheckpointCodec;
import dev.modelgov.core.audit.internal.note.NoteText;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency-log checkpoint in the C2SP tlog-checkpoint format: the log's origin, its tree size and its RFC 6962
 * SHA-256 root hash, plus optional extension lines. The {@link #body() body} is the text of a signed note:
 *
 * <pre>
 * example.com/audit-test\n
 * 8\n
 * XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n
 * </pre>
 *
 * <p>The origin is the first line (a schema-less URL is recommended), the size is decimal without leading zeros, the
 * root hash is standard base64 with padding, and every line, extension lines included, ends in a newline. C2SP marks
 * extension lines "not recommended"; they are kept for compatibility with logs that write them.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Checkpoint cp = Checkpoint.of("example.com/prod/audit", 8, root);
 * String signed = logSigner.sign(cp);                                    // a signed note
 * Checkpoint back = SignedNote.open(signed, List.of(logVerifier)).checkpoint();
 * Checkpoint.parse("example.com/log\n08\n...\n");                        // IllegalArgumentException: leading zero
 * }</pre>
 *
 * @param origin the log's identity, non-empty, one line without control characters
 * @param treeSize the number of leaves, at least 0
 * @param rootHash the RFC 6962 root hash of the first {@code treeSize} leaves
 * @param extensions the extension lines (usually none), each non-empty, one line without control characters
 * @since 0.1
 */
public record Checkpoint(String origin, long treeSize, Digest rootHash, List<String> extensions) {

  /**
   * Validates all components and copies the extension lines.
   *
   * @throws IllegalArgumentException if the origin or an extension line is empty or contains a newline, another
   *     control character or an unpaired surrogate, or the tree size is negative
   */
  public Checkpoint {
    Objects.requireNonNull(origin, "origin must not be null");
    Objects.requireNonNull(rootHash, "rootHash must not be null");
    Objects.requireNonNull(extensions, "extensions must not be null");
    checkLine(origin, "origin");
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize must not be negative, was " + treeSize);
    }
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      checkLine(extensions.get(i), "extension line " + (i + 1));
    }
  }

  /**
   * A checkpoint without extension lines.
   *
   * @param origin the log's identity, must not be {@code null} or empty
   * @param treeSize the number of leaves, at least 0
   * @param rootHash the root hash, must not be {@code null}
   * @return the checkpoint
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static Checkpoint of(String origin, long treeSize, Digest rootHash) {
    return new Checkpoint(origin, treeSize, rootHash, List.of());
  }

  /**
   * Parses a checkpoint body strictly: exactly the text {@link #body()} produces for some checkpoint is accepted.
   *
   * <p>Rejected: fewer than three lines, a missing final newline, an empty line, an empty origin, a size with a sign,
   * leading zeros or more than {@link Long#MAX_VALUE}, a root hash that is not canonical padded base64 or not 32
   * bytes, carriage returns and other control characters, unpaired surrogates (text that has no UTF-8 form).
   *
   * @param body the note text, must not be {@code null}
   * @return the checkpoint
   * @throws IllegalArgumentException naming the problem (the input is never quoted)
   */
  public static Checkpoint parse(String body) {
    Objects.requireNonNull(body, "body must not be null");
    CheckpointCodec.Fields f = CheckpointCodec.parse(body);
    return new Checkpoint(f.origin(), f.treeSize(), Digest.sha256(f.rootHash()), f.extensions());
  }

  /**
   * Parses a checkpoint body from UTF-8 bytes, as {@link #parse(String)}.
   *
   * @param utf8 the note text, must not be {@code null}
   * @return the checkpoint
   * @throws IllegalArgumentException if the bytes are not valid UTF-8 or not a checkpoint
   */
  public static Checkpoint parse(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8 must not be null");
    return parse(
        NoteText.decodeUtf8(utf8).orElseThrow(() -> new IllegalArgumentException("checkpoint is not valid UTF-8")));
  }

  /**
   * The note text: origin, size, base64 root hash and extension lines, each followed by a newline.
   *
   * @return the body
   */
  public String body() {
    StringBuilder sb = new StringBuilder(origin.length() + 80);
    sb.append(origin).append('\n');
    sb.append(treeSize).append('\n');
    sb.append(Base64.getEncoder().encodeToString(rootHash.bytes())).append('\n');
    for (String e : extensions) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }

  private static void checkLine(String line, String what) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " must not contain a newline");
    }
    Optional<String> problem = NoteText.problem(line, what);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }
}
