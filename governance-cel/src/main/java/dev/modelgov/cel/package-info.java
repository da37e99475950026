/**
 * Declarative CEL policies for ModelGov: {@link dev.modelgov.cel.CelPolicies} reads {@code GovernancePolicy} YAML or
 * JSON files into {@link dev.modelgov.api.policy.Policy} values and lints them. Adding this module to the class path
 * also registers, through {@link java.util.ServiceLoader}, the CEL backend the core policy engine uses for {@code
 * cel(...)} rules, match conditions, variables and waiver conditions, and the policy file loader core tools use.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Policy gate = CelPolicies.load(Path.of("policies/deploy-gate.yaml"));
 * }</pre>
 */
package dev.modelgov.cel;
