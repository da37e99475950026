package dev.modelgov.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.metrics.internal.micrometer.Registries;
import dev.modelgov.core.policy.PolicyContexts;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving app's gate: at startup it verifies the model's files against the signed provenance and evaluates the
 * deploy policy, refusing to serve (with every reason) when either fails; per request, one call records the latency,
 * the drift and fairness observations and the {@code prediction} audit event; on demand, {@link #recheck()} evaluates
 * the policy again at the {@code runtime} point with the current metrics.
 *
 * <p>The startup decision is made even when verification fails (with the failure as provenance facts), so that the
 * report lists every reason at once. Both the decision and the gate's opening or refusal ({@code model.gate}) are
 * audited. Thread-safe; {@link Prediction} objects belong to one request.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelGate gate = governance.gate(manifest)
 *     .modelDirectory(Path.of("model"))
 *     .provenance(Files.readAllBytes(Path.of("model.dsse.json")))
 *     .metrics(governance.metrics(manifest).drift(baseline).fairness("sex", "m").build())
 *     .open();
 *
 * ModelGate.Prediction p = gate.begin(requestId);
 * Score score = model.score(features);
 * AuditReceipt receipt = p.subject(applicantId).features(features).group("sex", sex).positive(score.approved())
 *     .succeeded(score.approved() ? "approve" : "decline", Map.of("approved", score.approved()));
 * }</pre>
 */
public final class ModelGate implements AutoCloseable {

  /** The audit event type of a gate opening or refusing. */
  public static final String GATE_EVENT_TYPE = "model.gate";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Governance governance;
  private final ModelManifest manifest;
  private final GateReport startup;
  private final ProvenanceFacts provenanceFacts;
  private final EvaluationContext baseContext;
  private final ModelMetrics metrics;
  private final boolean observesDrift;
  private final boolean observesFairness;
  private final boolean boundMetrics;
  private final AtomicReference<Decision> lastRuntime = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ModelGate(Builder b, GateReport startup, ProvenanceFacts facts, boolean boundMetrics) {
    this.governance = b.governance;
    this.manifest = b.manifest;
    this.startup = startup;
    this.provenanceFacts = facts;
    this.baseContext = b.context;
    this.metrics = b.metrics;
    this.observesDrift = metrics != null && metrics.driftMonitor().isPresent();
    this.observesFairness = metrics != null && metrics.fairnessMonitor().isPresent();
    this.boundMetrics = boundMetrics;
  }

  /**
   * @return the model, with its manifest digest
   */
  public ModelRef model() {
    return startup.model();
  }

  /**
   * @return the model's manifest
   */
  public ModelManifest manifest() {
    return manifest;
  }

  /**
   * @return what the gate found when it opened
   */
  public GateReport startupReport() {
    return startup;
  }

  /**
   * @return the model's metrics, when configured
   */
  public Optional<ModelMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  /**
   * Starts recording one request: the latency timer starts now.
   *
   * @param requestId the request's id, unique per request; it is audited
   * @return the request's recorder
   */
  public Prediction begin(String requestId) {
    Objects.requireNonNull(requestId, "requestId must not be null");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank");
    }
    return new Prediction(requestId, System.nanoTime());
  }

  /**
   * Evaluates the deploy policy at the {@link EnforcementPoint#RUNTIME runtime} point with the current drift, error
   * and fairness signals, audits the decision and tells the listeners.
   *
   * @return the decision
   */
  public Decision recheck() {
    RuntimeSignals signals = metrics == null ? RuntimeSignals.none() : metrics.signals();
    EvaluationContext ctx = baseContext.toBuilder().point(EnforcementPoint.RUNTIME).provenance(provenanceFacts)
        .signals(signals).build();
    Decision decision = governance.evaluate(manifest, ctx);
    lastRuntime.set(decision);
    return decision;
  }

  /**
   * @return the decision of the latest {@link #recheck()}, if any
   */
  public Optional<Decision> lastRuntimeDecision() {
    return Optional.ofNullable(lastRuntime.get());
  }

  /** Removes the model's meters from the registry if the gate bound them. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && boundMetrics) {
      metrics.unregister();
    }
  }

  @Override
  public String toString() {
    return "ModelGate[" + startup.model().coordinates() + "]";
  }

  /**
   * Records one request; {@link #succeeded} or {@link #failed} records everything in one call. Not thread-safe; use
   * it on the request's thread.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * ModelGate.Prediction p = gate.begin("req-42").subject("applicant-7").features(x).group("sex", "f");
   * try {
   *   boolean approved = model.approve(x);
   *   p.positive(approved).succeeded(approved ? "approve" : "decline", Map.of("approved", approved));
   * } catch (RuntimeException e) {
   *   p.failed(e);
   *   throw e;
   * }
   * }</pre>
   */
  public final class Prediction {
    private final String requestId;
    private final long startNanos;
    private String subject;
    private Map<String, ?> features;
    private Map<String, String> groups;
    private Boolean positive;
    private Map<String, Object> attributes;
    private boolean done;

    private Prediction(String requestId, long startNanos) {
      this.requestId = requestId;
      this.startNanos = startNanos;
    }

    /**
     * @param subjectId the data subject (e.g. the applicant id); the audit log pseudonymises it, so it can be erased
     * @return this recorder
     */
    public Prediction subject(String subjectId) {
      this.subject = Objects.requireNonNull(subjectId, "subjectId must not be null");
      return this;
    }

    /**
     * @param values the request's features, observed for drift when the metrics have a drift baseline; audited only as
     *     a digest of their canonical JSON
     * @return this recorder
     */
    public Prediction features(Map<String, ?> values) {
      this.features = Objects.requireNonNull(values, "features must not be null");
      return this;
    }

    /**
     * @param attribute a protected attribute, e.g. {@code sex}
     * @param value the request's group, e.g. {@code f}
     * @return this recorder
     */
    public Prediction group(String attribute, String value) {
      if (groups == null) {
        groups = new LinkedHashMap<>(4);
      }
      groups.put(Objects.requireNonNull(attribute, "attribute must not be null"),
          Objects.requireNonNull(value, "value must not be null"));
      return this;
    }

    /**
     * @param predicted whether the prediction is the favourable outcome, for fairness when the metrics watch it
     * @return this recorder
     */
    public Prediction positive(boolean predicted) {
      this.positive = predicted;
      return this;
    }

    /**
     * @param name an audit attribute name
     * @param value its value (string, number, boolean, list or map); never personal data
     * @return this recorder
     */
    public Prediction attribute(String name, Object value) {
      if (attributes == null) {
        attributes = new LinkedHashMap<>();
      }
      attributes.put(Objects.requireNonNull(name, "name must not be null"),
          Objects.requireNonNull(value, "value must not be null"));
      return this;
    }

    /**
     * Records a successful prediction: the {@code prediction} audit event first, then the latency timer, the drift
     * observation and the fairness observation. If the audit log refuses the event, the timer records a failure
     * instead, drift and fairness do not see the request, and the exception propagates: a prediction that is not
     * recorded should not be served.
     *
     * @param outputClass the output's class for the timer's tag, e.g. {@code approve}
     * @param output the audited output (string, number, boolean, list or map)
     * @return the audit receipt
     * @throws IllegalStateException if this request was already recorded
     * @throws dev.modelgov.api.audit.AuditLogException if the event cannot be audited (the log fails closed)
     */
    public AuditReceipt succeeded(String outputClass, Object output) {
      Objects.requireNonNull(outputClass, "outputClass must not be null");
      Objects.requireNonNull(output, "output must not be null");
      long nanos = finish();
      AuditReceipt receipt;
      try {
        receipt = governance.audit().append(event(nanos).output(output).build());
      } catch (RuntimeException e) {
        // Not recorded, so not served: the timer counts a failure, and drift and fairness do not see the request.
        if (metrics != null) {
          metrics.recordFailure(nanos, e);
        }
        throw e;
      }
      if (metrics != null) {
        metrics.recordSuccess(nanos, outputClass);
        if (features != null && observesDrift) {
          metrics.observe(features);
        }
        if (positive != null && groups != null && observesFairness) {
          metrics.recordPrediction(requestId, groups, positive);
        }
      }
      return receipt;
    }

    /**
     * Records a failed prediction: the timer with the error's type, and a {@code prediction} audit event with
     * {@code error.type} (never the error's message, which may hold input data).
     *
     * @param error the failure
     * @return the audit receipt
     * @throws IllegalStateException if this request was already recorded
     */
    public AuditReceipt failed(Throwable error) {
      Objects.requireNonNull(error, "error must not be null");
      long nanos = finish();
      if (metrics != null) {
        metrics.recordFailure(nanos, error);
      }
      return governance.audit().append(event(nanos).attribute("error.type", error.getClass().getName()).build());
    }

    private long finish() {
      if (done) {
        throw new IllegalStateException("request " + requestId + " was already recorded");
      }
      done = true;
      return System.nanoTime() - startNanos;
    }

    private PredictionEvent.Builder event(long nanos) {
      PredictionEvent.Builder e = PredictionEvent.builder().model(startup.model()).requestId(requestId)
          .timestamp(governance.clock().instant()).latency(Duration.ofNanos(nanos));
      if (subject != null) {
        e.subject(subject);
      }
      if (features != null) {
        inputDigest(features).ifPresent(e::inputDigest);
      }
      if (attributes != null) {
        attributes.forEach(e::attribute);
      }
      return e;
    }
  }

  private static Optional<Digest> inputDigest(Map<String, ?> features) {
    try {
      return Optional.of(CanonicalJson.sha256(CanonicalJson.canonicalize(JSON.valueToTree(features))));
    } catch (JsonFormatException | IllegalArgumentException e) {
      return Optional.empty(); // e.g. a NaN feature: no canonical form, so no digest; the event is still recorded
    }
  }

  /**
   * Configures and opens a {@link ModelGate}; made by {@link Governance#gate(ModelManifest)}.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * GateReport report = governance.gate(manifest).modelDirectory(dir).provenance(envelope).check();
   * }</pre>
   */
  public static final class Builder {
    private final Governance governance;
    private final ModelManifest manifest;
    private Path modelDirectory;
    private byte[] provenance;
    private ModelMetrics metrics;
    private EnforcementPoint point = EnforcementPoint.PROMOTION;
    private EvaluationContext context = EvaluationContext.defaults();

    Builder(Governance governance, ModelManifest manifest) {
      this.governance = governance;
      this.manifest = manifest;
    }

    /**
     * @param dir the directory of the model files being served (required)
     * @return this builder
     */
    public Builder modelDirectory(Path dir) {
      this.modelDirectory = Objects.requireNonNull(dir, "modelDirectory must not be null");
      return this;
    }

    /**
     * @param envelopeOrBundle the signed provenance: a DSSE envelope or a Sigstore bundle (required; copied)
     * @return this builder
     */
    public Builder provenance(byte[] envelopeOrBundle) {
      this.provenance = Objects.requireNonNull(envelopeOrBundle, "provenance must not be null").clone();
      return this;
    }

    /**
     * @param file a file holding the DSSE envelope or Sigstore bundle
     * @return this builder
     * @throws IOException if the file cannot be read
     */
    public Builder provenance(Path file) throws IOException {
      Objects.requireNonNull(file, "provenance must not be null");
      long size = Files.size(file);
      long max = 64L << 20;
      if (size > max) {
        throw new IOException(file + ": " + size + " bytes, more than the 64 MiB a provenance file may have");
      }
      this.provenance = Files.readAllBytes(file);
      return this;
    }

    /**
     * @param value the model's metrics; the gate binds them to the facade's registry when it opens (unless already
     *     bound) and unbinds them when closed
     * @return this builder
     */
    public Builder metrics(ModelMetrics value) {
      this.metrics = Objects.requireNonNull(value, "metrics must not be null");
      return this;
    }

    /**
     * @param value the point of the startup decision (default {@link EnforcementPoint#PROMOTION})
     * @return this builder
     */
    public Builder point(EnforcementPoint value) {
      this.point = Objects.requireNonNull(value, "point must not be null");
      return this;
    }

    /**
     * @param stage the stage the model is promoted from, which the built-in {@code model.stage.order} rule checks at
     *     the promotion point (shorthand for a {@link #context(EvaluationContext) context} with a previous stage)
     * @return this builder
     */
    public Builder promotedFrom(LifecycleStage stage) {
      this.context = context.toBuilder().previousStage(Objects.requireNonNull(stage, "stage must not be null")).build();
      return this;
    }

    /**
     * @param value the base context of every decision (environment, previous stage, deployed images, params); its
     *     point, provenance facts and signals are set by the gate
     * @return this builder
     */
    public Builder context(EvaluationContext value) {
      this.context = Objects.requireNonNull(value, "context must not be null");
      return this;
    }

    /**
     * Verifies and decides without opening the gate; the decision and the outcome are audited.
     *
     * @return the report, open or refused
     * @throws IOException if the model files cannot be read
     * @throws IllegalStateException naming a missing setting
     */
    public GateReport check() throws IOException {
      return decide().report;
    }

    /**
     * Verifies, decides and opens the gate.
     *
     * @return the open gate
     * @throws ModelRefusedException if the provenance does not verify or the policy denies, with every reason
     * @throws IOException if the model files cannot be read
     * @throws IllegalStateException naming a missing setting
     */
    public ModelGate open() throws ModelRefusedException, IOException {
      Startup s = decide();
      if (!s.report.open()) {
        throw new ModelRefusedException(s.report);
      }
      boolean bind = false;
      if (metrics != null && governance.registryObject().isPresent() && metrics.meterCount() == 0) {
        Registries.bind(metrics, governance.registryObject().get());
        bind = true;
      }
      return new ModelGate(this, s.report, s.facts, bind);
    }

    private record Startup(GateReport report, ProvenanceFacts facts) {}

    private Startup decide() throws IOException {
      if (modelDirectory == null) {
        throw new IllegalStateException("modelDirectory is required: the gate verifies the files it will serve");
      }
      if (provenance == null) {
        throw new IllegalStateException("provenance is required: the gate serves only signed models");
      }
      ModelRef ref = governance.manifests().ref(manifest);
      List<String> reasons = new ArrayList<>();
      VerifiedStatement verified = null;
      ProvenanceVerificationException failure = null;
      ProvenanceFacts facts;
      try {
        if (!governance.hasTrustRoot()) {
          throw new ProvenanceVerificationException(ProvenanceVerificationException.Reason.UNTRUSTED_KEY,
              "no trust root is configured, so no key is trusted (Governance.builder().trustRoot(...))");
        }
        verified = governance.provenance().verifyModel(modelDirectory, provenance, manifest);
        facts = PolicyContexts.provenanceFacts(verified);
      } catch (ProvenanceVerificationException e) {
        failure = e;
        facts = PolicyContexts.provenanceFacts(e);
        reasons.add("provenance: " + e.reason() + ": " + e.getMessage());
      }
      Decision decision = governance.evaluate(manifest, context.toBuilder().point(point).provenance(facts).build());
      for (RuleResult r : decision.denials()) {
        reasons.add("policy: " + r.ruleId() + ": " + r.message().orElse(r.title()));
      }
      GateReport report = new GateReport(ref, verified, failure, decision, reasons);
      CustomEvent.Builder event = CustomEvent.builder(GATE_EVENT_TYPE).timestamp(governance.clock().instant())
          .attribute("model", ref.coordinates()).attribute("manifestDigest", ref.manifestDigest().toString())
          .attribute("open", report.open()).attribute("decisionId", decision.decisionId());
      if (!reasons.isEmpty()) {
        event.attribute("reasons", reasons);
      }
      governance.audit().append(event.build());
      return new Startup(report, facts);
    }
  }
}
