package dev.modelgov.k8s.vap;

import dev.modelgov.api.policy.Applicability;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.NamedExpression;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.k8s.vap.internal.CelReferences;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKindBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRefBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exports a declarative CEL policy to Kubernetes {@code ValidatingAdmissionPolicy} objects and bindings, and lists
 * what cannot be exported instead of dropping it.
 *
 * <p>A rule is exported when it is written in CEL, applies at the export point without stage, risk-class or
 * environment conditions, and its expression, message expression and the policy variables they read (transitively)
 * reference only the apiserver's variables {@code object}, {@code oldObject}, {@code request}, {@code
 * namespaceObject}, {@code variables} and, with {@link VapOptions#params()} set, {@code params}. Identifiers are found
 * on the parsed CEL AST. Rules are grouped by their effective mode at the point into {@code <name>-deny} ({@code
 * [Deny]}), {@code <name>-warn} ({@code [Warn]}) and {@code <name>-audit} ({@code [Audit]}), each with its own
 * binding. Messages are prefixed with the rule id so a denial names the rule.
 *
 * <pre>{@code
 * VapExport export = VapExporter.export(CelPolicies.load(Path.of("k8s-workload.yaml")),
 *     EnforcementPoint.ADMISSION, VapOptions.defaults());
 * System.out.print(export.yaml());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class VapExporter {

  /** The names the apiserver binds, besides {@code params} (which needs a typed parameter resource). */
  private static final Set<String> APISERVER =
      Set.of("object", "oldObject", "request", "namespaceObject", "variables", "authorizer");

  private static final Set<String> REASONS = Set.of("Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge");

  private VapExporter() {}

  /**
   * Exports a policy at {@link EnforcementPoint#ADMISSION} with the default options.
   *
   * @param policy the policy
   * @return the export
   */
  public static VapExport export(Policy policy) {
    return export(policy, EnforcementPoint.ADMISSION, VapOptions.defaults());
  }

  /**
   * Exports a policy.
   *
   * @param policy the policy, must not be {@code null}
   * @param point the point whose modes and applicability are used, normally {@link EnforcementPoint#ADMISSION}
   * @param options the options, must not be {@code null}
   * @return the objects and the parts not exported
   */
  public static VapExport export(Policy policy, EnforcementPoint point, VapOptions options) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(options, "options");
    boolean params = options.params().isPresent();
    List<NotExported> notExported = new ArrayList<>();

    // Policy variables, in order: each is exportable when it and the variables it reads are.
    Map<String, String> variableProblem = new LinkedHashMap<>();
    List<Variable> variables = new ArrayList<>();
    for (NamedExpression v : policy.variables()) {
      String problem = problem(v.expression(), params, variableProblem);
      if (problem == null) {
        variables.add(new VariableBuilder().withName(v.name()).withExpression(v.expression()).build());
      } else {
        variableProblem.put(v.name(), problem);
        notExported.add(new NotExported("variable:" + v.name(), problem));
      }
    }

    // Match conditions gate the whole policy: one that cannot be exported blocks every rule.
    List<MatchCondition> conditions = new ArrayList<>();
    String blocked = null;
    for (NamedExpression c : policy.matchConditions()) {
      String problem = problem(c.expression(), params, variableProblem);
      if (problem == null) {
        conditions.add(new MatchConditionBuilder().withName(c.name()).withExpression(c.expression()).build());
      } else {
        notExported.add(new NotExported("matchCondition:" + c.name(), problem));
        blocked = "the policy's matchCondition '" + c.name() + "' cannot be exported, and without it the rule "
            + "would apply more widely than in-process";
      }
    }

    Map<EnforcementMode, List<Validation>> groups = new EnumMap<>(EnforcementMode.class);
    for (Rule rule : policy.rules()) {
      String problem = blocked != null ? blocked : ruleProblem(rule, point, params, variableProblem);
      if (problem != null) {
        notExported.add(new NotExported(rule.id(), problem));
        continue;
      }
      groups.computeIfAbsent(policy.effectiveMode(rule, point), m -> new ArrayList<>()).add(validation(rule));
    }
    for (Waiver w : options.waivers()) {
      notExported.add(new NotExported("waiver:" + w.id(),
          "exception expiry needs a clock; the apiserver has no `now`, so a waiver would never expire there"));
    }

    List<ValidatingAdmissionPolicy> policies = new ArrayList<>();
    List<ValidatingAdmissionPolicyBinding> bindings = new ArrayList<>();
    String base = options.namePrefix() + kubernetesName(policy.id());
    for (Map.Entry<EnforcementMode, List<Validation>> g : groups.entrySet()) {
      String name = base + "-" + suffix(g.getKey());
      policies.add(policy(policy, name, g.getValue(), conditions, variables, options));
      bindings.add(binding(name, action(g.getKey()), options));
    }
    return new VapExport(policies, bindings, notExported);
  }

  private static ValidatingAdmissionPolicy policy(
      Policy policy,
      String name,
      List<Validation> validations,
      List<MatchCondition> conditions,
      List<Variable> variables,
      VapOptions options) {
    ValidatingAdmissionPolicyBuilder b = new ValidatingAdmissionPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/managed-by", "modelgov")
        .addToAnnotations("governance.modelgov.dev/policy", policy.id() + "@" + policy.version())
        .addToAnnotations("governance.modelgov.dev/policy-digest", policy.digest())
        .endMetadata()
        .withNewSpec()
        .withFailurePolicy(options.failurePolicy())
        .withMatchConstraints(new MatchResourcesBuilder().withResourceRules(options.resourceRules()).build())
        .withMatchConditions(conditions.isEmpty() ? null : conditions)
        .withVariables(variables.isEmpty() ? null : variables)
        .withValidations(validations)
        .endSpec();
    options.params().ifPresent(p -> b.editSpec()
        .withParamKind(new ParamKindBuilder().withApiVersion(p.apiVersion()).withKind(p.kind()).build())
        .endSpec());
    return b.build();
  }

  private static ValidatingAdmissionPolicyBinding binding(String name, String action, VapOptions options) {
    ValidatingAdmissionPolicyBindingBuilder b = new ValidatingAdmissionPolicyBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app.kubernetes.io/managed-by", "modelgov")
        .endMetadata()
        .withNewSpec()
        .withPolicyName(name)
        .withValidationActions(action)
        .endSpec();
    if (!options.namespaceLabels().isEmpty()) {
      b.editSpec()
          .withMatchResources(new MatchResourcesBuilder()
              .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(options.namespaceLabels()).build())
              .build())
          .endSpec();
    }
    options.params().ifPresent(p -> {
      ParamRef ref = new ParamRefBuilder()
          .withName(p.name())
          .withNamespace(p.namespace().isEmpty() ? null : p.namespace())
          .withParameterNotFoundAction("Deny")
          .build();
      b.editSpec().withParamRef(ref).endSpec();
    });
    return b.build();
  }

  private static Validation validation(Rule rule) {
    RuleCheck.Cel cel = (RuleCheck.Cel) rule.check();
    String message = rule.message() == null || rule.message().isBlank() ? rule.title() : rule.message();
    if (message == null || message.isBlank()) {
      message = "the rule failed";
    }
    ValidationBuilder v = new ValidationBuilder()
        .withExpression(cel.expression())
        .withMessage(rule.id() + ": " + message.replace('\n', ' '));
    cel.messageExpression().ifPresent(m -> v.withMessageExpression("'" + rule.id() + ": ' + (" + m + ")"));
    rule.reason().filter(REASONS::contains).ifPresent(v::withReason);
    return v.build();
  }

  /** Why a rule cannot be exported, or {@code null}. */
  private static String ruleProblem(
      Rule rule, EnforcementPoint point, boolean params, Map<String, String> variableProblem) {
    if (!(rule.check() instanceof RuleCheck.Cel cel)) {
      return "a Java check runs only in-process; the apiserver evaluates CEL only";
    }
    String problem = problem(cel.expression(), params, variableProblem);
    if (problem == null && cel.messageExpression().isPresent()) {
      problem = problem(cel.messageExpression().get(), params, variableProblem);
      if (problem != null) {
        problem = "its messageExpression: " + problem;
      }
    }
    if (problem != null) {
      return problem;
    }
    Applicability a = rule.applicability();
    if (!a.points().isEmpty() && !a.points().contains(point)) {
      return "the rule does not apply at " + point.wireName() + " (points " + wireNames(a.points()) + ")";
    }
    if (!a.stages().isEmpty() || !a.riskClasses().isEmpty() || !a.environments().isEmpty()) {
      return "the rule applies only to some lifecycle stages, risk classes or environments, which come from the "
          + "model manifest and cannot be expressed in a ValidatingAdmissionPolicy";
    }
    return null;
  }

  /** Why an expression cannot run in the apiserver, or {@code null}. */
  private static String problem(String expression, boolean params, Map<String, String> variableProblem) {
    CelReferences refs;
    try {
      refs = CelReferences.of(expression);
    } catch (IllegalArgumentException e) {
      return "the expression does not parse: " + e.getMessage().lines().findFirst().orElse("");
    }
    Set<String> foreign = new TreeSet<>(refs.roots());
    foreign.removeAll(APISERVER);
    if (params) {
      foreign.remove("params");
    }
    if (refs.rootFields().contains("context.provenance")) {
      return "it reads context.provenance: signature and provenance verification cannot run in the apiserver";
    }
    if (foreign.contains("manifest")) {
      return "it reads `manifest`: the apiserver cannot fetch the model manifest";
    }
    if (foreign.contains("context")) {
      return "it reads `context` (provenance facts, runtime signals, deployed images), which the apiserver does "
          + "not have";
    }
    if (foreign.contains("now")) {
      return "it reads `now`, which does not exist in the apiserver";
    }
    for (String v : refs.variables()) {
      String vp = variableProblem.get(v);
      if (vp != null) {
        return "it reads variables." + v + ", which cannot be exported: " + vp;
      }
    }
    if (foreign.contains("params")) {
      return "it reads `params`: exported only with a typed parameter resource (VapOptions.params), since a "
          + "ConfigMap would turn the policy's numbers into strings";
    }
    if (!foreign.isEmpty()) {
      return "it reads " + String.join(", ", foreign) + ", unknown to the apiserver";
    }
    return null;
  }

  private static String wireNames(Set<EnforcementPoint> points) {
    return String.join(", ", points.stream().map(EnforcementPoint::wireName).sorted().toList());
  }

  private static String suffix(EnforcementMode mode) {
    return switch (mode) {
      case ENFORCE -> "deny";
      case WARN -> "warn";
      case AUDIT -> "audit";
    };
  }

  private static String action(EnforcementMode mode) {
    return switch (mode) {
      case ENFORCE -> "Deny";
      case WARN -> "Warn";
      case AUDIT -> "Audit";
    };
  }

  /** A DNS-subdomain form of a policy id: lower case, other characters as '-', at most 240 characters. */
  static String kubernetesName(String id) {
    String s = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+", "")
        .replaceAll("[^a-z0-9]+$", "");
    if (s.length() > 240) {
      s = s.substring(0, 240).replaceAll("[^a-z0-9]+$", "");
    }
    return s.isEmpty() ? "policy" : s;
  }
}
