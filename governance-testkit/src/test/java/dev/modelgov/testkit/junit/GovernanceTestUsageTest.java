package dev.modelgov.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.core.Governance;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.RecordingDecisionListener;
import dev.modelgov.testkit.doubles.TestClock;
import dev.modelgov.testkit.doubles.TestKeyRing;
import dev.modelgov.testkit.generators.Defect;
import dev.modelgov.testkit.generators.ManifestGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user-style test: the injected Governance is wired to the very doubles injected next to it. */
@GovernanceTest
class GovernanceTestUsageTest {

  private final Governance constructed;
  private Governance beforeEach;
  private InMemoryAuditLog beforeEachLog;

  GovernanceTestUsageTest(Governance governance) {
    this.constructed = governance;
  }

  @BeforeEach
  void setUp(Governance governance, InMemoryAuditLog audit) {
    this.beforeEach = governance;
    this.beforeEachLog = audit;
  }

  @Test
  void a_decision_through_the_governance_reaches_the_recorder_and_the_in_memory_log(
      Governance governance, RecordingDecisionListener decisions, InMemoryAuditLog audit) {
    // GIVEN a generated manifest without a license
    ModelManifest m = ManifestGenerator.defaults().withDefect(Defect.NO_LICENSE, 3L);

    // WHEN the governance evaluates it
    Decision d = governance.evaluate(m, ManifestGenerator.promotionContext(m));

    // THEN the injected recorder saw that decision and the injected log holds its audit event
    assertThat(d.allowed()).isFalse();
    assertThat(decisions.decisions()).containsExactly(d);
    assertThat(audit.entriesOfType("policy.decision")).hasSize(1);
    AuditEntry entry = audit.entriesOfType("policy.decision").get(0);
    assertThat(entry.body().toString()).contains(d.decisionId());
  }

  @Test
  void an_event_appended_through_governance_audit_is_in_the_injected_log(
      Governance governance, InMemoryAuditLog audit, AuditLog anyLog, TestKeyRing keys) throws AuditTamperException {
    // GIVEN the injected governance and log
    // WHEN an event is appended through the governance
    AuditReceipt r = governance.audit().append(CustomEvent.builder("app.started").attribute("n", 1).build());

    // THEN the injected log (also injected as AuditLog) recorded it, checkpoints signed by the ring's audit key
    assertThat(governance.audit()).isSameAs(audit).isSameAs(anyLog);
    assertThat(audit.entry(r.index())).map(AuditEntry::type).contains("app.started");
    audit.checkpointNow();
    assertThat(audit.verify(keys.noteVerifier(KeyRing.AUDIT, GovernanceExtension.AUDIT_ORIGIN)).treeSize())
        .isGreaterThan(r.index());
  }

  @Test
  void the_clock_keys_and_registry_are_the_injected_ones(
      Governance governance, TestClock clock, TestKeyRing keys, KeyRing ring, MeterRegistry registry) {
    // GIVEN the injected doubles
    Instant before = governance.clock().instant();

    // WHEN the test clock advances
    clock.advance(Duration.ofDays(2));

    // THEN the governance reads that clock, holds that key ring with release and audit keys, and that registry
    assertThat(before).isEqualTo(TestClock.DEFAULT_INSTANT);
    assertThat(governance.clock().instant()).isEqualTo(before.plus(Duration.ofDays(2)));
    assertThat(governance.keys()).isSameAs(keys).isSameAs(ring);
    assertThat(keys.names()).containsExactlyInAnyOrder(KeyRing.RELEASE, KeyRing.AUDIT);
    assertThat(governance.meterRegistry()).isSameAs(registry);
    assertThat(governance.environment()).isEmpty();
  }

  @Test
  void constructor_before_each_and_test_share_one_governance(Governance governance, InMemoryAuditLog audit) {
    // GIVEN the governance given to the constructor, to @BeforeEach and to this method
    // WHEN they are compared
    // THEN they are the same instance, as is the log
    assertThat(constructed).isSameAs(governance);
    assertThat(beforeEach).isSameAs(governance);
    assertThat(beforeEachLog).isSameAs(audit);
  }

  @Test
  @GovernanceTest(environment = "prod")
  void a_method_annotation_overrides_the_class_one(Governance governance, RecordingDecisionListener decisions) {
    // GIVEN a method annotated with environment prod
    ModelManifest m = ManifestGenerator.defaults().valid(8L);

    // WHEN a decision is made with no environment in the context
    governance.evaluate(m, ManifestGenerator.promotionContext(m).toBuilder().environment(null).build());

    // THEN the governance decides for prod
    assertThat(governance.environment()).contains("prod");
    assertThat(decisions.last()).get().satisfies(d -> {
      assertThat(d.environment()).contains("prod");
      assertThat(d.point()).isEqualTo(EnforcementPoint.PROMOTION);
    });
  }
}
