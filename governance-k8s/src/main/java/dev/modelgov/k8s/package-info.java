/**
 * The Kubernetes adapter: posture checks of workloads, RBAC analysis, the governed-model custom resource, admission,
 * and GitOps rendering, as pure functions over fabric8 model objects (only the client wrapper talks to a cluster).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * List<Finding> findings = PostureScanner.builder().profile(PostureProfile.GOVERNANCE_STRICT).build()
 *     .scanAll(KubernetesManifests.load(Path.of("deploy/")));
 * }</pre>
 */
package dev.modelgov.k8s;
