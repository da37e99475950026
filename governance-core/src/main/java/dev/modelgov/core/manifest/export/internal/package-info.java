/**
 * The export and import implementations behind {@link dev.modelgov.core.manifest.export.ManifestExporter} and
 * {@link dev.modelgov.core.manifest.export.CycloneDxImport}. For internal use only; may change without notice. The
 * module does not export this package.
 */
package dev.modelgov.core.manifest.export.internal;
