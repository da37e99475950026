package dev.modelgov.core;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.metrics.internal.micrometer.Registries;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.DecisionListener;
import dev.modelgov.core.policy.DecisionRecords;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.WaiverResolver;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entry point of a serving app: the manifest codec, provenance with its trust root, the deploy policy and its
 * engine, the audit log and the meter registry, assembled with embedded defaults, plus the {@link ModelGate} that
 * refuses to serve a model whose files, signature or policy do not hold.
 *
 * <p>Defaults: the system UTC clock; the built-in deploy policy ({@link BuiltinPolicy#deployGate()}); a
 * {@link DurableAuditLog} in {@code .modelgov/audit} (privacy keys in {@code .modelgov/audit-keys}, checkpoints signed
 * by the key ring's {@value KeyRing#AUDIT} key when there is one); a {@code SimpleMeterRegistry} when Micrometer is on
 * the class path. {@link Builder#demoMode()} generates an in-memory Ed25519 key ring ({@value KeyRing#RELEASE} and
 * {@value KeyRing#AUDIT}) so that everything works with no configuration; it is never for production, where keys come
 * from {@link Builder#keyRing(KeyRing)} and trust from {@link Builder#trustRoot(TrustRoot)}.
 *
 * <p>Thread-safe. Every decision made through the facade is appended to the audit log as a {@code policy.decision}
 * event, then passed to the {@link DecisionListener}s.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (Governance governance = Governance.builder()
 *         .trustRoot(TrustRoot.builder().trust("release", releasePublicKey).build())
 *         .auditDirectory(Path.of("/var/lib/scoring/audit"))
 *         .meterRegistry(prometheusRegistry)
 *         .environment("prod")
 *         .build()) {
 *   ModelManifest manifest = governance.manifests().read(Path.of("model/manifest.yaml"));
 *   ModelGate gate = governance.gate(manifest)
 *       .modelDirectory(Path.of("model/files"))
 *       .provenance(Files.readAllBytes(Path.of("model/provenance.dsse.json")))
 *       .metrics(governance.metrics(manifest).drift(baseline).fairness("sex", "m").build())
 *       .open();                                   // throws ModelRefusedException with the reasons
 *   // per request: gate.begin(requestId).subject(applicantId).features(x).succeeded("approve", output);
 * }
 * }</pre>
 */
public final class Governance implements AutoCloseable {

  /** The audit directory used when none is configured, relative to the working directory. */
  public static final Path DEFAULT_AUDIT_DIRECTORY = Path.of(".modelgov", "audit");

  private final Clock clock;
  private final ManifestCodec manifests;
  private final KeyRing keys;
  private final Provenance provenance;
  private final boolean hasTrustRoot;
  private final PolicyEngine engine;
  private final Policy deployPolicy;
  private final CompiledPolicy compiledDeployPolicy;
  private final AuditLog audit;
  private final boolean ownsAudit;
  private final Object meterRegistry;
  private final boolean ownsRegistry;
  private final String environment;
  private final boolean demoMode;
  private final List<DecisionListener> listeners;

  private Governance(Builder b, KeyRing keys, TrustRoot trust, PolicyEngine engine, CompiledPolicy compiled,
      AuditLog audit, boolean ownsAudit, Object registry, boolean ownsRegistry) {
    this.clock = b.clock;
    this.manifests = b.manifests;
    this.keys = keys;
    this.provenance = trust == null ? Provenance.builder().clock(b.clock).build()
        : Provenance.builder().trustRoot(trust).clock(b.clock).build();
    this.hasTrustRoot = trust != null;
    this.engine = engine;
    this.deployPolicy = b.deployPolicy;
    this.compiledDeployPolicy = compiled;
    this.audit = audit;
    this.ownsAudit = ownsAudit;
    this.meterRegistry = registry;
    this.ownsRegistry = ownsRegistry;
    this.environment = b.environment;
    this.demoMode = b.demoMode;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * @return a builder with the embedded defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the manifest codec (strict reading, canonical digests)
   */
  public ManifestCodec manifests() {
    return manifests;
  }

  /**
   * @return provenance signing and verification against the configured trust root
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * @return the policy engine
   */
  public PolicyEngine policies() {
    return engine;
  }

  /**
   * @return the deploy policy the gates and {@link #evaluate} use
   */
  public Policy deployPolicy() {
    return deployPolicy;
  }

  /**
   * @return the audit log
   */
  public AuditLog audit() {
    return audit;
  }

  /**
   * @return the key ring
   * @throws IllegalStateException if neither a key ring nor demo mode was configured
   */
  public KeyRing keys() {
    if (keys == null) {
      throw new IllegalStateException("no key ring is configured: use Governance.builder().keyRing(...) or demoMode()");
    }
    return keys;
  }

  /**
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * @return the environment the decisions are made for, e.g. {@code prod}
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * @return whether the facade runs with generated demo keys
   */
  public boolean demoMode() {
    return demoMode;
  }

  /**
   * @return the registry the gates bind model metrics to
   * @throws IllegalStateException if Micrometer is not on the class path
   */
  @SuppressWarnings("exports") // Micrometer is optional: only applications that read the registry need it.
  public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
    if (meterRegistry == null) {
      throw new IllegalStateException("Micrometer is not on the class path: add io.micrometer:micrometer-core");
    }
    return (io.micrometer.core.instrument.MeterRegistry) meterRegistry;
  }

  /** Whether provenance can be verified at all: without a trust root every model is refused. */
  boolean hasTrustRoot() {
    return hasTrustRoot;
  }

  /** The registry as an object, so that callers in core need not load Micrometer. */
  Optional<Object> registryObject() {
    return Optional.ofNullable(meterRegistry);
  }

  /**
   * Starts the metrics of a model, named after the manifest and using the facade's clock; pass the built metrics to
   * {@link ModelGate.Builder#metrics(ModelMetrics)}, which binds them to {@link #meterRegistry()}.
   *
   * @param manifest the model
   * @return a metrics builder
   */
  public ModelMetrics.Builder metrics(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    return ModelMetrics.builder(manifest.id().toString(), manifest.version()).clock(clock);
  }

  /**
   * Starts a gate for a model.
   *
   * @param manifest the model's manifest
   * @return the gate's builder
   */
  public ModelGate.Builder gate(ModelManifest manifest) {
    return new ModelGate.Builder(this, Objects.requireNonNull(manifest, "manifest must not be null"));
  }

  /**
   * Evaluates the deploy policy, appends the decision to the audit log ({@code policy.decision}) and tells the
   * listeners. The context's environment defaults to the facade's.
   *
   * @param manifest the model
   * @param context the evaluation context
   * @return the decision (a denial is returned, not thrown)
   * @throws dev.modelgov.api.audit.AuditLogException if the decision cannot be audited (the log fails closed)
   */
  public Decision evaluate(ModelManifest manifest, EvaluationContext context) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(context, "context must not be null");
    EvaluationContext effective = context;
    if (environment != null && context.environment().isEmpty()) {
      effective = context.toBuilder().environment(environment).build();
    }
    Decision decision = compiledDeployPolicy.evaluate(manifest, effective);
    audit.append(DecisionRecords.toAuditEvent(decision));
    for (DecisionListener listener : listeners) {
      try {
        listener.onDecision(decision);
      } catch (RuntimeException ignored) {
        // A listener cannot change or block a decision that is already audited.
      }
    }
    return decision;
  }

  /** Closes the audit log and the registry if the facade opened them; a caller's log or registry stays open. */
  @Override
  public void close() {
    if (ownsAudit) {
      audit.close();
    }
    if (ownsRegistry && meterRegistry != null) {
      Registries.close(meterRegistry);
    }
  }

  @Override
  public String toString() {
    return "Governance[policy=" + deployPolicy.id() + "@" + deployPolicy.version()
        + (environment == null ? "" : ", environment=" + environment) + (demoMode ? ", demo" : "") + "]";
  }

  /**
   * Builds a {@link Governance}. Every setting is optional.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * Governance demo = Governance.builder().demoMode().auditDirectory(tempDir.resolve("audit")).build();
   * }</pre>
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private final ManifestCodec manifests = ManifestCodec.defaults();
    private KeyRing keyRing;
    private TrustRoot trustRoot;
    private Policy deployPolicy = BuiltinPolicy.deployGate();
    private PolicyEngine engine;
    private WaiverResolver waivers;
    private final List<DecisionListener> listeners = new ArrayList<>();
    private AuditLog auditLog;
    private Path auditDirectory;
    private String auditOrigin;
    private AuditPrivacy auditPrivacy;
    private Durability auditDurability;
    private Object meterRegistry;
    private String environment;
    private boolean demoMode;

    private Builder() {}

    /**
     * @param value the clock of decisions, metrics and audit events
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * @param value the signing keys; its trust root is used unless {@link #trustRoot(TrustRoot)} is set
     * @return this builder
     */
    public Builder keyRing(KeyRing value) {
      this.keyRing = Objects.requireNonNull(value, "keyRing must not be null");
      return this;
    }

    /**
     * @param value the keys trusted to sign provenance
     * @return this builder
     */
    public Builder trustRoot(TrustRoot value) {
      this.trustRoot = Objects.requireNonNull(value, "trustRoot must not be null");
      return this;
    }

    /**
     * @param value the deploy policy (default: the built-in pack)
     * @return this builder
     */
    public Builder deployPolicy(Policy value) {
      this.deployPolicy = Objects.requireNonNull(value, "deployPolicy must not be null");
      return this;
    }

    /**
     * @param value the engine (default: one with the facade's clock and waivers)
     * @return this builder
     */
    public Builder policyEngine(PolicyEngine value) {
      this.engine = Objects.requireNonNull(value, "policyEngine must not be null");
      return this;
    }

    /**
     * @param value the waivers of the default engine; not combinable with {@link #policyEngine(PolicyEngine)}
     * @return this builder
     */
    public Builder waivers(WaiverResolver value) {
      this.waivers = Objects.requireNonNull(value, "waivers must not be null");
      return this;
    }

    /**
     * @param value told of every decision; repeatable
     * @return this builder
     */
    public Builder decisionListener(DecisionListener value) {
      listeners.add(Objects.requireNonNull(value, "decisionListener must not be null"));
      return this;
    }

    /**
     * @param value an audit log owned by the caller (the facade does not close it); excludes the directory settings
     * @return this builder
     */
    public Builder auditLog(AuditLog value) {
      this.auditLog = Objects.requireNonNull(value, "auditLog must not be null");
      return this;
    }

    /**
     * @param value the directory of the facade's own durable audit log (default {@code .modelgov/audit})
     * @return this builder
     */
    public Builder auditDirectory(Path value) {
      this.auditDirectory = Objects.requireNonNull(value, "auditDirectory must not be null");
      return this;
    }

    /**
     * @param value the origin line of the audit log's checkpoints (default {@value DurableAuditLog#DEFAULT_ORIGIN})
     * @return this builder
     */
    public Builder auditOrigin(String value) {
      this.auditOrigin = Objects.requireNonNull(value, "auditOrigin must not be null");
      return this;
    }

    /**
     * @param value the privacy keys of the facade's audit log (default: opened or created next to the log)
     * @return this builder
     */
    public Builder auditPrivacy(AuditPrivacy value) {
      this.auditPrivacy = Objects.requireNonNull(value, "auditPrivacy must not be null");
      return this;
    }

    /**
     * @param value the durability of the facade's audit log (default {@link Durability#SYNC})
     * @return this builder
     */
    public Builder auditDurability(Durability value) {
      this.auditDurability = Objects.requireNonNull(value, "auditDurability must not be null");
      return this;
    }

    /**
     * @param value the registry model metrics are bound to (default: a new {@code SimpleMeterRegistry})
     * @return this builder
     */
    @SuppressWarnings("exports") // Micrometer is optional: only callers that pass a registry need it.
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "meterRegistry must not be null");
      return this;
    }

    /**
     * @param value the environment decisions are made for, e.g. {@code prod}
     * @return this builder
     */
    public Builder environment(String value) {
      Objects.requireNonNull(value, "environment must not be null");
      if (value.isBlank()) {
        throw new IllegalArgumentException("environment must not be blank");
      }
      this.environment = value;
      return this;
    }

    /**
     * Generates an in-memory Ed25519 key ring with a {@value KeyRing#RELEASE} and an {@value KeyRing#AUDIT} key
     * (unless a key ring is set) and trusts it. For demos and tests only: the keys die with the process.
     *
     * @return this builder
     */
    public Builder demoMode() {
      this.demoMode = true;
      return this;
    }

    /**
     * Opens the audit log (unless one was given) and compiles the deploy policy.
     *
     * @return the facade
     * @throws IOException if the audit log or its privacy keys cannot be opened
     * @throws IllegalStateException naming a contradictory setting or a deploy policy that does not compile
     */
    public Governance build() throws IOException {
      if (auditLog != null && (auditDirectory != null || auditPrivacy != null || auditOrigin != null
          || auditDurability != null)) {
        throw new IllegalStateException("auditLog: a caller's audit log excludes auditDirectory, auditOrigin, "
            + "auditPrivacy and auditDurability, which configure the facade's own log");
      }
      if (engine != null && waivers != null) {
        throw new IllegalStateException("waivers: set them on the policyEngine instead, or drop policyEngine");
      }
      KeyRing keys = keyRing != null ? keyRing
          : demoMode ? KeyRing.generated(SignatureAlgorithm.ED25519, KeyRing.RELEASE, KeyRing.AUDIT) : null;
      TrustRoot trust = trustRoot != null ? trustRoot : keys == null ? null : keys.trustRoot();
      PolicyEngine policyEngine = engine;
      if (policyEngine == null) {
        PolicyEngine.Builder b = PolicyEngine.builder().clock(clock);
        if (waivers != null) {
          b.waivers(waivers);
        }
        policyEngine = b.build();
      }
      CompiledPolicy compiled;
      try {
        compiled = policyEngine.compile(deployPolicy);
      } catch (PolicyCompileException e) {
        throw new IllegalStateException("deployPolicy: " + deployPolicy.id() + " does not compile: " + e.getMessage(),
            e);
      }
      Object registry = meterRegistry;
      boolean ownsRegistry = false;
      if (registry == null && Registries.available()) {
        registry = Registries.simpleRegistry();
        ownsRegistry = true;
      }
      AuditLog log = auditLog;
      boolean ownsAudit = false;
      if (log == null) {
        log = openAudit(keys);
        ownsAudit = true;
      }
      return new Governance(this, keys, trust, policyEngine, compiled, log, ownsAudit, registry, ownsRegistry);
    }

    private DurableAuditLog openAudit(KeyRing keys) throws IOException {
      Path dir = auditDirectory != null ? auditDirectory : DEFAULT_AUDIT_DIRECTORY;
      String origin = auditOrigin != null ? auditOrigin : DurableAuditLog.DEFAULT_ORIGIN;
      DurableAuditLog.Builder b = DurableAuditLog.builder(dir).origin(origin).clock(clock);
      Path fileName = dir.toAbsolutePath().getFileName();
      b.privacy(auditPrivacy != null ? auditPrivacy
          : AuditPrivacy.openOrCreate(dir.toAbsolutePath().resolveSibling(
              (fileName == null ? "audit" : fileName.toString()) + "-keys")));
      if (auditDurability != null) {
        b.durability(auditDurability);
      }
      Optional<SigningKey> auditKey = keys == null ? Optional.empty() : keys.signingKey(KeyRing.AUDIT);
      if (auditKey.isPresent() && auditKey.get().algorithm() == SignatureAlgorithm.ED25519) {
        b.signer(NoteSigner.ed25519(origin, auditKey.get()));
      }
      return b.open();
    }
  }
}
