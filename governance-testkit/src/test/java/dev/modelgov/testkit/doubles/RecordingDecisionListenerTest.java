package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.PolicyRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecordingDecisionListenerTest {

  private static final ModelRef MODEL = new ModelRef(new ModelId("risk", "credit-scoring"), "2.4.0",
      Digest.sha256(new byte[32]));

  private static Decision decision(String id, EnforcementPoint point) {
    return Decision.builder().decisionId(id).timestamp(Instant.parse("2026-03-01T12:00:00Z"))
        .policy(new PolicyRef("deploy-gate", "1", "sha256:" + "0".repeat(64))).model(MODEL).point(point).build();
  }

  @Test
  void records_decisions_in_arrival_order() {
    // GIVEN
    RecordingDecisionListener listener = new RecordingDecisionListener();
    // WHEN
    listener.onDecision(decision("d1", EnforcementPoint.PROMOTION));
    listener.onDecision(decision("d2", EnforcementPoint.RUNTIME));
    listener.onDecision(decision("d3", EnforcementPoint.RUNTIME));
    // THEN
    assertThat(listener.decisions()).extracting(Decision::decisionId).containsExactly("d1", "d2", "d3");
    assertThat(listener.last()).map(Decision::decisionId).contains("d3");
    assertThat(listener.decisionsFor(EnforcementPoint.RUNTIME)).extracting(Decision::decisionId)
        .containsExactly("d2", "d3");
    assertThat(listener.decisionsFor(EnforcementPoint.ADMISSION)).isEmpty();
  }

  @Test
  void clear_forgets_everything_and_snapshots_stay_unchanged() {
    // GIVEN
    RecordingDecisionListener listener = new RecordingDecisionListener();
    listener.onDecision(decision("d1", EnforcementPoint.CI));
    List<Decision> snapshot = listener.decisions();
    // WHEN
    listener.clear();
    // THEN
    assertThat(listener.decisions()).isEmpty();
    assertThat(listener.last()).isEmpty();
    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.add(decision("d2", EnforcementPoint.CI)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void null_is_refused() {
    RecordingDecisionListener listener = new RecordingDecisionListener();
    assertThatThrownBy(() -> listener.onDecision(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("decision");
  }

  @Test
  void concurrent_decisions_are_all_kept() throws Exception {
    // GIVEN 8 threads reporting 100 decisions each
    RecordingDecisionListener listener = new RecordingDecisionListener();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            listener.onDecision(decision(thread + "-" + i, EnforcementPoint.RUNTIME));
          }
        }));
      }
      // WHEN
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // THEN
    assertThat(listener.decisions()).hasSize(800).extracting(Decision::decisionId).doesNotHaveDuplicates();
  }
}
