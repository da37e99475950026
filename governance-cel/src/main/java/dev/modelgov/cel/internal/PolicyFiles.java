package dev.modelgov.cel.internal;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads declarative policy files: bounded reading, strict parsing, structural mapping, and the digest of the canonical
 * document. For internal use only; may change without notice.
 *
 * <pre>{@code
 * Policy p = PolicyFiles.load(Path.of("deploy-gate.yaml"), PolicyLimits.defaults());
 * }</pre>
 */
public final class PolicyFiles {

  /** Deepest nesting of a policy document (params included). */
  static final int MAX_DEPTH = 32;

  private PolicyFiles() {}

  /**
   * Loads a file, JSON when its name ends in {@code .json}, else YAML.
   *
   * @param file the file
   * @param limits the limits
   * @return the policy
   * @throws PolicyCompileException naming the file, rule, line and column of the first problem
   * @throws IOException when the file cannot be read
   */
  public static Policy load(Path file, PolicyLimits limits) throws PolicyCompileException, IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(readBounded(in, source, limits), source, limits);
    }
  }

  /**
   * Loads from a stream (a class-path resource), reading at most the size limit plus one byte.
   *
   * @param in the stream
   * @param source the name for errors; {@code .json} selects JSON
   * @param limits the limits
   * @return the policy
   * @throws PolicyCompileException naming the source, rule, line and column of the first problem
   * @throws IOException when the stream cannot be read
   */
  public static Policy load(InputStream in, String source, PolicyLimits limits)
      throws PolicyCompileException, IOException {
    return parse(readBounded(in, source, limits), source, limits);
  }

  /**
   * Parses a document held in memory.
   *
   * @param text the YAML or JSON text
   * @param source the name for errors; {@code .json} selects JSON
   * @param limits the limits
   * @return the policy
   * @throws PolicyCompileException naming the source, rule, line and column of the first problem
   */
  public static Policy parse(String text, String source, PolicyLimits limits) throws PolicyCompileException {
    Objects.requireNonNull(text, "text");
    return parse(text.getBytes(StandardCharsets.UTF_8), source, limits);
  }

  static Policy parse(byte[] document, String source, PolicyLimits limits) throws PolicyCompileException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(limits, "limits");
    int max = limits.maxDocumentBytes();
    JsonLimits jsonLimits = new JsonLimits(max, MAX_DEPTH, Math.min(max, JsonLimits.DEFAULT.maxStringLength()),
        JsonLimits.DEFAULT.maxNumberLength());
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    PolicyDocumentReader.Node root = new PolicyDocumentReader(jsonLimits).read(document, json, source);
    String digest;
    try {
      byte[] canonical = CanonicalJson.canonicalize(PolicyDocumentReader.toJsonNode(root));
      digest = "sha256:" + CanonicalJson.sha256(canonical).hex();
    } catch (JsonFormatException e) {
      throw new PolicyCompileException(source, null, 0, 0, CompiledExpression.oneLine(e.getMessage()));
    }
    return new PolicyDocumentMapper(source, limits).map(root, digest);
  }

  private static byte[] readBounded(InputStream in, String source, PolicyLimits limits)
      throws IOException, PolicyCompileException {
    int max = limits.maxDocumentBytes();
    byte[] bytes = in.readNBytes(max + 1 < 0 ? max : max + 1);
    if (bytes.length > max) {
      throw new PolicyCompileException(source, null, 0, 0,
          "document is larger than the limit of " + max + " bytes");
    }
    return bytes;
  }
}
