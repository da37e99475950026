package dev.modelgov.cel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelProgram;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Properties of evaluation and explanation over generated inputs. */
class CelBackendPropertyTest {

  private static final CelBackend CEL = new CelBackendImpl();

  private static Map<String, Object> activation(Map<String, Object> manifest) {
    return Map.of("manifest", manifest, "context", Map.of(), "params", Map.of(), "now", Instant.EPOCH);
  }

  private static CelRuleOutcome run(CelProgram program, Map<String, Object> manifest) {
    return program.begin(activation(manifest), System.nanoTime() + TimeUnit.SECONDS.toNanos(5)).evaluate("model.p");
  }

  @Test
  void an_int_and_a_double_compare_as_numbers() throws Exception {
    // GIVEN one program comparing an int field with a double field
    CelProgram program = CEL.compile(Policy.named("p").rule("model.p").cel("manifest.i < manifest.d").build(),
        "p", PolicyLimits.defaults());
    // WHEN / THEN for any int and double in range, CEL agrees with exact decimal comparison
    qt().withExamples(300)
        .forAll(integers().between(-1_000_000, 1_000_000), doubles().between(-1_000_000, 1_000_000))
        .checkAssert((i, d) -> {
          boolean expected = BigDecimal.valueOf((long) i).compareTo(new BigDecimal(d)) < 0;
          CelRuleOutcome o = run(program, Map.of("i", (long) i, "d", d));
          assertThat(o.error()).isEmpty();
          assertThat(o.passed()).as("%s < %s", i, d).isEqualTo(expected);
        });
  }

  @Test
  void the_explanation_names_the_first_false_conjunct_of_any_conjunction() {
    // GIVEN conjunctions "manifest.v0 >= t0 && manifest.v1 >= t1 && ..." over generated values and thresholds
    qt().withExamples(60)
        .forAll(lists().of(integers().between(0, 9)).ofSizeBetween(1, 7),
            lists().of(integers().between(0, 9)).ofSizeBetween(7, 7))
        .checkAssert((values, thresholds) -> {
          List<String> atoms = new ArrayList<>();
          Map<String, Object> manifest = new HashMap<>();
          int firstFalse = -1;
          for (int i = 0; i < values.size(); i++) {
            atoms.add("manifest.v" + i + " >= " + thresholds.get(i));
            manifest.put("v" + i, (long) values.get(i));
            if (firstFalse < 0 && values.get(i) < thresholds.get(i)) {
              firstFalse = i;
            }
          }
          CelProgram program;
          try {
            program = CEL.compile(Policy.named("p").rule("model.p").cel(String.join(" && ", atoms)).build(), "p",
                PolicyLimits.defaults());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          // WHEN evaluated
          CelRuleOutcome o = run(program, manifest);
          // THEN it passes exactly when every atom holds, else it names the first false atom and its value
          assertThat(o.error()).isEmpty();
          assertThat(o.passed()).isEqualTo(firstFalse < 0);
          if (firstFalse >= 0) {
            Explanation x = o.explanation().orElseThrow();
            assertThat(x.failedExpression()).isEqualTo(atoms.get(firstFalse));
            assertThat(x.values()).containsExactly(
                new ObservedValue("manifest.v" + firstFalse, Long.toString(values.get(firstFalse))));
          }
        });
  }

  @Test
  void rendered_values_stay_short() {
    // GIVEN strings and lists of any size WHEN rendered THEN the text never exceeds the bound
    qt().withExamples(200)
        .forAll(integers().between(0, 5_000))
        .checkAssert(n -> {
          assertThat(Values.render("x".repeat(n)).length()).isLessThanOrEqualTo(Values.MAX_RENDERED);
          List<Long> list = new ArrayList<>();
          for (long i = 0; i < n; i++) {
            list.add(i);
          }
          assertThat(Values.render(list).length()).isLessThanOrEqualTo(Values.MAX_RENDERED);
        });
  }
}
