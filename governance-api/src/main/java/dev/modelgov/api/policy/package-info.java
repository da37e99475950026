/**
 * The policy model: rules, policies, waivers, evaluation contexts and the decisions they produce.
 *
 * <p>A {@link dev.modelgov.api.policy.Policy} is a versioned list of {@link dev.modelgov.api.policy.Rule rules}, each
 * checked in Java or CEL. The engine ({@code dev.modelgov.core.policy.PolicyEngine}) evaluates every applicable rule
 * and returns a {@link dev.modelgov.api.policy.Decision}: the effect, each rule's outcome, the explanation of each
 * failure, its remediation, and the {@link dev.modelgov.api.policy.Waiver waivers} applied.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Policy gate = Policy.named("deploy-gate").version("1.0.0")
 *     .rule("model.owner").severity(Severity.HIGH)
 *         .check(m -> m.owner().contact().isPresent())
 *         .message("the owner has no contact").remediation("set owner.contact")
 *     .build();
 * Decision d = PolicyEngine.builder().build().evaluate(gate, manifest, EvaluationContext.defaults());
 * d.effect(); // ALLOW, WARN or DENY
 * }</pre>
 */
package dev.modelgov.api.policy;
