package dev.modelgov.cel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelCondition;
import dev.modelgov.core.policy.spi.CelEvaluation;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import dev.modelgov.core.policy.spi.CelProgram;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Evaluation through the SPI with hand-built (already normalised) activations. */
class CelBackendEvaluationTest {

  private static final CelBackend CEL = new CelBackendImpl();
  private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

  private static Map<String, Object> approval(String approver) {
    return Map.of("approver", approver, "decision", "APPROVED");
  }

  /** A manifest in wire form with the given approvals. */
  private static Map<String, Object> manifest(int approvals) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", "risk/credit-scoring");
    m.put("version", "2.4.0");
    m.put("owner", Map.of("team", "credit-risk-ml", "contact", "credit-ml@bank.example"));
    m.put("risk", Map.of("class", "HIGH", "scheme", "EU-AI-ACT"));
    m.put("lifecycle", Map.of("stage", "PRODUCTION", "approvals",
        IntStream.range(0, approvals).mapToObj(i -> approval("a" + i + "@bank.example")).collect(Collectors.toList())));
    m.put("servingImage", "registry.bank.example/ml/credit-serve@sha256:5555");
    return m;
  }

  private static Map<String, Object> activation(Map<String, Object> manifest) {
    Map<String, Object> a = new HashMap<>();
    a.put("manifest", manifest);
    a.put("context", Map.of("point", "promotion", "environment", "prod"));
    a.put("params", Map.of("minApprovals", 2L));
    a.put("now", Instant.parse("2026-06-01T00:00:00Z"));
    return a;
  }

  private static CelEvaluation begin(Policy policy, Map<String, Object> activation) throws Exception {
    return CEL.compile(policy, policy.id(), PolicyLimits.defaults()).begin(activation, System.nanoTime() + ONE_SECOND);
  }

  private static CelRuleOutcome evaluate(String expression, Map<String, Object> activation) throws Exception {
    Policy p = Policy.named("gate").rule("model.rule").cel(expression).build();
    return begin(p, activation).evaluate("model.rule");
  }

  @Test
  void a_true_expression_passes() throws Exception {
    CelRuleOutcome o = evaluate("manifest.lifecycle.approvals.size() >= params.minApprovals", activation(manifest(2)));
    assertThat(o.passed()).isTrue();
    assertThat(o.error()).isEmpty();
  }

  @Test
  void a_failure_carries_the_message_expression_value() throws Exception {
    // GIVEN a rule with a message expression and a manifest with one approval
    Policy p = Policy.named("gate").rule("model.approvals")
        .cel("manifest.lifecycle.approvals.size() >= 2",
            "'model ' + manifest.id + ' has ' + string(manifest.lifecycle.approvals.size()) + ' approval(s)'")
        .build();
    // WHEN evaluated
    CelRuleOutcome o = begin(p, activation(manifest(1))).evaluate("model.approvals");
    // THEN it fails with the computed message
    assertThat(o.passed()).isFalse();
    assertThat(o.error()).isEmpty();
    assertThat(o.message()).contains("model risk/credit-scoring has 1 approval(s)");
  }

  @Test
  void a_multi_line_or_failing_message_expression_falls_back_to_the_static_message() throws Exception {
    Policy p = Policy.named("gate")
        .rule("model.a").cel("false", "'line one\\nline two'")
        .rule("model.b").cel("false", "manifest.nothing")
        .rule("model.c").cel("false", "'  '")
        .build();
    CelEvaluation e = begin(p, activation(manifest(0)));
    for (String id : List.of("model.a", "model.b", "model.c")) {
      CelRuleOutcome o = e.evaluate(id);
      assertThat(o.passed()).as(id).isFalse();
      assertThat(o.error()).as(id).isEmpty();
      assertThat(o.message()).as(id).isEmpty();
    }
  }

  @Test
  void the_explanation_names_the_failing_conjunct_and_its_values() throws Exception {
    // GIVEN an owner with a contact, and one approval where two are required
    CelRuleOutcome o = evaluate(
        "has(manifest.owner.contact) && manifest.lifecycle.approvals.size() >= 2", activation(manifest(1)));
    // THEN the explanation names the size check, and shows the size it saw
    assertThat(o.passed()).isFalse();
    Explanation x = o.explanation().orElseThrow();
    assertThat(x.failedExpression()).isEqualTo("manifest.lifecycle.approvals.size() >= 2");
    assertThat(x.values().get(0)).isEqualTo(new ObservedValue("manifest.lifecycle.approvals.size()", "1"));
    assertThat(x.values()).extracting(ObservedValue::expression).contains("manifest.lifecycle.approvals")
        .doesNotContain("manifest", "2");
  }

  @Test
  void the_explanation_follows_the_first_false_conjunct() throws Exception {
    // GIVEN an owner without a contact
    Map<String, Object> m = manifest(3);
    m.put("owner", Map.of("team", "credit-risk-ml"));
    CelRuleOutcome o = evaluate("has(manifest.owner.contact) && manifest.lifecycle.approvals.size() >= 2",
        activation(m));
    // THEN the has() conjunct is named
    assertThat(o.explanation().orElseThrow().failedExpression()).isEqualTo("has(manifest.owner.contact)");
  }

  @Test
  void the_explanation_names_the_failing_all_predicate_for_the_failing_element() throws Exception {
    // GIVEN two datasets, the second without a sha256 digest
    Map<String, Object> m = manifest(2);
    m.put("datasets", List.of(Map.of("name", "train", "digest", "sha256:11"), Map.of("name", "test", "digest", "md5:22")));
    // WHEN
    CelRuleOutcome o = evaluate(
        "has(manifest.datasets) && manifest.datasets.all(d, d.digest.startsWith('sha256:'))", activation(m));
    // THEN the predicate is named, with the values of the element that failed it
    Explanation x = o.explanation().orElseThrow();
    assertThat(x.failedExpression()).isEqualTo("d.digest.startsWith('sha256:')");
    assertThat(x.values()).contains(new ObservedValue("d.digest", "\"md5:22\""));
  }

  @Test
  void the_explanation_follows_the_branch_a_conditional_took() throws Exception {
    Policy p = Policy.named("gate")
        .variable("highRisk", "manifest.risk['class'] == 'HIGH'")
        .rule("model.a").cel("variables.highRisk ? manifest.lifecycle.approvals.size() >= 2 : true")
        .build();
    CelRuleOutcome o = begin(p, activation(manifest(0))).evaluate("model.a");
    Explanation x = o.explanation().orElseThrow();
    assertThat(x.failedExpression()).isEqualTo("manifest.lifecycle.approvals.size() >= 2");
    assertThat(x.values()).contains(new ObservedValue("manifest.lifecycle.approvals", "[]"));
  }

  @Test
  void a_missing_key_is_an_error_that_names_the_key_but_no_values() throws Exception {
    // GIVEN a manifest without owner that holds a value that must never be echoed
    Map<String, Object> m = manifest(2);
    m.remove("owner");
    m.put("secretNote", "do-not-leak-7731");
    // WHEN a rule reads the owner without has()
    CelRuleOutcome o = evaluate("manifest.owner.team == 'credit-risk-ml'", activation(m));
    // THEN it is an error at the select, naming the key only
    assertThat(o.passed()).isFalse();
    assertThat(o.error()).hasValueSatisfying(err -> assertThat(err)
        .startsWith("1:9: ")
        .contains("'owner'")
        .doesNotContain("do-not-leak-7731"));
  }

  @Test
  void a_non_bool_result_is_an_error() throws Exception {
    Map<String, Object> m = manifest(0);
    m.put("flag", "yes");
    assertThat(evaluate("manifest.flag", activation(m)).error()).contains("expression yielded string, expected bool");
  }

  @Test
  void a_missing_overload_at_run_time_is_an_error() throws Exception {
    // GIVEN a dyn string compared with an int, which only fails when it runs
    CelRuleOutcome o = evaluate("manifest.id > 1", activation(manifest(0)));
    assertThat(o.error()).hasValueSatisfying(err -> assertThat(err).startsWith("1:13: ").contains("overload"));
  }

  @Test
  void variables_are_memoised_per_evaluation_and_usable_in_rules() throws Exception {
    // GIVEN a manifest that counts reads of "risk", a variable over it and two rules that use it
    AtomicInteger reads = new AtomicInteger();
    Map<String, Object> m = new HashMap<>(manifest(2)) {
      private static final long serialVersionUID = 1L;

      @Override
      public Object get(Object key) {
        if ("risk".equals(key)) {
          reads.incrementAndGet();
        }
        return super.get(key);
      }
    };
    Policy p = Policy.named("gate")
        .variable("highRisk", "manifest.risk['class'] == 'HIGH'")
        .variable("needed", "variables.highRisk ? 2 : 0")
        .rule("model.a").cel("manifest.lifecycle.approvals.size() >= variables.needed")
        .rule("model.b").cel("!variables.highRisk")
        .build();
    // WHEN both rules are evaluated in one evaluation (the failing one also re-runs for its explanation)
    CelEvaluation e = begin(p, activation(m));
    CelRuleOutcome a = e.evaluate("model.a");
    CelRuleOutcome b = e.evaluate("model.b");
    // THEN the values are right, and the variable read the manifest once
    assertThat(a.passed()).isTrue();
    assertThat(b.passed()).isFalse();
    assertThat(b.explanation().orElseThrow().values()).contains(new ObservedValue("variables.highRisk", "true"));
    assertThat(reads.get()).isEqualTo(1);
  }

  @Test
  void a_failing_variable_errors_only_the_rules_that_use_it() throws Exception {
    Policy p = Policy.named("gate")
        .variable("contact", "manifest.maintainer.contact")
        .variable("length", "size(variables.contact)")
        .rule("model.a").cel("variables.contact != ''")
        .rule("model.b").cel("variables.length > 3")
        .rule("model.c").cel("has(manifest.owner)")
        .rule("model.d").cel("variables.contact == '' || true")
        .build();
    CelEvaluation e = begin(p, activation(manifest(0)));
    assertThat(e.evaluate("model.a").error()).hasValueSatisfying(err -> assertThat(err)
        .startsWith("variables[contact]: 1:9: ").contains("'maintainer'"));
    assertThat(e.evaluate("model.b").error()).hasValueSatisfying(err -> assertThat(err)
        .startsWith("variables[contact]: "));
    assertThat(e.evaluate("model.c").passed()).isTrue();
    // VAP semantics: an error on one side of || is absorbed by a true other side
    assertThat(e.evaluate("model.d").passed()).isTrue();
  }

  @Test
  void match_conditions_report_the_first_false_one_or_an_error() throws Exception {
    Policy p = Policy.named("gate")
        .matchCondition("governed", "has(manifest.id)")
        .matchCondition("production", "manifest.lifecycle.stage == 'PRODUCTION'")
        .rule("model.a").cel("true").build();
    Policy broken = Policy.named("gate").matchCondition("labelled", "manifest.labels.size() > 0")
        .rule("model.a").cel("true").build();
    Map<String, Object> staging = manifest(0);
    staging.put("lifecycle", Map.of("stage", "STAGING"));

    assertThat(begin(p, activation(manifest(0))).failedMatchCondition()).isEmpty();
    assertThat(begin(p, activation(staging)).failedMatchCondition()).contains("production");
    CelEvaluation e = begin(broken, activation(manifest(0)));
    assertThatThrownBy(e::failedMatchCondition)
        .isInstanceOf(CelEvaluationError.class)
        .hasMessageStartingWith("matchConditions[labelled]: 1:9: ")
        .hasMessageContaining("'labels'");
  }

  @Test
  void longs_and_doubles_compare_with_each_other() throws Exception {
    Map<String, Object> m = manifest(0);
    m.put("x", 3L);
    m.put("score", 0.9);
    assertThat(evaluate("manifest.x >= 2.5", activation(m)).passed()).isTrue();
    assertThat(evaluate("manifest.score >= 1", activation(m)).passed()).isFalse();
    assertThat(evaluate("manifest.x == 3.0", activation(m)).passed()).isTrue();
  }

  @Test
  void class_reads_as_a_field_and_as_a_key() throws Exception {
    assertThat(evaluate("manifest.risk.class == 'HIGH' && manifest.risk['class'] == 'HIGH'",
        activation(manifest(0))).passed()).isTrue();
  }

  @Test
  void has_on_absent_keys_is_false_not_an_error() throws Exception {
    Map<String, Object> m = manifest(0);
    m.put("owner", Map.of("team", "t"));
    CelRuleOutcome o = evaluate("has(manifest.owner.contact)", activation(m));
    assertThat(o.error()).isEmpty();
    assertThat(o.passed()).isFalse();
    assertThat(evaluate("!has(manifest.evaluation) && !has(manifest.owner.contact)", activation(m)).passed())
        .isTrue();
  }

  @Test
  void optional_fields_fall_back_to_their_default() throws Exception {
    Map<String, Object> m = manifest(0);
    m.remove("owner");
    assertThat(evaluate("manifest.?owner.?contact.orValue('none') == 'none'", activation(m)).passed()).isTrue();
    assertThat(evaluate("manifest.risk[?'class'].orValue('') == 'HIGH'", activation(m)).passed()).isTrue();
    assertThat(evaluate("manifest.?owner.hasValue()", activation(m)).passed()).isFalse();
  }

  @Test
  void null_values_compare_equal_to_null() throws Exception {
    Map<String, Object> m = manifest(0);
    m.put("supersedes", NullValue.NULL_VALUE);
    assertThat(evaluate("manifest.supersedes == null && has(manifest.supersedes)", activation(m)).passed()).isTrue();
  }

  @Test
  void now_is_a_timestamp() throws Exception {
    // GIVEN now = 2026-06-01
    Map<String, Object> a = activation(manifest(0));
    // THEN comparisons with timestamp literals work both ways
    assertThat(evaluate("now > timestamp('2026-01-01T00:00:00Z')", a).passed()).isTrue();
    CelRuleOutcome late = evaluate("now < timestamp('2026-01-01T00:00:00Z')", a);
    assertThat(late.passed()).isFalse();
    assertThat(late.explanation().orElseThrow().values())
        .contains(new ObservedValue("now", "timestamp(\"2026-06-01T00:00:00Z\")"));
    assertThat(evaluate("now - duration('24h') > timestamp('2026-05-31T00:00:00Z')", a).passed()).isFalse();
  }

  @Test
  @Timeout(60)
  void a_huge_nested_comprehension_ends_with_an_error() throws Exception {
    // GIVEN 100 x 100 x 100 iterations under the default cap of 10,000
    String hundred = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "[", "]"));
    String expression = hundred + ".all(a, " + hundred + ".all(b, " + hundred + ".all(c, a + b + c > 0)))";
    Policy p = Policy.named("gate").rule("model.huge").cel(expression).build();
    CelProgram program = CEL.compile(p, "gate", PolicyLimits.defaults());
    // WHEN evaluated with a budget long enough for the cap to act first
    CelRuleOutcome o = program.begin(activation(manifest(0)), System.nanoTime() + 20 * ONE_SECOND)
        .evaluate("model.huge");
    // THEN it returns the iteration-cap error instead of running on
    assertThat(o.passed()).isFalse();
    assertThat(o.error()).hasValueSatisfying(err -> assertThat(err).contains("Iteration budget exceeded: 10000"));
  }

  @Test
  @Timeout(30)
  void the_time_budget_stops_an_evaluation_the_iteration_cap_allows() throws Exception {
    // GIVEN an iteration cap too high to matter, 10^8 iterations and a 50 ms budget
    String hundred = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "[", "]"));
    String expression = hundred + ".all(a, " + hundred + ".all(b, " + hundred + ".all(c, " + hundred
        + ".all(d, a + b + c + d > 0))))";
    Policy p = Policy.named("gate").rule("model.slow").cel(expression).build();
    PolicyLimits limits = PolicyLimits.defaults().withComprehensionMaxIterations(Integer.MAX_VALUE);
    CelProgram program = CEL.compile(p, "gate", limits);
    // WHEN evaluated with the budget
    CelRuleOutcome o = program.begin(activation(manifest(0)), System.nanoTime() + Duration.ofMillis(50).toNanos())
        .evaluate("model.slow");
    // THEN it ends with the budget error
    assertThat(o.error()).contains("evaluation time budget exceeded");
  }

  @Test
  void an_expired_budget_errors_match_conditions_and_rules() throws Exception {
    Policy p = Policy.named("gate").matchCondition("m", "true").rule("model.a").cel("true").build();
    CelEvaluation e = CEL.compile(p, "gate", PolicyLimits.defaults()).begin(activation(manifest(0)), System.nanoTime());
    assertThatThrownBy(e::failedMatchCondition).hasMessage("matchConditions[m]: evaluation time budget exceeded");
    assertThat(e.evaluate("model.a").error()).contains("evaluation time budget exceeded");
  }

  @Test
  void an_unknown_rule_id_is_an_error_outcome_not_an_exception() throws Exception {
    Policy p = Policy.named("gate").rule("model.a").cel("true").build();
    assertThat(begin(p, activation(manifest(0))).evaluate("model.zzz").error()).isPresent();
  }

  @Test
  void a_waiver_condition_is_tested_against_the_activation() throws Exception {
    CelCondition c = CEL.compileCondition("waiver WVR-1 match.expression",
        "manifest.id.startsWith('risk/') && context.environment == 'prod'", PolicyLimits.defaults());
    CelCondition broken = CEL.compileCondition("waiver WVR-2 match.expression", "manifest.labels.team == 'x'",
        PolicyLimits.defaults());
    Map<String, Object> a = activation(manifest(0));
    assertThat(c.test(a, System.nanoTime() + ONE_SECOND)).isTrue();
    a.put("context", Map.of("environment", "dev"));
    assertThat(c.test(a, System.nanoTime() + ONE_SECOND)).isFalse();
    assertThatThrownBy(() -> broken.test(a, System.nanoTime() + ONE_SECOND))
        .isInstanceOf(CelEvaluationError.class)
        .hasMessageStartingWith("waiver WVR-2 match.expression: 1:9:");
  }

  @Test
  @Timeout(60)
  void eight_threads_share_one_program() throws Exception {
    // GIVEN one compiled program with a variable, a message expression and an explanation path
    Policy p = Policy.named("gate")
        .variable("count", "manifest.lifecycle.approvals.size()")
        .rule("model.approvals").cel("variables.count >= params.minApprovals",
            "'has ' + string(variables.count)")
        .build();
    CelProgram program = CEL.compile(p, "gate", PolicyLimits.defaults());
    List<Map<String, Object>> activations = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      activations.add(activation(manifest(i)));
    }
    // WHEN 8 threads evaluate 2,000 times each
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      tasks.add(() -> {
        int wrong = 0;
        for (int i = 0; i < 2_000; i++) {
          int approvals = (i + seed) % 4;
          CelRuleOutcome o = program.begin(activations.get(approvals), System.nanoTime() + 10 * ONE_SECOND)
              .evaluate("model.approvals");
          boolean expected = approvals >= 2;
          boolean right = o.error().isEmpty() && o.passed() == expected
              && (expected || o.message().equals(Optional.of("has " + approvals)));
          if (!right) {
            wrong++;
          }
        }
        return wrong;
      });
    }
    int wrong = 0;
    try {
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        wrong += f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // THEN every result is right
    assertThat(wrong).isZero();
  }
}
