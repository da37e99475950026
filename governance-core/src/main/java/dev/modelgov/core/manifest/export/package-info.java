/**
 * Exports of {@link dev.modelgov.api.manifest.ModelManifest}s to CycloneDX 1.6 ML-BOM, SPDX 3.0.1 JSON-LD and Markdown
 * model cards ({@link dev.modelgov.core.manifest.export.ManifestExporter}), and the import of CycloneDX ML-BOMs
 * ({@link dev.modelgov.core.manifest.export.CycloneDxImport}).
 *
 * <p>Every export is deterministic (no clock, no random ids: the same manifest gives the same bytes) and reports each
 * manifest field the format cannot hold as a {@link dev.modelgov.core.manifest.export.LostField}; nothing is dropped
 * silently. CycloneDX loses nothing: fields without a native slot become {@code modelgov:} properties, and
 * {@code CycloneDxImport} reads them back.
 */
package dev.modelgov.core.manifest.export;
