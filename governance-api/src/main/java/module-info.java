/**
 * The public surface of ModelGov: values, builders and interfaces, with no dependency outside the JDK.
 *
 * <p>Start with {@link dev.modelgov.api.manifest.ModelManifest#builder()}; reading, writing and digesting
 * manifests lives in {@code dev.modelgov.core}.
 */
module dev.modelgov.api {
  exports dev.modelgov.api;
  exports dev.modelgov.api.manifest;
  exports dev.modelgov.api.provenance;
  exports dev.modelgov.api.audit;
  exports dev.modelgov.api.policy;
}
