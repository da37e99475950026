/**
 * GitOps: renders the Kubernetes objects of a governed model as deterministic, hardened YAML (Deployment or KServe
 * InferenceService, Service, NetworkPolicies, autoscaler, disruption budget, service account and the GovernedModel),
 * and detects drift between that desired state and the live objects.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * GitOpsRenderer renderer = GitOpsRenderer.builder().namespace("ml-serving").build();
 * Files.writeString(Path.of("deploy/credit-scoring.yaml"), renderer.renderYaml(manifest, digest));
 * List<DriftItem> drift = DriftDetector.diff(renderer.render(manifest, digest), liveObjects);
 * }</pre>
 */
package dev.modelgov.k8s.gitops;
