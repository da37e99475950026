/**
 * Policy tests as data, and evaluation contexts from files: a {@link dev.modelgov.core.policy.suite.PolicySuite} lists
 * policies and cases (a manifest, a merge patch, a context, waivers and the expected decision), and the {@link
 * dev.modelgov.core.policy.suite.PolicySuiteRunner} runs every case against every policy, in the spirit of {@code opa
 * test}, {@code kyverno test} and {@code gator verify}. {@link dev.modelgov.core.policy.suite.EvaluationContexts} reads
 * an evaluation context from YAML or JSON, for the suites and for {@code governance policy eval --context}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * PolicySuite suite = PolicySuite.read(Path.of("examples/policies/builtin.suite.yaml"));
 * SuiteResult result = PolicySuiteRunner.builder().build().run(suite);
 * result.failures().forEach(r -> System.err.println(r.policy() + " " + r.caseName() + ": " + r.mismatches()));
 * }</pre>
 */
package dev.modelgov.core.policy.suite;
