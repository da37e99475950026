package dev.modelgov.core.manifest.export;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.export.internal.CycloneDxExport;
import dev.modelgov.core.manifest.export.internal.ModelCardExport;
import dev.modelgov.core.manifest.export.internal.SpdxExport;
import java.util.Objects;

/**
 * Exports manifests to CycloneDX 1.6 ML-BOM, SPDX 3.0.1 and Markdown model cards. Deterministic: the same manifest
 * always gives the same bytes (no clock, no random ids, {@code \n} line ends, a trailing newline). Thread-safe.
 *
 * <h2>Formats</h2>
 *
 * <ul>
 *   <li>{@link ExportFormat#CYCLONEDX}: the model is {@code metadata.component} of type
 *       {@code machine-learning-model} ({@code bom-ref} {@code model:namespace/name@version}) with group, name,
 *       version, description, supplier, manufacturer (owning team), license expression, artifact hashes and
 *       {@code distribution} references, a {@code vcs} reference and {@code pedigree} (commit, base models), and a
 *       {@code modelCard} (task, dataset refs, input/output formats, metrics with slice and confidence interval,
 *       users, use case, limitations, trade-offs, risks as ethical considerations, fairness assessments). Datasets are
 *       {@code data} components with version, SHA-256 and a {@code dataset} entry; the training and serving images
 *       {@code container} components; the training run a {@code formulation} workflow; approvals annotations.
 *       {@code metadata.timestamp} is the manifest's {@code createdAt}; {@code serialNumber} is a name-based UUID
 *       (version 8, from SHA-256 of the manifest digest). Every other field is a model property named
 *       {@code modelgov:<path>} ({@code modelgov:risk.class}, {@code modelgov:lifecycle.stage}, ...), so nothing is
 *       lost and {@link CycloneDxImport} restores an equal manifest.
 *   <li>{@link ExportFormat#SPDX}: SPDX 3.0.1 JSON-LD with an {@code ai_AIPackage} (risk class as
 *       {@code ai_safetyRiskAssessment}, metrics and thresholds as dictionary entries, hyperparameters, domains,
 *       autonomy, standards and regulations, limitations, use of personal data), a {@code dataset_DatasetPackage} per
 *       dataset linked by {@code trainedOn}/{@code testedOn}, a {@code build_Build} for the training run, container
 *       images, license expressions, and approvals as {@code review} annotations. Ids are derived from
 *       {@code namespace/name@version}. Fields SPDX has no property for (risk scheme, risks, fairness assessments,
 *       metric categories and intervals, inputs and outputs, lifecycle stage, ...) are lost fields.
 *   <li>{@link ExportFormat#MODEL_CARD}: Markdown in Hugging Face section order, with a metrics table showing each
 *       threshold and pass or FAIL, and a Governance section. It is meant to be published, so approvals are shown by
 *       role, decision, scope and time only, and the contact section names the team: approvers, approval comments
 *       and the owner's contact are lost fields.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ExportResult bom = ManifestExporter.defaults().export(manifest, ExportFormat.CYCLONEDX);
 * Files.write(Path.of("model.cdx.json"), bom.content());
 * bom.lostFields().forEach(System.err::println);
 * }</pre>
 */
public final class ManifestExporter {

  private static final ManifestExporter DEFAULTS = new ManifestExporter();

  private ManifestExporter() {}

  /** @return the shared exporter */
  public static ManifestExporter defaults() {
    return DEFAULTS;
  }

  /**
   * Exports a manifest.
   *
   * @param manifest the manifest, must not be {@code null}
   * @param format the target format, must not be {@code null}
   * @return the document and the fields it could not hold
   */
  public ExportResult export(ModelManifest manifest, ExportFormat format) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(format, "format must not be null");
    return switch (format) {
      case CYCLONEDX -> CycloneDxExport.export(manifest);
      case SPDX -> SpdxExport.export(manifest);
      case MODEL_CARD -> ModelCardExport.export(manifest);
    };
  }
}
