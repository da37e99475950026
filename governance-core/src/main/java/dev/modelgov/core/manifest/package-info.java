/**
 * Reading, writing, canonicalising and digesting {@link dev.modelgov.api.manifest.ModelManifest}s: start with
 * {@link dev.modelgov.core.manifest.ManifestCodec#defaults()}.
 */
package dev.modelgov.core.manifest;
