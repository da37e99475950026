package dev.modelgov.core.policy;

import dev.modelgov.api.policy.NamedExpression;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelCondition;
import dev.modelgov.core.policy.spi.CelEvaluation;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import dev.modelgov.core.policy.spi.CelProgram;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A CEL backend for tests that understands three literal expressions: {@code true}, {@code false} and {@code
 * error:<text>}. A rule's outcome can instead be scripted by rule id, and a condition's by its source text. It counts
 * activations and keeps the last one, its deadline, and every limits it compiled under.
 */
final class FakeCelBackend implements CelBackend {

  /** The object that stands for JSON null. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "NULL_VALUE";
    }
  };

  final AtomicInteger compiles = new AtomicInteger();
  final AtomicInteger conditionCompiles = new AtomicInteger();
  final AtomicInteger activations = new AtomicInteger();
  final AtomicReference<Map<String, Object>> lastActivation = new AtomicReference<>();
  final AtomicLong lastDeadline = new AtomicLong();
  final List<PolicyLimits> limitsSeen = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Map<String, Object>, CelRuleOutcome>> scripted = new ConcurrentHashMap<>();
  private final Map<String, Function<Map<String, Object>, Boolean>> conditions = new ConcurrentHashMap<>();

  /**
   * Scripts a rule's outcome.
   *
   * @param ruleId the rule
   * @param outcome computes the outcome from the activation
   * @return this backend
   */
  FakeCelBackend rule(String ruleId, Function<Map<String, Object>, CelRuleOutcome> outcome) {
    scripted.put(ruleId, outcome);
    return this;
  }

  /**
   * Scripts a condition by its source text.
   *
   * @param expression the source text
   * @param value computes its value from the activation
   * @return this backend
   */
  FakeCelBackend condition(String expression, Function<Map<String, Object>, Boolean> value) {
    conditions.put(expression, value);
    return this;
  }

  /** @return the last activation an evaluation began with */
  Map<String, Object> lastActivation() {
    return lastActivation.get();
  }

  private void seen(Map<String, Object> activation, long deadline) {
    activations.incrementAndGet();
    lastActivation.set(activation);
    lastDeadline.set(deadline);
  }

  @Override
  public CelProgram compile(Policy policy, String source, PolicyLimits limits) throws PolicyCompileException {
    compiles.incrementAndGet();
    limitsSeen.add(limits);
    for (Rule r : policy.rules()) {
      if (r.check() instanceof RuleCheck.Cel cel && cel.expression().equals("does-not-compile")) {
        throw new PolicyCompileException(source, r.id(), 1, 1, "undeclared reference");
      }
    }
    List<NamedExpression> matchConditions = new ArrayList<>(policy.matchConditions());
    Map<String, String> expressions = new ConcurrentHashMap<>();
    for (Rule r : policy.rules()) {
      if (r.check() instanceof RuleCheck.Cel cel) {
        expressions.put(r.id(), cel.expression());
      }
    }
    return (activation, deadline) -> {
      seen(activation, deadline);
      return new CelEvaluation() {
        @Override
        public Optional<String> failedMatchCondition() throws CelEvaluationError {
          for (NamedExpression c : matchConditions) {
            if (!test(c.expression(), activation)) {
              return Optional.of(c.name());
            }
          }
          return Optional.empty();
        }

        @Override
        public CelRuleOutcome evaluate(String ruleId) {
          Function<Map<String, Object>, CelRuleOutcome> script = scripted.get(ruleId);
          if (script != null) {
            return script.apply(activation);
          }
          String expression = expressions.get(ruleId);
          try {
            return test(expression, activation) ? CelRuleOutcome.pass()
                : CelRuleOutcome.fail(Optional.empty(), Optional.empty());
          } catch (CelEvaluationError e) {
            return CelRuleOutcome.error(e.getMessage());
          }
        }
      };
    };
  }

  @Override
  public CelCondition compileCondition(String name, String expression, PolicyLimits limits)
      throws PolicyCompileException {
    conditionCompiles.incrementAndGet();
    if (expression.equals("does-not-compile")) {
      throw new PolicyCompileException(name, null, 1, 1, "undeclared reference");
    }
    return (activation, deadline) -> {
      seen(activation, deadline);
      return test(expression, activation);
    };
  }

  private boolean test(String expression, Map<String, Object> activation) throws CelEvaluationError {
    Function<Map<String, Object>, Boolean> script = conditions.get(expression);
    if (script != null) {
      return script.apply(activation);
    }
    if (expression.equals("true")) {
      return true;
    }
    if (expression.equals("false")) {
      return false;
    }
    if (expression.startsWith("error:")) {
      throw new CelEvaluationError(expression.substring("error:".length()));
    }
    throw new CelEvaluationError("the fake backend does not understand " + expression);
  }

  @Override
  public Object nullValue() {
    return NULL;
  }
}
