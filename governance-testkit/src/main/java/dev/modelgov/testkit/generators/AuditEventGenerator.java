package dev.modelgov.testkit.generators;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.ApprovalDecision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates realistic streams of audit events for tests of audit logs, sinks and verifiers: a seed in, a list out,
 * equal lists for equal seeds and options. About 60% are predictions (with a data subject and personal fields in most,
 * features, outputs, latency and sometimes trace context), the rest policy decisions, deployments, approvals (by a
 * person, with the approver's name as personal data), key rotations and custom events, about a handful of models.
 * Timestamps strictly increase from {@link Builder#start(Instant)}.
 *
 * <p>Events with a subject need a log with privacy keys ({@code AuditPrivacy}); turn them off with {@link
 * Builder#personalData(boolean) personalData(false)} for a log without.
 *
 * <pre>{@code
 * List<AuditEvent> events = AuditEventGenerator.defaults().events(42L, 500);
 * events.forEach(log::append);
 * }</pre>
 */
public final class AuditEventGenerator {

  /** The default first timestamp: {@code 2026-03-01T00:00:00Z}. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-01T00:00:00Z");

  /** The most events one call returns. */
  public static final int MAX_COUNT = 1_000_000;

  private static final List<String> SURNAMES =
      List.of("Martin", "Okafor", "Doe", "Rossi", "Nakamura", "Nguyen", "Schmidt", "Silva", "Kowalski", "Haddad");
  private static final List<String> GIVEN = List.of("Ana", "Ben", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo");
  private static final List<String> RULES =
      List.of("model.image.digest", "model.provenance.signed", "model.approval.high-risk", "model.fairness.thresholds",
          "model.monitoring.plan", "runtime.drift", "runtime.error-rate");
  private static final AuditEventGenerator DEFAULTS = builder().build();

  private final Instant start;
  private final Duration maxGap;
  private final boolean personalData;
  private final int models;
  private final int subjects;

  private AuditEventGenerator(Builder b) {
    this.start = b.start;
    this.maxGap = b.maxGap;
    this.personalData = b.personalData;
    this.models = b.models;
    this.subjects = b.subjects;
  }

  /**
   * A generator starting at {@link #DEFAULT_START}, up to 30 s between events, with personal data, 3 models and 50
   * data subjects.
   *
   * @return the shared default generator
   */
  public static AuditEventGenerator defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@link #defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates events.
   *
   * @param seed any long; equal seeds give equal events
   * @param count how many, in 0..{@value #MAX_COUNT}
   * @return the events, timestamps strictly increasing
   * @throws IllegalArgumentException if {@code count} is out of range
   */
  public List<AuditEvent> events(long seed, int count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be in 0.." + MAX_COUNT + ", got " + count);
    }
    Draws d = new Draws(seed);
    List<ModelRef> refs = new ArrayList<>();
    for (int i = 0; i < models; i++) {
      Theme t = d.pick(Theme.ALL);
      refs.add(new ModelRef(new ModelId(t.namespace(), d.pick(t.names())),
          d.between(1, 4) + "." + d.between(0, 12) + "." + d.between(0, 9), d.digest()));
    }
    List<AuditEvent> out = new ArrayList<>(count);
    Instant at = start;
    long gapMillis = Math.max(1, maxGap.toMillis());
    for (int i = 0; i < count; i++) {
      at = at.plusMillis(d.longBetween(1, gapMillis + 1));
      ModelRef model = d.pick(refs);
      int kind = d.between(0, 99);
      AuditEvent e;
      if (kind < 60) {
        e = prediction(d, model, at, i);
      } else if (kind < 72) {
        e = decision(d, model, at);
      } else if (kind < 80) {
        e = deployment(d, model, at);
      } else if (kind < 88) {
        e = approval(d, model, at);
      } else if (kind < 90) {
        e = KeyRotationEvent.builder().timestamp(at).purpose(d.pick("audit-checkpoint", "provenance", "privacy"))
            .previousKeyId("key-" + d.hex(8)).newKeyId("key-" + d.hex(8)).build();
      } else {
        e = custom(d, model, at);
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  private PredictionEvent prediction(Draws d, ModelRef model, Instant at, int n) {
    PredictionEvent.Builder b = PredictionEvent.builder().timestamp(at).model(model).requestId("req-" + n + "-"
        + d.hex(8));
    if (personalData && d.chance(80)) {
      int subject = d.between(1, subjects);
      b.subject("customer-" + subject);
      b.personalData("name", d.pick(GIVEN) + " " + d.pick(SURNAMES));
      if (d.coin()) {
        b.personalData("email", "customer-" + subject + "@mail.example");
      }
      if (d.coin()) {
        b.personalData("postcode", String.valueOf(d.between(10000, 99999)));
      }
    }
    if (d.coin()) {
      Map<String, Object> features = new LinkedHashMap<>();
      features.put("income", d.between(12_000, 250_000));
      features.put("debt_ratio", d.decimal(BigDecimal.ZERO, BigDecimal.ONE, 3));
      features.put("region", d.pick("north", "south", "east", "west"));
      b.input(features);
    } else {
      b.inputDigest(d.digest());
    }
    BigDecimal score = d.decimal(BigDecimal.ZERO, BigDecimal.ONE, 4);
    String outcome = score.compareTo(new BigDecimal("0.7")) >= 0 ? "approve"
        : score.compareTo(new BigDecimal("0.4")) >= 0 ? "review" : "decline";
    if (d.chance(85)) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("score", score);
      output.put("decision", outcome);
      b.output(output);
    } else {
      b.outputDigest(d.digest());
    }
    b.latency(Duration.ofMillis(d.between(1, 450)).plusNanos(d.between(0, 999_999)));
    b.attribute("outputClass", outcome);
    if (d.chance(40)) {
      b.trace(d.hex(32), d.hex(16));
    }
    return b.build();
  }

  private static PolicyDecisionEvent decision(Draws d, ModelRef model, Instant at) {
    boolean allowed = d.chance(75);
    PolicyDecisionEvent.Builder b = PolicyDecisionEvent.builder().timestamp(at).policy("modelgov-builtin")
        .model(model).allowed(allowed).enforcementPoint(d.pick("promotion", "admission-webhook", "runtime", "ci"));
    if (!allowed) {
      for (String rule : d.distinct(1, 3, RULES)) {
        b.reason(rule + ": FAIL");
      }
    }
    return b.attribute("decisionId", "dec-" + d.hex(12)).build();
  }

  private static DeploymentEvent deployment(Draws d, ModelRef model, Instant at) {
    DeploymentEvent.Builder b = DeploymentEvent.builder().timestamp(at).model(model)
        .action(d.pick(DeploymentEvent.Action.values()))
        .environment(d.pick("prod", "staging", "prod-eu/scoring", "dev"))
        .replicas(d.between(0, 12));
    if (d.chance(80)) {
      b.image(ImageRef.parse("registry.example/" + model.id().namespace() + "/" + model.id().name() + "-serve@"
          + new Digest(Digest.SHA256, d.hex(64))));
    }
    return b.build();
  }

  private ApprovalEvent approval(Draws d, ModelRef model, Instant at) {
    ApprovalEvent.Builder b = ApprovalEvent.builder().timestamp(at).model(model)
        .decision(d.pick(ApprovalDecision.APPROVED, ApprovalDecision.APPROVED, ApprovalDecision.REJECTED,
            ApprovalDecision.CONDITIONAL))
        .approverRole(d.pick("model-owner", "risk-officer", "model-validator"));
    if (d.coin()) {
      b.comment(d.pick("validation report reviewed", "fairness re-test requested", "approved for EU traffic only"));
    }
    if (personalData) {
      b.subject("employee-" + d.between(100, 999)).personalData("approverName", d.pick(GIVEN) + " "
          + d.pick(SURNAMES));
    }
    return b.build();
  }

  private static CustomEvent custom(Draws d, ModelRef model, Instant at) {
    return switch (d.between(0, 2)) {
      case 0 -> CustomEvent.builder("acme.feature_flag").timestamp(at)
          .attribute("flag", d.pick("new-scorer", "shadow-mode", "explanations")).attribute("enabled", d.coin())
          .build();
      case 1 -> CustomEvent.builder("acme.retraining_requested").timestamp(at)
          .attribute("model", model.coordinates()).attribute("reason", d.pick("drift", "schedule", "incident"))
          .attribute("features", List.of("income", "region")).build();
      default -> CustomEvent.builder("acme.human_override").timestamp(at)
          .attribute("model", model.coordinates()).attribute("from", "decline").attribute("to", "approve")
          .attribute("ticket", "OPS-" + d.between(1000, 9999)).build();
    };
  }

  @Override
  public String toString() {
    return "AuditEventGenerator[start=" + start + ", maxGap=" + maxGap + ", personalData=" + personalData + ", models="
        + models + ", subjects=" + subjects + "]";
  }

  /** Builds an {@link AuditEventGenerator}; every option has a default. */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private Duration maxGap = Duration.ofSeconds(30);
    private boolean personalData = true;
    private int models = 3;
    private int subjects = 50;

    private Builder() {}

    /**
     * @param value the instant the first event follows (it is at least 1 ms later); default {@link #DEFAULT_START}
     * @return this builder
     */
    public Builder start(Instant value) {
      this.start = value;
      return this;
    }

    /**
     * @param value the longest gap between consecutive events, at least 1 ms; default 30 s
     * @return this builder
     */
    public Builder maxGap(Duration value) {
      this.maxGap = value;
      return this;
    }

    /**
     * @param value whether events may carry a data subject and personal fields; default {@code true}
     * @return this builder
     */
    public Builder personalData(boolean value) {
      this.personalData = value;
      return this;
    }

    /**
     * @param value how many model versions the events are about, in 1..100; default 3
     * @return this builder
     */
    public Builder models(int value) {
      this.models = value;
      return this;
    }

    /**
     * @param value how many distinct data subjects predictions are about, at least 1; default 50
     * @return this builder
     */
    public Builder subjects(int value) {
      this.subjects = value;
      return this;
    }

    /**
     * Builds the generator.
     *
     * @return the generator
     * @throws IllegalStateException naming the option that is missing or out of range
     */
    public AuditEventGenerator build() {
      if (start == null) {
        throw new IllegalStateException("start must not be null");
      }
      if (maxGap == null || maxGap.toMillis() < 1) {
        throw new IllegalStateException("maxGap must be at least 1 ms, got " + maxGap);
      }
      if (models < 1 || models > 100) {
        throw new IllegalStateException("models must be in 1..100, got " + models);
      }
      if (subjects < 1) {
        throw new IllegalStateException("subjects must be at least 1, got " + subjects);
      }
      return new AuditEventGenerator(this);
    }
  }
}
