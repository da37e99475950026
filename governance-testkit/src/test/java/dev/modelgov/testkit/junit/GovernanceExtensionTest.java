package dev.modelgov.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.TestClock;
import dev.modelgov.testkit.generators.ManifestGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small user test classes with {@link EngineTestKit} to check what a user cannot see from inside one test:
 * temporary logs are deleted, each test gets its own instances, and bad parameters fail with a clear message.
 */
class GovernanceExtensionTest {

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  // ---- user test classes, run only through EngineTestKit (static nested classes are not discovered on their own)

  /** Records where its durable logs were, and fails on purpose in one test. */
  @GovernanceTest(durableAudit = true)
  static class DurableAuditCase {
    static final List<Path> DIRECTORIES = new ArrayList<>();

    @Test
    void writes_a_durable_log(Governance governance, DurableAuditLog log, AuditLog anyLog) {
      ModelManifest m = ManifestGenerator.defaults().valid(21L);
      governance.evaluate(m, ManifestGenerator.promotionContext(m));
      DIRECTORIES.add(log.directory());
      assertThat(governance.audit()).isSameAs(log).isSameAs(anyLog);
      assertThat(log.size()).isPositive();
      assertThat(log.directory()).isDirectory();
    }

    @Test
    void fails_after_writing(DurableAuditLog log) {
      DIRECTORIES.add(log.directory());
      throw new AssertionError("fails on purpose");
    }
  }

  /** Two tests that record the instances they were given. */
  @ExtendWith(GovernanceExtension.class)
  static class FreshInstancesCase {
    static final List<Object> SEEN = new ArrayList<>();

    @Test
    void first(Governance governance, TestClock clock) {
      assertThat(governance.clock()).isSameAs(clock);
      SEEN.add(governance);
      SEEN.add(clock);
    }

    @Test
    void second(Governance governance, TestClock clock) {
      assertThat(governance.clock()).isSameAs(clock);
      SEEN.add(governance);
      SEEN.add(clock);
    }
  }

  @GovernanceTest
  static class UnsupportedTypeCase {
    @Test
    void wants_a_gate(ModelGate gate) {
      assertThat(gate).isNotNull();
    }
  }

  @GovernanceTest
  static class WrongLogKindCase {
    @Test
    void wants_a_durable_log(DurableAuditLog log) {
      assertThat(log).isNotNull();
    }

    @Test
    @GovernanceTest(durableAudit = true)
    void wants_an_in_memory_log(InMemoryAuditLog log) {
      assertThat(log).isNotNull();
    }
  }

  @GovernanceTest
  static class BeforeAllCase {
    @BeforeAll
    static void setUp(Governance governance) {
      assertThat(governance).isNotNull();
    }

    @Test
    void never_runs(Governance governance) {
      assertThat(governance.deployPolicy().id()).isEqualTo("modelgov-builtin");
    }
  }

  // ---- the tests

  @Test
  void temporary_audit_directories_are_deleted_after_each_test_even_a_failing_one() {
    // GIVEN a class with durable audit logs, one test passing and one failing
    DurableAuditCase.DIRECTORIES.clear();

    // WHEN it runs
    EngineExecutionResults results = run(DurableAuditCase.class);

    // THEN both ran as written, and neither log directory nor its temporary parent is left
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(DurableAuditCase.DIRECTORIES).hasSize(2).doesNotHaveDuplicates();
    for (Path dir : DurableAuditCase.DIRECTORIES) {
      assertThat(dir.getFileName().toString()).isEqualTo("audit");
      assertThat(Files.exists(dir)).as("%s was deleted", dir).isFalse();
      assertThat(Files.exists(dir.getParent())).as("%s was deleted", dir.getParent()).isFalse();
    }
  }

  @Test
  void each_test_gets_its_own_instances() {
    // GIVEN a class whose two tests record their governance and clock
    FreshInstancesCase.SEEN.clear();

    // WHEN it runs
    run(FreshInstancesCase.class).testEvents().assertStatistics(s -> s.succeeded(2));

    // THEN the four instances are distinct
    assertThat(FreshInstancesCase.SEEN).hasSize(4);
    assertThat(FreshInstancesCase.SEEN.stream().map(System::identityHashCode).distinct()).hasSize(4);
  }

  @Test
  void an_unsupported_parameter_type_fails_with_a_message_listing_what_can_be_injected() {
    // GIVEN a test that asks for a ModelGate
    // WHEN it runs
    EngineExecutionResults results = run(UnsupportedTypeCase.class);

    // THEN it fails with a ParameterResolutionException naming the parameter, the injectable types and a way out
    results.testEvents().assertThatEvents().haveExactly(1, event(test("wants_a_gate"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class),
        message(m -> m.startsWith("@GovernanceTest cannot inject parameter 0 (ModelGate) of method wants_a_gate()")
            && m.contains("it injects Governance, AuditLog, InMemoryAuditLog")
            && m.contains("governance.gate(manifest)")))));
  }

  @Test
  void asking_for_the_other_kind_of_log_says_how_to_get_it() {
    // GIVEN tests that ask for the log kind they did not configure
    // WHEN they run
    EngineExecutionResults results = run(WrongLogKindCase.class);

    // THEN each fails, saying which kind the test has and what to do
    results.testEvents().assertStatistics(s -> s.failed(2));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("wants_a_durable_log"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message(m -> m.contains("InMemoryAuditLog") && m.contains("durableAudit = true")))))
        .haveExactly(1, event(test("wants_an_in_memory_log"), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message(m -> m.contains("durableAudit = true, so its log is a DurableAuditLog")))));
  }

  @Test
  void injection_into_before_all_is_refused_with_the_reason() {
    // GIVEN a class that asks for a Governance in @BeforeAll
    // WHEN it runs
    EngineExecutionResults results = run(BeforeAllCase.class);

    // THEN the class fails, explaining that the instances are per test
    results.containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
        instanceOf(ParameterResolutionException.class), message(m -> m.contains("outside a test")
            && m.contains("@BeforeAll"))));
    results.testEvents().assertStatistics(s -> s.started(0));
  }
}
