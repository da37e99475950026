package dev.modelgov.core.policy.suite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.policy.suite.PolicyDocumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads suite, context and manifest documents strictly (duplicate keys rejected, size, depth, string and number
 * limits enforced), JSON or YAML by file extension. For internal use only; may change without notice.
 */
public final class Documents {

  /** The deepest nesting of a suite or context document. */
  public static final int MAX_DEPTH = 64;

  private Documents() {}

  /**
   * A strict reader with a document size limit.
   *
   * @param maxDocumentBytes the largest document, in bytes
   * @return the reader
   */
  public static StrictJson strict(int maxDocumentBytes) {
    return new StrictJson(new JsonLimits(maxDocumentBytes, MAX_DEPTH, 1 << 20, 1000));
  }

  /**
   * Reads a file, up to the size limit.
   *
   * @param file the file
   * @param strict the reader
   * @return the tree
   * @throws PolicyDocumentException naming the file when it is too large or malformed
   * @throws IOException when it cannot be read
   */
  public static JsonNode read(Path file, StrictJson strict) throws PolicyDocumentException, IOException {
    int limit = strict.limits().maxDocumentBytes();
    if (Files.isDirectory(file)) {
      throw new PolicyDocumentException(file.toString(), "", "is a directory, not a file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    }
    if (bytes.length > limit) {
      throw new PolicyDocumentException(file.toString(), "", "is larger than the limit of " + limit + " bytes");
    }
    return parse(bytes, file.toString(), strict);
  }

  /**
   * Parses a document, JSON when the name ends in {@code .json}, else YAML.
   *
   * @param bytes the document
   * @param sourceName its name
   * @param strict the reader
   * @return the tree
   * @throws PolicyDocumentException naming the source and the line, column or byte offset of the problem
   */
  public static JsonNode parse(byte[] bytes, String sourceName, StrictJson strict) throws PolicyDocumentException {
    try {
      return sourceName.toLowerCase(Locale.ROOT).endsWith(".json") ? strict.readJson(bytes) : strict.readYaml(bytes);
    } catch (JsonFormatException e) {
      throw new PolicyDocumentException(sourceName, "", e.getMessage());
    }
  }

  /**
   * Why a file named in a document could not be read, in a few words.
   *
   * @param e the failure
   * @return for example {@code no such file}
   */
  public static String problem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return "cannot be read (" + e.getClass().getSimpleName() + ")";
  }
}
