package dev.modelgov.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.NamedExpression;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.PolicyFileLoader;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarative policy files: a full document maps field by field, and every malformed one names where it breaks. */
class CelPoliciesParsingTest {

  /** Five header lines; the first validation item starts on line 6. */
  private static final String HEADER = "apiVersion: policy.modelgov.dev/v1alpha1\n"
      + "kind: GovernancePolicy\n"
      + "metadata: {name: gate}\n"
      + "spec:\n"
      + "  validations:\n";

  private static String withValidations(String items) {
    return HEADER + items;
  }

  private static PolicyCompileException parseError(String yaml) {
    return catchThrowableOfType(PolicyCompileException.class, () -> CelPolicies.parse(yaml, "gate.yaml"));
  }

  @Test
  void a_full_policy_maps_to_every_policy_field() throws Exception {
    // GIVEN the bundled policy that uses every field of the format
    // WHEN it is loaded from the class path
    Policy p = CelPolicies.fromResource("policies/deploy-gate.yaml");

    // THEN the policy-level fields are mapped
    assertThat(p.id()).isEqualTo("deploy-gate");
    assertThat(p.version()).isEqualTo("1.0.0");
    assertThat(p.description()).isEqualTo("Gate for deploying models to production.");
    assertThat(p.params()).containsEntry("minApprovals", 2L).containsEntry("maxErrorRate", 0.05)
        .containsEntry("regions", List.of("eu", "us")).containsEntry("limits", Map.of("drift", 0.2));
    assertThat(p.modesByPoint()).isEqualTo(Map.of(EnforcementPoint.RUNTIME, EnforcementMode.AUDIT));
    assertThat(p.matchConditions()).containsExactly(new NamedExpression("governed", "has(manifest.id)"));
    assertThat(p.variables()).extracting(NamedExpression::name).containsExactly("highRisk", "approvals");
    assertThat(p.digest()).matches("sha256:[0-9a-f]{64}");

    // AND the first rule carries every rule field
    Rule image = p.rule("model.image.digest").orElseThrow();
    assertThat(image.title()).isEqualTo("The serving image is pinned by digest");
    assertThat(image.severity()).isEqualTo(Severity.HIGH);
    assertThat(image.category()).isEqualTo("reproducibility");
    assertThat(image.applicability().stages()).isEqualTo(Set.of(LifecycleStage.STAGING, LifecycleStage.PRODUCTION));
    assertThat(image.applicability().riskClasses()).isEqualTo(Set.of(RiskClass.HIGH));
    assertThat(image.applicability().environments()).isEqualTo(Set.of("prod"));
    assertThat(image.applicability().points()).isEqualTo(Set.of(EnforcementPoint.ADMISSION));
    assertThat(image.check()).isEqualTo(new RuleCheck.Cel(
        "has(manifest.servingImage) && manifest.servingImage.contains('@sha256:')",
        Optional.of("'model ' + manifest.id + ' serves an image without a digest'")));
    assertThat(image.message()).isEqualTo("the serving image is not pinned by digest");
    assertThat(image.reason()).contains("Forbidden");
    assertThat(image.remediation()).isEqualTo("reference the image as registry/name@sha256:<digest>");
    assertThat(image.references()).containsExactly("EU AI Act Art. 12", "SLSA v1.0");
    assertThat(image.mode()).isEqualTo(EnforcementMode.WARN);
    assertThat(image.modeAt(EnforcementPoint.RUNTIME)).isEqualTo(EnforcementMode.AUDIT);
    assertThat(image.modeAt(EnforcementPoint.ADMISSION)).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(image.failurePolicy()).isEqualTo(FailurePolicy.FAIL);

    // AND the second rule takes the defaults, its failure policy from spec.failurePolicy
    Rule approval = p.rule("model.approval.high-risk").orElseThrow();
    assertThat(approval.category()).isEqualTo("general");
    assertThat(approval.mode()).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(approval.failurePolicy()).isEqualTo(FailurePolicy.IGNORE);
    assertThat(approval.applicability().stages()).isEmpty();
    assertThat(p.rules()).extracting(Rule::id).containsExactly("model.image.digest", "model.approval.high-risk");
  }

  @Test
  void the_bundled_policy_lints_clean() throws Exception {
    // GIVEN the full policy on disk
    Path file = Path.of(getClass().getClassLoader().getResource("policies/deploy-gate.yaml").toURI());
    // WHEN it is linted THEN every expression compiles
    CelPolicies.lint(file);
    assertThat(CelPolicies.load(file).rules()).hasSize(2);
  }

  @Test
  void the_digest_ignores_layout_and_format_but_not_content() throws Exception {
    // GIVEN the same policy as block YAML, as flow YAML with other key order, and as JSON
    String block = withValidations("    - id: model.owner\n      severity: HIGH\n      expression: has(manifest.owner)\n");
    String flow = "{spec: {validations: [{expression: has(manifest.owner), severity: HIGH, id: model.owner}]},"
        + " metadata: {name: gate}, kind: GovernancePolicy, apiVersion: policy.modelgov.dev/v1alpha1}";
    String json = "{\"apiVersion\":\"policy.modelgov.dev/v1alpha1\",\"kind\":\"GovernancePolicy\","
        + "\"metadata\":{\"name\":\"gate\"},\"spec\":{\"validations\":[{\"id\":\"model.owner\","
        + "\"severity\":\"HIGH\",\"expression\":\"has(manifest.owner)\"}]}}";
    // WHEN each is parsed
    String d1 = CelPolicies.parse(block, "a.yaml").digest();
    String d2 = CelPolicies.parse(flow, "b.yaml").digest();
    String d3 = CelPolicies.parse(json, "c.json").digest();
    String changed = CelPolicies.parse(block.replace("has(manifest.owner)", "has(manifest.owners)"), "d.yaml").digest();
    // THEN the digests agree, and a changed expression changes it
    assertThat(d2).isEqualTo(d1);
    assertThat(d3).isEqualTo(d1);
    assertThat(changed).isNotEqualTo(d1);
  }

  @Test
  void a_yaml_syntax_error_names_file_line_and_column() {
    // GIVEN a flow mapping that is never closed, on line 7
    String yaml = withValidations("    - id: model.owner\n      appliesTo: {stages: [STAGING]\n      severity: HIGH\n");
    // WHEN parsed
    PolicyCompileException e = parseError(yaml);
    // THEN the error names the file and a position at or after the broken line
    assertThat(e).isNotNull();
    assertThat(e.source()).isEqualTo("gate.yaml");
    assertThat(e.line()).isGreaterThanOrEqualTo(7);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage()).startsWith("gate.yaml: ");
  }

  @Test
  void an_unknown_field_is_named_with_its_rule_and_position() {
    // GIVEN a misspelt "severty" on line 7, column 7
    String yaml = withValidations(
        "    - id: model.owner\n      severty: HIGH\n      severity: HIGH\n      expression: 'true'\n");
    // WHEN parsed
    PolicyCompileException e = parseError(yaml);
    // THEN the error names the file, the rule, the key's line and column and the allowed fields
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.detail()).contains("severty: unknown field").contains("severity");
    assertThat(e.getMessage()).isEqualTo("gate.yaml: rule model.owner: 7:7: " + e.detail());
  }

  @Test
  void an_unknown_top_level_field_is_rejected() {
    PolicyCompileException e = parseError(withValidations(
        "    - {id: model.owner, severity: HIGH, expression: 'true'}\nstatus: {}\n"));
    assertThat(e.detail()).contains("status: unknown field");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.ruleId()).isEmpty();
  }

  @Test
  void a_wrong_type_is_named_with_what_was_found() {
    // GIVEN references written as a string and severity as a list
    PolicyCompileException refs = parseError(withValidations(
        "    - id: model.owner\n      severity: HIGH\n      expression: 'true'\n      references: EU AI Act\n"));
    PolicyCompileException severity = parseError(withValidations(
        "    - id: model.owner\n      severity: [HIGH]\n      expression: 'true'\n"));
    PolicyCompileException version = parseError(HEADER.replace("spec:\n", "spec:\n  version: 1.0\n")
        + "    - {id: model.owner, severity: HIGH, expression: 'true'}\n");
    // THEN each names the path, the expected type and the position of the value
    assertThat(refs.detail()).contains("spec.validations[0].references: expected a list, found a string");
    assertThat(refs.line()).isEqualTo(9);
    assertThat(refs.column()).isEqualTo(19);
    assertThat(severity.detail()).contains("severity: expected a string, found a list");
    assertThat(severity.ruleId()).contains("model.owner");
    assertThat(version.detail()).contains("spec.version: expected a string, found a number").contains("quote it");
  }

  @Test
  void a_missing_expression_is_named() {
    PolicyCompileException e = parseError(withValidations("    - id: model.owner\n      severity: HIGH\n"));
    assertThat(e.detail()).isEqualTo("spec.validations[0].expression: required field is missing");
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.line()).isEqualTo(6);
  }

  @Test
  void a_missing_id_names_the_validation_by_index() {
    PolicyCompileException e = parseError(withValidations(
        "    - {id: model.a, severity: LOW, expression: 'true'}\n    - {severity: LOW, expression: 'true'}\n"));
    assertThat(e.ruleId()).contains("validations[1]");
    assertThat(e.detail()).contains("spec.validations[1].id: required field is missing");
    assertThat(e.line()).isEqualTo(7);
  }

  @Test
  void a_bad_severity_lists_the_accepted_values() {
    // GIVEN an unknown severity and a lower-case one
    PolicyCompileException unknown = parseError(withValidations(
        "    - id: model.owner\n      severity: SEVERE\n      expression: 'true'\n"));
    PolicyCompileException lower = parseError(withValidations(
        "    - id: model.owner\n      severity: high\n      expression: 'true'\n"));
    // THEN both name the values, the second hints at the case
    assertThat(unknown.detail()).contains("'SEVERE' must be one of LOW, MEDIUM, HIGH, CRITICAL");
    assertThat(unknown.line()).isEqualTo(7);
    assertThat(unknown.column()).isEqualTo(17);
    assertThat(lower.detail()).contains("upper case");
  }

  @Test
  void other_enumerations_are_checked_too() {
    assertThat(parseError(withValidations("    - {id: model.a, severity: LOW, expression: 'true', mode: DENY}\n"))
        .detail()).contains("mode: 'DENY' must be one of ENFORCE, WARN, AUDIT");
    assertThat(parseError(withValidations(
        "    - {id: model.a, severity: LOW, expression: 'true', failurePolicy: fail}\n")).detail())
        .contains("must be Fail or Ignore");
    assertThat(parseError(withValidations(
        "    - {id: model.a, severity: LOW, expression: 'true', appliesTo: {points: [deploy]}}\n")).detail())
        .contains("unknown enforcement point 'deploy'");
    assertThat(parseError(withValidations("    - {id: model.a, severity: LOW, expression: 'true', reason: Nope}\n"))
        .detail()).contains("must be one of Forbidden, Invalid, Unauthorized, RequestEntityTooLarge");
    assertThat(parseError(withValidations("    - {id: Model_A, severity: LOW, expression: 'true'}\n")).detail())
        .contains("'Model_A' is invalid");
  }

  @Test
  void a_duplicate_key_is_rejected_at_the_second_key() {
    // GIVEN severity twice, the second on line 8
    PolicyCompileException e = parseError(withValidations(
        "    - id: model.owner\n      severity: HIGH\n      severity: LOW\n      expression: 'true'\n"));
    // THEN the error names the key and both lines
    assertThat(e.detail()).isEqualTo("duplicate key 'severity' (first at line 7)");
    assertThat(e.line()).isEqualTo(8);
    assertThat(e.column()).isEqualTo(7);
  }

  @Test
  void a_duplicate_rule_id_is_rejected_at_the_second_rule() {
    PolicyCompileException e = parseError(withValidations(
        "    - {id: model.owner, severity: LOW, expression: 'true'}\n"
            + "    - {id: model.owner, severity: HIGH, expression: 'false'}\n"));
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.detail()).contains("duplicate rule id (first declared at line 6)");
    assertThat(e.line()).isEqualTo(7);
  }

  @Test
  void duplicate_or_invalid_variable_names_are_rejected() {
    String dup = HEADER.replace("spec:\n", "spec:\n  variables: [{name: x, expression: '1'}, {name: x, expression: '2'}]\n")
        + "    - {id: model.a, severity: LOW, expression: 'true'}\n";
    String bad = HEADER.replace("spec:\n", "spec:\n  variables: [{name: high-risk, expression: '1'}]\n")
        + "    - {id: model.a, severity: LOW, expression: 'true'}\n";
    assertThat(parseError(dup).detail()).contains("duplicate name");
    assertThat(parseError(dup).ruleId()).contains("variables[x]");
    assertThat(parseError(bad).detail()).contains("is not a CEL identifier");
  }

  @Test
  void an_oversized_document_is_refused_before_parsing() {
    // GIVEN a 600-byte document and a 512-byte limit
    PolicyLimits small = new PolicyLimits(Duration.ofMillis(100), 1000, 1000, 100, 512);
    String yaml = withValidations("    - {id: model.a, severity: LOW, expression: 'true'}\n") + "#".repeat(600) + "\n";
    // WHEN / THEN the size limit is named
    assertThatThrownBy(() -> CelPolicies.parse(yaml, "big.yaml", small))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("big.yaml")
        .hasMessageContaining("larger than the limit of 512 bytes");
  }

  @Test
  void an_oversized_file_is_not_read_past_the_limit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[PolicyLimits.defaults().maxDocumentBytes() + 10]);
    assertThatThrownBy(() -> CelPolicies.load(file))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("huge.yaml")
        .hasMessageContaining("larger than the limit");
  }

  @Test
  void a_deeply_nested_document_is_refused() {
    // GIVEN params nested 200 levels deep, in YAML and in JSON
    String yaml = HEADER.replace("spec:\n", "spec:\n  params: {a: " + "[".repeat(200) + "]".repeat(200) + "}\n")
        + "    - {id: model.a, severity: LOW, expression: 'true'}\n";
    String json = "{\"apiVersion\":\"policy.modelgov.dev/v1alpha1\",\"spec\":{\"params\":{\"a\":"
        + "[".repeat(5000) + "]".repeat(5000) + "}}}";
    // WHEN / THEN both name the nesting limit and where it was crossed
    PolicyCompileException y = parseError(yaml);
    PolicyCompileException j = catchThrowableOfType(PolicyCompileException.class,
        () -> CelPolicies.parse(json, "deep.json"));
    assertThat(y.detail()).containsIgnoringCase("nest");
    assertThat(y.line()).isEqualTo(5);
    assertThat(j.detail()).containsIgnoringCase("nest");
    assertThat(j.line()).isEqualTo(1);
  }

  @Test
  void a_wrong_api_version_or_kind_is_rejected() {
    assertThat(parseError(HEADER.replace("v1alpha1", "v1") + "    - {id: model.a, severity: LOW, expression: 'x'}\n")
        .detail()).isEqualTo("apiVersion: must be policy.modelgov.dev/v1alpha1");
    assertThat(parseError(HEADER.replace("GovernancePolicy", "ValidatingAdmissionPolicy")
        + "    - {id: model.a, severity: LOW, expression: 'x'}\n").line()).isEqualTo(2);
  }

  @Test
  void yaml_aliases_are_rejected() {
    PolicyCompileException e = parseError(withValidations(
        "    - &rule {id: model.a, severity: LOW, expression: 'true'}\n    - *rule\n"));
    assertThat(e.detail()).isEqualTo("YAML aliases are not supported");
    assertThat(e.line()).isEqualTo(7);
  }

  @Test
  void several_documents_and_trailing_json_are_rejected() {
    String one = withValidations("    - {id: model.a, severity: LOW, expression: 'true'}\n");
    assertThat(parseError(one + "---\n" + one).detail()).contains("exactly one YAML document");
    assertThatThrownBy(() -> CelPolicies.parse("{\"apiVersion\": 1} {}", "x.json"))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("trailing content");
  }

  @Test
  void null_params_empty_validations_and_an_empty_document_are_rejected() {
    String nullParam = HEADER.replace("spec:\n", "spec:\n  params: {minApprovals: null}\n")
        + "    - {id: model.a, severity: LOW, expression: 'true'}\n";
    assertThat(parseError(nullParam).detail()).contains("spec.params.minApprovals: null is not allowed");
    assertThat(parseError(HEADER.replace("  validations:\n", "  validations: []\n")).detail())
        .contains("at least one rule");
    assertThat(parseError("").detail()).isEqualTo("document is empty");
  }

  @Test
  void an_over_long_expression_is_refused_at_load_time() {
    PolicyLimits limits = new PolicyLimits(Duration.ofMillis(100), 1000, 20, 100, 4096);
    String yaml = withValidations("    - {id: model.a, severity: LOW, expression: 'manifest.a == manifest.b + 1'}\n");
    assertThatThrownBy(() -> CelPolicies.parse(yaml, "gate.yaml", limits))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("rule model.a")
        .hasMessageContaining("longer than the limit of 20");
  }

  @Test
  void too_many_rules_are_refused() {
    PolicyLimits limits = new PolicyLimits(Duration.ofMillis(100), 1000, 1000, 1, 4096);
    String yaml = withValidations("    - {id: model.a, severity: LOW, expression: 'true'}\n"
        + "    - {id: model.b, severity: LOW, expression: 'true'}\n");
    assertThatThrownBy(() -> CelPolicies.parse(yaml, "gate.yaml", limits))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageContaining("2 rules, more than the limit of 1");
  }

  @Test
  void files_are_loaded_by_extension_and_named_in_errors(@TempDir Path dir) throws Exception {
    // GIVEN a JSON file with a bad severity
    Path file = dir.resolve("gate.json");
    Files.writeString(file, "{\"apiVersion\":\"policy.modelgov.dev/v1alpha1\",\"kind\":\"GovernancePolicy\","
        + "\"metadata\":{\"name\":\"gate\"},\"spec\":{\"validations\":[{\"id\":\"model.a\","
        + "\"severity\":\"BAD\",\"expression\":\"true\"}]}}", StandardCharsets.UTF_8);
    // WHEN loaded THEN the error names the file path, rule and column
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class, () -> CelPolicies.load(file));
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.ruleId()).contains("model.a");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isGreaterThan(100);
  }

  @Test
  void the_file_loader_is_registered_as_a_service(@TempDir Path dir) throws Exception {
    // GIVEN a valid file
    Path file = dir.resolve("gate.yaml");
    Files.writeString(file, withValidations("    - {id: model.a, severity: LOW, expression: 'true'}\n"));
    // WHEN the loader is found through ServiceLoader
    PolicyFileLoader loader = ServiceLoader.load(PolicyFileLoader.class).findFirst().orElseThrow();
    // THEN it reads the file
    assertThat(loader.load(file, PolicyLimits.defaults()).rule("model.a")).isPresent();
  }

  @Test
  void a_missing_resource_is_a_clear_error() {
    assertThatThrownBy(() -> CelPolicies.fromResource("policies/nope.yaml"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining("policies/nope.yaml");
  }

  @Test
  void lint_reports_cel_errors_with_the_rule_and_position_in_the_expression() {
    // GIVEN a structurally valid policy whose expression references an undeclared name
    String yaml = withValidations("    - {id: model.owner, severity: LOW, expression: 'has(manifes.owner)'}\n");
    // WHEN linted
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class,
        () -> CelPolicies.lint(yaml, "gate.yaml"));
    // THEN the CEL error names the rule and the column inside the expression
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.detail()).contains("undeclared reference to 'manifes'");
  }
}
