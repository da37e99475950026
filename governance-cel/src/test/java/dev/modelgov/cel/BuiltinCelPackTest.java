package dev.modelgov.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import org.junit.jupiter.api.Test;

/** The built-in pack in CEL mirrors the Java pack rule for rule. */
class BuiltinCelPackTest {

  @Test
  void the_cel_pack_compiles_with_the_backend() {
    // GIVEN the bundled CEL pack WHEN it is loaded and compiled THEN there is no compile error
    assertThatCode(() -> CelPolicies.lint(
            new String(CelPolicies.class.getClassLoader().getResourceAsStream(CelPolicies.BUILTIN_RESOURCE)
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), CelPolicies.BUILTIN_RESOURCE))
        .doesNotThrowAnyException();
  }

  @Test
  void the_cel_pack_has_the_java_packs_ids_severities_and_applicability_in_the_same_order() {
    // GIVEN both forms of the pack
    Policy cel = CelPolicies.builtin();
    Policy java = BuiltinPolicy.deployGate();
    // THEN they declare the same rules, in the same order, with the same metadata and parameters
    assertThat(cel.rules()).extracting(Rule::id).containsExactlyElementsOf(BuiltinPolicy.RULE_IDS);
    assertThat(cel.id()).isEqualTo(java.id());
    assertThat(cel.version()).isEqualTo(java.version());
    assertThat(cel.params().keySet()).isEqualTo(java.params().keySet());
    for (Rule j : java.rules()) {
      Rule c = cel.rule(j.id()).orElseThrow();
      assertThat(c.severity()).as(j.id()).isEqualTo(j.severity());
      assertThat(c.category()).as(j.id()).isEqualTo(j.category());
      assertThat(c.title()).as(j.id()).isEqualTo(j.title());
      assertThat(c.remediation()).as(j.id()).isEqualTo(j.remediation());
      assertThat(c.references()).as(j.id()).isEqualTo(j.references());
      assertThat(c.applicability()).as(j.id()).isEqualTo(j.applicability());
      assertThat(c.isCel()).as(j.id()).isTrue();
    }
  }
}
