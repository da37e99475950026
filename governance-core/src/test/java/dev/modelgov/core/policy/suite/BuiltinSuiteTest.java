package dev.modelgov.core.policy.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs examples/policies/builtin.suite.yaml against the Java built-in pack: every case must pass. */
class BuiltinSuiteTest {

  private static final Path SUITE = TestFiles.root().resolve("examples/policies/builtin.suite.yaml");

  @Test
  void every_case_of_the_builtin_suite_passes_against_the_java_pack() throws Exception {
    // GIVEN the example suite, which lists builtin and builtin-cel
    PolicySuite suite = PolicySuite.read(SUITE);
    // WHEN it runs in core, where governance-cel is not on the class path
    SuiteResult result = PolicySuiteRunner.builder().build().run(suite);
    // THEN every case passed against builtin
    assertThat(result.failures()).as(() -> describe(result)).isEmpty();
    assertThat(result.results()).hasSize(suite.cases().size())
        .allSatisfy(r -> assertThat(r.policy()).isEqualTo(PolicySources.BUILTIN));
    // AND builtin-cel was skipped, with the reason, never silently passed (governance-cel runs it in its own tests)
    assertThat(result.skipped()).singleElement().satisfies(s -> {
      assertThat(s.policy()).isEqualTo(PolicySources.BUILTIN_CEL);
      assertThat(s.reason()).contains("governance-cel");
    });
    assertThat(result.passed()).isFalse();
  }

  private static String describe(SuiteResult result) {
    StringBuilder s = new StringBuilder();
    for (CaseResult r : result.failures()) {
      s.append('\n').append(r.policy()).append(" / ").append(r.caseName()).append(": ").append(r.mismatches());
    }
    return s.toString();
  }
}
