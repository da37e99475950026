package dev.modelgov.testkit;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.core.GateReport;
import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * The entry point of ModelGov's AssertJ assertions: {@code assertThat(...)} for manifests, decisions, model gate
 * reports, audit logs, model metrics and meter registries, plus three named entry points where an {@code assertThat} overload would clash with
 * AssertJ's own {@code assertThat(byte[])} and {@code assertThat(Path)}: {@link #assertThatProvenance(byte[])}, {@link
 * #assertThatManifestFile(Path)} and {@link #assertThatAuditLog(Path)}.
 *
 * <p>Every failure message says what was expected and what was found, listing the candidates (datasets, rule ids
 * with outcomes, event types with counts, meters with tags, drift scores) so that a failing test explains itself.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
 * import static dev.modelgov.testkit.GovernanceAssertions.assertThatProvenance;
 *
 * assertThat(manifest).isValid().hasRiskClass(RiskClass.HIGH).hasDatasetWithDigest("sha256:1111...1111");
 * assertThatProvenance(envelope).isSignedBy(releaseKey.verificationKey()).coversModel(modelDir);
 * assertThat(decision).isDenied().denies("model.provenance.signed");
 * assertThat(auditLog).containsEventOfType("policy.decision").verifiesWith(auditKey, origin).hasNoGaps();
 * assertThat(metrics).hasDriftBelow("income", 0.1);
 * assertThat(registry).hasMeter("model.inference", "outcome", "success");
 * }</pre>
 */
public final class GovernanceAssertions {

  private GovernanceAssertions() {}

  /**
   * Starts assertions on a manifest.
   *
   * <pre>{@code
   * assertThat(manifest).isValid().hasRiskClass(RiskClass.HIGH);
   * }</pre>
   *
   * @param actual the manifest under test, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static ManifestAssert assertThat(ModelManifest actual) {
    return new ManifestAssert(actual);
  }

  /**
   * Starts assertions on a manifest file, read strictly when the first assertion runs.
   *
   * <pre>{@code
   * assertThatManifestFile(Path.of("examples/manifests/invalid/missing-fields.yaml"))
   *     .isInvalid().hasProblemAt("datasets[1].digest");
   * }</pre>
   *
   * @param file the JSON or YAML file, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static ManifestFileAssert assertThatManifestFile(Path file) {
    return new ManifestFileAssert(file);
  }

  /**
   * Starts assertions on signed provenance: a DSSE envelope or a Sigstore bundle.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).isSignedBy(key.verificationKey()).coversModel(modelDir).forManifest(manifest);
   * }</pre>
   *
   * @param envelopeOrBundle the JSON bytes, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static ProvenanceAssert assertThatProvenance(byte[] envelopeOrBundle) {
    return new ProvenanceAssert(envelopeOrBundle);
  }

  /**
   * Starts assertions on a policy decision.
   *
   * <pre>{@code
   * assertThat(decision).isDenied().denies("model.image.digest").passes("model.owner");
   * }</pre>
   *
   * @param actual the decision, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static DecisionAssert assertThat(Decision actual) {
    return new DecisionAssert(actual);
  }

  /**
   * Starts assertions on an audit log object (an {@code InMemoryAuditLog} or a {@code DurableAuditLog}).
   *
   * <pre>{@code
   * assertThat(auditLog).containsEventsOfType("prediction", 3).hasNoGaps();
   * }</pre>
   *
   * @param actual the log, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static AuditLogAssert assertThat(AuditLog actual) {
    return new AuditLogAssert(actual);
  }

  /**
   * Starts assertions on an audit log directory, which is only read.
   *
   * <pre>{@code
   * assertThatAuditLog(Path.of(".modelgov/audit")).verifiesWith(auditKey, "modelgov.local/audit");
   * }</pre>
   *
   * @param directory the log directory, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static AuditLogDirectoryAssert assertThatAuditLog(Path directory) {
    return new AuditLogDirectoryAssert(directory);
  }

  /**
   * Starts assertions on what a model gate found at startup.
   *
   * <pre>{@code
   * assertThat(governance.gate(manifest).modelDirectory(dir).provenance(envelope).check())
   *     .isRefused().refusesOnRule("model.owner");
   * }</pre>
   *
   * @param actual the report under test, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static GateReportAssert assertThat(GateReport actual) {
    return new GateReportAssert(actual);
  }

  /**
   * Starts assertions on a model's drift and fairness state.
   *
   * <pre>{@code
   * assertThat(modelMetrics).hasDriftBelow("income", 0.1).hasNoFairnessBreach();
   * }</pre>
   *
   * @param actual the binder, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static ModelMetricsAssert assertThat(ModelMetrics actual) {
    return new ModelMetricsAssert(actual);
  }

  /**
   * Starts assertions on a Micrometer registry.
   *
   * <pre>{@code
   * assertThat(registry).hasTimerWithCount("model.inference", 3, "outcome", "success");
   * }</pre>
   *
   * @param actual the registry, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  @SuppressWarnings("exports") // Micrometer is a deliberate API dependency of the testkit.
  public static MeterRegistryAssert assertThat(MeterRegistry actual) {
    return new MeterRegistryAssert(actual);
  }
}
