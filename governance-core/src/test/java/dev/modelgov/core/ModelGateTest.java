package dev.modelgov.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving app's gate: verification and policy at startup, one call per request, runtime re-checks. */
class ModelGateTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Path modelDir;
  private ModelManifest creditScoring;
  private final List<Decision> decisions = new ArrayList<>();

  @BeforeEach
  void model() throws Exception {
    modelDir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(modelDir.resolve("model.json"), "{\"intercept\":-1.5,\"weights\":[0.4,-2.0]}");
    Files.writeString(modelDir.resolve("README.md"), "credit scoring\n");
    creditScoring = ManifestCodec.defaults().read(TestFiles.manifest("credit-scoring.yaml"));
  }

  private Governance governance(SimpleMeterRegistry registry) throws IOException {
    return Governance.builder().demoMode().clock(CLOCK).auditDirectory(tmp.resolve("audit"))
        .meterRegistry(registry).decisionListener(decisions::add).build();
  }

  private static byte[] sign(Governance g, Path dir, ModelManifest manifest, SigningKey key) throws Exception {
    return g.provenance().signModel(dir, manifest, List.of(key), Provenance.Format.DSSE);
  }

  private static List<AuditEntry> entries(Governance g) throws IOException {
    DurableAuditLog log = (DurableAuditLog) g.audit();
    List<AuditEntry> out = new ArrayList<>();
    for (long i = 0; i < log.size(); i++) {
      out.add(log.entry(i).orElseThrow());
    }
    return out;
  }

  @Test
  void opens_for_a_signed_model_that_the_policy_allows_and_audits_both_facts() throws Exception {
    // GIVEN a governed credit-scoring model signed with the demo release key
    try (Governance g = governance(new SimpleMeterRegistry())) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());

      // WHEN the gate opens
      ModelGate gate = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).open();

      // THEN it reports the verified statement and the allowing decision at the promotion point
      GateReport report = gate.startupReport();
      assertThat(report.open()).isTrue();
      assertThat(report.reasons()).isEmpty();
      assertThat(report.verified()).isPresent();
      assertThat(report.decision()).hasValueSatisfying(d -> {
        assertThat(d.point()).isEqualTo(EnforcementPoint.PROMOTION);
        assertThat(d.effect()).isNotEqualTo(Effect.DENY);
      });
      assertThat(report.summary()).startsWith("risk/credit-scoring@2.4.0: open");
      assertThat(gate.model()).isEqualTo(ManifestCodec.defaults().ref(creditScoring));
      // AND the decision and the gate's opening are audited, and the listener heard the decision
      assertThat(entries(g)).extracting(AuditEntry::type).containsExactly("policy.decision", ModelGate.GATE_EVENT_TYPE);
      assertThat(entries(g).get(1).body().path("attributes").path("open").asBoolean()).isTrue();
      assertThat(decisions).containsExactly(report.decision().orElseThrow());
    }
  }

  @Test
  void refuses_a_model_whose_files_changed_after_signing_and_names_the_reason() throws Exception {
    try (Governance g = governance(new SimpleMeterRegistry())) {
      // GIVEN a signed model whose weights are then changed
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      Files.writeString(modelDir.resolve("model.json"), "{\"intercept\":9.9,\"weights\":[0.4,-2.0]}");

      // WHEN the gate opens THEN it refuses with the provenance reason, and still shows the policy's view
      assertThatThrownBy(() -> g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).open())
          .isInstanceOfSatisfying(ModelRefusedException.class, e -> {
            GateReport report = e.report();
            assertThat(report.open()).isFalse();
            assertThat(report.verificationFailure()).hasValueSatisfying(
                f -> assertThat(f.reason()).isEqualTo(Reason.SUBJECT_DIGEST_MISMATCH));
            assertThat(report.reasons().get(0)).startsWith("provenance: SUBJECT_DIGEST_MISMATCH");
            assertThat(report.decision()).isPresent();
            assertThat(e.getMessage()).contains("refused").contains("SUBJECT_DIGEST_MISMATCH");
          });
      // AND the refusal is audited
      AuditEntry gateEvent = entries(g).get(entries(g).size() - 1);
      assertThat(gateEvent.type()).isEqualTo(ModelGate.GATE_EVENT_TYPE);
      assertThat(gateEvent.body().path("attributes").path("open").asBoolean()).isFalse();
    }
  }

  @Test
  void refuses_a_model_signed_by_a_key_it_does_not_trust() throws Exception {
    try (Governance g = governance(new SimpleMeterRegistry())) {
      SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
      byte[] envelope = sign(g, modelDir, creditScoring, stranger);

      GateReport report = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).check();

      assertThat(report.open()).isFalse();
      assertThat(report.verificationFailure()).hasValueSatisfying(
          f -> assertThat(f.reason()).isEqualTo(Reason.UNTRUSTED_KEY));
    }
  }

  @Test
  void refuses_a_signed_model_that_the_deploy_policy_denies_listing_each_denied_rule() throws Exception {
    try (Governance g = governance(new SimpleMeterRegistry())) {
      // GIVEN the minimal manifest (no approvals, no fairness, ...) properly signed
      ModelManifest minimal = ManifestCodec.defaults().read(TestFiles.manifest("minimal.yaml"));
      byte[] envelope = sign(g, modelDir, minimal, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());

      // WHEN the gate checks it
      GateReport report = g.gate(minimal).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).check();

      // THEN provenance verified, but every denying rule is a reason
      assertThat(report.verified()).isPresent();
      Decision decision = report.decision().orElseThrow();
      assertThat(decision.effect()).isEqualTo(Effect.DENY);
      assertThat(report.reasons()).hasSize(decision.denials().size())
          .allSatisfy(r -> assertThat(r).startsWith("policy: "));
      assertThat(report.reasons()).extracting(r -> r.split(": ")[1])
          .containsExactlyElementsOf(decision.denials().stream().map(d -> d.ruleId()).collect(Collectors.toList()));
    }
  }

  @Test
  void one_call_per_request_records_the_timer_the_drift_the_fairness_and_the_audit_event() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Governance g = governance(registry)) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      double[] incomes = java.util.stream.IntStream.range(0, 1000).mapToDouble(i -> 20_000 + i * 80.0).toArray();
      ModelMetrics metrics = g.metrics(creditScoring).drift(DriftBaseline.builder().numeric("income", incomes).build())
          .fairness("sex", "m").driftExecutor(Runnable::run).build();
      try (ModelGate gate = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).metrics(metrics)
          .open()) {
        long before = g.audit().size();

        // WHEN one request is recorded
        var receipt = gate.begin("req-1").subject("applicant-0042").features(Map.of("income", 52000.0))
            .group("sex", "f").positive(true).attribute("channel", "web")
            .succeeded("approve", Map.of("approved", true, "probability", 0.83));

        // THEN the drift window holds the sample and the fairness monitor the prediction
        assertThat(metrics.driftMonitor().orElseThrow().currentWindowSamples()).isEqualTo(1);
        assertThat(metrics.fairnessMonitor().orElseThrow().rates("sex", "f").selected()).isEqualTo(1);
        // AND the timer counts it under the model's tags
        Timer timer = registry.find("model.inference").tag("model", "risk/credit-scoring").tag("outcome", "success")
            .timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        // AND a prediction event is audited with a pseudonymous subject and a digest of the input, not the input
        assertThat(receipt.index()).isEqualTo(before);
        AuditEntry event = ((DurableAuditLog) g.audit()).entry(receipt.index()).orElseThrow();
        assertThat(event.type()).isEqualTo(PredictionEvent.TYPE);
        assertThat(event.subjectPseudonym()).hasValueSatisfying(p -> assertThat(p).startsWith("hmac-sha256:"));
        String stored = new String(event.recordedBytes(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("applicant-0042").doesNotContain("52000").contains("sha256:")
            .contains("req-1").contains("channel");
      }
      // AND closing the gate removed the model's meters
      assertThat(registry.find("model.inference").timer()).isNull();
    }
  }

  @Test
  void a_failed_request_is_timed_with_its_error_type_and_audited_without_its_message() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Governance g = governance(registry)) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      ModelMetrics metrics = g.metrics(creditScoring).build();
      try (ModelGate gate = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).metrics(metrics)
          .open()) {
        ModelGate.Prediction p = gate.begin("req-2");
        var receipt = p.failed(new IllegalArgumentException("income of applicant Jane Doe is negative"));

        assertThat(registry.find("model.inference").tag("outcome", "error").timer()).isNotNull();
        String stored = new String(((DurableAuditLog) g.audit()).entry(receipt.index()).orElseThrow()
            .recordedBytes(), StandardCharsets.UTF_8);
        assertThat(stored).contains("java.lang.IllegalArgumentException").doesNotContain("Jane Doe");
        // AND a request cannot be recorded twice
        assertThatThrownBy(() -> p.succeeded("approve", "x")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("req-2");
      }
    }
  }

  @Test
  void recheck_decides_at_the_runtime_point_with_the_current_signals_and_audits_it() throws Exception {
    try (Governance g = governance(new SimpleMeterRegistry())) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      ModelMetrics metrics = g.metrics(creditScoring).build();
      try (ModelGate gate = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).metrics(metrics)
          .open()) {
        assertThat(gate.lastRuntimeDecision()).isEmpty();
        for (int i = 0; i < 10; i++) {
          gate.begin("r" + i).failed(new IllegalStateException("boom"));
        }

        Decision runtime = gate.recheck();

        assertThat(runtime.point()).isEqualTo(EnforcementPoint.RUNTIME);
        assertThat(runtime.result("runtime.error-rate")).hasValueSatisfying(
            r -> assertThat(r.failing()).isTrue());
        assertThat(gate.lastRuntimeDecision()).contains(runtime);
        assertThat(decisions).last().isEqualTo(runtime);
        assertThat(entries(g)).last().extracting(AuditEntry::type).isEqualTo("policy.decision");
      }
    }
  }

  @Test
  void demo_mode_signs_checkpoints_with_the_audit_key_so_the_log_verifies_offline() throws Exception {
    Path auditDir = tmp.resolve("audit");
    KeyRing keys;
    try (Governance g = governance(new SimpleMeterRegistry())) {
      keys = g.keys();
      byte[] envelope = sign(g, modelDir, creditScoring, keys.signingKey(KeyRing.RELEASE).orElseThrow());
      g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).open();
      ((DurableAuditLog) g.audit()).checkpointNow();
    }
    NoteVerifier verifier = NoteVerifier.ed25519(DurableAuditLog.DEFAULT_ORIGIN,
        keys.signingKey(KeyRing.AUDIT).orElseThrow().verificationKey());

    AuditVerification verification = AuditVerifier.builder().trust(verifier).build().verify(auditDir);

    // the two events, plus the log's own records (checkpoints, the clean close)
    assertThat(verification.treeSize()).isGreaterThanOrEqualTo(2);
    assertThat(verification.closedCleanly()).isTrue();
    assertThat(keys.names()).containsExactly(KeyRing.RELEASE, KeyRing.AUDIT);
    assertThat(verification.uncoveredRecords()).isZero();
  }

  @Test
  void the_facade_closes_its_own_log_but_not_a_callers() throws Exception {
    Governance own = Governance.builder().auditDirectory(tmp.resolve("own")).build();
    own.close();
    assertThatThrownBy(() -> own.audit().flush()).isInstanceOfSatisfying(AuditLogException.class,
        e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));

    try (DurableAuditLog callers = DurableAuditLog.builder(tmp.resolve("callers")).open()) {
      Governance.builder().auditLog(callers).build().close();
      callers.flush();
      assertThat(callers.size()).isZero();
    }
  }

  @Test
  void builder_names_the_setting_that_is_missing_or_contradictory() throws Exception {
    try (DurableAuditLog log = DurableAuditLog.builder(tmp.resolve("log")).open();
        Governance g = Governance.builder().auditLog(log).build()) {
      assertThatThrownBy(() -> Governance.builder().auditLog(log).auditDirectory(tmp).build())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("auditLog:");
      assertThatThrownBy(g::keys).isInstanceOf(IllegalStateException.class).hasMessageContaining("demoMode()");
      assertThatThrownBy(() -> g.gate(creditScoring).provenance(new byte[1]).check())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("modelDirectory is required");
      assertThatThrownBy(() -> g.gate(creditScoring).modelDirectory(modelDir).check())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("provenance is required");
      assertThatThrownBy(() -> Governance.builder().environment(" ")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("environment");
    }
  }

  @Test
  void without_a_trust_root_every_model_is_refused() throws Exception {
    // GIVEN a facade with no keys and no trust root: verification must fail closed
    try (Governance g = Governance.builder().auditDirectory(tmp.resolve("audit")).build()) {
      byte[] envelope = Provenance.builder().build().signModel(modelDir, creditScoring,
          List.of(SigningKey.generate(SignatureAlgorithm.ED25519)), Provenance.Format.DSSE);

      GateReport report = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).check();

      assertThat(report.open()).isFalse();
      assertThat(report.reasons().get(0)).startsWith("provenance: ");
    }
  }

  @Test
  void the_environment_of_the_facade_reaches_every_decision() throws Exception {
    try (Governance g = Governance.builder().demoMode().clock(CLOCK).environment("prod")
        .auditDirectory(tmp.resolve("audit")).build()) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      GateReport report = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope).promotedFrom(LifecycleStage.STAGING).check();
      assertThat(report.decision().orElseThrow().environment()).contains("prod");
    }
  }

  @Test
  void a_prediction_the_audit_log_refuses_is_counted_as_a_failure_and_not_observed() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DurableAuditLog log = DurableAuditLog.builder(tmp.resolve("callers-log")).open();
    try (Governance g = Governance.builder().demoMode().clock(CLOCK).auditLog(log).meterRegistry(registry).build()) {
      byte[] envelope = sign(g, modelDir, creditScoring, g.keys().signingKey(KeyRing.RELEASE).orElseThrow());
      double[] incomes = java.util.stream.IntStream.range(0, 1000).mapToDouble(i -> 20_000 + i * 80.0).toArray();
      ModelMetrics metrics = g.metrics(creditScoring).drift(DriftBaseline.builder().numeric("income", incomes).build())
          .driftExecutor(Runnable::run).build();
      try (ModelGate gate = g.gate(creditScoring).modelDirectory(modelDir).provenance(envelope)
          .promotedFrom(LifecycleStage.STAGING).metrics(metrics).open()) {
        // GIVEN the audit log has failed closed (here: closed)
        log.close();

        // WHEN a prediction is recorded THEN the log's refusal propagates
        assertThatThrownBy(() -> gate.begin("req-9").features(Map.of("income", 52000.0)).succeeded("approve", true))
            .isInstanceOfSatisfying(AuditLogException.class,
                e -> assertThat(e.reason()).isEqualTo(AuditLogException.Reason.CLOSED));
        // AND the timer counts a failure, not a success, and drift never saw the request
        assertThat(registry.find("model.inference").tag("outcome", "error")
            .tag("error.type", "AuditLogException").timer()).isNotNull()
            .satisfies(t -> assertThat(t.count()).isEqualTo(1));
        assertThat(registry.find("model.inference").tag("outcome", "success").timer().count()).isZero();
        assertThat(metrics.driftMonitor().orElseThrow().currentWindowSamples()).isZero();
      }
    }
  }
}
