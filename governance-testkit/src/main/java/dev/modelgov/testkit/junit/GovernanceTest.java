package dev.modelgov.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit Jupiter test class or method with a {@link dev.modelgov.core.Governance} built from test doubles, fresh
 * for every test: inject the {@code Governance} and the very doubles it uses as parameters of test methods,
 * {@code @BeforeEach}/{@code @AfterEach} methods or the constructor (see {@link GovernanceExtension} for the types).
 * An annotation on a method overrides one on its class; on a {@code @Nested} class, one on the enclosing class.
 *
 * <pre>{@code
 * @GovernanceTest(environment = "prod")
 * class ScoringGovernanceTest {
 *   @Test
 *   void denies_an_unsigned_model(Governance governance, RecordingDecisionListener decisions, InMemoryAuditLog audit) {
 *     Decision d = governance.evaluate(manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 *     assertThat(d.allowed()).isFalse();
 *     assertThat(decisions.last()).contains(d);
 *     assertThat(audit.entriesOfType("policy.decision")).hasSize(1);
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GovernanceExtension.class)
@SuppressWarnings("exports") // JUnit is optional (requires static): only tests that use it need it.
public @interface GovernanceTest {

  /**
   * The environment the {@code Governance} makes decisions for, such as {@code prod}; none when empty.
   *
   * @return the environment, or {@code ""} for none
   */
  String environment() default "";

  /**
   * Whether the audit log is a real {@link dev.modelgov.core.audit.DurableAuditLog} in a temporary directory, closed
   * and deleted after the test, instead of an {@link dev.modelgov.testkit.doubles.InMemoryAuditLog}.
   *
   * @return {@code false} by default
   */
  boolean durableAudit() default false;
}
