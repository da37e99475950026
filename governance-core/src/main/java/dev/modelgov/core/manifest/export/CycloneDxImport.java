package dev.modelgov.core.manifest.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.manifest.export.internal.CycloneDxReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a CycloneDX 1.6 (or 1.7) ML-BOM back into a {@link ModelManifest.Builder}, the reverse of
 * {@link ExportFormat#CYCLONEDX}. Thread-safe and immutable; share one instance.
 *
 * <p>Parsing is strict ({@link JsonLimits#DEFAULT}; duplicate keys and trailing content are errors). The model is
 * {@code metadata.component} when that is a {@code machine-learning-model}, else the first such component. The
 * importer maps CycloneDX's native fields (name, version, supplier, licenses, hashes, external references, pedigree,
 * {@code modelCard}, {@code data} and {@code container} components, the training {@code formulation} workflow and
 * approval annotations) and every model property named {@code modelgov:<manifest path>}. So a BOM written by
 * {@link ManifestExporter} reads back to a manifest equal to the one exported.
 *
 * <p>BOMs from other tools rarely hold everything a manifest requires: the builder is returned <em>partially
 * filled and not validated</em>. Call {@link ModelManifest.Builder#validate()} to see what is missing, set it, then
 * {@link ModelManifest.Builder#build()}. Every BOM field the importer could not map, or could map only approximately
 * (a group name lowercased to form an id, a metric value that is not a number), is listed in
 * {@link Result#unmappedFields()}; none is dropped silently.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CycloneDxImport.Result imported = CycloneDxImport.defaults().read(Path.of("model.cdx.json"));
 * imported.unmappedFields().forEach(f -> System.err.println("not imported: " + f));
 * ModelManifest.Builder builder = imported.builder();
 * builder.validate().forEach(System.err::println); // what the BOM did not say
 * ModelManifest manifest = builder.build();
 * }</pre>
 */
public final class CycloneDxImport {

  private static final CycloneDxImport DEFAULTS = new CycloneDxImport();

  private final StrictJson json = new StrictJson(JsonLimits.DEFAULT);

  private CycloneDxImport() {}

  /**
   * The importer, with {@link JsonLimits#DEFAULT} limits.
   *
   * @return the shared importer
   */
  public static CycloneDxImport defaults() {
    return DEFAULTS;
  }

  /**
   * Reads a BOM file. The file is read only up to the size limit.
   *
   * @param file the file, must not be {@code null}
   * @return the partially filled builder and the fields that were not mapped
   * @throws ManifestFormatException if the file is not strict JSON within the limits, not a CycloneDX BOM, or holds
   *     no {@code machine-learning-model} component
   * @throws IOException if the file cannot be read
   */
  public Result read(Path file) throws ManifestFormatException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    int limit = json.limits().maxDocumentBytes();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    }
    return read(bytes);
  }

  /**
   * Reads a BOM document.
   *
   * @param document the BOM, UTF-8 JSON, must not be {@code null}
   * @return the partially filled builder and the fields that were not mapped
   * @throws ManifestFormatException if the document is not strict JSON within the limits, not a CycloneDX BOM, or
   *     holds no {@code machine-learning-model} component
   */
  public Result read(byte[] document) throws ManifestFormatException {
    Objects.requireNonNull(document, "document must not be null");
    JsonNode tree;
    try {
      tree = json.readJson(document);
    } catch (JsonFormatException e) {
      throw new ManifestFormatException(List.of(new ManifestProblem("", e.getMessage())));
    }
    CycloneDxReader.Output out = CycloneDxReader.read(tree);
    return new Result(out.builder(), out.unmapped(), out.manifestTree());
  }

  /**
   * What an import found: a builder holding every value mapped, the manifest document those values form, and the
   * BOM fields that were not mapped.
   *
   * <p>{@link #toString()} prints only counts, never values.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * CycloneDxImport.Result r = CycloneDxImport.defaults().read(bomBytes);
   * String id = r.manifestTree().path("id").asText();   // "compvis/stable-diffusion"
   * List<ManifestProblem> missing = r.builder().validate();
   * }</pre>
   */
  public static final class Result {

    private final ModelManifest.Builder builder;
    private final List<LostField> unmapped;
    private final ObjectNode manifestTree;

    private Result(ModelManifest.Builder builder, List<LostField> unmapped, ObjectNode manifestTree) {
      this.builder = builder;
      this.unmapped = List.copyOf(unmapped);
      this.manifestTree = manifestTree;
    }

    /**
     * The builder holding every value the BOM gave, not validated. The same, mutable instance on every call: set
     * what is missing on it, then build.
     *
     * @return the builder
     */
    public ModelManifest.Builder builder() {
      return builder;
    }

    /**
     * The BOM fields not mapped onto the manifest, or mapped only approximately, in document order. Each path is a
     * JSON path into the BOM, such as {@code components[0].modelCard.quantitativeAnalysis.graphics}; a field whose
     * value was mapped onto a manifest field that then failed to read is listed under the manifest path.
     *
     * @return an immutable list; empty for a BOM written by {@link ManifestExporter}
     */
    public List<LostField> unmappedFields() {
      return unmapped;
    }

    /**
     * The manifest document (wire shape, as {@code ManifestCodec} reads it) formed from the BOM, for inspection or
     * editing; it may lack required fields.
     *
     * @return a copy of the tree
     */
    public ObjectNode manifestTree() {
      return manifestTree.deepCopy();
    }

    @Override
    public String toString() {
      return "CycloneDxImport.Result[" + unmapped.size() + " unmapped fields, " + builder.validate().size()
          + " manifest problems]";
    }
  }
}
