package dev.modelgov.k8s.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Finds the model a workload serves: its manifest, declared digest and provenance. The default, {@link
 * AnnotationManifestResolver}, reads the workload's annotations; replace it to fetch from a GovernedModel resource or
 * a registry. Implementations must be thread-safe and fast (they run inside the apiserver's webhook timeout).
 *
 * <pre>{@code
 * ManifestResolver fromCatalog = workload -> catalog.lookup(workload.getMetadata().getLabels())
 *     .map(entry -> ResolvedModel.of(entry.manifest()).withProvenance(entry.envelope()));
 * AdmissionHandler handler = AdmissionHandler.builder().policy(gate).manifestResolver(fromCatalog).build();
 * }</pre>
 */
@FunctionalInterface
public interface ManifestResolver {

  /**
   * Resolves the model of a workload.
   *
   * @param workload the admitted workload (a Deployment, Pod, InferenceService, ...)
   * @return the model, or empty when the workload is not governed (names no model)
   * @throws ManifestResolutionException when the workload names a model that cannot be read
   */
  Optional<ResolvedModel> resolve(HasMetadata workload) throws ManifestResolutionException;
}
