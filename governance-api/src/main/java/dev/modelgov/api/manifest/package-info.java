/**
 * The model manifest: what a model is, who owns it, its risk class, the data and code it came from, its evaluation
 * and its lifecycle. Build one with {@link dev.modelgov.api.manifest.ModelManifest#builder()}; read and write it as
 * JSON or YAML with {@code dev.modelgov.core.manifest.ManifestCodec}.
 *
 * <p>Values in this package are immutable. Lists and maps are never {@code null} (empty when absent); optional
 * values are {@link java.util.Optional}.
 */
package dev.modelgov.api.manifest;
