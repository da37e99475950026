/**
 * JUnit Jupiter support: {@link dev.modelgov.testkit.junit.GovernanceTest} runs a test with a fresh {@code
 * Governance} built from test doubles, and {@link dev.modelgov.testkit.junit.GovernanceExtension} injects it and the
 * doubles as parameters. Needs {@code org.junit.jupiter:junit-jupiter-api} (an optional dependency of the testkit).
 *
 * <pre>{@code
 * @GovernanceTest
 * class PromotionTest {
 *   @Test
 *   void every_decision_is_audited(Governance governance, InMemoryAuditLog audit) {
 *     governance.evaluate(manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 *     assertThat(audit.entriesOfType("policy.decision")).hasSize(1);
 *   }
 * }
 * }</pre>
 */
package dev.modelgov.testkit.junit;
