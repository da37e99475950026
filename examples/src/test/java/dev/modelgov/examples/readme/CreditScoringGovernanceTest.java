package dev.modelgov.examples.readme;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.TestKeyRing;
import dev.modelgov.testkit.generators.Defect;
import dev.modelgov.testkit.generators.ManifestGenerator;
import dev.modelgov.testkit.generators.ModelDirectoryGenerator;
import dev.modelgov.testkit.junit.GovernanceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-suite example of README.md, verbatim: if this class changes, change the README (and the reverse).
 */
@GovernanceTest
class CreditScoringGovernanceTest {

  @Test
  void the_deploy_gate_denies_a_model_without_a_license(Governance governance) {
    ModelManifest manifest = ManifestGenerator.defaults().withDefect(Defect.NO_LICENSE, 42);

    Decision decision = governance.evaluate(manifest, ManifestGenerator.promotionContext(manifest));

    assertThat(decision).isDenied().denies("model.license");
  }

  @Test
  void every_prediction_is_timed_and_audited_in_a_log_that_verifies(Governance governance, TestKeyRing keys,
      InMemoryAuditLog audit, MeterRegistry meters, @TempDir Path model) throws Exception {
    ModelManifest manifest = ManifestGenerator.defaults().valid(7);
    ModelDirectoryGenerator.defaults().write(model, 7);
    byte[] envelope = governance.provenance().signModel(model, manifest,
        List.of(keys.requireSigningKey("release")), Provenance.Format.DSSE);
    ModelGate gate = governance.gate(manifest).modelDirectory(model).provenance(envelope)
        .context(ManifestGenerator.promotionContext(manifest)).metrics(governance.metrics(manifest).build()).open();

    gate.begin("req-1").subject("applicant-7").succeeded("approve", true);

    assertThat(audit).containsEventOfType("prediction").verifiesWith(audit.verifier()).hasNoGaps();
    assertThat(meters).hasTimerWithCount("model.inference", 1, "outcome", "success");
  }
}
