package dev.modelgov.cel.internal;

import dev.modelgov.core.policy.spi.CelEvaluation;
import dev.modelgov.core.policy.spi.CelProgram;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy's compiled CEL parts: match conditions, variables in declaration order, and each CEL rule's expression and
 * message expression. Immutable and thread-safe. For internal use only; may change without notice.
 */
final class CompiledPolicy implements CelProgram {

  /** A CEL rule's expression and optional message expression. */
  record Rule(CompiledExpression expression, Optional<CompiledExpression> message) {}

  private final List<CompiledExpression> matchConditions;
  private final List<String> matchConditionNames;
  private final List<CompiledExpression> variables;
  private final List<String> variableNames;
  private final Map<String, Integer> variableIndex;
  private final Map<String, Rule> rules;

  CompiledPolicy(
      List<String> matchConditionNames,
      List<CompiledExpression> matchConditions,
      List<String> variableNames,
      List<CompiledExpression> variables,
      Map<String, Rule> rules) {
    this.matchConditionNames = List.copyOf(matchConditionNames);
    this.matchConditions = List.copyOf(matchConditions);
    this.variableNames = List.copyOf(variableNames);
    this.variables = List.copyOf(variables);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < variableNames.size(); i++) {
      index.put(variableNames.get(i), i);
    }
    this.variableIndex = Map.copyOf(index);
    this.rules = Map.copyOf(rules);
  }

  @Override
  public CelEvaluation begin(Map<String, Object> activation, long deadlineNanos) {
    return new PolicyEvaluation(this, activation, deadlineNanos);
  }

  List<CompiledExpression> matchConditions() {
    return matchConditions;
  }

  String matchConditionName(int i) {
    return matchConditionNames.get(i);
  }

  int variableCount() {
    return variables.size();
  }

  CompiledExpression variable(int i) {
    return variables.get(i);
  }

  String variableName(int i) {
    return variableNames.get(i);
  }

  /** @return the variable's index, or -1 */
  int variableIndex(String name) {
    Integer i = variableIndex.get(name);
    return i == null ? -1 : i;
  }

  Rule rule(String ruleId) {
    return rules.get(ruleId);
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + matchConditions.size() + " match conditions, " + variables.size() + " variables, "
        + rules.size() + " CEL rules]";
  }
}
