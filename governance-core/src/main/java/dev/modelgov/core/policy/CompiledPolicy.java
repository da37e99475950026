package dev.modelgov.core.policy;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.PolicyRef;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.core.policy.internal.PolicyInputs;
import dev.modelgov.core.policy.internal.Texts;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelCondition;
import dev.modelgov.core.policy.spi.CelEvaluation;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import dev.modelgov.core.policy.spi.CelProgram;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A policy compiled by a {@link PolicyEngine}: its CEL parts compiled once, its modes resolved per enforcement point.
 * Thread-safe: one instance serves concurrent evaluations.
 *
 * <p>An evaluation reads the instant once ({@link EvaluationContext#now()}, else the engine's clock), evaluates the
 * match conditions, then every rule in declaration order without short-circuit, each to {@code PASS}, {@code FAIL},
 * {@code ERROR} or {@code NOT_APPLICABLE}; failing results then go through the engine's {@link WaiverResolver}. Rules
 * still to run when the evaluation budget ({@link PolicyLimits#evaluationBudget()}) is spent get {@code ERROR}.
 *
 * <pre>{@code
 * CompiledPolicy gate = engine.compile(policy);
 * Decision d = gate.evaluate(manifest, EvaluationContext.at(EnforcementPoint.ADMISSION));
 * d.orThrow(); // PolicyDeniedException when an enforced rule failed
 * }</pre>
 */
public final class CompiledPolicy {

  private final Policy policy;
  private final PolicyRef ref;
  private final Rule[] rules;
  private final EnforcementMode[][] modesByPoint;
  private final Clock clock;
  private final long budgetNanos;
  private final String budgetMessage;
  private final WaiverResolver waivers;
  private final Map<String, CelCondition> waiverConditions;
  private final PolicyInputs inputs;
  private final CelProgram program;
  private final Object nullValue;
  private final Map<String, Object> params;

  CompiledPolicy(PolicyEngine engine, Policy policy, CelBackend backend, Map<String, CelCondition> waiverConditions)
      throws PolicyCompileException {
    this.policy = policy;
    this.ref = PolicyRef.of(policy);
    this.rules = policy.rules().toArray(new Rule[0]);
    EnforcementPoint[] points = EnforcementPoint.values();
    this.modesByPoint = new EnforcementMode[points.length][];
    for (EnforcementPoint p : points) {
      EnforcementMode[] modes = new EnforcementMode[rules.length];
      for (int i = 0; i < rules.length; i++) {
        modes[i] = policy.effectiveMode(rules[i], p);
      }
      modesByPoint[p.ordinal()] = modes;
    }
    this.clock = engine.clock();
    PolicyLimits limits = engine.limits();
    this.budgetNanos = saturatedNanos(limits.evaluationBudget());
    this.budgetMessage = "evaluation budget of " + Texts.millis(limits.evaluationBudget()) + " ms exceeded";
    this.waivers = engine.waivers();
    this.waiverConditions = waiverConditions;
    this.inputs = engine.inputs();
    this.nullValue = backend == null ? null : backend.nullValue();
    if (backend != null) {
      try {
        this.params = PolicyInputs.normalizeParams(policy.params(), nullValue);
      } catch (IllegalArgumentException e) {
        throw new PolicyCompileException(policy.id(), null, 0, 0, e.getMessage());
      }
    } else {
      this.params = Map.of();
    }
    if (policy.usesCel()) {
      try {
        this.program = backend.compile(policy, policy.id(), limits);
      } catch (RuntimeException e) {
        throw new PolicyCompileException(policy.id(), null, 0, 0,
            "the CEL backend failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    } else {
      this.program = null;
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.min(d.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** @return the policy this was compiled from */
  public Policy policy() {
    return policy;
  }

  /**
   * Evaluates the policy for a model.
   *
   * @param manifest the model, must not be {@code null}
   * @param context the evaluation context, must not be {@code null}
   * @return the decision; a failing or erroring rule is an outcome in it, never an exception
   * @throws IllegalArgumentException when the policy reads parameters through CEL and a context parameter is not
   *     JSON-like (the message names the parameter path)
   */
  public Decision evaluate(ModelManifest manifest, EvaluationContext context) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(context, "context must not be null");
    long start = System.nanoTime();
    long deadline = start + budgetNanos;
    Instant now = context.now().orElseGet(clock::instant);
    Run run = new Run(manifest, context, now, deadline, inputs.facts(manifest));

    boolean matched = true;
    String matchError = null;
    CelEvaluation cel = null;
    if (program != null) {
      Map<String, Object> activation = run.activation();
      try {
        cel = program.begin(activation, deadline);
        if (!policy.matchConditions().isEmpty()) {
          matched = cel.failedMatchCondition().isEmpty();
        }
      } catch (CelEvaluationError e) {
        matchError = Texts.truncate(String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        matchError = Texts.truncate("CEL evaluation threw " + Texts.name(e)
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    }

    EnforcementMode[] modes = modesByPoint[context.point().ordinal()];
    Decision.Builder decision = Decision.builder();
    boolean budgetSpent = false;
    for (int i = 0; i < rules.length; i++) {
      Rule rule = rules[i];
      EnforcementMode mode = modes[i];
      RuleResult result;
      if (!matched) {
        result = result(rule, mode, Outcome.NOT_APPLICABLE, null, Optional.empty());
      } else if (matchError != null) {
        result = result(rule, mode, Outcome.ERROR, matchError, Optional.empty());
      } else if (!rule.applicability().appliesTo(manifest, context)) {
        result = result(rule, mode, Outcome.NOT_APPLICABLE, null, Optional.empty());
      } else if (budgetSpent || System.nanoTime() - deadline > 0) {
        budgetSpent = true;
        result = result(rule, mode, Outcome.ERROR, budgetMessage, Optional.empty());
      } else if (rule.check() instanceof RuleCheck.Java java) {
        result = javaCheck(rule, mode, java, manifest, run.javaContext());
      } else {
        result = celCheck(rule, mode, cel);
      }
      if (result.failing() && !waivers.isEmpty()) {
        result = waive(result, run);
      }
      decision.addResult(result);
    }
    run.applied.forEach(decision::addWaiverApplied);
    run.warnings.forEach(decision::addWarning);
    return decision
        .decisionId(UUID.randomUUID().toString())
        .timestamp(now)
        .policy(ref)
        .model(run.facts.ref())
        .point(context.point())
        .environment(context.environment().orElse(null))
        .evaluationNanos(Math.max(0, System.nanoTime() - start))
        .build();
  }

  private static RuleResult javaCheck(
      Rule rule, EnforcementMode mode, RuleCheck.Java java, ModelManifest manifest, EvaluationContext context) {
    boolean holds;
    try {
      holds = java.check().test(manifest, context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result(rule, mode, Outcome.ERROR, Texts.checkThrew(e), Optional.empty());
    } catch (Exception | StackOverflowError e) {
      return result(rule, mode, Outcome.ERROR, Texts.checkThrew(e), Optional.empty());
    }
    if (holds) {
      return result(rule, mode, Outcome.PASS, null, Optional.empty());
    }
    String message = rule.message();
    if (rule.messageFunction().isPresent()) {
      try {
        String built = rule.messageFunction().get().apply(manifest, context);
        if (built != null && !built.isBlank()) {
          message = built;
        }
      } catch (RuntimeException | StackOverflowError e) {
        // The static message stands in for a message function that cannot explain the failure.
      }
    }
    return result(rule, mode, Outcome.FAIL, message, Optional.empty());
  }

  private static RuleResult celCheck(Rule rule, EnforcementMode mode, CelEvaluation cel) {
    CelRuleOutcome outcome;
    try {
      outcome = cel.evaluate(rule.id());
    } catch (RuntimeException e) {
      return result(rule, mode, Outcome.ERROR,
          "CEL evaluation threw " + Texts.name(e) + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          Optional.empty());
    }
    if (outcome == null) {
      return result(rule, mode, Outcome.ERROR, "the CEL backend returned no outcome", Optional.empty());
    }
    if (outcome.error().isPresent()) {
      return result(rule, mode, Outcome.ERROR, outcome.error().get(), Optional.empty());
    }
    if (outcome.passed()) {
      return result(rule, mode, Outcome.PASS, null, Optional.empty());
    }
    return result(rule, mode, Outcome.FAIL, outcome.message().orElse(rule.message()), outcome.explanation());
  }

  private static RuleResult result(
      Rule rule, EnforcementMode mode, Outcome outcome, String message, Optional<Explanation> explanation) {
    return new RuleResult(rule.id(), rule.title(), rule.severity(), rule.category(), outcome, mode,
        rule.failurePolicy(), message == null ? Optional.empty() : Optional.of(Texts.truncate(message)), explanation,
        rule.remediation(), rule.references(), Optional.empty());
  }

  private RuleResult waive(RuleResult failing, Run run) {
    WaiverResolver.Resolution resolution =
        waivers.resolve(failing.ruleId(), run.manifest, run.context, run.now, run);
    run.warnings.addAll(resolution.warnings());
    if (resolution.waiver().isPresent()) {
      Waiver w = resolution.waiver().get();
      run.applied.add(new AppliedWaiver(w.id(), failing.ruleId(), w.ticket(), w.reason(), w.expiresAt()));
      return new RuleResult(failing.ruleId(), failing.title(), failing.severity(), failing.category(),
          Outcome.EXEMPTED, failing.mode(), failing.failurePolicy(), failing.message(), failing.explanation(),
          failing.remediation(), failing.references(), Optional.of(w.id()));
    }
    for (Waiver w : resolution.expired()) {
      if (run.warnedWaivers.add(w.id())) {
        run.warnings.add(WaiverResolver.expiredWarning(w, failing.ruleId()));
      }
    }
    return failing;
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + policy.id() + "@" + policy.version() + ", " + rules.length + " rules, "
        + (program == null ? "java" : "cel") + "]";
  }

  /** The state of one evaluation: its inputs, the activation (built when first needed) and what waivers did. */
  private final class Run implements WaiverResolver.ExpressionMatcher {
    final ModelManifest manifest;
    final EvaluationContext context;
    final Instant now;
    final long deadline;
    final PolicyInputs.ManifestFacts facts;
    final List<AppliedWaiver> applied = new ArrayList<>(0);
    final Set<String> warnings = new LinkedHashSet<>();
    final Set<String> warnedWaivers = new HashSet<>();
    private Map<String, Object> activation;
    private EvaluationContext javaContext;

    Run(ModelManifest manifest, EvaluationContext context, Instant now, long deadline,
        PolicyInputs.ManifestFacts facts) {
      this.manifest = manifest;
      this.context = context;
      this.now = now;
      this.deadline = deadline;
      this.facts = facts;
    }

    Map<String, Object> activation() {
      if (activation == null) {
        activation = PolicyInputs.activation(
            facts.tree(manifest, nullValue),
            PolicyInputs.contextMap(context, facts.digest()),
            PolicyInputs.mergeParams(params, context.params(), nullValue),
            now,
            context.admission().orElse(null),
            nullValue);
      }
      return activation;
    }

    /**
     * The context Java checks see: the caller's, with the policy's default parameters under its overrides, so a Java
     * rule reads {@code params} exactly as a CEL rule does. Built once per evaluation, only when a Java rule runs.
     */
    EvaluationContext javaContext() {
      if (javaContext == null) {
        Map<String, Object> defaults = policy.params();
        if (defaults.isEmpty() || context.params().keySet().containsAll(defaults.keySet())) {
          javaContext = context;
        } else {
          Map<String, Object> merged = new java.util.LinkedHashMap<>(defaults);
          merged.putAll(context.params());
          merged.values().removeIf(Objects::isNull);
          javaContext = context.toBuilder().params(merged).build();
        }
      }
      return javaContext;
    }

    @Override
    public boolean matches(Waiver waiver) throws CelEvaluationError {
      CelCondition condition = waiverConditions.get(waiver.id());
      if (condition == null) {
        throw new CelEvaluationError("waiver " + waiver.id() + " match.expression was not compiled");
      }
      return condition.test(activation(), deadline);
    }
  }
}
