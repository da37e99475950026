package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.GateReport;
import dev.modelgov.core.Governance;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.testkit.doubles.TestKeyRing;
import dev.modelgov.testkit.generators.Defect;
import dev.modelgov.testkit.generators.ManifestGenerator;
import dev.modelgov.testkit.generators.ModelDirectoryGenerator;
import dev.modelgov.testkit.junit.GovernanceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assertions on a model gate's startup report, each shown passing and failing. */
@GovernanceTest
class GateReportAssertTest {

  @TempDir Path model;

  private GateReport check(Governance governance, TestKeyRing keys, ModelManifest manifest, boolean tamper)
      throws Exception {
    ModelDirectoryGenerator.defaults().write(model, 11);
    byte[] envelope = governance.provenance().signModel(model, manifest, List.of(keys.requireSigningKey("release")),
        Provenance.Format.DSSE);
    if (tamper) {
      try (var files = Files.walk(model)) {
        Path file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        Files.writeString(file, "changed after signing");
      }
    }
    return governance.gate(manifest).modelDirectory(model).provenance(envelope)
        .context(ManifestGenerator.promotionContext(manifest)).check();
  }

  @Test
  void an_open_gate_is_open_and_not_refused(Governance governance, TestKeyRing keys) throws Exception {
    GateReport report = check(governance, keys, ManifestGenerator.defaults().valid(3), false);

    assertThat(report).isOpen().hasVerifiedProvenance();
    assertThatThrownBy(() -> assertThat(report).isRefused()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the gate to refuse").hasMessageContaining("but it opened: ");
    assertThatThrownBy(() -> assertThat(report).failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH))
        .isInstanceOf(AssertionError.class).hasMessageEndingWith("but it passed");
  }

  @Test
  void a_tampered_model_is_refused_with_the_verification_reason(Governance governance, TestKeyRing keys)
      throws Exception {
    GateReport report = check(governance, keys, ManifestGenerator.defaults().valid(3), true);

    assertThat(report).isRefused().failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);
    assertThatThrownBy(() -> assertThat(report).isOpen()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it refused:").hasMessageContaining("provenance: SUBJECT_DIGEST_MISMATCH");
    assertThatThrownBy(() -> assertThat(report).failsVerificationWith(Reason.UNTRUSTED_KEY))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fail with UNTRUSTED_KEY but it failed with SUBJECT_DIGEST_MISMATCH");
    assertThatThrownBy(() -> assertThat(report).hasVerifiedProvenance()).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected provenance to verify but it failed with SUBJECT_DIGEST_MISMATCH");
  }

  @Test
  void a_policy_denial_is_a_reason_named_by_its_rule(Governance governance, TestKeyRing keys) throws Exception {
    GateReport report = check(governance, keys, ManifestGenerator.defaults().withDefect(Defect.NO_LICENSE, 5), false);

    assertThat(report).isRefused().hasVerifiedProvenance().refusesOnRule("model.license");
    assertThatThrownBy(() -> assertThat(report).refusesOnRule("model.owner")).isInstanceOf(AssertionError.class)
        .hasMessage("Expected the gate to refuse on rule <model.owner> but the denied rules were [model.license]");
  }

  @Test
  void a_missing_report_fails_every_assertion() {
    assertThatThrownBy(() -> assertThat((GateReport) null).isOpen()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
