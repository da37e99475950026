package dev.modelgov.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Applicability;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.core.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of a governance {@link Rule}, as abstract JUnit Jupiter tests: extend it with your rule, a manifest it
 * passes and one it fails, and the kit evaluates the rule through a one-rule {@link Policy} in a {@link PolicyEngine}
 * the way the deploy gate does.
 *
 * <p>The kit checks that the rule passes and fails as expected (a failure is {@link Outcome#FAIL} with a message, never
 * an {@link Outcome#ERROR} from a check that threw), that it is deterministic on repeat and on 8 threads, that its id
 * is valid, and, when it declares an {@link Applicability}, that it is {@link Outcome#NOT_APPLICABLE} outside it.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * class ModelCardRuleContractTest extends RuleContract {
 *   protected Rule rule() { return MyRules.modelCardLinked(); }
 *   protected ModelManifest passingManifest() { return Fixtures.withModelCard(); }
 *   protected ModelManifest failingManifest() { return Fixtures.withoutModelCard(); }
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // JUnit Jupiter is optional: only users who extend the kits need it.
public abstract class RuleContract {

  private static final int REPEATS = 25;
  private static final int THREADS = 8;
  private static final String ELSEWHERE = "rule-contract-elsewhere";

  /** For subclasses. */
  protected RuleContract() {}

  /**
   * @return the rule under test; may be a new instance on each call
   */
  protected abstract Rule rule();

  /**
   * @return a manifest the rule passes in {@link #context()}
   */
  protected abstract ModelManifest passingManifest();

  /**
   * @return a manifest the rule fails in {@link #context()}
   */
  protected abstract ModelManifest failingManifest();

  /**
   * The context of every evaluation but the not-applicable one.
   *
   * @return {@link EnforcementPoint#PROMOTION} by default
   */
  protected EvaluationContext context() {
    return EvaluationContext.at(EnforcementPoint.PROMOTION);
  }

  /**
   * The engine the rule is evaluated in.
   *
   * @return a default engine, by default; override to add a clock, limits or a CEL backend
   */
  protected PolicyEngine engine() {
    return PolicyEngine.builder().build();
  }

  /** One rule, its one-rule policy and an engine, evaluated together. */
  private final class Harness {
    final Rule rule = rule();
    final Policy policy = Policy.named("rule-contract").version("1").description("the rule under test")
        .add(rule).build();
    final PolicyEngine engine = engine();

    RuleResult evaluate(ModelManifest manifest, EvaluationContext context) throws Exception {
      Decision decision = engine.evaluate(policy, manifest, context);
      Optional<RuleResult> result = decision.result(rule.id());
      assertThat(result).as("the decision's result of rule %s", rule.id()).isPresent();
      return result.get();
    }
  }

  private static String describe(RuleResult r) {
    return r.outcome() + r.message().map(m -> ": " + m).orElse("");
  }

  /**
   * The rule passes on the passing manifest.
   *
   * @throws Exception if the policy does not compile
   */
  @Test
  @DisplayName("passes on the passing manifest")
  public void passes_on_the_passing_manifest() throws Exception {
    // GIVEN
    Harness h = new Harness();
    // WHEN
    RuleResult r = h.evaluate(passingManifest(), context());
    // THEN
    assertThat(r.outcome()).as("outcome of %s on the passing manifest (%s)", h.rule.id(), describe(r))
        .isEqualTo(Outcome.PASS);
  }

  /**
   * The rule fails (FAIL, not ERROR) with a message on the failing manifest.
   *
   * @throws Exception if the policy does not compile
   */
  @Test
  @DisplayName("fails with FAIL, not ERROR, and a message on the failing manifest")
  public void fails_with_a_message_on_the_failing_manifest() throws Exception {
    // GIVEN
    Harness h = new Harness();
    // WHEN
    RuleResult r = h.evaluate(failingManifest(), context());
    // THEN
    assertThat(r.outcome()).as("outcome of %s on the failing manifest (%s)", h.rule.id(), describe(r))
        .isEqualTo(Outcome.FAIL);
    assertThat(r.message()).as("failure message of %s", h.rule.id()).hasValueSatisfying(
        m -> assertThat(m).isNotBlank());
  }

  /**
   * Repeated evaluations give the same outcome and message.
   *
   * @throws Exception if the policy does not compile
   */
  @Test
  @DisplayName("is deterministic: the same outcome and message on every repeat")
  public void is_deterministic_on_repeat() throws Exception {
    // GIVEN
    Harness h = new Harness();
    for (ModelManifest m : List.of(passingManifest(), failingManifest())) {
      String first = describe(h.evaluate(m, context()));
      // WHEN
      List<String> repeats = new ArrayList<>();
      for (int i = 0; i < REPEATS; i++) {
        repeats.add(describe(h.evaluate(m, context())));
      }
      // THEN
      assertThat(repeats).as("%s results of %s after a first %s", REPEATS, h.rule.id(), first)
          .containsOnly(first);
    }
  }

  /**
   * Concurrent evaluations on 8 threads give the expected outcome every time.
   *
   * @throws Exception if the policy does not compile or a thread fails
   */
  @Test
  @DisplayName("gives the same outcomes on 8 threads concurrently")
  public void is_deterministic_on_8_threads() throws Exception {
    // GIVEN 8 threads evaluating both manifests, released together
    Harness h = new Harness();
    ModelManifest passing = passingManifest();
    ModelManifest failing = failingManifest();
    EvaluationContext context = context();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Outcome[]>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          List<Outcome[]> mine = new ArrayList<>();
          for (int i = 0; i < REPEATS; i++) {
            mine.add(new Outcome[] {h.evaluate(passing, context).outcome(), h.evaluate(failing, context).outcome()});
          }
          return mine;
        }));
      }
      // WHEN
      start.countDown();
      List<Outcome> onPassing = new ArrayList<>();
      List<Outcome> onFailing = new ArrayList<>();
      for (Future<List<Outcome[]>> f : futures) {
        for (Outcome[] pair : f.get(60, TimeUnit.SECONDS)) {
          onPassing.add(pair[0]);
          onFailing.add(pair[1]);
        }
      }
      // THEN
      assertThat(onPassing).as("concurrent outcomes of %s on the passing manifest", h.rule.id())
          .hasSize(THREADS * REPEATS).containsOnly(Outcome.PASS);
      assertThat(onFailing).as("concurrent outcomes of %s on the failing manifest", h.rule.id())
          .hasSize(THREADS * REPEATS).containsOnly(Outcome.FAIL);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The rule id is valid for the engine and the same on every call to {@link #rule()}. */
  @Test
  @DisplayName("has a stable id that matches the engine's rule id pattern")
  public void has_a_valid_stable_id() {
    // GIVEN / WHEN
    String id = rule().id();
    // THEN
    assertThat(Rule.isValidId(id)).as("Rule.isValidId(\"%s\")", id).isTrue();
    assertThat(rule().id()).as("id of a second rule()").isEqualTo(id);
  }

  /**
   * A rule that declares where it applies is NOT_APPLICABLE elsewhere: at another enforcement point, in another
   * environment, at another lifecycle stage or for another risk class, whichever it restricts first.
   *
   * @throws Exception if the policy does not compile
   */
  @Test
  @DisplayName("is NOT_APPLICABLE outside its declared applicability")
  public void is_not_applicable_outside_its_applicability() throws Exception {
    // GIVEN a manifest and context outside the rule's applicability, if it declares one
    Harness h = new Harness();
    Applicability a = h.rule.applicability();
    assumeTrue(!a.equals(Applicability.always()), "the rule applies everywhere");
    Optional<Elsewhere> elsewhere = elsewhere(a, passingManifest(), context());
    assumeTrue(elsewhere.isPresent(), "no manifest or context outside the rule's applicability can be derived");
    // WHEN
    RuleResult r = h.evaluate(elsewhere.get().manifest(), elsewhere.get().context());
    // THEN
    assertThat(r.outcome()).as("outcome of %s %s (%s)", h.rule.id(), elsewhere.get().where(), describe(r))
        .isEqualTo(Outcome.NOT_APPLICABLE);
  }

  private record Elsewhere(ModelManifest manifest, EvaluationContext context, String where) {}

  private static Optional<Elsewhere> elsewhere(Applicability a, ModelManifest m, EvaluationContext c) {
    if (!a.points().isEmpty()) {
      for (EnforcementPoint p : EnforcementPoint.values()) {
        if (!a.points().contains(p)) {
          return Optional.of(new Elsewhere(m, c.toBuilder().point(p).build(), "at point " + p));
        }
      }
    }
    if (!a.environments().isEmpty() && !a.environments().contains(ELSEWHERE)) {
      return Optional.of(new Elsewhere(m, c.toBuilder().environment(ELSEWHERE).build(),
          "in environment " + ELSEWHERE));
    }
    if (!a.stages().isEmpty()) {
      Lifecycle l = m.lifecycle();
      for (LifecycleStage s : LifecycleStage.values()) {
        if (!a.stages().contains(s)) {
          Optional<ModelManifest> moved = tryBuild(() -> m.toBuilder()
              .lifecycle(new Lifecycle(s, l.aliases(), l.approvals(), l.monitoringPlan(), l.supersedes(),
                  l.createdAt()))
              .build());
          if (moved.isPresent()) {
            return Optional.of(new Elsewhere(moved.get(), c, "at stage " + s));
          }
        }
      }
    }
    if (!a.riskClasses().isEmpty()) {
      RiskAssessment r = m.risk();
      for (RiskClass rc : RiskClass.values()) {
        if (!a.riskClasses().contains(rc)) {
          Optional<ModelManifest> moved = tryBuild(() -> m.toBuilder()
              .risk(new RiskAssessment(rc, r.scheme(), r.regulatoryContext(), r.standards(), r.personalData(),
                  r.risks()))
              .build());
          if (moved.isPresent()) {
            return Optional.of(new Elsewhere(moved.get(), c, "for risk class " + rc));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<ModelManifest> tryBuild(java.util.function.Supplier<ModelManifest> build) {
    try {
      return Optional.of(build.get());
    } catch (RuntimeException e) {
      return Optional.empty(); // the manifest builder refuses this combination; try the next value
    }
  }
}
