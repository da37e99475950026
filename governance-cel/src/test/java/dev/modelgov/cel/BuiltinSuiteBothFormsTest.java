package dev.modelgov.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.policy.suite.CaseResult;
import dev.modelgov.core.policy.suite.PolicySuite;
import dev.modelgov.core.policy.suite.PolicySuiteRunner;
import dev.modelgov.core.policy.suite.SuiteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example suites run against every policy they name, with the CEL module on the class path: the built-in pack in
 * Java and in CEL passes and fails every rule on the same purpose-made manifests.
 */
class BuiltinSuiteBothFormsTest {

  @ParameterizedTest
  @ValueSource(strings = {"builtin.suite.yaml", "deploy-gate.suite.yaml"})
  void every_case_passes_against_every_policy_the_suite_names(String name) throws Exception {
    // GIVEN an example suite
    PolicySuite suite = PolicySuite.read(examples().resolve(name));
    // WHEN it runs with the CEL module available
    SuiteResult result = PolicySuiteRunner.builder().build().run(suite);
    // THEN nothing is skipped and every case passes for every policy
    assertThat(result.skipped()).isEmpty();
    assertThat(result.failures())
        .as(() -> result.failures().stream().map(CaseResult::toString).collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(result.results()).hasSize(suite.cases().size() * suite.policies().size());
    assertThat(result.passed()).isTrue();
  }

  private static Path examples() {
    Path dir = Path.of(System.getProperty("modelgov.root", "..")).resolve("examples/policies");
    assertThat(Files.isDirectory(dir)).as("examples/policies under %s", dir).isTrue();
    return dir;
  }
}
