package dev.modelgov.cel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.CelBackend;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Compile errors: each names the source, the rule or named expression, and the line and column in the expression. */
class CelBackendCompileTest {

  private static final CelBackend CEL = new CelBackendImpl();

  private static PolicyCompileException compileRule(String expression) {
    Policy p = Policy.named("gate").rule("model.owner").cel(expression).build();
    return catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(p, "gate.yaml", PolicyLimits.defaults()));
  }

  @Test
  void the_backend_is_registered_as_a_service() {
    // WHEN the core looks the backend up THEN it finds this one
    CelBackend found = ServiceLoader.load(CelBackend.class).findFirst().orElseThrow();
    assertThat(found).isInstanceOf(CelBackendImpl.class);
    assertThat(found.nullValue()).isSameAs(dev.cel.common.values.NullValue.NULL_VALUE);
  }

  @Test
  void a_syntax_error_names_rule_line_and_column() {
    // GIVEN "==" followed by a stray "=" at column 15
    PolicyCompileException e = compileRule("manifest.x == = 2");
    // THEN
    assertThat(e.source()).isEqualTo("gate.yaml");
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(15);
    assertThat(e.detail()).contains("token recognition error");
    assertThat(e.getMessage()).startsWith("gate.yaml: rule model.owner: 1:15: ");
  }

  @Test
  void a_syntax_error_on_a_later_line_is_located_there() {
    PolicyCompileException e = compileRule("has(manifest.owner) &&\n  manifest.x >< 2");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isGreaterThan(1);
  }

  @Test
  void an_undeclared_reference_is_named() {
    PolicyCompileException e = compileRule("manifest.a == 1 && contxt.point == 'ci'");
    assertThat(e.detail()).contains("undeclared reference to 'contxt'");
    assertThat(e.column()).isEqualTo(20);
  }

  @Test
  void a_type_error_names_the_overload() {
    // GIVEN int + string, the operator at column 3
    PolicyCompileException e = compileRule("1 + 'a' == 'b'");
    // THEN
    assertThat(e.detail()).contains("found no matching overload for '_+_' applied to '(int, string)'");
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void a_non_bool_rule_is_a_type_error() {
    assertThat(compileRule("'abc'").detail()).isEqualTo("expression yields string, expected bool");
    assertThat(compileRule("size(manifest)").detail()).isEqualTo("expression yields int, expected bool");
  }

  @Test
  void a_dyn_rule_is_accepted_and_checked_when_it_runs() throws Exception {
    Policy p = Policy.named("gate").rule("model.flag").cel("manifest.flag").build();
    assertThat(CEL.compile(p, "gate", PolicyLimits.defaults())).isNotNull();
  }

  @Test
  void a_non_string_message_expression_is_a_type_error() {
    Policy p = Policy.named("gate").rule("model.owner").cel("has(manifest.owner)", "1 + 2").build();
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(p, "gate.yaml", PolicyLimits.defaults()));
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.detail()).isEqualTo("messageExpression: expression yields int, expected string");
  }

  @Test
  void an_over_long_expression_is_refused() {
    // GIVEN a limit of 30 characters and a 41-character expression
    PolicyLimits limits = new PolicyLimits(Duration.ofMillis(100), 1000, 30, 10, 4096);
    Policy p = Policy.named("gate").rule("model.owner").cel("manifest.a == 1 || manifest.bbbbbbbb == 2").build();
    // WHEN / THEN
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(p, "gate.yaml", limits));
    assertThat(e.ruleId()).contains("model.owner");
    assertThat(e.detail()).isEqualTo("expression is 41 characters, longer than the limit of 30");
  }

  @Test
  void match_conditions_and_variables_are_named_in_errors() {
    Policy badCondition = Policy.named("gate").matchCondition("governed", "has(manifest.id) &&")
        .rule("model.a").cel("true").build();
    Policy badVariable = Policy.named("gate").variable("risk", "manifest.risk.class + 1")
        .rule("model.a").cel("true").build();
    PolicyCompileException c = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(badCondition, "gate.yaml", PolicyLimits.defaults()));
    PolicyCompileException v = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(badVariable, "gate.yaml", PolicyLimits.defaults()));
    assertThat(c.ruleId()).contains("matchConditions[governed]");
    assertThat(c.line()).isEqualTo(1);
    assertThat(v).isNull(); // dyn + int type-checks; it can only fail when it runs
  }

  @Test
  void a_variable_must_be_declared_before_use() {
    // GIVEN a rule that reads an undeclared variable, and a variable that reads a later one
    Policy undeclared = Policy.named("gate").variable("a", "1").rule("model.a").cel("variables.b == 1").build();
    Policy forward = Policy.named("gate").variable("a", "variables.b + 1").variable("b", "1")
        .rule("model.a").cel("variables.a == 2").build();
    // WHEN / THEN both are compile errors at the reference
    PolicyCompileException u = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(undeclared, "gate.yaml", PolicyLimits.defaults()));
    PolicyCompileException f = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(forward, "gate.yaml", PolicyLimits.defaults()));
    assertThat(u.ruleId()).contains("model.a");
    assertThat(u.detail()).contains("undeclared variable 'b'");
    assertThat(u.column()).isEqualTo(1);
    assertThat(f.ruleId()).contains("variables[a]");
    assertThat(f.detail()).contains("undeclared variable 'b'");
  }

  @Test
  void match_and_waiver_conditions_cannot_use_variables() {
    Policy p = Policy.named("gate").variable("a", "1").matchCondition("m", "variables.a == 1")
        .rule("model.a").cel("true").build();
    PolicyCompileException m = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(p, "gate.yaml", PolicyLimits.defaults()));
    PolicyCompileException w = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compileCondition("waiver WVR-1 match.expression", "variables.a == 1", PolicyLimits.defaults()));
    assertThat(m.detail()).contains("'variables' is not available here");
    assertThat(w.source()).isEqualTo("waiver WVR-1 match.expression");
    assertThat(w.detail()).contains("'variables' is not available here");
  }

  @Test
  void a_waiver_condition_must_be_bool() {
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compileCondition("waiver WVR-1", "manifest.id", PolicyLimits.defaults()));
    assertThat(e).isNull();
    PolicyCompileException s = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compileCondition("waiver WVR-1", "'x' + 'y'", PolicyLimits.defaults()));
    assertThat(s.detail()).isEqualTo("expression yields string, expected bool");
  }

  @Test
  void the_kubernetes_subset_compiles_class_as_a_field_and_optionals() throws Exception {
    // GIVEN the forms the docs recommend: risk.class, risk['class'], optional fields, matches
    Policy p = Policy.named("gate")
        .rule("model.a").cel("manifest.risk.class == 'HIGH'")
        .rule("model.b").cel("manifest.risk['class'] == 'HIGH'")
        .rule("model.c").cel("manifest.?owner.?contact.orValue('') != ''")
        .rule("model.d").cel("manifest.id.matches('^[a-z]+/[a-z-]+$')")
        .rule("model.e").cel("optional.of(1).hasValue() && optional.none().orValue(2) == 2")
        .build();
    // WHEN / THEN they compile
    assertThat(CEL.compile(p, "gate", PolicyLimits.defaults())).isNotNull();
  }

  @Test
  void too_many_rules_are_refused() {
    PolicyLimits limits = new PolicyLimits(Duration.ofMillis(100), 1000, 100, 1, 4096);
    Policy p = Policy.named("gate").rule("model.a").cel("true").rule("model.b").cel("true").build();
    PolicyCompileException e = catchThrowableOfType(PolicyCompileException.class,
        () -> CEL.compile(p, "gate", limits));
    assertThat(e.detail()).contains("more than the limit of 1");
  }
}
