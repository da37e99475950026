package dev.modelgov.api.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named, versioned set of rules with parameters, evaluated together into one {@link Decision}. Immutable.
 *
 * <p>Write it in Java with the fluent chain below, or in YAML with the {@code governance-cel} module; the engine in
 * {@code governance-core} evaluates both the same way. Rules are evaluated in the order they are declared, every
 * applicable rule every time (no short-circuit).
 *
 * <pre>{@code
 * Policy gate = Policy.named("deploy-gate").version("1.0.0")
 *     .param("minApprovals", 2)
 *     .rule("model.approval.high-risk").severity(Severity.CRITICAL)
 *         .when(Applicability.always().riskClasses(RiskClass.HIGH))
 *         .check(m -> m.lifecycle().approvals().size() >= 2)
 *         .messageFn(m -> "HIGH risk model needs 2 approvals, has " + m.lifecycle().approvals().size())
 *         .remediation("collect an approval from the model owner and a risk officer")
 *     .rule("model.image.digest").severity(Severity.HIGH)
 *         .cel("has(manifest.servingImage)")
 *     .build();
 * }</pre>
 *
 * <p>The {@link #digest()} identifies the policy's definition: for YAML policies it is the SHA-256 of the canonical
 * document; for Java policies it covers every rule's metadata and CEL source, but a Java check's code cannot be
 * hashed, so change {@link #version()} when a Java check changes.
 */
public final class Policy {

  private final String id;
  private final String version;
  private final String description;
  private final List<Rule> rules;
  private final Map<String, Object> params;
  private final List<NamedExpression> matchConditions;
  private final List<NamedExpression> variables;
  private final Map<EnforcementPoint, EnforcementMode> modesByPoint;
  private final String digest;

  private Policy(Builder b, List<Rule> rules) {
    this.id = b.id;
    this.version = b.version;
    this.description = b.description;
    this.rules = List.copyOf(rules);
    this.params = Collections.unmodifiableMap(new TreeMap<>(b.params));
    this.matchConditions = List.copyOf(b.matchConditions);
    this.variables = List.copyOf(b.variables);
    this.modesByPoint =
        b.modesByPoint.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(b.modesByPoint));
    this.digest = b.digest != null ? b.digest : computeDigest();
  }

  /**
   * Starts a policy with this id.
   *
   * @param id for example {@code deploy-gate}
   * @return the builder
   */
  public static Builder named(String id) {
    return new Builder(id);
  }

  /** @return the policy id */
  public String id() {
    return id;
  }

  /** @return the policy version (default {@code 0.0.0}) */
  public String version() {
    return version;
  }

  /** @return a description, possibly empty */
  public String description() {
    return description;
  }

  /** @return the rules in evaluation order */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * A rule by id.
   *
   * @param ruleId the id
   * @return the rule, if the policy has it
   */
  public Optional<Rule> rule(String ruleId) {
    for (Rule r : rules) {
      if (r.id().equals(ruleId)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** @return default parameters, sorted by name; {@link EvaluationContext#params()} overrides them */
  public Map<String, Object> params() {
    return params;
  }

  /** @return CEL conditions that must all hold for any rule to apply (else every rule is not applicable) */
  public List<NamedExpression> matchConditions() {
    return matchConditions;
  }

  /** @return CEL variables, visible to rules as {@code variables.<name>} */
  public List<NamedExpression> variables() {
    return variables;
  }

  /** @return per-point caps on every rule's mode, for example AUDIT at RUNTIME for a dry run */
  public Map<EnforcementPoint, EnforcementMode> modesByPoint() {
    return modesByPoint;
  }

  /**
   * A rule's effective mode at a point: the rule's own mode there, capped by the policy's mode for the point.
   *
   * @param rule a rule of this policy
   * @param point the point
   * @return the effective mode
   */
  public EnforcementMode effectiveMode(Rule rule, EnforcementPoint point) {
    EnforcementMode m = rule.modeAt(point);
    EnforcementMode cap = modesByPoint.get(point);
    return cap == null ? m : m.atMost(cap);
  }

  /** @return {@code sha256:<hex>} of the policy's definition */
  public String digest() {
    return digest;
  }

  /** @return whether any rule, condition or variable is written in CEL */
  public boolean usesCel() {
    return !matchConditions.isEmpty() || !variables.isEmpty() || rules.stream().anyMatch(Rule::isCel);
  }

  @Override
  public String toString() {
    return "Policy[" + id + "@" + version + ", " + rules.size() + " rules, " + digest + "]";
  }

  private String computeDigest() {
    StringBuilder s = new StringBuilder();
    field(s, "policy", id);
    field(s, "version", version);
    field(s, "description", description);
    params.forEach((k, v) -> field(s, "param:" + k, String.valueOf(v)));
    matchConditions.forEach(e -> field(s, "match:" + e.name(), e.expression()));
    variables.forEach(e -> field(s, "var:" + e.name(), e.expression()));
    modesByPoint.forEach((k, v) -> field(s, "mode:" + k, v.name()));
    for (Rule r : rules) {
      field(s, "rule", r.id());
      field(s, "title", r.title());
      field(s, "severity", r.severity().name());
      field(s, "category", r.category());
      field(s, "applies", r.applicability().toString());
      if (r.check() instanceof RuleCheck.Cel cel) {
        field(s, "cel", cel.expression());
        field(s, "messageExpression", cel.messageExpression().orElse(""));
      } else {
        field(s, "java", "");
      }
      field(s, "message", r.message());
      field(s, "remediation", r.remediation());
      field(s, "references", String.join("\n", r.references()));
      field(s, "ruleMode", r.mode().name());
      r.modesByPoint().forEach((k, v) -> field(s, "ruleMode:" + k, v.name()));
      field(s, "failurePolicy", r.failurePolicy().name());
      field(s, "reason", r.reason().orElse(""));
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static void field(StringBuilder s, String name, String value) {
    s.append(name.length()).append(':').append(name).append(value.length()).append(':').append(value).append('\n');
  }

  /** Builds a {@link Policy}; {@link #rule(String)} starts the fluent rule chain. */
  public static final class Builder {
    private final String id;
    private String version = "0.0.0";
    private String description = "";
    private final List<Object> rules = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<NamedExpression> matchConditions = new ArrayList<>();
    private final List<NamedExpression> variables = new ArrayList<>();
    private final Map<EnforcementPoint, EnforcementMode> modesByPoint = new EnumMap<>(EnforcementPoint.class);
    private String digest;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the version.
     *
     * @param value for example {@code 1.2.0}
     * @return this builder
     */
    public Builder version(String value) {
      this.version = value;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param value the description
     * @return this builder
     */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /**
     * Sets a default parameter.
     *
     * @param name the parameter
     * @param value a string, number, boolean, list or map
     * @return this builder
     */
    public Builder param(String name, Object value) {
      this.params.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Adds a CEL match condition.
     *
     * @param name its name
     * @param expression a CEL bool expression
     * @return this builder
     */
    public Builder matchCondition(String name, String expression) {
      this.matchConditions.add(new NamedExpression(name, expression));
      return this;
    }

    /**
     * Adds a CEL variable.
     *
     * @param name its name, visible as {@code variables.<name>}
     * @param expression its CEL expression
     * @return this builder
     */
    public Builder variable(String name, String expression) {
      this.variables.add(new NamedExpression(name, expression));
      return this;
    }

    /**
     * Caps every rule's mode at a point.
     *
     * @param point the point
     * @param mode the most the point allows
     * @return this builder
     */
    public Builder modeAt(EnforcementPoint point, EnforcementMode mode) {
      this.modesByPoint.put(Objects.requireNonNull(point, "point"), Objects.requireNonNull(mode, "mode"));
      return this;
    }

    /**
     * Sets the digest instead of computing it; loaders use it to record the digest of the source document.
     *
     * @param value {@code sha256:<64 hex>}
     * @return this builder
     */
    public Builder digest(String value) {
      this.digest = value;
      return this;
    }

    /**
     * Adds a built rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder add(Rule rule) {
      this.rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds built rules.
     *
     * @param values the rules
     * @return this builder
     */
    public Builder addAll(List<Rule> values) {
      values.forEach(this::add);
      return this;
    }

    /**
     * Starts a rule; chain its setters, then {@code rule(...)} again or {@code build()}.
     *
     * @param ruleId the rule id
     * @return the rule step
     */
    public RuleStep rule(String ruleId) {
      RuleStep step = new RuleStep(this, ruleId);
      rules.add(step);
      return step;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the policy and the bad field or rule
     */
    public Policy build() {
      if (id == null || !Rule.isValidId(id.replace('_', '-'))) {
        throw new IllegalArgumentException(
            "policy id '" + id + "' is invalid: use letters, digits, dashes and dots, e.g. deploy-gate");
      }
      if (version == null || version.isBlank()) {
        throw new IllegalArgumentException("policy " + id + ": version must not be blank");
      }
      if (description == null) {
        throw new IllegalArgumentException("policy " + id + ": description must not be null");
      }
      if (digest != null && !digest.matches("sha256:[0-9a-f]{64}")) {
        throw new IllegalArgumentException("policy " + id + ": digest must be sha256:<64 lower-case hex>");
      }
      List<Rule> built = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Object o : rules) {
        Rule r = o instanceof RuleStep s ? s.buildRule() : (Rule) o;
        if (!seen.add(r.id())) {
          throw new IllegalArgumentException("policy " + id + ": rule id " + r.id() + " is declared twice");
        }
        built.add(r);
      }
      Set<String> names = new HashSet<>();
      for (NamedExpression v : variables) {
        if (!v.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException("policy " + id + ": variable name '" + v.name() + "' is not an identifier");
        }
        if (!names.add(v.name())) {
          throw new IllegalArgumentException("policy " + id + ": variable " + v.name() + " is declared twice");
        }
      }
      Set<String> conditions = new HashSet<>();
      for (NamedExpression c : matchConditions) {
        if (!conditions.add(c.name())) {
          throw new IllegalArgumentException("policy " + id + ": match condition " + c.name() + " is declared twice");
        }
      }
      return new Policy(this, built);
    }
  }

  /** One rule in the fluent {@code Policy.named(...).rule(...)} chain. */
  public static final class RuleStep extends Rule.Spec<RuleStep> {
    private final Builder policy;

    private RuleStep(Builder policy, String id) {
      super(id);
      this.policy = policy;
    }

    @Override
    RuleStep self() {
      return this;
    }

    /**
     * Ends this rule and starts the next one.
     *
     * @param ruleId the next rule's id
     * @return the next rule step
     */
    public RuleStep rule(String ruleId) {
      return policy.rule(ruleId);
    }

    /**
     * Ends this rule and returns to the policy builder.
     *
     * @return the policy builder
     */
    public Builder and() {
      return policy;
    }

    /**
     * Ends this rule and builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming the policy and the bad field or rule
     */
    public Policy build() {
      return policy.build();
    }
  }
}
