/**
 * Workload posture checks: Pod Security Standards (baseline, restricted) and the stricter governance profile over
 * fabric8 model objects, including KServe InferenceServices, with cluster-context checks for NetworkPolicies,
 * autoscalers and PodDisruptionBudgets. Pure functions: nothing here talks to a cluster.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * List<HasMetadata> objects = KubernetesManifests.load(Path.of("deploy/"));
 * for (Finding f : PostureScanner.of(PostureProfile.RESTRICTED).scanAll(objects)) {
 *   System.out.println(f.severity() + " " + f.id() + " " + f.path() + ": " + f.message() + " -> " + f.fix());
 * }
 * }</pre>
 */
package dev.modelgov.k8s.posture;
