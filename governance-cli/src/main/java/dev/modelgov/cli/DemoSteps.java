package dev.modelgov.cli;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.DecisionSummary;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelRefusedException;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelAlert;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.policy.PolicyContexts;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerifiedStatement;
import dev.modelgov.examples.server.CreditScoringModel;
import dev.modelgov.examples.server.ExampleFiles;
import dev.modelgov.examples.server.ExampleServer;
import dev.modelgov.examples.server.ExampleSetup;
import dev.modelgov.examples.server.LoadGenerator;
import dev.modelgov.examples.server.LoadReport;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.KubernetesManifests;
import dev.modelgov.k8s.ManifestLoadException;
import dev.modelgov.k8s.admission.AdmissionHandler;
import dev.modelgov.k8s.admission.AnnotationManifestResolver;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The ten steps of {@code governance demo}, each a small method that prints its facts to the {@link DemoReport} and
 * returns its closing line, or throws {@link DemoFailure} with a one-line reason. The steps share the {@link
 * DemoSession}: what earlier steps wrote and opened. For internal use only; may change without notice.
 *
 * <pre>{@code
 * for (DemoSteps.Step step : new DemoSteps(session, report).steps()) {
 *   report.step(n, step.title());
 *   report.ok(step.action().run(), took);
 * }
 * }</pre>
 */
final class DemoSteps {

  /** The number of steps. */
  static final int STEPS = 10;

  /** The event type of the applicant's contact record the erasure step writes, with personal data. */
  static final String CONTACT_EVENT = "demo.applicant.contact";

  /** The reason recorded with the erasure. */
  static final String ERASURE_REASON = "GDPR Art. 17 request";

  /**
   * The fewest requests: drift windows are half the requests, and windows below 50 samples give PSI values too noisy to
   * show anything.
   */
  static final int MIN_REQUESTS = 100;

  /** Senders of the load generator. */
  static final int CONCURRENCY = 4;

  private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
          .maxDocumentLength(DemoHttp.MAX_ANSWER_BYTES).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
  private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  /** What a step does: prints its facts and returns its closing line. */
  @FunctionalInterface
  interface Action {
    /**
     * @return the closing line: what the step showed
     * @throws Exception {@link DemoFailure} with a one-line reason, or any failure the runner reports in one line
     */
    String run() throws Exception;
  }

  /**
   * One step.
   *
   * @param title what it does
   * @param action how
   */
  record Step(String title, Action action) {}

  private final DemoSession s;
  private final DemoReport report;
  private final ManifestCodec codec;

  /**
   * @param session the run's state
   * @param report where the steps print
   * @param codec reads manifests and computes digests
   */
  DemoSteps(DemoSession session, DemoReport report, ManifestCodec codec) {
    this.s = session;
    this.report = report;
    this.codec = codec;
  }

  /** @return the steps, in order */
  List<Step> steps() {
    return List.of(
        new Step("Create the model manifest", this::createManifest),
        new Step("Hash the model and sign it", this::signModel),
        new Step("Evaluate the deploy policy at promotion", this::evaluatePolicy),
        new Step("Start the example server behind the model gate", this::startServer),
        new Step("Send credit applications, with drift from the middle", this::sendTraffic),
        new Step("Scrape the metrics and check the alert rules", this::checkMetrics),
        new Step("Verify the audit log and an inclusion proof", this::verifyAudit),
        new Step("Erase one applicant (GDPR Art. 17)", this::eraseApplicant),
        new Step("Render and scan the Kubernetes deployment", this::kubernetes),
        new Step("Summary", this::summary));
  }

  // ---- 1

  private String createManifest() throws DemoFailure {
    Path dir = s.options.dir() != null ? s.options.dir() : newDemoDirectory();
    prepare(dir);
    s.dir = dir.toAbsolutePath().normalize();
    try {
      s.files = ExampleFiles.writeTo(s.dir);
    } catch (IOException e) {
      throw new DemoFailure(s.dir + ": the example files cannot be written: " + reason(e));
    }
    ManifestInput input = ManifestInput.read(codec, s.files.manifest());
    if (!input.valid()) {
      throw new DemoFailure(s.files.manifest() + ": " + input.problems().get(0) + (input.problems().size() > 1
          ? " (and " + (input.problems().size() - 1) + " more problems)" : ""));
    }
    s.manifest = input.manifest().orElseThrow();
    s.manifestDigest = codec.digest(s.manifest);
    ModelRef ref = codec.ref(s.manifest);
    report.fact("directory", s.dir.toString());
    report.fact("manifest", relative(s.files.manifest()) + " (the credit scoring example, "
        + s.manifest.risk().riskClass() + " risk, stage " + s.manifest.lifecycle().stage() + ")");
    report.fact("model files", relative(s.files.modelDirectory()) + "/");
    report.fact("ref", ref.coordinates());
    report.fact("canonical digest", s.manifestDigest + " (SHA-256 of the RFC 8785 JSON)");
    return "manifest " + ref.coordinates() + " is valid; digest " + s.manifestDigest;
  }

  private static Path newDemoDirectory() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    String name = "modelgov-demo-" + LocalDateTime.now().format(DIR_TIME);
    Path dir = tmp.resolve(name);
    for (int i = 2; Files.exists(dir); i++) {
      dir = tmp.resolve(name + "-" + i);
    }
    return dir;
  }

  /** Creates the directory, which must be new or empty: the demo starts a new audit log there. */
  private static void prepare(Path dir) throws DemoFailure {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new DemoFailure(dir + ": exists and is not a directory");
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new DemoFailure(dir + ": is not empty; give a new or empty directory (the demo starts a new audit log "
              + "there)");
        }
      } catch (IOException e) {
        throw new DemoFailure(dir + ": cannot be read: " + reason(e));
      }
      return;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DemoFailure(dir + ": cannot be created: " + reason(e));
    }
  }

  // ---- 2

  private String signModel() throws Exception {
    s.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      s.governance = Governance.builder()
          .demoMode()
          .meterRegistry(s.prometheus)
          .auditDirectory(s.dir.resolve("audit"))
          .auditOrigin(DemoSession.AUDIT_ORIGIN)
          .environment("demo")
          .build();
    } catch (IOException e) {
      throw new DemoFailure(s.dir.resolve("audit") + ": the audit log cannot be opened: " + reason(e));
    }
    KeyRing keys = s.governance.keys();
    SigningKey release = key(keys, KeyRing.RELEASE);
    SigningKey audit = key(keys, KeyRing.AUDIT);
    s.releasePub = write("release.pub.pem", release.verificationKey().toSpkiPem().getBytes(StandardCharsets.US_ASCII));
    s.auditPub = write("audit.pub.pem", audit.verificationKey().toSpkiPem().getBytes(StandardCharsets.US_ASCII));
    report.fact("keys", "generated in memory (demo mode, never for production): release "
        + release.verificationKey().algorithm() + " " + release.keyId() + ", audit " + audit.keyId());
    report.fact("public keys", relative(s.releasePub) + ", " + relative(s.auditPub));

    ModelHash hash = ModelHasher.defaults().hash(s.files.modelDirectory());
    report.fact("root digest", hash.rootDigest() + " over " + hash.resources().size() + " files (OpenSSF "
        + "model_signing)");
    boolean declared = s.manifest.artifacts().stream().anyMatch(a -> a.digest().equals(hash.rootDigest()));
    if (!declared) {
      throw new DemoFailure("the model directory's root digest " + hash.rootDigest() + " is not the artifact digest "
          + "the manifest declares");
    }
    report.line("the manifest declares the same digest for its artifact");

    s.envelope = sign(s.manifest, release);
    s.envelopeFile = write("credit-scoring.dsse.json", s.envelope);
    VerifiedStatement verified = verify(s.manifest, s.envelope);
    report.fact("envelope", relative(s.envelopeFile) + " (DSSE, in-toto statement, governance predicate with the "
        + "manifest)");
    report.fact("verified", "signature by " + String.join(", ", verified.keyIds()) + "; subject "
        + verified.subjects().get(0).digest() + " = the files on disk; manifest digest "
        + verified.manifestDigest().map(Object::toString).orElse("-"));
    return "model signed with the release key " + release.keyId() + " and verified against its files";
  }

  private static SigningKey key(KeyRing keys, String name) throws DemoFailure {
    return keys.signingKey(name).orElseThrow(() -> new DemoFailure("demo mode generated no " + name + " key"));
  }

  private byte[] sign(ModelManifest manifest, SigningKey release) throws Exception {
    return s.governance.provenance().signModel(s.files.modelDirectory(), manifest, List.of(release),
        Provenance.Format.DSSE);
  }

  private VerifiedStatement verify(ModelManifest manifest, byte[] envelope) throws Exception {
    try {
      return s.governance.provenance().verifyModel(s.files.modelDirectory(), envelope, manifest);
    } catch (ProvenanceVerificationException e) {
      throw new DemoFailure("the signature does not verify: " + e.reason() + ": " + e.getMessage());
    }
  }

  // ---- 3

  private String evaluatePolicy() throws Exception {
    ImageRef pinned = s.manifest.servingImage()
        .orElseThrow(() -> new DemoFailure("the example manifest names no servingImage"));
    String byTag = pinned.repository() + ":" + s.manifest.version();
    SigningKey release = key(s.governance.keys(), KeyRing.RELEASE);

    ModelManifest defect = s.manifest.toBuilder().servingImage(null).build();
    report.line("a version with ONE defect: the serving image is not pinned (no servingImage; it would deploy "
        + byTag + ")");
    byte[] defectEnvelope = sign(defect, release);
    VerifiedStatement defectVerified = verify(defect, defectEnvelope);
    report.detail("signed and verified like the real one, so only the image is wrong");
    Decision denied = s.governance.evaluate(defect, promotion(defectVerified, byTag));
    if (denied.allowed()) {
      throw new DemoFailure("the deploy policy allowed a model whose serving image is not pinned");
    }
    boolean imageRule = false;
    for (RuleResult r : denied.denials()) {
      imageRule |= r.ruleId().equals("model.image.digest");
      report.highlight(denied.effect() + " " + r.ruleId() + " (" + r.severity() + "): " + r.title());
      report.detail("why: " + r.message().orElse(r.title()));
      r.explanation().ifPresent(e -> {
        report.detail("failed: " + e.failedExpression());
        for (ObservedValue v : e.values()) {
          report.detail("  " + v.expression() + " = " + v.value());
        }
      });
      report.detail("fix: " + r.remediation());
    }
    if (!imageRule) {
      throw new DemoFailure("the denial does not name model.image.digest");
    }

    report.line("the fix: pin the image (servingImage " + pinned + ") and deploy exactly that reference");
    s.envelope = sign(s.manifest, release);
    Files.write(s.envelopeFile, s.envelope);
    VerifiedStatement verified = verify(s.manifest, s.envelope);
    report.detail("re-signed and re-verified: " + relative(s.envelopeFile));
    Decision allowed = s.governance.evaluate(s.manifest, promotion(verified, pinned.toString()));
    if (!allowed.allowed()) {
      throw new DemoFailure("the fixed model was denied: " + String.join(", ",
          allowed.denials().stream().map(RuleResult::ruleId).toList()));
    }
    DecisionSummary summary = allowed.summary();
    report.highlight(allowed.effect() + ": " + summary.pass() + " rules passed, " + summary.notApplicable()
        + " not applicable at promotion (decision " + allowed.decisionId() + ")");
    report.detail("both decisions are in the audit log as policy.decision events");
    return "DENY on model.image.digest for the unpinned image; ALLOW once pinned and re-signed";
  }

  private static EvaluationContext promotion(VerifiedStatement verified, String image) {
    return ExampleSetup.promotionContext().toBuilder()
        .provenance(PolicyContexts.provenanceFacts(verified))
        .deployedImages(List.of(image))
        .build();
  }

  // ---- 4

  private String startServer() throws Exception {
    int window = Math.max(MIN_REQUESTS / 2, s.options.requests() / 2);
    MetricsConfig base = ExampleSetup.metricsConfig();
    DriftConfig drift = base.drift().toBuilder().windowSamples(window)
        .minWindowSamples(Math.min(base.drift().minWindowSamples(), window)).build();
    s.metricsConfig = base.toBuilder().drift(drift).build();
    DriftBaseline baseline;
    try {
      baseline = DriftBaseline.read(s.files.driftBaseline());
    } catch (JsonFormatException e) {
      throw new DemoFailure(s.files.driftBaseline() + ": " + e.getMessage());
    }
    ModelMetrics metrics = s.governance.metrics(s.manifest)
        .config(s.metricsConfig)
        .drift(baseline)
        .driftExecutor(Runnable::run)
        .fairness(ExampleSetup.FAIRNESS_ATTRIBUTE, ExampleSetup.PRIVILEGED_GROUP)
        .outputClasses(ExampleSetup.APPROVE, ExampleSetup.DECLINE)
        .build();
    try {
      s.gate = s.governance.gate(s.manifest)
          .modelDirectory(s.files.modelDirectory())
          .provenance(s.envelope)
          .metrics(metrics)
          .context(ExampleSetup.promotionContext())
          .open();
    } catch (ModelRefusedException e) {
      throw new DemoFailure("the gate refused the model: " + String.join("; ", e.report().reasons()));
    }
    report.fact("gate", s.gate.startupReport().summary());
    CreditScoringModel model = CreditScoringModel.load(s.files.modelDirectory());
    AdmissionHandler admission = AdmissionHandler.builder()
        .policy(s.governance.deployPolicy(), s.governance.policies())
        .trustRoot(s.governance.keys().trustRoot())
        .environment("demo")
        .clock(s.governance.clock())
        .auditLog(s.governance.audit())
        .build();
    try {
      s.server = ExampleServer.builder()
          .governance(s.governance)
          .gate(s.gate)
          .model(model)
          .prometheus(s.prometheus)
          .admission(admission)
          .port(s.options.port())
          .start();
    } catch (IOException e) {
      throw new DemoFailure("the example server cannot start: " + AuditLogCommand.message(e));
    }
    s.http = new DemoHttp(s.server.uri());
    report.fact("metrics", "drift on every input over windows of " + window + " requests (PSI, KS, chi-squared); "
        + "fairness on " + ExampleSetup.FAIRNESS_ATTRIBUTE + " (privileged group " + ExampleSetup.PRIVILEGED_GROUP
        + ")");
    report.fact("endpoints", "POST /predict, GET /metrics, GET /governance/status, "
        + "GET /governance/audit/proof?index=N, POST /admission");
    return "gate open (provenance verified, policy ALLOW); serving " + s.gate.model().coordinates() + " at "
        + s.server.uri();
  }

  // ---- 5

  private String sendTraffic() throws Exception {
    int n = s.options.requests();
    int driftFrom = n / 2;
    report.line(n + " credit applications to POST /predict, " + CONCURRENCY + " at a time; from request " + driftFrom
        + " on, incomes fall 30% and debt ratios rise by 0.12");
    DemoReport.Progress progress = report.progress("requests", n);
    try {
      s.load = LoadGenerator.builder()
          .target(s.server.uri())
          .requests(n)
          .driftFrom(driftFrom)
          .seed(s.options.seed())
          .concurrency(CONCURRENCY)
          .progress(progress)
          .build()
          .run();
    } catch (IOException e) {
      throw new DemoFailure("no request reached the server: " + AuditLogCommand.message(e));
    } finally {
      progress.done();
    }
    LoadReport load = s.load;
    report.fact("answered", load.succeeded() + " of " + load.sent() + " (" + load.failed() + " failed)");
    for (String group : load.requestsByGroup().keySet()) {
      report.fact("approval rate " + ExampleSetup.FAIRNESS_ATTRIBUTE + "=" + group, percent(load.approvalRate(group))
          + " of " + load.requestsByGroup().get(group) + " applicants");
    }
    report.fact("audited", "one prediction event per request, applicant ids pseudonymised; records #"
        + load.auditIndexes().stream().mapToLong(Long::longValue).min().orElse(-1) + " to #"
        + load.auditIndexes().stream().mapToLong(Long::longValue).max().orElse(-1));
    if (load.failed() > 0) {
      throw new DemoFailure(load.failed() + " of " + load.sent() + " requests failed");
    }
    return load.succeeded() + " predictions served, measured and audited";
  }

  // ---- 6

  private String checkMetrics() throws Exception {
    DemoHttp.Answer scrape = s.http.get("/metrics");
    if (scrape.status() != 200) {
      throw new DemoFailure("GET /metrics answered " + scrape.status());
    }
    DemoMetrics m;
    try {
      m = DemoMetrics.parse(scrape.text());
    } catch (IllegalArgumentException e) {
      throw new DemoFailure("GET /metrics: not a Prometheus scrape: " + e.getMessage());
    }
    String model = s.manifest.id().toString();
    Predicate<DemoMetrics.Sample> ofModel = x -> x.label("model").equals(model);
    report.line("GET /metrics (" + m.samples().size() + " samples), the model's key series:");
    double count = m.sum("model_inference_seconds_count", ofModel);
    double seconds = m.sum("model_inference_seconds_sum", ofModel);
    double errors = m.sum("model_inference_seconds_count", ofModel.and(x -> x.label("outcome").equals("error")));
    report.fact("model_inference_seconds_count", DemoMetrics.format(count) + " (" + DemoMetrics.format(errors)
        + " errors)");
    report.fact("latency", "mean " + (count == 0 ? "-" : DemoMetrics.format(seconds / count * 1000) + " ms")
        + ", max " + DemoMetrics.format(m.series("model_inference_seconds_max", ofModel).stream()
            .mapToDouble(DemoMetrics.Sample::value).max().orElse(0) * 1000) + " ms");
    Map<String, String> outputs = new TreeMap<>();
    for (DemoMetrics.Sample x : m.series("model_predictions_total", ofModel)) {
      outputs.merge(x.label("output"), DemoMetrics.format(x.value()), (a, b) -> a);
    }
    report.fact("model_predictions_total", outputs.toString());
    driftLines(m, ofModel);
    fairnessLines(m, ofModel);

    report.line("alert rules generated from the same config (AlertRules), evaluated on these values:");
    boolean driftAlert = false;
    for (DemoMetrics.AlertCheck check : m.alerts(s.metricsConfig, model)) {
      String name = check.rule().alert() + " [" + check.rule().labels().getOrDefault("severity", "-") + "]";
      if (check.holds()) {
        report.highlight("ALERT " + name + " would fire (condition holds; for "
            + check.rule().forDuration().toMinutes() + "m): " + check.because());
        report.detail("expr: " + check.rule().expr());
        driftAlert |= check.rule().alert().equals(ModelAlert.DRIFT_DETECTED.alertName());
      } else {
        report.line("ok    " + name + ": " + check.because());
      }
    }

    DemoHttp.Answer status = s.http.get("/governance/status");
    if (status.status() != 200) {
      throw new DemoFailure("GET /governance/status answered " + status.status());
    }
    JsonNode root = JSON.readTree(status.body());
    JsonNode result = root.path("runtime").path("result");
    String effect = result.path("effect").asText("?");
    List<String> flagged = new ArrayList<>();
    for (JsonNode r : result.path("results")) {
      String outcome = r.path("outcome").asText();
      if (r.path("ruleId").asText().startsWith("runtime.") && (outcome.equals("FAIL") || outcome.equals("ERROR"))) {
        flagged.add(r.path("ruleId").asText());
        report.highlight("runtime re-check: " + r.path("ruleId").asText() + " " + outcome + " ("
            + r.path("mode").asText() + "): " + r.path("message").asText(""));
      }
    }
    report.fact("GET /governance/status", "runtime re-check of the deploy policy: " + effect + " (decision "
        + result.path("decision_id").asText(root.path("runtime").path("decision_id").asText("-")) + ")");
    if (!driftAlert) {
      throw new DemoFailure("the drift alert condition does not hold: no drift was detected");
    }
    if (!flagged.contains("runtime.drift")) {
      throw new DemoFailure("the runtime re-check does not flag drift (effect " + effect + ")");
    }
    return "drift alert " + ModelAlert.DRIFT_DETECTED.alertName() + " would fire; the runtime re-check flags "
        + "runtime.drift (" + effect + ")";
  }

  private void driftLines(DemoMetrics m, Predicate<DemoMetrics.Sample> ofModel) {
    Map<String, List<String>> byFeature = new TreeMap<>();
    for (DemoMetrics.Sample x : m.series("model_drift_distance", ofModel)) {
      byFeature.computeIfAbsent(x.label("feature"), f -> new ArrayList<>())
          .add(x.label("method") + " " + DemoMetrics.format(x.value()));
    }
    for (DemoMetrics.Sample x : m.series("model_drift_pvalue", ofModel)) {
      byFeature.computeIfAbsent(x.label("feature"), f -> new ArrayList<>())
          .add(x.label("method") + " p=" + DemoMetrics.format(x.value()));
    }
    Map<String, Boolean> detected = new LinkedHashMap<>();
    for (DemoMetrics.Sample x : m.series("model_drift_detected", ofModel)) {
      detected.merge(x.label("feature"), x.value() == 1, Boolean::logicalOr);
    }
    if (byFeature.isEmpty()) {
      report.fact("model_drift_*", "no window closed yet");
      return;
    }
    for (Map.Entry<String, List<String>> e : byFeature.entrySet()) {
      String line = String.join(", ", e.getValue());
      String name = "drift " + e.getKey();
      if (Boolean.TRUE.equals(detected.get(e.getKey()))) {
        report.highlight(name + ": " + line + "  DRIFT");
      } else {
        report.fact(name, line);
      }
    }
  }

  private void fairnessLines(DemoMetrics m, Predicate<DemoMetrics.Sample> ofModel) {
    List<String> rates = new ArrayList<>();
    for (DemoMetrics.Sample x : m.series("model_fairness_selection_rate", ofModel)) {
      rates.add(x.label("attribute") + "=" + x.label("group") + " " + DemoMetrics.format(x.value()));
    }
    List<String> disparities = new ArrayList<>();
    for (DemoMetrics.Sample x : m.series("model_fairness_disparity", ofModel)) {
      if (!Double.isNaN(x.value())) {
        disparities.add(x.label("metric") + " " + DemoMetrics.format(x.value()));
      }
    }
    report.fact("fairness selection rate", rates.isEmpty() ? "-" : String.join(", ", rates));
    report.fact("fairness disparity", disparities.isEmpty() ? "withheld (groups below the minimum size)"
        : String.join(", ", disparities));
  }

  // ---- 7

  private String verifyAudit() throws Exception {
    DurableAuditLog log = durableLog();
    log.checkpointNow();
    AuditVerification v = verifyLog();
    report.fact("log", relative(s.dir.resolve("audit")) + " (origin " + v.origin() + ")");
    report.fact("audit verify", v.summary());
    List<Long> indexes = s.load.auditIndexes();
    long index = indexes.get(indexes.size() / 2);
    DemoHttp.Answer answer = s.http.get("/governance/audit/proof?index=" + index);
    if (answer.status() != 200) {
      throw new DemoFailure("GET /governance/audit/proof?index=" + index + " answered " + answer.status() + ": "
          + answer.text().strip());
    }
    s.proofFile = write("proof-" + index + ".json", answer.body());
    AuditVerifyProofCommand.VerifiedProof proof;
    try {
      proof = AuditVerifyProofCommand.verify(answer.body(), List.of(key(s.governance.keys(), KeyRing.AUDIT)
          .verificationKey()), "the key " + relative(s.auditPub), DemoSession.AUDIT_ORIGIN);
    } catch (AuditVerifyProofCommand.ProofProblem e) {
      throw new DemoFailure(relative(s.proofFile) + ": the proof does not verify: " + e.getMessage());
    }
    AuditVerifyProofCommand.Proof p = proof.proof();
    String type = log.entry(index).map(AuditEntry::type).orElse("?");
    report.line("inclusion proof of record #" + index + " (" + type + "), from GET /governance/audit/proof, saved as "
        + relative(s.proofFile) + ":");
    report.detail("leaf " + p.leafHash());
    for (int i = 0; i < p.path().size(); i++) {
      report.detail((i == 0 ? "path " : "     ") + p.path().get(i));
    }
    report.detail("root " + p.rootHash() + " = the checkpoint's, tree size " + p.treeSize());
    report.detail("checkpoint signed by " + proof.keyName() + " (key ID " + proof.keyId() + ")");
    return "audit log verified (" + v.treeSize() + " records); the inclusion proof of prediction #" + index
        + " verifies against the signed checkpoint of size " + p.treeSize();
  }

  private DurableAuditLog durableLog() throws DemoFailure {
    if (s.governance.audit() instanceof DurableAuditLog log) {
      return log;
    }
    throw new DemoFailure("the audit log is not a durable Merkle log");
  }

  private AuditVerification verifyLog() throws DemoFailure, IOException {
    NoteVerifier trusted = NoteVerifier.ed25519(DemoSession.AUDIT_ORIGIN,
        key(s.governance.keys(), KeyRing.AUDIT).verificationKey());
    try {
      return AuditVerifier.builder().trust(trusted).build().verify(s.dir.resolve("audit"));
    } catch (AuditTamperException e) {
      throw new DemoFailure("the audit log does not verify: " + e.getMessage());
    }
  }

  // ---- 8

  private String eraseApplicant() throws Exception {
    DurableAuditLog log = durableLog();
    String applicant = s.load.applicantIds().get(0);
    long prediction = s.load.auditIndexes().get(0);
    AuditEntry predicted = log.entry(prediction)
        .orElseThrow(() -> new DemoFailure("record #" + prediction + " is not an audit event"));
    report.fact("applicant", applicant + ": prediction record #" + prediction + " names it only by its pseudonym "
        + predicted.subjectPseudonym().orElse("(none)"));
    AuditReceipt contact = s.governance.audit().append(CustomEvent.builder(CONTACT_EVENT)
        .timestamp(s.governance.clock().instant())
        .subject(applicant)
        .personalData("name", "Alex Example")
        .personalData("email", "alex@example.invalid")
        .attribute("purpose", "credit officer follow-up of a decline")
        .build());
    report.fact("personal data", "record #" + contact.index() + " (" + CONTACT_EVENT + ", synthetic) holds the "
        + "applicant's " + personalData(log, contact.index()) + ", encrypted under the applicant's own key");
    AuditReceipt erasure = s.governance.audit().eraseSubject(applicant, ERASURE_REASON);
    report.highlight("eraseSubject(" + applicant + ", \"" + ERASURE_REASON + "\") -> subject.erased record #"
        + erasure.index() + "; the applicant's key is destroyed");
    String after = personalData(log, contact.index());
    report.fact("record #" + contact.index() + " now", after);
    AuditEntry predictedAfter = log.entry(prediction).orElseThrow();
    report.fact("record #" + prediction + " now", predictedAfter.isErased()
        ? "erased: its pseudonym no longer links to anyone" : "not erased");
    JsonNode personal = JSON.readTree(log.entry(contact.index()).orElseThrow().toJson(true)).path("personalData");
    boolean allErased = personal.size() > 0;
    for (JsonNode value : personal) {
      allErased &= AuditEntry.ERASED.equals(value.asText());
    }
    if (!allErased || !predictedAfter.isErased()) {
      throw new DemoFailure("the applicant's records still read after the erasure");
    }
    log.checkpointNow();
    AuditVerification v = verifyLog();
    report.fact("audit verify", v.summary());
    return "applicant " + applicant + " erased: its personal data reads " + AuditEntry.ERASED
        + " and the log still verifies (" + v.treeSize() + " records)";
  }

  private static String personalData(DurableAuditLog log, long index) throws IOException, DemoFailure {
    AuditEntry entry = log.entry(index).orElseThrow(() -> new DemoFailure("record #" + index + " cannot be read"));
    JsonNode personal = JSON.readTree(entry.toJson(true)).path("personalData");
    List<String> fields = new ArrayList<>();
    personal.properties().forEach(e -> fields.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(", ", fields);
  }

  // ---- 9

  private String kubernetes() throws Exception {
    String namespace = s.manifest.id().namespace();
    GitOpsRenderer renderer = GitOpsRenderer.builder().namespace(namespace)
        .provenanceRef(s.envelopeFile.getFileName().toString()).build();
    List<HasMetadata> objects = renderer.render(s.manifest, s.manifestDigest);
    Path k8s = s.dir.resolve("k8s");
    try {
      Files.createDirectories(k8s);
    } catch (IOException e) {
      throw new DemoFailure(k8s + ": cannot be created: " + reason(e));
    }
    s.k8sFile = write("k8s/credit-scoring.yaml", GitOpsRenderer.toYaml(objects).getBytes(StandardCharsets.UTF_8));
    Map<String, Integer> kinds = new TreeMap<>();
    objects.forEach(o -> kinds.merge(o.getKind(), 1, Integer::sum));
    report.fact("rendered", objects.size() + " objects " + kinds + " into " + relative(s.k8sFile) + " (namespace "
        + namespace + ")");

    List<HasMetadata> loaded;
    try {
      loaded = KubernetesManifests.load(k8s);
    } catch (ManifestLoadException e) {
      throw new DemoFailure(e.getMessage());
    }
    PostureScanner scanner = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);
    List<Finding> findings = scanner.scanAll(loaded);
    for (Finding f : findings) {
      report.highlight(K8sScanCommand.line(f));
    }
    report.fact("posture scan", findings.size() + " findings (profile " + scanner.profile().cliName() + ", "
        + scanner.checks().size() + " checks, with the NetworkPolicies, autoscaler and disruption budget as context)");
    if (!findings.isEmpty()) {
      throw new DemoFailure("the rendered deployment has " + findings.size() + " posture findings");
    }

    String admission = admit(objects);
    return "rendered " + objects.size() + " objects; posture scan: 0 findings; admission review: " + admission;
  }

  /** Sends the Deployment, with its manifest and provenance annotations, as an AdmissionReview to the server. */
  private String admit(List<HasMetadata> objects) throws Exception {
    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow(() -> new DemoFailure("the rendered objects hold no Deployment"));
    deployment.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST,
        AnnotationManifestResolver.encodeManifest(codec, s.manifest));
    deployment.getMetadata().getAnnotations().put(AnnotationManifestResolver.PROVENANCE,
        AnnotationManifestResolver.encodeProvenance(s.envelope));
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", AdmissionHandler.API_VERSION).put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "modelgov-demo-1").put("operation", "CREATE")
        .put("namespace", deployment.getMetadata().getNamespace()).put("name", deployment.getMetadata().getName());
    request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
    request.putObject("resource").put("group", "apps").put("version", "v1").put("resource", "deployments");
    request.set("object", new KubernetesSerialization().convertValue(deployment, JsonNode.class));
    DemoHttp.Answer answer = s.http.postJson("/admission", JSON.writeValueAsBytes(review));
    if (answer.status() != 200) {
      throw new DemoFailure("POST /admission answered " + answer.status() + ": " + answer.text().strip());
    }
    JsonNode response = JSON.readTree(answer.body()).path("response");
    boolean allowed = response.path("allowed").asBoolean(false);
    if (!allowed) {
      report.highlight("admission review of the Deployment: denied: " + response.path("status").path("message")
          .asText("-"));
      throw new DemoFailure("the admission webhook denied the governed Deployment");
    }
    report.fact("POST /admission", "the Deployment with the manifest and the signature in its annotations: allowed"
        + (response.has("patch") ? ", with a label patch" : ""));
    return "allowed";
  }

  // ---- 10

  private String summary() {
    report.line("what was shown:");
    for (int i = 0; i < s.done.size(); i++) {
      report.detail((i + 1) + ". " + s.done.get(i));
    }
    report.line("files in " + s.dir + ":");
    List<String[]> files = new ArrayList<>();
    files.add(new String[] {ExampleFiles.MANIFEST, "the model's manifest"});
    files.add(new String[] {ExampleFiles.MODEL_DIRECTORY + "/", "the model files the signature covers"});
    files.add(new String[] {ExampleFiles.DRIFT_BASELINE, "the reference distribution of the model's inputs"});
    files.add(new String[] {relative(s.envelopeFile), "the signed provenance (DSSE envelope)"});
    files.add(new String[] {relative(s.releasePub) + ", " + relative(s.auditPub), "the public keys"});
    files.add(new String[] {"audit/", "the audit log (tamper-evident, Merkle tree, signed checkpoints)"});
    files.add(new String[] {"audit-keys/", "the audit log's privacy keys (secret)"});
    files.add(new String[] {relative(s.proofFile), "an inclusion proof"});
    files.add(new String[] {relative(s.k8sFile), "the governed Kubernetes deployment"});
    for (String[] f : files) {
      report.detail(String.format(Locale.ROOT, "%-46s %s", f[0], f[1]));
    }
    String d = s.dir.toString();
    report.line("explore them with the CLI (after the demo has stopped):");
    for (String command : List.of(
        "manifest validate " + d + "/" + ExampleFiles.MANIFEST,
        "verify --pub " + s.releasePub + " --envelope " + s.envelopeFile + " --manifest " + d + "/"
            + ExampleFiles.MANIFEST + " --model " + s.files.modelDirectory(),
        "policy eval --policy builtin --point promotion --previous-stage staging --provenance " + s.envelopeFile
            + " --pub " + s.releasePub + " " + d + "/" + ExampleFiles.MANIFEST,
        "audit verify --log " + d + "/audit --pub " + s.auditPub,
        "audit verify-proof " + s.proofFile + " --pub " + s.auditPub,
        "audit tail --log " + d + "/audit --privacy " + d + "/audit-keys --decrypt",
        "k8s scan " + d + "/k8s")) {
      report.detail("bin/governance " + command);
    }
    return "demo complete: " + s.done.size() + " steps succeeded; files in " + d;
  }

  // ---- helpers

  private Path write(String name, byte[] content) throws DemoFailure {
    Path file = s.dir.resolve(name);
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new DemoFailure(file + ": cannot be written: " + reason(e));
    }
    return file;
  }

  private String relative(Path file) {
    if (file == null) {
      return "-";
    }
    Path absolute = file.toAbsolutePath().normalize();
    return s.dir != null && absolute.startsWith(s.dir) ? s.dir.relativize(absolute).toString() : file.toString();
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /**
   * A one-line reason for an I/O failure.
   *
   * @param e the failure
   * @return the reason, such as {@code permission denied}
   */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null && !fse.getReason().isBlank()) {
      String r = fse.getReason();
      return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
    return AuditLogCommand.message(e);
  }
}
