package dev.modelgov.cel.internal;

import dev.cel.runtime.CelVariableResolver;
import dev.modelgov.core.policy.spi.CelCondition;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import java.util.Map;
import java.util.Optional;

/** A compiled standalone bool expression (a waiver's match condition). For internal use only; may change without notice. */
final class CompiledCondition implements CelCondition {

  private final CompiledExpression expression;

  CompiledCondition(CompiledExpression expression) {
    this.expression = expression;
  }

  @Override
  public boolean test(Map<String, Object> activation, long deadlineNanos) throws CelEvaluationError {
    CelVariableResolver resolver = name -> Optional.ofNullable(activation.get(name));
    CompiledExpression.Result r = expression.run(resolver, new DeadlineGuard(deadlineNanos));
    if (r.failed()) {
      throw new CelEvaluationError(expression.label() + ": " + r.error());
    }
    if (!(r.value() instanceof Boolean b)) {
      throw new CelEvaluationError(
          expression.label() + ": expression yielded " + Values.typeName(r.value()) + ", expected bool");
    }
    return b;
  }

  @Override
  public String toString() {
    return "CelCondition[" + expression.label() + "]";
  }
}
