package dev.modelgov.testkit;

import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.GateReport;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a {@code ModelGate} found at startup ({@link GateReport}, from {@code gate.check()},
 * {@code gate.startupReport()} or {@code ModelRefusedException.report()}): open or refused, and why. Failure messages
 * list the reasons the gate gave.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * GateReport report = governance.gate(manifest).modelDirectory(dir).provenance(envelope).check();
 * assertThat(report).isRefused().failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);
 * }</pre>
 */
public final class GateReportAssert extends AbstractAssert<GateReportAssert, GateReport> {

  GateReportAssert(GateReport actual) {
    super(actual, GateReportAssert.class);
  }

  /**
   * Checks that the gate opened: the provenance verified and the policy did not deny.
   *
   * <pre>{@code
   * assertThat(gate.startupReport()).isOpen();   // passes for a signed, compliant model
   * assertThat(refusedReport).isOpen();
   * // fails: "Expected the gate to open for risk/credit-scoring@2.4.0 but it refused:
   * //         [policy: model.owner: the owner names no contact]"
   * }</pre>
   *
   * @return this assertion
   */
  public GateReportAssert isOpen() {
    isNotNull();
    if (!actual.open()) {
      failWithMessage("Expected the gate to open for %s but it refused:%n%s", actual.model().coordinates(),
          actual.reasons());
    }
    return this;
  }

  /**
   * Checks that the gate refused to serve.
   *
   * <pre>{@code
   * assertThat(tamperedReport).isRefused();      // passes when a file changed after signing
   * assertThat(gate.startupReport()).isRefused();
   * // fails: "Expected the gate to refuse risk/credit-scoring@2.4.0 but it opened: <summary>"
   * }</pre>
   *
   * @return this assertion
   */
  public GateReportAssert isRefused() {
    isNotNull();
    if (actual.open()) {
      failWithMessage("Expected the gate to refuse %s but it opened: %s", actual.model().coordinates(),
          actual.summary());
    }
    return this;
  }

  /**
   * Checks that provenance verification failed with a reason.
   *
   * <pre>{@code
   * assertThat(tamperedReport).failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);   // passes
   * assertThat(tamperedReport).failsVerificationWith(Reason.UNTRUSTED_KEY);
   * // fails: "Expected provenance verification to fail with UNTRUSTED_KEY but it failed with
   * //         SUBJECT_DIGEST_MISMATCH: ..."
   * }</pre>
   *
   * @param reason the expected reason
   * @return this assertion
   */
  public GateReportAssert failsVerificationWith(Reason reason) {
    isNotNull();
    ProvenanceVerificationException failure = actual.verificationFailure().orElse(null);
    if (failure == null) {
      failWithMessage("Expected provenance verification to fail with %s but it passed", reason);
    } else if (failure.reason() != reason) {
      failWithMessage("Expected provenance verification to fail with %s but it failed with %s: %s", reason,
          failure.reason(), failure.getMessage());
    }
    return this;
  }

  /**
   * Checks that the provenance verified (whatever the policy decided).
   *
   * <pre>{@code
   * assertThat(report).hasVerifiedProvenance();   // passes for a model signed by a trusted key
   * assertThat(tamperedReport).hasVerifiedProvenance();
   * // fails: "Expected provenance to verify but it failed with SUBJECT_DIGEST_MISMATCH: ..."
   * }</pre>
   *
   * @return this assertion
   */
  public GateReportAssert hasVerifiedProvenance() {
    isNotNull();
    actual.verificationFailure().ifPresent(f -> failWithMessage(
        "Expected provenance to verify but it failed with %s: %s", f.reason(), f.getMessage()));
    return this;
  }

  /**
   * Checks that the deploy policy denied a rule, which is one of the reasons to refuse.
   *
   * <pre>{@code
   * assertThat(report).refusesOnRule("model.owner");   // passes when model.owner denies
   * assertThat(report).refusesOnRule("model.license");
   * // fails: "Expected the gate to refuse on rule <model.license> but the denied rules were [model.owner]"
   * }</pre>
   *
   * @param ruleId the rule id
   * @return this assertion
   */
  public GateReportAssert refusesOnRule(String ruleId) {
    isNotNull();
    List<String> denied = actual.decision().map(Decision::denials).orElse(List.of()).stream()
        .map(RuleResult::ruleId).collect(Collectors.toList());
    if (!denied.contains(ruleId)) {
      failWithMessage("Expected the gate to refuse on rule <%s> but the denied rules were %s", ruleId, denied);
    }
    return this;
  }
}
