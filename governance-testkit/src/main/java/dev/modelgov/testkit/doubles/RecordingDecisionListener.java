package dev.modelgov.testkit.doubles;

import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.core.policy.DecisionListener;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DecisionListener} that remembers every decision, for assertions on what the {@code Governance} facade and
 * its gates decided.
 *
 * <pre>{@code
 * RecordingDecisionListener decisions = new RecordingDecisionListener();
 * Governance governance = Governance.builder().demoMode().decisionListener(decisions).build();
 * governance.gate(manifest).check();
 * assertThat(decisions.last()).hasValueSatisfying(d -> assertThat(d.allowed()).isFalse());
 * assertThat(decisions.decisionsFor(EnforcementPoint.RUNTIME)).isEmpty();
 * }</pre>
 *
 * <p>Thread-safe: decisions may arrive from any thread and are kept in arrival order.
 */
public final class RecordingDecisionListener implements DecisionListener {

  private final List<Decision> decisions = new CopyOnWriteArrayList<>();

  /** Creates a listener that has recorded nothing. */
  public RecordingDecisionListener() {}

  /**
   * Records the decision.
   *
   * @param decision the decision, must not be {@code null}
   */
  @Override
  public void onDecision(Decision decision) {
    decisions.add(Objects.requireNonNull(decision, "decision must not be null"));
  }

  /**
   * @return every decision recorded, in arrival order; an unmodifiable snapshot
   */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /**
   * @return the decision recorded last, or empty if none was
   */
  public Optional<Decision> last() {
    List<Decision> snapshot = decisions();
    return snapshot.isEmpty() ? Optional.empty() : Optional.of(snapshot.get(snapshot.size() - 1));
  }

  /**
   * @param point an enforcement point, must not be {@code null}
   * @return the decisions made at that point, in arrival order
   */
  public List<Decision> decisionsFor(EnforcementPoint point) {
    Objects.requireNonNull(point, "point must not be null");
    return decisions.stream().filter(d -> d.point() == point).toList();
  }

  /** Forgets every decision recorded so far. */
  public void clear() {
    decisions.clear();
  }

  @Override
  public String toString() {
    return "RecordingDecisionListener[" + decisions.size() + " decisions]";
  }
}
