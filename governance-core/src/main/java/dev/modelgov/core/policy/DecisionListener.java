package dev.modelgov.core.policy;

import dev.modelgov.api.policy.Decision;

/**
 * Told of every decision the {@code Governance} facade and its {@code ModelGate}s make (startup gate, explicit
 * evaluations and runtime re-checks), after the decision is audited. Listeners run on the deciding thread and must be
 * quick; an exception thrown by a listener is swallowed so that it cannot change a decision.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Governance governance = Governance.builder()
 *     .decisionListener(d -> log.info("{} {} {}", d.model(), d.point(), d.effect()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface DecisionListener {

  /**
   * @param decision the decision, never {@code null}
   */
  void onDecision(Decision decision);
}
