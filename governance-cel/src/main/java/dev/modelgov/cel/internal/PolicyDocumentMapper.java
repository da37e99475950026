package dev.modelgov.cel.internal;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Applicability;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.FailurePolicy;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.RuleCheck;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.cel.internal.PolicyDocumentReader.Arr;
import dev.modelgov.cel.internal.PolicyDocumentReader.Field;
import dev.modelgov.cel.internal.PolicyDocumentReader.Node;
import dev.modelgov.cel.internal.PolicyDocumentReader.Obj;
import dev.modelgov.cel.internal.PolicyDocumentReader.Scalar;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a {@code policy.modelgov.dev/v1alpha1} {@code GovernancePolicy} document tree to a {@link Policy}, checking
 * structure only: required fields, unknown fields, types, enum spellings, ids, duplicates and limits. Every error names
 * the source, the rule (or {@code validations[i]} before its id is known) and the offending node's line and column.
 * Used once per document. For internal use only; may change without notice.
 */
final class PolicyDocumentMapper {

  static final String API_VERSION = "policy.modelgov.dev/v1alpha1";
  static final String KIND = "GovernancePolicy";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
      "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
      "void", "while");
  private static final List<String> REASONS = List.of("Forbidden", "Invalid", "Unauthorized", "RequestEntityTooLarge");

  private final String source;
  private final PolicyLimits limits;

  PolicyDocumentMapper(String source, PolicyLimits limits) {
    this.source = source;
    this.limits = limits;
  }

  /**
   * Maps the document.
   *
   * @param root the document's root node
   * @param digest {@code sha256:<hex>} of the document's canonical JSON
   * @return the policy
   * @throws PolicyCompileException naming the first problem
   */
  Policy map(Node root, String digest) throws PolicyCompileException {
    Obj doc = obj(root, "document", null);
    allow(doc, "", null, "apiVersion", "kind", "metadata", "spec");
    Scalar apiVersion = scalarOf(required(doc, "apiVersion", "", null), "apiVersion", null);
    if (!API_VERSION.equals(apiVersion.value())) {
      throw error(apiVersion, null, "apiVersion: must be " + API_VERSION);
    }
    Scalar kind = scalarOf(required(doc, "kind", "", null), "kind", null);
    if (!KIND.equals(kind.value())) {
      throw error(kind, null, "kind: must be " + KIND);
    }
    Obj metadata = obj(required(doc, "metadata", "", null), "metadata", null);
    allow(metadata, "metadata.", null, "name");
    Node nameNode = required(metadata, "name", "metadata.", null);
    String name = string(nameNode, "metadata.name", null);

    Node specNode = required(doc, "spec", "", null);
    Obj spec = obj(specNode, "spec", null);
    allow(spec, "spec.", null, "version", "description", "params", "enforcement", "failurePolicy",
        "matchConditions", "variables", "validations");
    Policy.Builder policy = Policy.named(name).digest(digest);
    Optional<Node> version = optional(spec, "version");
    if (version.isPresent()) {
      policy.version(nonBlank(version.get(), "spec.version", null));
    }
    Optional<Node> description = optional(spec, "description");
    if (description.isPresent()) {
      policy.description(string(description.get(), "spec.description", null));
    }
    Optional<Node> params = optional(spec, "params");
    if (params.isPresent()) {
      Obj p = obj(params.get(), "spec.params", null);
      for (Field f : p.fields().values()) {
        policy.param(f.name(), toJava(f.value(), "spec.params." + f.name()));
      }
    }
    Optional<Node> enforcement = optional(spec, "enforcement");
    if (enforcement.isPresent()) {
      modesByPoint(enforcement.get(), "spec.enforcement", null).forEach(policy::modeAt);
    }
    FailurePolicy defaultFailurePolicy = FailurePolicy.FAIL;
    Optional<Node> failurePolicy = optional(spec, "failurePolicy");
    if (failurePolicy.isPresent()) {
      defaultFailurePolicy = failurePolicy(failurePolicy.get(), "spec.failurePolicy", null);
    }
    Optional<Node> matchConditions = optional(spec, "matchConditions");
    if (matchConditions.isPresent()) {
      namedExpressions(matchConditions.get(), "spec.matchConditions", false).forEach(policy::matchCondition);
    }
    Optional<Node> variables = optional(spec, "variables");
    if (variables.isPresent()) {
      namedExpressions(variables.get(), "spec.variables", true).forEach(policy::variable);
    }
    Arr validations = arr(required(spec, "validations", "spec.", null), "spec.validations", null);
    if (validations.items().isEmpty()) {
      throw error(validations, null, "spec.validations: must list at least one rule");
    }
    if (validations.items().size() > limits.maxRules()) {
      throw error(validations, null, "spec.validations: " + validations.items().size()
          + " rules, more than the limit of " + limits.maxRules());
    }
    Map<String, Node> ids = new HashMap<>();
    for (int i = 0; i < validations.items().size(); i++) {
      policy.add(rule(validations.items().get(i), i, defaultFailurePolicy, ids));
    }
    try {
      return policy.build();
    } catch (IllegalArgumentException e) {
      throw error(nameNode, null, e.getMessage());
    }
  }

  private Rule rule(Node node, int index, FailurePolicy defaultFailurePolicy, Map<String, Node> ids)
      throws PolicyCompileException {
    String path = "spec.validations[" + index + "]";
    String context = "validations[" + index + "]";
    Obj r = obj(node, path, context);
    Optional<Node> idNode = optional(r, "id");
    if (idNode.isPresent() && idNode.get() instanceof Scalar s && s.value() instanceof String text
        && Rule.isValidId(text)) {
      context = text;
    }
    allow(r, path + ".", context, "id", "title", "severity", "category", "appliesTo", "expression", "message",
        "messageExpression", "reason", "remediation", "references", "mode", "modes", "failurePolicy");
    String id = string(required(r, "id", path + ".", context), path + ".id", context);
    if (!Rule.isValidId(id)) {
      throw error(idNode.orElseThrow(), context, path + ".id: '" + id
          + "' is invalid: use lower-case dotted segments of letters, digits and dashes, e.g. model.image.digest");
    }
    Node previous = ids.putIfAbsent(id, idNode.orElseThrow());
    if (previous != null) {
      throw error(idNode.orElseThrow(), context, path + ".id: duplicate rule id (first declared at line "
          + previous.line() + ")");
    }
    Rule.Builder b = Rule.builder(id);
    b.severity(enumValue(required(r, "severity", path + ".", context), path + ".severity", context, Severity.class));
    String expression = expression(required(r, "expression", path + ".", context), path + ".expression", context);
    Optional<Node> messageExpression = optional(r, "messageExpression");
    if (messageExpression.isPresent()) {
      b.cel(expression, expression(messageExpression.get(), path + ".messageExpression", context));
    } else {
      b.check(RuleCheck.cel(expression));
    }
    Optional<Node> title = optional(r, "title");
    if (title.isPresent()) {
      b.title(nonBlank(title.get(), path + ".title", context));
    }
    Optional<Node> category = optional(r, "category");
    if (category.isPresent()) {
      b.category(nonBlank(category.get(), path + ".category", context));
    }
    Optional<Node> appliesTo = optional(r, "appliesTo");
    if (appliesTo.isPresent()) {
      b.when(applicability(appliesTo.get(), path + ".appliesTo", context));
    }
    Optional<Node> message = optional(r, "message");
    if (message.isPresent()) {
      b.message(nonBlank(message.get(), path + ".message", context));
    }
    Optional<Node> reason = optional(r, "reason");
    if (reason.isPresent()) {
      String text = string(reason.get(), path + ".reason", context);
      if (!REASONS.contains(text)) {
        throw error(reason.get(), context, path + ".reason: '" + text + "' must be one of " + String.join(", ", REASONS));
      }
      b.reason(text);
    }
    Optional<Node> remediation = optional(r, "remediation");
    if (remediation.isPresent()) {
      b.remediation(string(remediation.get(), path + ".remediation", context));
    }
    Optional<Node> references = optional(r, "references");
    if (references.isPresent()) {
      b.references(strings(references.get(), path + ".references", context).toArray(String[]::new));
    }
    Optional<Node> mode = optional(r, "mode");
    if (mode.isPresent()) {
      b.mode(enumValue(mode.get(), path + ".mode", context, EnforcementMode.class));
    }
    Optional<Node> modes = optional(r, "modes");
    if (modes.isPresent()) {
      modesByPoint(modes.get(), path + ".modes", context).forEach(b::modeAt);
    }
    Optional<Node> failurePolicy = optional(r, "failurePolicy");
    b.failurePolicy(failurePolicy.isPresent()
        ? failurePolicy(failurePolicy.get(), path + ".failurePolicy", context)
        : defaultFailurePolicy);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw error(r, context, e.getMessage());
    }
  }

  private Applicability applicability(Node node, String path, String context) throws PolicyCompileException {
    Obj a = obj(node, path, context);
    allow(a, path + ".", context, "stages", "riskClasses", "environments", "points");
    Set<LifecycleStage> stages = new LinkedHashSet<>();
    Set<RiskClass> riskClasses = new LinkedHashSet<>();
    Set<String> environments = new LinkedHashSet<>();
    Set<EnforcementPoint> points = new LinkedHashSet<>();
    Optional<Node> s = optional(a, "stages");
    if (s.isPresent()) {
      for (Node n : arr(s.get(), path + ".stages", context).items()) {
        stages.add(enumValue(n, path + ".stages", context, LifecycleStage.class));
      }
    }
    Optional<Node> rc = optional(a, "riskClasses");
    if (rc.isPresent()) {
      for (Node n : arr(rc.get(), path + ".riskClasses", context).items()) {
        riskClasses.add(enumValue(n, path + ".riskClasses", context, RiskClass.class));
      }
    }
    Optional<Node> env = optional(a, "environments");
    if (env.isPresent()) {
      for (Node n : arr(env.get(), path + ".environments", context).items()) {
        environments.add(nonBlank(n, path + ".environments", context));
      }
    }
    Optional<Node> p = optional(a, "points");
    if (p.isPresent()) {
      for (Node n : arr(p.get(), path + ".points", context).items()) {
        points.add(point(n, path + ".points", context));
      }
    }
    return new Applicability(stages, riskClasses, environments, points);
  }

  private Map<EnforcementPoint, EnforcementMode> modesByPoint(Node node, String path, String context)
      throws PolicyCompileException {
    Obj o = obj(node, path, context);
    Map<EnforcementPoint, EnforcementMode> out = new EnumMap<>(EnforcementPoint.class);
    for (Field f : o.fields().values()) {
      EnforcementPoint point = pointName(f.name(), f.line(), f.column(), path, context);
      out.put(point, enumValue(f.value(), path + "." + f.name(), context, EnforcementMode.class));
    }
    return out;
  }

  private Map<String, String> namedExpressions(Node node, String path, boolean identifiers)
      throws PolicyCompileException {
    Arr list = arr(node, path, null);
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Node> seen = new HashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      String at = path + "[" + i + "]";
      Obj e = obj(list.items().get(i), at, null);
      allow(e, at + ".", null, "name", "expression");
      Node nameNode = required(e, "name", at + ".", null);
      String name = nonBlank(nameNode, at + ".name", null);
      String owner = (identifiers ? "variables[" : "matchConditions[") + name + "]";
      if (identifiers && (!IDENTIFIER.matcher(name).matches() || CEL_RESERVED.contains(name))) {
        throw error(nameNode, owner, at + ".name: '" + name + "' is not a CEL identifier (letters, digits, _)");
      }
      Node previous = seen.putIfAbsent(name, nameNode);
      if (previous != null) {
        throw error(nameNode, owner, at + ".name: duplicate name (first declared at line " + previous.line() + ")");
      }
      out.put(name, expression(required(e, "expression", at + ".", owner), at + ".expression", owner));
    }
    return out;
  }

  private String expression(Node node, String path, String context) throws PolicyCompileException {
    String text = nonBlank(node, path, context);
    if (text.length() > limits.maxExpressionLength()) {
      throw error(node, context, path + ": expression is " + text.length()
          + " characters, longer than the limit of " + limits.maxExpressionLength());
    }
    return text;
  }

  private FailurePolicy failurePolicy(Node node, String path, String context) throws PolicyCompileException {
    String text = string(node, path, context);
    switch (text) {
      case "Fail":
        return FailurePolicy.FAIL;
      case "Ignore":
        return FailurePolicy.IGNORE;
      default:
        throw error(node, context, path + ": '" + text + "' must be Fail or Ignore");
    }
  }

  private EnforcementPoint point(Node node, String path, String context) throws PolicyCompileException {
    return pointName(string(node, path, context), node.line(), node.column(), path, context);
  }

  private EnforcementPoint pointName(String text, int line, int column, String path, String context)
      throws PolicyCompileException {
    for (EnforcementPoint p : EnforcementPoint.values()) {
      if (p.wireName().equals(text)) {
        return p;
      }
    }
    throw new PolicyCompileException(source, context, line, column,
        path + ": unknown enforcement point '" + text + "'; expected one of ci, promotion, admission, runtime");
  }

  private <E extends Enum<E>> E enumValue(Node node, String path, String context, Class<E> type)
      throws PolicyCompileException {
    String text = string(node, path, context);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    String hint = names.contains(text.toUpperCase(Locale.ROOT)) ? " (write it in upper case)" : "";
    throw error(node, context, path + ": '" + text + "' must be one of " + String.join(", ", names) + hint);
  }

  private Object toJava(Node node, String path) throws PolicyCompileException {
    if (node instanceof Obj o) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Field f : o.fields().values()) {
        out.put(f.name(), toJava(f.value(), path + "." + f.name()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (node instanceof Arr a) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < a.items().size(); i++) {
        out.add(toJava(a.items().get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    Object v = ((Scalar) node).value();
    if (v == null) {
      throw error(node, null, path + ": null is not allowed in params; leave the key out");
    }
    if (v instanceof BigInteger) {
      throw error(node, null, path + ": integer is outside the 64-bit range");
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return v;
  }

  // ---- typed access ------------------------------------------------------------------------------------------

  private void allow(Obj o, String prefix, String context, String... names) throws PolicyCompileException {
    Set<String> allowed = Set.of(names);
    for (Field f : o.fields().values()) {
      if (!allowed.contains(f.name())) {
        throw new PolicyCompileException(source, context, f.line(), f.column(),
            prefix + f.name() + ": unknown field; expected one of " + String.join(", ", names));
      }
    }
  }

  private static Optional<Node> optional(Obj o, String name) {
    Field f = o.fields().get(name);
    return f == null ? Optional.empty() : Optional.of(f.value());
  }

  private Node required(Obj o, String name, String prefix, String context) throws PolicyCompileException {
    Field f = o.fields().get(name);
    if (f == null) {
      throw error(o, context, prefix + name + ": required field is missing");
    }
    return f.value();
  }

  private Obj obj(Node node, String path, String context) throws PolicyCompileException {
    if (node instanceof Obj o) {
      return o;
    }
    throw error(node, context, path + ": expected a mapping, found " + describe(node));
  }

  private Arr arr(Node node, String path, String context) throws PolicyCompileException {
    if (node instanceof Arr a) {
      return a;
    }
    throw error(node, context, path + ": expected a list, found " + describe(node));
  }

  private Scalar scalarOf(Node node, String path, String context) throws PolicyCompileException {
    string(node, path, context);
    return (Scalar) node;
  }

  private String string(Node node, String path, String context) throws PolicyCompileException {
    if (node instanceof Scalar s && s.value() instanceof String text) {
      return text;
    }
    String hint = node instanceof Scalar s && s.value() != null ? " (quote it to make it a string)" : "";
    throw error(node, context, path + ": expected a string, found " + describe(node) + hint);
  }

  private String nonBlank(Node node, String path, String context) throws PolicyCompileException {
    String text = string(node, path, context);
    if (text.isBlank()) {
      throw error(node, context, path + ": must not be blank");
    }
    return text;
  }

  private List<String> strings(Node node, String path, String context) throws PolicyCompileException {
    List<String> out = new ArrayList<>();
    for (Node n : arr(node, path, context).items()) {
      out.add(string(n, path, context));
    }
    return out;
  }

  private static String describe(Node node) {
    if (node instanceof Obj) {
      return "a mapping";
    }
    if (node instanceof Arr) {
      return "a list";
    }
    Object v = ((Scalar) node).value();
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  private PolicyCompileException error(Node at, String context, String detail) {
    return new PolicyCompileException(source, context, at.line(), at.column(), detail);
  }
}
