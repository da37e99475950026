package dev.modelgov.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Each compatibility kit fails, by name, the tests a broken implementation breaks, and passes the others. */
class ContractsDetectBrokenImplementationsTest {

  private static Events run(Class<?> contract) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract))
        .execute();
    return results.testEvents();
  }

  private static Throwable failure(Events events, String displayNamePrefix) {
    return events.failed().stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayNamePrefix))
        .findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  private static List<String> names(Events events) {
    return events.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
  }

  @Test
  void audit_log_contract_fails_a_log_whose_indices_skip() {
    // GIVEN a log whose receipts read 0, 2, 4, ...
    // WHEN
    Events events = run(BrokenImplementations.SkippingIndicesLogContract.class);
    // THEN exactly the index checks fail; the canonical-record check is skipped (not declared)
    assertThat(names(events.failed())).containsExactlyInAnyOrder(
        "indices start at 0 and are dense",
        "size() is the next event's index",
        "concurrent appends from 8 threads get unique, dense indices");
    assertThat(names(events.succeeded())).contains("append(null) throws NullPointerException",
        "append after close throws AuditLogException CLOSED, and close is idempotent");
    assertThat(names(events.aborted())).containsExactly(
        "receipts' leaf hashes are those of the canonical records, when the log says it uses them");
  }

  @Test
  void key_ring_contract_fails_a_ring_whose_trust_root_misses_a_key() {
    // GIVEN a ring whose trust root trusts only "release"
    // WHEN
    Events events = run(BrokenImplementations.PartlyTrustedKeyRingContract.class);
    // THEN
    assertThat(names(events.failed())).containsExactly(
        "each name has a signing key that the trust root trusts under that name");
    assertThat(failure(events, "each name")).hasMessageContaining("audit");
    assertThat(names(events.succeeded())).contains("every key signs and its verification key checks the signature");
  }

  @Test
  void key_ring_contract_fails_a_ring_whose_to_string_leaks_a_private_key() {
    // WHEN
    Events events = run(BrokenImplementations.LeakyKeyRingContract.class);
    // THEN
    assertThat(names(events.failed())).containsExactly("toString never shows private key material");
  }

  @Test
  void rule_contract_fails_a_nondeterministic_rule() {
    // GIVEN a rule that also fails every third evaluation of a passing manifest
    // WHEN
    Events events = run(BrokenImplementations.FlakyRuleContract.class);
    // THEN
    assertThat(names(events.failed())).containsExactlyInAnyOrder(
        "is deterministic: the same outcome and message on every repeat",
        "gives the same outcomes on 8 threads concurrently");
    assertThat(names(events.succeeded())).contains("passes on the passing manifest",
        "fails with FAIL, not ERROR, and a message on the failing manifest");
  }

  @Test
  void rule_contract_fails_a_rule_that_throws_instead_of_failing() {
    // WHEN
    Events events = run(BrokenImplementations.ThrowingRuleContract.class);
    // THEN the ERROR outcome is reported where FAIL was expected
    assertThat(names(events.failed())).containsExactlyInAnyOrder(
        "fails with FAIL, not ERROR, and a message on the failing manifest",
        "gives the same outcomes on 8 threads concurrently");
    assertThat(failure(events, "fails with FAIL")).hasMessageContaining("ERROR");
  }

  @Test
  void rule_contract_skips_the_applicability_check_for_a_rule_that_applies_everywhere() {
    // WHEN
    Events events = run(LicenseRuleContractTest.class);
    // THEN
    assertThat(names(events.failed())).isEmpty();
    assertThat(names(events.aborted())).containsExactly("is NOT_APPLICABLE outside its declared applicability");
  }
}
