package dev.modelgov.cel.internal;

import dev.cel.common.values.NullValue;
import dev.modelgov.api.policy.NamedExpression;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelCondition;
import dev.modelgov.core.policy.spi.CelProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cel-java ({@code dev.cel} 0.14.0) implementation of {@link CelBackend}, found through {@link
 * java.util.ServiceLoader}. The compiler and runtime are built once per iteration cap and shared by every policy;
 * compiled programs are thread-safe. The time budget is checked before every expression, and inside expressions with
 * comprehensions by a trace listener that reads the clock every {@value DeadlineGuard#STRIDE} nodes; the iteration cap
 * bounds comprehensions too. For internal use only; may change without notice.
 *
 * <pre>{@code
 * CelBackend cel = ServiceLoader.load(CelBackend.class).findFirst().orElseThrow();
 * CelProgram program = cel.compile(policy, "deploy-gate.yaml", PolicyLimits.defaults());
 * }</pre>
 */
public final class CelBackendImpl implements CelBackend {

  private final Map<Integer, CelEnvironment> environments = new ConcurrentHashMap<>();

  /** Creates the backend; {@link java.util.ServiceLoader} calls this. */
  public CelBackendImpl() {
    environment(PolicyLimits.defaults().comprehensionMaxIterations());
  }

  private CelEnvironment environment(int comprehensionMaxIterations) {
    return environments.computeIfAbsent(comprehensionMaxIterations, CelEnvironment::new);
  }

  @Override
  public CelProgram compile(Policy policy, String source, PolicyLimits limits) throws PolicyCompileException {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limits, "limits");
    String src = source == null ? policy.id() : source;
    if (policy.rules().size() > limits.maxRules()) {
      throw new PolicyCompileException(src, null, 0, 0, "policy has " + policy.rules().size()
          + " rules, more than the limit of " + limits.maxRules());
    }
    CelEnvironment env = environment(limits.comprehensionMaxIterations());
    int max = limits.maxExpressionLength();

    List<String> conditionNames = new ArrayList<>();
    List<CompiledExpression> conditions = new ArrayList<>();
    for (NamedExpression c : policy.matchConditions()) {
      String owner = "matchConditions[" + c.name() + "]";
      conditionNames.add(c.name());
      conditions.add(ExpressionCompiler.compile(
          env, src, owner, "", owner, c.expression(), ExpressionCompiler.Expect.BOOL, null, max));
    }

    List<String> variableNames = new ArrayList<>();
    List<CompiledExpression> variables = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    for (NamedExpression v : policy.variables()) {
      String owner = "variables[" + v.name() + "]";
      variables.add(ExpressionCompiler.compile(
          env, src, owner, "", owner, v.expression(), ExpressionCompiler.Expect.ANY, Set.copyOf(declared), max));
      variableNames.add(v.name());
      declared.add(v.name());
    }

    Map<String, CompiledPolicy.Rule> rules = new HashMap<>();
    for (Rule rule : policy.rules()) {
      if (!(rule.check() instanceof RuleCheck.Cel cel)) {
        continue;
      }
      CompiledExpression expression = ExpressionCompiler.compile(env, src, rule.id(), "", "rule " + rule.id(),
          cel.expression(), ExpressionCompiler.Expect.BOOL, declared, max);
      Optional<CompiledExpression> message = Optional.empty();
      if (cel.messageExpression().isPresent()) {
        message = Optional.of(ExpressionCompiler.compile(env, src, rule.id(), "messageExpression: ",
            "rule " + rule.id() + " messageExpression", cel.messageExpression().get(),
            ExpressionCompiler.Expect.STRING, declared, max));
      }
      rules.put(rule.id(), new CompiledPolicy.Rule(expression, message));
    }
    return new CompiledPolicy(conditionNames, conditions, variableNames, variables, rules);
  }

  @Override
  public CelCondition compileCondition(String name, String expression, PolicyLimits limits)
      throws PolicyCompileException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(limits, "limits");
    CelEnvironment env = environment(limits.comprehensionMaxIterations());
    return new CompiledCondition(ExpressionCompiler.compile(env, name, null, "", name, expression,
        ExpressionCompiler.Expect.BOOL, null, limits.maxExpressionLength()));
  }

  @Override
  public Object nullValue() {
    return NullValue.NULL_VALUE;
  }

  @Override
  public String toString() {
    return "CelBackend[cel-java 0.14.0, legacy runtime]";
  }
}
