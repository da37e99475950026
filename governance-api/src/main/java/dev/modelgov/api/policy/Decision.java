package dev.modelgov.api.policy;

import dev.modelgov.api.ModelRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer of one policy evaluation: the effect, every rule's result with its explanation and remediation, the
 * waivers applied, warnings, and how long it took. A denial is a returned value, never an exception; call {@link
 * #orThrow()} where an exception is wanted. Immutable.
 *
 * <p>The {@link #effect()} is derived from the results: {@link Effect#DENY} when any result {@link RuleResult#denies()},
 * {@link Effect#WARN} when any {@link RuleResult#warns()}, else {@link Effect#ALLOW}. Its JSON form (OPA decision-log
 * field names) and its audit event are built by {@code dev.modelgov.core.policy.DecisionRecords}.
 *
 * <pre>{@code
 * Decision d = engine.evaluate(policy, manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 * if (!d.allowed()) {
 *   d.denials().forEach(r -> System.err.println(r.ruleId() + ": " + r.message().orElse("") + " -> " + r.remediation()));
 * }
 * d.orThrow(); // throws PolicyDeniedException when denied
 * }</pre>
 */
public final class Decision {

  private final String decisionId;
  private final Instant timestamp;
  private final PolicyRef policy;
  private final ModelRef model;
  private final EnforcementPoint point;
  private final String environment;
  private final List<RuleResult> results;
  private final List<AppliedWaiver> waiversApplied;
  private final List<String> warnings;
  private final long evaluationNanos;
  private final Effect effect;
  private final DecisionSummary summary;

  private Decision(Builder b) {
    this.decisionId = b.decisionId;
    this.timestamp = b.timestamp;
    this.policy = b.policy;
    this.model = b.model;
    this.point = b.point;
    this.environment = b.environment;
    this.results = List.copyOf(b.results);
    this.waiversApplied = List.copyOf(b.waiversApplied);
    this.warnings = List.copyOf(b.warnings);
    this.evaluationNanos = b.evaluationNanos;
    this.summary = DecisionSummary.of(results);
    this.effect = summary.denied() > 0 ? Effect.DENY : summary.warned() > 0 ? Effect.WARN : Effect.ALLOW;
  }

  /**
   * A new builder; the engine builds decisions, tests and adapters may too.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a unique id (UUID) for this decision */
  public String decisionId() {
    return decisionId;
  }

  /** @return when the evaluation ran (the instant used for waiver expiry) */
  public Instant timestamp() {
    return timestamp;
  }

  /** @return the policy that decided */
  public PolicyRef policy() {
    return policy;
  }

  /** @return the model the decision is about */
  public ModelRef model() {
    return model;
  }

  /** @return where the policy was evaluated */
  public EnforcementPoint point() {
    return point;
  }

  /** @return the environment, if the context named one */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /** @return the effect */
  public Effect effect() {
    return effect;
  }

  /** @return {@code true} unless the effect is {@link Effect#DENY} */
  public boolean allowed() {
    return effect != Effect.DENY;
  }

  /** @return every rule's result, in the policy's order */
  public List<RuleResult> results() {
    return results;
  }

  /**
   * One rule's result.
   *
   * @param ruleId the rule id
   * @return its result, if the policy has the rule
   */
  public Optional<RuleResult> result(String ruleId) {
    for (RuleResult r : results) {
      if (r.ruleId().equals(ruleId)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** @return the results that deny */
  public List<RuleResult> denials() {
    return results.stream().filter(RuleResult::denies).toList();
  }

  /** @return the results that warn */
  public List<RuleResult> warningResults() {
    return results.stream().filter(RuleResult::warns).toList();
  }

  /** @return every failing result, whatever its mode */
  public List<RuleResult> failures() {
    return results.stream().filter(RuleResult::failing).toList();
  }

  /** @return every waiver applied */
  public List<AppliedWaiver> waiversApplied() {
    return waiversApplied;
  }

  /** @return evaluation warnings, for example an expired waiver that was ignored */
  public List<String> warnings() {
    return warnings;
  }

  /** @return counts of the results */
  public DecisionSummary summary() {
    return summary;
  }

  /** @return the evaluation time in nanoseconds */
  public long evaluationNanos() {
    return evaluationNanos;
  }

  /**
   * A one-line summary naming the effect and the failing rule ids, for example {@code DENY by deploy-gate@1.0.0:
   * model.image.digest, model.owner}.
   *
   * @return the summary line
   */
  public String summaryText() {
    List<RuleResult> shown = effect == Effect.DENY ? denials() : effect == Effect.WARN ? warningResults() : List.of();
    String ids = shown.stream().map(RuleResult::ruleId).collect(Collectors.joining(", "));
    return effect + " by " + policy.id() + "@" + policy.version() + (ids.isEmpty() ? "" : ": " + ids);
  }

  /**
   * Returns this decision when allowed, or throws.
   *
   * @return this decision
   * @throws PolicyDeniedException when the effect is {@link Effect#DENY}
   */
  public Decision orThrow() {
    if (effect == Effect.DENY) {
      throw new PolicyDeniedException(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "Decision[" + decisionId + ", " + summaryText() + ", model=" + model + ", point=" + point + "]";
  }

  /** Builds a {@link Decision}; the effect and summary are derived from the results. */
  public static final class Builder {
    private String decisionId;
    private Instant timestamp;
    private PolicyRef policy;
    private ModelRef model;
    private EnforcementPoint point = EnforcementPoint.CI;
    private String environment;
    private final List<RuleResult> results = new ArrayList<>();
    private final List<AppliedWaiver> waiversApplied = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long evaluationNanos;

    private Builder() {}

    /**
     * @param value the decision id
     * @return this builder
     */
    public Builder decisionId(String value) {
      this.decisionId = value;
      return this;
    }

    /**
     * @param value when the evaluation ran
     * @return this builder
     */
    public Builder timestamp(Instant value) {
      this.timestamp = value;
      return this;
    }

    /**
     * @param value the policy
     * @return this builder
     */
    public Builder policy(PolicyRef value) {
      this.policy = value;
      return this;
    }

    /**
     * @param value the model
     * @return this builder
     */
    public Builder model(ModelRef value) {
      this.model = value;
      return this;
    }

    /**
     * @param value the point
     * @return this builder
     */
    public Builder point(EnforcementPoint value) {
      this.point = value;
      return this;
    }

    /**
     * @param value the environment, or {@code null}
     * @return this builder
     */
    public Builder environment(String value) {
      this.environment = value;
      return this;
    }

    /**
     * @param value one rule's result
     * @return this builder
     */
    public Builder addResult(RuleResult value) {
      this.results.add(Objects.requireNonNull(value, "result"));
      return this;
    }

    /**
     * @param value an applied waiver
     * @return this builder
     */
    public Builder addWaiverApplied(AppliedWaiver value) {
      this.waiversApplied.add(Objects.requireNonNull(value, "waiver"));
      return this;
    }

    /**
     * @param value an evaluation warning
     * @return this builder
     */
    public Builder addWarning(String value) {
      this.warnings.add(Objects.requireNonNull(value, "warning"));
      return this;
    }

    /**
     * @param value evaluation time in nanoseconds
     * @return this builder
     */
    public Builder evaluationNanos(long value) {
      this.evaluationNanos = value;
      return this;
    }

    /**
     * Builds the decision.
     *
     * @return the decision
     * @throws IllegalArgumentException naming the missing field or the duplicated rule id
     */
    public Decision build() {
      if (decisionId == null || decisionId.isBlank()) {
        throw new IllegalArgumentException("decision: decisionId is required");
      }
      if (timestamp == null) {
        throw new IllegalArgumentException("decision: timestamp is required");
      }
      if (policy == null) {
        throw new IllegalArgumentException("decision: policy is required");
      }
      if (model == null) {
        throw new IllegalArgumentException("decision: model is required");
      }
      if (point == null) {
        throw new IllegalArgumentException("decision: point is required");
      }
      if (evaluationNanos < 0) {
        throw new IllegalArgumentException("decision: evaluationNanos must be >= 0");
      }
      Set<String> ids = new HashSet<>();
      for (RuleResult r : results) {
        if (!ids.add(r.ruleId())) {
          throw new IllegalArgumentException("decision: rule " + r.ruleId() + " has two results");
        }
      }
      return new Decision(this);
    }
  }
}
