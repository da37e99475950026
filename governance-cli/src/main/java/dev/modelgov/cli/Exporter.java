package dev.modelgov.cli;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;

/**
 * Exports a manifest; {@link dev.modelgov.core.manifest.export.ManifestExporter#export} in production. For internal use
 * only; may change without notice.
 */
@FunctionalInterface
interface Exporter {

  /**
   * Exports a manifest.
   *
   * @param manifest the manifest
   * @param format the target format
   * @return the document and the fields it could not hold
   */
  ExportResult export(ModelManifest manifest, ExportFormat format);
}
