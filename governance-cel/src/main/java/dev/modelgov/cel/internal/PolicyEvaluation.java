package dev.modelgov.cel.internal;

import dev.cel.runtime.CelVariableResolver;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.core.policy.spi.CelEvaluation;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation of a {@link CompiledPolicy} over one activation, on one thread: variables are evaluated lazily and
 * memoised, every expression runs under the evaluation's deadline, and a failed rule is re-run with a recording
 * listener to explain it. For internal use only; may change without notice.
 */
final class PolicyEvaluation implements CelEvaluation {

  private static final byte PENDING = 0;
  private static final byte RUNNING = 1;
  private static final byte DONE = 2;
  private static final byte FAILED = 3;

  private final CompiledPolicy program;
  private final Map<String, Object> activation;
  private final long deadlineNanos;
  private final Object[] values;
  private final String[] errors;
  private final byte[] states;
  private final CelVariableResolver withVariables;

  PolicyEvaluation(CompiledPolicy program, Map<String, Object> activation, long deadlineNanos) {
    this.program = program;
    this.activation = activation;
    this.deadlineNanos = deadlineNanos;
    int n = program.variableCount();
    this.values = new Object[n];
    this.errors = new String[n];
    this.states = new byte[n];
    this.withVariables = resolver(new LazyVariables(this, n));
  }

  CompiledPolicy program() {
    return program;
  }

  private CelVariableResolver resolver(LazyVariables variables) {
    return name -> CelEnvironment.VARIABLES.equals(name)
        ? Optional.of(variables)
        : Optional.ofNullable(activation.get(name));
  }

  /**
   * The value of variable {@code i}, evaluated on first use.
   *
   * @throws VariableFailure when it failed to evaluate
   */
  Object variable(int i) {
    switch (states[i]) {
      case DONE:
        return values[i];
      case FAILED:
        throw new VariableFailure(errors[i]);
      case RUNNING:
        // Not reachable: a variable sees only the ones declared before it.
        throw new VariableFailure("variables[" + program.variableName(i) + "]: refers to itself");
      default:
        break;
    }
    states[i] = RUNNING;
    CompiledExpression expr = program.variable(i);
    CompiledExpression.Result r = expr.run(resolver(new LazyVariables(this, i)), new DeadlineGuard(deadlineNanos));
    if (r.failed()) {
      states[i] = FAILED;
      errors[i] = r.error().startsWith("variables[") ? r.error() : expr.label() + ": " + r.error();
      throw new VariableFailure(errors[i]);
    }
    states[i] = DONE;
    values[i] = r.value();
    return values[i];
  }

  @Override
  public Optional<String> failedMatchCondition() throws CelEvaluationError {
    for (int i = 0; i < program.matchConditions().size(); i++) {
      CompiledExpression c = program.matchConditions().get(i);
      CompiledExpression.Result r = c.run(withVariables, new DeadlineGuard(deadlineNanos));
      if (r.failed()) {
        throw new CelEvaluationError(c.label() + ": " + r.error());
      }
      if (!(r.value() instanceof Boolean b)) {
        throw new CelEvaluationError(
            c.label() + ": expression yielded " + Values.typeName(r.value()) + ", expected bool");
      }
      if (!b) {
        return Optional.of(program.matchConditionName(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public CelRuleOutcome evaluate(String ruleId) {
    CompiledPolicy.Rule rule = program.rule(ruleId);
    if (rule == null) {
      return CelRuleOutcome.error("rule " + ruleId + " is not a CEL rule of the compiled policy");
    }
    CompiledExpression.Result r = rule.expression().run(withVariables, new DeadlineGuard(deadlineNanos));
    if (r.failed()) {
      return CelRuleOutcome.error(r.error());
    }
    if (!(r.value() instanceof Boolean passed)) {
      return CelRuleOutcome.error("expression yielded " + Values.typeName(r.value()) + ", expected bool");
    }
    if (passed) {
      return CelRuleOutcome.pass();
    }
    return CelRuleOutcome.fail(message(rule), explain(rule.expression()));
  }

  /** The message expression's value when it is a non-blank one-line string (else the engine uses the static one). */
  private Optional<String> message(CompiledPolicy.Rule rule) {
    if (rule.message().isEmpty()) {
      return Optional.empty();
    }
    CompiledExpression.Result r = rule.message().get().run(withVariables, new DeadlineGuard(deadlineNanos));
    if (!r.failed() && r.value() instanceof String s && !s.isBlank() && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  /** Re-runs the expression on the same activation (variables are memoised) while recording every node's value. */
  private Optional<Explanation> explain(CompiledExpression expr) {
    TraceRecorder trace = new TraceRecorder(deadlineNanos);
    CompiledExpression.Result r = expr.run(withVariables, trace);
    if (r.failed() || !Boolean.FALSE.equals(r.value())) {
      return Optional.empty();
    }
    try {
      return Explainer.explain(expr.ast().getExpr(), expr.text(), trace);
    } catch (RuntimeException e) {
      // An explanation is a courtesy; a surprise in building one must not turn a failure into an error.
      return Optional.empty();
    }
  }
}
