package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.CLOCK;
import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static dev.modelgov.core.policy.PolicyFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.WaiverMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PolicyEngineConcurrencyTest {

  private static final int THREADS = 8;
  private static final int EVALUATIONS = 200;

  /** What must be equal between two evaluations of the same inputs (not the id or the time taken). */
  private record Essence(Object policy, Object model, Object effect, Object results, Object waivers, Object warnings) {
    static Essence of(Decision d) {
      return new Essence(d.policy(), d.model(), d.effect(), d.results(), d.waiversApplied(), d.warnings());
    }
  }

  @Test
  void eight_threads_sharing_one_compiled_policy_get_identical_decisions() throws Exception {
    // GIVEN one compiled policy mixing Java and CEL rules, a waiver, and two manifests
    FakeCelBackend cel = new FakeCelBackend();
    PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).celBackend(cel)
        .limits(PolicyLimits.defaults().withEvaluationBudget(Duration.ofSeconds(30))) // a busy machine is not a bug
        .waivers(WaiverResolver.builder().add(PolicyFixtures.waiver("WVR-C", NOW.plus(Duration.ofDays(2)),
            WaiverMatch.models("risk/*"), "model.card")).build())
        .build();
    CompiledPolicy policy = engine.compile(Policy.named("concurrent").version("1.0.0")
        .rule("model.owner").check(m -> m.owner().contact().isPresent()).message("no contact")
        .rule("model.card").check(m -> false)
        .rule("model.serving").cel("true")
        .rule("model.approvals").mode(EnforcementMode.WARN)
            .check(m -> m.lifecycle().approvals().size() >= 2)
            .messageFn(m -> "has " + m.lifecycle().approvals().size() + " approvals")
        .build());
    List<ModelManifest> manifests = List.of(creditScoring(), minimal());
    List<Essence> expected = new ArrayList<>();
    for (ModelManifest m : manifests) {
      expected.add(Essence.of(policy.evaluate(m, EvaluationContext.defaults())));
    }
    // WHEN eight threads evaluate both manifests concurrently
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Decision>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          start.await();
          List<Decision> out = new ArrayList<>();
          for (int i = 0; i < EVALUATIONS; i++) {
            out.add(policy.evaluate(manifests.get((i + offset) % 2), EvaluationContext.defaults()));
          }
          return out;
        }));
      }
      start.countDown();
      // THEN every decision equals the single-threaded one for its manifest, and every id is unique
      Set<String> ids = new HashSet<>();
      for (Future<List<Decision>> f : futures) {
        for (Decision d : f.get(60, TimeUnit.SECONDS)) {
          int index = d.model().id().toString().equals("risk/credit-scoring") ? 0 : 1;
          assertThat(Essence.of(d)).isEqualTo(expected.get(index));
          assertThat(ids.add(d.decisionId())).isTrue();
        }
      }
      assertThat(ids).hasSize(THREADS * EVALUATIONS);
    } finally {
      pool.shutdownNow();
    }
  }
}
