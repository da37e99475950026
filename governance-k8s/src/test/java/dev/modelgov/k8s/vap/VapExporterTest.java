package dev.modelgov.k8s.vap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.cel.CelPolicies;
import dev.modelgov.core.TestFiles;
import dev.modelgov.k8s.KubernetesManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export of CEL policies to ValidatingAdmissionPolicy objects: shape, not-exported list, apiserver compilation. */
class VapExporterTest {

  private static Policy workload;
  private static Policy deployGate;

  @BeforeAll
  static void load() throws Exception {
    workload = CelPolicies.load(TestFiles.root().resolve("examples/policies/k8s-workload.yaml"));
    deployGate = CelPolicies.load(TestFiles.root().resolve("examples/policies/deploy-gate.yaml"));
  }

  private static ValidatingAdmissionPolicy named(VapExport export, String name) {
    return export.policies().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void workload_policy_exports_one_policy_and_binding_per_mode() {
    // WHEN the k8s-shaped example is exported at admission
    VapExport export = VapExporter.export(workload);
    // THEN the ENFORCE rules go to k8s-workload-deny with [Deny] and the WARN rule to k8s-workload-warn with [Warn]
    assertThat(export.policies()).extracting(p -> p.getMetadata().getName())
        .containsExactly("k8s-workload-deny", "k8s-workload-warn");
    assertThat(export.bindings()).extracting(b -> b.getSpec().getPolicyName())
        .containsExactly("k8s-workload-deny", "k8s-workload-warn");
    assertThat(export.bindings()).extracting(b -> b.getSpec().getValidationActions())
        .containsExactly(List.of("Deny"), List.of("Warn"));
    assertThat(export.notExported()).isEmpty();
    ValidatingAdmissionPolicy deny = named(export, "k8s-workload-deny");
    assertThat(deny.getApiVersion()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(deny.getKind()).isEqualTo("ValidatingAdmissionPolicy");
    assertThat(deny.getSpec().getFailurePolicy()).isEqualTo("Fail");
    assertThat(deny.getSpec().getValidations()).extracting(Validation::getMessage)
        .allSatisfy(m -> assertThat(m).startsWith("workload."));
    assertThat(deny.getSpec().getValidations()).hasSize(3);
    assertThat(named(export, "k8s-workload-warn").getSpec().getValidations()).singleElement()
        .satisfies(v -> assertThat(v.getExpression()).contains("readinessProbe"));
  }

  @Test
  void validations_carry_expression_message_expression_and_reason() {
    // WHEN exported
    ValidatingAdmissionPolicy deny = named(VapExporter.export(workload), "k8s-workload-deny");
    // THEN the digest rule keeps its expression, prefixes its messageExpression with the rule id, keeps its reason
    Validation digest = deny.getSpec().getValidations().get(0);
    Rule rule = workload.rule("workload.image.digest").orElseThrow();
    assertThat(digest.getExpression()).isEqualTo(((dev.modelgov.api.policy.RuleCheck.Cel) rule.check()).expression());
    assertThat(digest.getMessageExpression()).startsWith("'workload.image.digest: ' + (");
    assertThat(digest.getReason()).isEqualTo("Forbidden");
    // and the resource limits rule (no reason in the policy) leaves reason unset (the apiserver's default Invalid)
    assertThat(deny.getSpec().getValidations().get(2).getReason()).isNull();
  }

  @Test
  void match_conditions_variables_and_resources_carry_over() {
    // WHEN exported
    ValidatingAdmissionPolicy deny = named(VapExporter.export(workload), "k8s-workload-deny");
    // THEN the policy's matchConditions and variables are there unchanged, and the default resources are matched
    assertThat(deny.getSpec().getMatchConditions()).extracting(MatchCondition::getName, MatchCondition::getExpression)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("workloads",
            workload.matchConditions().get(0).expression()));
    assertThat(deny.getSpec().getVariables()).extracting(Variable::getName).containsExactly("podSpec", "containers");
    assertThat(deny.getSpec().getMatchConstraints().getResourceRules())
        .flatExtracting(r -> r.getResources()).containsExactly("deployments", "statefulsets", "pods",
            "inferenceservices");
    assertThat(deny.getSpec().getMatchConstraints().getResourceRules())
        .allSatisfy(r -> assertThat(r.getOperations()).containsExactly("CREATE", "UPDATE"));
  }

  @Test
  void every_exported_expression_compiles_with_only_the_apiserver_variables() throws Exception {
    // GIVEN the exported workload policy
    VapExport export = VapExporter.export(workload);
    // WHEN every expression is compiled with the apiserver's variables only
    List<String> compiled = new ArrayList<>();
    for (ValidatingAdmissionPolicy p : export.policies()) {
      for (MatchCondition c : p.getSpec().getMatchConditions()) {
        assertThat(type(c.getExpression())).isIn(SimpleType.BOOL, SimpleType.DYN);
        compiled.add(c.getExpression());
      }
      for (Variable v : p.getSpec().getVariables()) {
        ApiserverCel.compile(v.getExpression());
        compiled.add(v.getExpression());
      }
      for (Validation v : p.getSpec().getValidations()) {
        assertThat(type(v.getExpression())).isIn(SimpleType.BOOL, SimpleType.DYN);
        compiled.add(v.getExpression());
        if (v.getMessageExpression() != null) {
          assertThat(type(v.getMessageExpression())).isIn(SimpleType.STRING, SimpleType.DYN);
          compiled.add(v.getMessageExpression());
        }
      }
    }
    // THEN all compiled (1 condition + 2 variables + 4 validations + 2 message expressions, per policy)
    assertThat(compiled).hasSize(2 * (1 + 2) + 4 + 2);
  }

  private static Object type(String expression) throws CelValidationException {
    CelAbstractSyntaxTree ast = ApiserverCel.compile(expression);
    return ast.getResultType();
  }

  @Test
  void the_apiserver_compiler_rejects_our_own_variables() {
    // GIVEN an expression valid in ModelGov's environment but not in the apiserver's
    // THEN the test compiler rejects it, so the compile test above would catch a wrong export
    assertThatThrownBy(() -> ApiserverCel.compile("manifest.owner.contact != ''"))
        .isInstanceOf(CelValidationException.class).hasMessageContaining("manifest");
    assertThatThrownBy(() -> ApiserverCel.compile("now > timestamp('2020-01-01T00:00:00Z')"))
        .isInstanceOf(CelValidationException.class);
  }

  @Test
  void deploy_gate_lists_every_rule_with_a_reason() {
    // WHEN the manifest-based example policy is exported
    VapExport export = VapExporter.export(deployGate);
    // THEN nothing is exported and every rule and the variable reading the manifest are listed with a reason
    assertThat(export.policies()).isEmpty();
    assertThat(export.bindings()).isEmpty();
    Map<String, String> reasons =
        export.notExported().stream().collect(Collectors.toMap(NotExported::part, NotExported::reason));
    assertThat(reasons.keySet()).containsAll(deployGate.rules().stream().map(Rule::id).toList());
    assertThat(reasons).containsKey("variable:performance");
    assertThat(reasons.get("bank.image.registry")).contains("`manifest`");
    assertThat(reasons.get("bank.auc.minimum")).contains("variables.performance");
    assertThat(reasons.get("bank.owner.contact")).contains("`manifest`");
    assertThat(reasons.get("bank.tags")).contains("`manifest`");
  }

  @Test
  void builtin_pack_is_listed_rule_by_rule() {
    // GIVEN the built-in pack in CEL: every rule reads the manifest or the context
    Policy builtin = CelPolicies.builtin();
    // WHEN exported
    VapExport export = VapExporter.export(builtin);
    // THEN no object is emitted and every rule is listed; the signature rule names signature verification
    assertThat(export.isEmpty()).isTrue();
    Map<String, String> reasons =
        export.notExported().stream().collect(Collectors.toMap(NotExported::part, NotExported::reason));
    assertThat(reasons.keySet()).containsAll(builtin.rules().stream().map(Rule::id).toList());
    assertThat(reasons.get("model.provenance.signed")).contains("signature");
    assertThat(reasons.get("runtime.drift")).satisfiesAnyOf(
        r -> assertThat(r).contains("`context`"), r -> assertThat(r).contains("does not apply at admission"));
    assertThat(export.yaml()).contains("# not exported: model.provenance.signed: ");
  }

  @Test
  void java_rules_now_params_and_other_points_are_listed() throws Exception {
    // GIVEN a policy with a Java rule, a rule over `now`, one over params and one for another point
    Policy policy = Policy.named("mixed").version("1.0.0").param("min", 2)
        .rule("java.rule").check(m -> true).message("java")
        .rule("uses.now").cel("now > timestamp('2020-01-01T00:00:00Z')").message("now")
        .rule("uses.params").cel("object.spec.replicas >= params.min").message("params")
        .rule("ci.only").cel("object.kind == 'Pod'").message("ci")
          .when(dev.modelgov.api.policy.Applicability.always().points(EnforcementPoint.CI))
        .rule("staged").cel("object.kind == 'Pod'").message("staged")
          .when(dev.modelgov.api.policy.Applicability.always()
              .stages(dev.modelgov.api.manifest.LifecycleStage.PRODUCTION))
        .rule("ok.rule").cel("object.spec.replicas >= 1").message("replicas")
        .build();
    // WHEN exported without a parameter resource
    VapExport export = VapExporter.export(policy);
    // THEN only ok.rule is exported and the others are listed with their reasons
    Map<String, String> reasons =
        export.notExported().stream().collect(Collectors.toMap(NotExported::part, NotExported::reason));
    assertThat(reasons.get("java.rule")).contains("Java");
    assertThat(reasons.get("uses.now")).contains("`now`");
    assertThat(reasons.get("uses.params")).contains("`params`");
    assertThat(reasons.get("ci.only")).contains("does not apply at admission");
    assertThat(reasons.get("staged")).contains("lifecycle stages");
    assertThat(export.policies()).singleElement().satisfies(p -> assertThat(p.getSpec().getValidations())
        .extracting(Validation::getExpression).containsExactly("object.spec.replicas >= 1"));
  }

  @Test
  void with_a_typed_parameter_resource_params_rules_are_exported_with_param_kind_and_ref() {
    // GIVEN a policy over params and a typed parameter resource
    Policy policy = Policy.named("replicas").version("1.0.0").param("min", 2)
        .rule("uses.params").cel("object.spec.replicas >= params.spec.min").message("too few replicas").build();
    VapOptions options = VapOptions.builder().namePrefix("bank-").namespaceLabel("env", "prod")
        .params(new VapOptions.ParamSource("governance.bank.example/v1", "GateParams", "prod", "governance"))
        .build();
    // WHEN exported
    VapExport export = VapExporter.export(policy, EnforcementPoint.ADMISSION, options);
    // THEN the policy has paramKind, the binding paramRef (Deny when missing) and the namespace selector
    ValidatingAdmissionPolicy vap = export.policies().get(0);
    ValidatingAdmissionPolicyBinding binding = export.bindings().get(0);
    assertThat(vap.getMetadata().getName()).isEqualTo("bank-replicas-deny");
    assertThat(vap.getSpec().getParamKind().getKind()).isEqualTo("GateParams");
    assertThat(binding.getSpec().getParamRef().getName()).isEqualTo("prod");
    assertThat(binding.getSpec().getParamRef().getParameterNotFoundAction()).isEqualTo("Deny");
    assertThat(binding.getSpec().getMatchResources().getNamespaceSelector().getMatchLabels())
        .containsEntry("env", "prod");
    assertThat(export.notExported()).isEmpty();
  }

  @Test
  void a_match_condition_over_the_manifest_blocks_every_rule() {
    // GIVEN a policy gated on the manifest
    Policy policy = Policy.named("gated").version("1.0.0").matchCondition("prod", "manifest.lifecycle.stage == 'X'")
        .rule("ok.rule").cel("object.spec.replicas >= 1").message("replicas").build();
    // WHEN exported
    VapExport export = VapExporter.export(policy);
    // THEN the rule is not exported (it would apply more widely), and both are listed
    assertThat(export.policies()).isEmpty();
    assertThat(export.notExported()).extracting(NotExported::part)
        .containsExactly("matchCondition:prod", "ok.rule");
  }

  @Test
  void yaml_round_trips_through_the_manifest_loader() throws Exception {
    // WHEN the export is rendered and read back
    String yaml = VapExporter.export(workload).yaml();
    List<HasMetadata> objects = KubernetesManifests.parse(yaml, "vap.yaml");
    // THEN the four objects come back with their kinds and the validationActions field name
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    assertThat(yaml).contains("validationActions:").contains("matchConditions:").contains("messageExpression:");
  }

  @Test
  void options_name_the_bad_field() {
    assertThatThrownBy(() -> VapOptions.builder().failurePolicy("Deny").build()).hasMessageContaining("failurePolicy");
    assertThatThrownBy(() -> VapOptions.builder().namePrefix("Bad_").build()).hasMessageContaining("namePrefix");
    assertThatThrownBy(() -> VapOptions.builder().resourceRules(List.of()).build())
        .hasMessageContaining("resourceRules");
  }
}
