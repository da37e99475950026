/**
 * The built-in governance rule pack in Java: {@link dev.modelgov.core.policy.builtin.BuiltinPolicy#deployGate()}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Decision d = PolicyEngine.builder().build()
 *     .evaluate(BuiltinPolicy.deployGate(), manifest, EvaluationContext.at(EnforcementPoint.CI));
 * }</pre>
 */
package dev.modelgov.core.policy.builtin;
