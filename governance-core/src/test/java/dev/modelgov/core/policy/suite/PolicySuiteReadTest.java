package dev.modelgov.core.policy.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.policy.PolicyLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading suites: defaults applied, files resolved, and every malformed suite refused with its file, case and path. */
class PolicySuiteReadTest {

  @TempDir Path tmp;

  private SuiteFiles files;

  @BeforeEach
  void setUp() {
    files = new SuiteFiles(tmp);
  }

  @Test
  void the_example_suite_reads_with_its_defaults_applied() throws Exception {
    // WHEN the example suite is read
    PolicySuite suite = PolicySuite.read(TestFiles.root().resolve("examples/policies/builtin.suite.yaml"));
    // THEN it lists both packs, and its cases carry the defaults and their own expectations
    assertThat(suite.name()).isEqualTo("builtin-rules");
    assertThat(suite.policies()).containsExactly("builtin", "builtin-cel");
    SuiteCase first = suite.cases().get(0);
    assertThat(first.expectation().effect()).contains(Effect.ALLOW);
    assertThat(first.expectation().rules()).hasSize(21);
    assertThat(first.context().get("point").asText()).isEqualTo("promotion");
    assertThat(first.context().at("/provenance/signedManifestDigest").asText()).isEqualTo("self");
    SuiteCase noImage = suite.cases().get(1);
    assertThat(noImage.manifest().has("servingImage")).isFalse();
    assertThat(noImage.expectation().rules().get("model.image.digest").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(suite.cases()).anySatisfy(c -> assertThat(c.waivers().waivers()).hasSize(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "unknown case field    | cases:\\n  - {name: a, expected: {effect: DENY}}"
        + "                  | case \"a\": cases[0].expected: unknown field; expected one of",
    "unknown effect        | cases:\\n  - {name: a, expect: {effect: DENIED}}"
        + "                  | case \"a\": cases[0].expect.effect: unknown effect 'DENIED'; expected one of ALLOW",
    "unknown outcome       | cases:\\n  - {name: a, expect: {rules: {model.owner: FAILED}}}"
        + "                  | cases[0].expect.rules.model.owner: unknown outcome 'FAILED'",
    "bad regex             | cases:\\n  - {name: a, expect: {rules: {model.owner: {outcome: FAIL, message: \"(\"}}}}"
        + "                  | cases[0].expect.rules.model.owner.message: is not a valid regular expression",
    "missing expect        | cases:\\n  - {name: a}"
        + "                  | case \"a\": cases[0].expect: is required",
    "empty expect          | cases:\\n  - {name: a, expect: {}}"
        + "                  | cases[0].expect: states nothing",
    "duplicate case name   | cases:\\n  - {name: a, expect: {effect: DENY}}\\n  - {name: a, expect: {effect: DENY}}"
        + "                  | cases[1].name: case name \"a\" is used twice",
    "missing manifest file | cases:\\n  - {name: a, manifest: nowhere.yaml, expect: {effect: DENY}}"
        + "                  | cases[0].manifest: nowhere.yaml: no such file",
    "patch not an object   | cases:\\n  - {name: a, patch: [1], expect: {effect: DENY}}"
        + "                  | cases[0].patch: expected a merge patch (an object), got a list",
    "bad context type      | cases:\\n  - {name: a, context: {deployedImages: yes}, expect: {effect: DENY}}"
        + "                  | cases[0].context.deployedImages: expected a list, got a boolean",
    "bad point             | cases:\\n  - {name: a, point: gate, expect: {effect: DENY}}"
        + "                  | cases[0].point: unknown enforcement point 'gate'",
    "bad now               | cases:\\n  - {name: a, now: tomorrow, expect: {effect: DENY}}"
        + "                  | cases[0].now: expected an RFC 3339 timestamp",
    "no cases              | cases: []"
        + "                  | cases: must list at least one case",
    "bad inline waiver     | cases:\\n  - {name: a, waivers: [{id: W}], expect: {effect: DENY}}"
        + "                  | cases[0].waivers[0]",
    "duplicate key         | cases:\\n  - {name: a, name: b, expect: {effect: DENY}}"
        + "                  | uplicate"
  })
  void a_malformed_suite_is_refused_naming_the_case_and_the_path(String what, String cases, String expected) {
    // GIVEN a suite with one mistake
    Path suite = files.suite(cases.replace("\\n", "\n") + "\n");
    // WHEN it is read THEN the error names the file, the case and the field path
    assertThatThrownBy(() -> PolicySuite.read(suite))
        .as(what)
        .isInstanceOf(PolicyDocumentException.class)
        .hasMessageStartingWith(suite.toString())
        .hasMessageContaining(expected);
  }

  @Test
  void the_header_must_name_the_suite_kind_and_a_policy() {
    // GIVEN suites with a wrong kind, no policies, and no metadata
    Path wrongKind = files.write("a.yaml", SuiteFiles.HEAD.replace("kind: PolicySuite", "kind: Suite")
        + "cases: [{name: a, expect: {effect: DENY}}]\n");
    Path noPolicies = files.write("b.yaml", SuiteFiles.HEAD.replace("policies: [builtin]", "policies: []")
        + "cases: [{name: a, expect: {effect: DENY}}]\n");
    Path noMetadata = files.write("c.yaml", SuiteFiles.HEAD.replace("metadata: {name: test-suite}\n", "")
        + "cases: [{name: a, expect: {effect: DENY}}]\n");
    // THEN each is refused at its field
    assertThatThrownBy(() -> PolicySuite.read(wrongKind)).hasMessageEndingWith("kind: must be PolicySuite");
    assertThatThrownBy(() -> PolicySuite.read(noPolicies)).hasMessageContaining("policies: must list at least one");
    assertThatThrownBy(() -> PolicySuite.read(noMetadata)).hasMessageContaining("metadata: is required");
  }

  @Test
  void a_suite_over_the_size_limit_is_refused_before_it_is_parsed() {
    // GIVEN limits of 1 KiB and a 2 KiB suite
    PolicyLimits limits = new PolicyLimits(Duration.ofMillis(100), 10, 10, 10, 1024);
    byte[] big = (SuiteFiles.HEAD + "# " + "x".repeat(2048) + "\n").getBytes(StandardCharsets.UTF_8);
    // WHEN it is parsed THEN the limit is named
    assertThatThrownBy(() -> PolicySuite.parse(big, tmp.resolve("big.suite.yaml"), limits))
        .isInstanceOf(PolicyDocumentException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  @Test
  void a_suite_nested_too_deeply_is_refused() {
    // GIVEN a case whose params nest 100 levels deep
    String deep = "{a: ".repeat(100) + "1" + "}".repeat(100);
    Path suite = files.suite("cases:\n  - {name: a, params: " + deep + ", expect: {effect: DENY}}\n");
    // WHEN it is read THEN the depth limit is named
    assertThatThrownBy(() -> PolicySuite.read(suite))
        .isInstanceOf(PolicyDocumentException.class)
        .message().containsIgnoringCase("nest");
  }
}
