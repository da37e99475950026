package dev.modelgov.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.InvalidManifestException;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.manifest.internal.ManifestTreeReader;
import dev.modelgov.core.manifest.internal.ManifestTreeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes {@link ModelManifest}s as JSON or YAML, and computes their canonical form (RFC 8785) and digest.
 * Thread-safe and immutable; share one instance.
 *
 * <p>Reading is strict: duplicate keys, unknown fields, wrong types, trailing content, and documents over the
 * {@link JsonLimits} are errors. A {@link ManifestFormatException} lists every problem at once, each with its JSON path
 * (or, for syntax errors, line, column and byte offset). If a document declares a top-level {@code digest}, it must
 * equal the canonical digest of the manifest read, so that a hand-edited manifest cannot keep a stale digest.
 *
 * <p>The manifest digest is {@code sha256} over the canonical JSON of the manifest (without any {@code digest}
 * field). It does not change when a file is re-indented, its keys reordered, or converted between YAML and JSON.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ManifestCodec codec = ManifestCodec.defaults();
 * ModelManifest manifest = codec.read(Path.of("manifests/credit-scoring.yaml"));
 * Digest digest = codec.digest(manifest);     // sha256:...
 * ModelRef ref = codec.ref(manifest);         // risk/credit-scoring@2.4.0 (sha256:...)
 * String yaml = codec.writeYaml(manifest);
 * }</pre>
 */
public final class ManifestCodec {

  private static final ManifestCodec DEFAULTS = new ManifestCodec(JsonLimits.DEFAULT);

  private final StrictJson strict;

  private ManifestCodec(JsonLimits limits) {
    this.strict = new StrictJson(limits);
  }

  /**
   * The codec with {@link JsonLimits#DEFAULT} limits.
   *
   * @return the shared default codec
   */
  public static ManifestCodec defaults() {
    return DEFAULTS;
  }

  /**
   * A codec with other limits.
   *
   * @param limits the limits, must not be {@code null}
   * @return a new codec
   */
  public static ManifestCodec withLimits(JsonLimits limits) {
    return new ManifestCodec(Objects.requireNonNull(limits, "limits must not be null"));
  }

  /** The document formats the codec reads and writes. */
  public enum Format {
    /** JSON (RFC 8259). */
    JSON,
    /** YAML 1.1, one document. */
    YAML;

    /**
     * The format a file name implies: {@code .json} is JSON, {@code .yaml} and {@code .yml} are YAML.
     *
     * @param file the file
     * @return the format, or YAML (a superset of JSON) for other names
     */
    public static Format of(Path file) {
      String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
      return name.endsWith(".json") ? JSON : YAML;
    }
  }

  /**
   * Reads a manifest file, JSON or YAML by its extension. The file is read only up to the size limit.
   *
   * @param file the file, must not be {@code null}
   * @return the manifest
   * @throws ManifestFormatException listing every problem in the document
   * @throws IOException if the file cannot be read
   */
  public ModelManifest read(Path file) throws ManifestFormatException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    int limit = strict.limits().maxDocumentBytes();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    }
    if (bytes.length > limit) {
      throw new ManifestFormatException(
          List.of(new ManifestProblem("", "document is larger than the limit of " + limit + " bytes")));
    }
    return read(bytes, Format.of(file));
  }

  /**
   * Reads a manifest document.
   *
   * @param document the bytes, UTF-8, must not be {@code null}
   * @param format how to parse them
   * @return the manifest
   * @throws ManifestFormatException listing every problem in the document
   */
  public ModelManifest read(byte[] document, Format format) throws ManifestFormatException {
    Objects.requireNonNull(document, "document must not be null");
    Objects.requireNonNull(format, "format must not be null");
    JsonNode tree;
    try {
      tree = format == Format.JSON ? strict.readJson(document) : strict.readYaml(document);
    } catch (JsonFormatException e) {
      throw new ManifestFormatException(List.of(new ManifestProblem("", e.getMessage())));
    }
    return fromTree(tree);
  }

  /**
   * Reads a JSON manifest.
   *
   * @param json the document, must not be {@code null}
   * @return the manifest
   * @throws ManifestFormatException listing every problem in the document
   */
  public ModelManifest readJson(byte[] json) throws ManifestFormatException {
    return read(json, Format.JSON);
  }

  /**
   * Reads a YAML manifest.
   *
   * @param yaml the document, must not be {@code null}
   * @return the manifest
   * @throws ManifestFormatException listing every problem in the document
   */
  public ModelManifest readYaml(String yaml) throws ManifestFormatException {
    Objects.requireNonNull(yaml, "yaml must not be null");
    return read(yaml.getBytes(StandardCharsets.UTF_8), Format.YAML);
  }

  /**
   * Maps a JSON tree onto a manifest.
   *
   * @param tree the tree, must not be {@code null}
   * @return the manifest
   * @throws ManifestFormatException listing every problem in the tree
   */
  public ModelManifest fromTree(JsonNode tree) throws ManifestFormatException {
    Objects.requireNonNull(tree, "tree must not be null");
    ManifestTreeReader.Result result = ManifestTreeReader.read(tree);
    List<ManifestProblem> problems = new ArrayList<>(result.problems());
    Set<String> reported = new HashSet<>();
    problems.forEach(p -> reported.add(p.path()));
    for (ManifestProblem p : result.builder().validate()) {
      // A value the reader already rejected is "missing" to the builder: report it once.
      if (!reported.contains(p.path())) {
        problems.add(p);
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestFormatException(problems);
    }
    ModelManifest manifest;
    try {
      manifest = result.builder().build();
    } catch (InvalidManifestException e) {
      throw new ManifestFormatException(e.problems());
    }
    if (result.declaredDigest().isPresent()) {
      Digest actual = digest(manifest);
      if (!result.declaredDigest().get().matches(actual)) {
        throw new ManifestFormatException(
            List.of(new ManifestProblem("digest", "does not match the manifest's canonical digest " + actual)));
      }
    }
    return manifest;
  }

  /**
   * The manifest as a JSON tree in the documented wire shape.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return a new tree the caller may change
   */
  public ObjectNode toTree(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    return ManifestTreeWriter.write(manifest);
  }

  /**
   * The manifest as indented JSON, fields in schema order.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return UTF-8 JSON, ending with a newline
   */
  public byte[] writeJson(ModelManifest manifest) {
    try {
      byte[] body = strict.json().writeValueAsBytes(toTree(manifest));
      byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
      out[body.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /**
   * The manifest as YAML, fields in schema order.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the YAML document
   */
  public String writeYaml(ModelManifest manifest) {
    try {
      return strict.yaml().writeValueAsString(toTree(manifest));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a YAML tree to memory cannot fail", e);
    }
  }

  /**
   * Writes the manifest in a format.
   *
   * @param manifest the manifest
   * @param format the format
   * @return UTF-8 bytes
   */
  public byte[] write(ModelManifest manifest, Format format) {
    return format == Format.JSON ? writeJson(manifest) : writeYaml(manifest).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical JSON bytes of the manifest (RFC 8785).
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the canonical bytes
   */
  public byte[] canonicalBytes(ModelManifest manifest) {
    try {
      return CanonicalJson.canonicalize(toTree(manifest));
    } catch (JsonFormatException e) {
      // Every string in a valid manifest is well-formed UTF-16 and every number a bounded decimal.
      throw new IllegalStateException("a valid manifest has a canonical form: " + e.getMessage(), e);
    }
  }

  /**
   * The manifest digest: SHA-256 of {@link #canonicalBytes(ModelManifest)}.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the digest
   */
  public Digest digest(ModelManifest manifest) {
    return CanonicalJson.sha256(canonicalBytes(manifest));
  }

  /**
   * The JSON Schema (draft 2020-12) of the manifest wire format, for editors and other validators. The schema checks
   * shape and form; cross-field rules (unique dataset names, metric dataset references, min not above max) are
   * checked only by this codec.
   *
   * @return the schema document, {@code $id} {@code https://modelgov.dev/schemas/model-manifest-v1.schema.json}
   */
  public static String jsonSchema() {
    try (InputStream in = ManifestCodec.class.getResourceAsStream("model-manifest-v1.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the manifest schema is missing from the governance-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest schema from the governance-core jar", e);
    }
  }

  /**
   * The manifest's {@link ModelRef}: its coordinates and digest.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the reference
   */
  public ModelRef ref(ModelManifest manifest) {
    return new ModelRef(manifest.id(), manifest.version(), digest(manifest));
  }
}
