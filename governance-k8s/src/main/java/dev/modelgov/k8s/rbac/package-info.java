/**
 * RBAC analysis: dangerous permissions in Roles, ClusterRoles and bindings (wildcards, secrets, exec, escalation,
 * workload creation, node proxy, admission webhooks, tokens), and what each subject can do through its bindings.
 * The minimal Role of ModelGov's own components is at {@code dev/modelgov/k8s/rbac/modelgov-components.yaml} on the
 * class path.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * RbacReport report = RbacAnalyzer.analyze(KubernetesManifests.load(Path.of("config/rbac/")));
 * report.atLeast(Severity.HIGH).forEach(f -> System.out.println(f.id() + " " + f.name() + f.path()));
 * }</pre>
 */
package dev.modelgov.k8s.rbac;
