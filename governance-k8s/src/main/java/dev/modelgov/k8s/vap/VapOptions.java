package dev.modelgov.k8s.vap;

import dev.modelgov.api.policy.Waiver;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Options of a ValidatingAdmissionPolicy export: a name prefix, the matched resources (default: apps/v1 Deployments
 * and StatefulSets, v1 Pods and serving.kserve.io InferenceServices on CREATE and UPDATE), the failure policy
 * (default {@code Fail}), a namespace selector for the bindings, an optional typed parameter resource, and the
 * waivers in force (reported as not exportable: their expiry needs a clock).
 *
 * <pre>{@code
 * VapOptions options = VapOptions.builder().namePrefix("bank-").namespaceLabel("env", "prod").build();
 * }</pre>
 */
public final class VapOptions {

  private static final Pattern NAME_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]*)?");
  private static final VapOptions DEFAULTS = builder().build();

  private final String namePrefix;
  private final List<NamedRuleWithOperations> resourceRules;
  private final String failurePolicy;
  private final Map<String, String> namespaceLabels;
  private final Optional<ParamSource> params;
  private final List<Waiver> waivers;

  private VapOptions(Builder b) {
    this.namePrefix = b.namePrefix;
    this.resourceRules = List.copyOf(b.resourceRules == null ? defaultResourceRules() : b.resourceRules);
    this.failurePolicy = b.failurePolicy;
    this.namespaceLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.namespaceLabels));
    this.params = Optional.ofNullable(b.params);
    this.waivers = List.copyOf(b.waivers);
  }

  /** @return the defaults: no prefix, the default resources, {@code Fail}, every namespace, no params, no waivers */
  public static VapOptions defaults() {
    return DEFAULTS;
  }

  /** @return a new builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the prefix of every object name */
  public String namePrefix() {
    return namePrefix;
  }

  /** @return the resource rules of {@code spec.matchConstraints} */
  public List<NamedRuleWithOperations> resourceRules() {
    return resourceRules;
  }

  /** @return {@code Fail} or {@code Ignore} */
  public String failurePolicy() {
    return failurePolicy;
  }

  /** @return the bindings' namespace selector {@code matchLabels}; empty selects every namespace */
  public Map<String, String> namespaceLabels() {
    return namespaceLabels;
  }

  /** @return the typed parameter resource; without it rules that read {@code params} are not exported */
  public Optional<ParamSource> params() {
    return params;
  }

  /** @return the waivers in force, each reported as not exportable */
  public List<Waiver> waivers() {
    return waivers;
  }

  /**
   * The default resources: apps/v1 deployments and statefulsets, v1 pods, serving.kserve.io (any version)
   * inferenceservices, on CREATE and UPDATE.
   *
   * @return new rules
   */
  public static List<NamedRuleWithOperations> defaultResourceRules() {
    return List.of(
        rule("apps", "v1", "deployments", "statefulsets"),
        rule("", "v1", "pods"),
        rule("serving.kserve.io", "*", "inferenceservices"));
  }

  private static NamedRuleWithOperations rule(String group, String version, String... resources) {
    return new NamedRuleWithOperationsBuilder()
        .withApiGroups(group)
        .withApiVersions(version)
        .withOperations("CREATE", "UPDATE")
        .withResources(resources)
        .build();
  }

  /**
   * A typed parameter resource (for example a custom resource whose fields have the policy's param types), bound by
   * {@code paramKind} and {@code paramRef}. ConfigMaps are not offered: CEL sees their data as strings, so numeric
   * params would silently change meaning.
   *
   * <pre>{@code
   * new VapOptions.ParamSource("governance.bank.example/v1", "GateParams", "prod", "governance");
   * }</pre>
   *
   * @param apiVersion the resource's apiVersion
   * @param kind the resource's kind
   * @param name the bound object's name
   * @param namespace the bound object's namespace, or empty for the admitted object's namespace
   */
  public record ParamSource(String apiVersion, String kind, String name, String namespace) {

    /** Checks the fields. */
    public ParamSource {
      for (String[] f : new String[][] {{"apiVersion", apiVersion}, {"kind", kind}, {"name", name}}) {
        if (f[1] == null || f[1].isBlank()) {
          throw new IllegalArgumentException("params." + f[0] + " must not be blank");
        }
      }
      namespace = namespace == null ? "" : namespace;
    }
  }

  /** Builds {@link VapOptions}; {@link #build()} checks the fields. */
  public static final class Builder {
    private String namePrefix = "";
    private List<NamedRuleWithOperations> resourceRules;
    private String failurePolicy = "Fail";
    private final Map<String, String> namespaceLabels = new LinkedHashMap<>();
    private ParamSource params;
    private final List<Waiver> waivers = new ArrayList<>();

    private Builder() {}

    /**
     * @param value a DNS-subdomain prefix, for example {@code bank-}
     * @return this builder
     */
    public Builder namePrefix(String value) {
      this.namePrefix = Objects.requireNonNull(value, "namePrefix");
      return this;
    }

    /**
     * @param value the resource rules replacing the defaults; must not be empty
     * @return this builder
     */
    public Builder resourceRules(List<NamedRuleWithOperations> value) {
      this.resourceRules = List.copyOf(value);
      return this;
    }

    /**
     * @param value {@code Fail} or {@code Ignore}
     * @return this builder
     */
    public Builder failurePolicy(String value) {
      this.failurePolicy = Objects.requireNonNull(value, "failurePolicy");
      return this;
    }

    /**
     * Adds a label the bindings' namespace selector requires.
     *
     * @param key the label key
     * @param value the label value
     * @return this builder
     */
    public Builder namespaceLabel(String key, String value) {
      namespaceLabels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param value the typed parameter resource, or {@code null} for none
     * @return this builder
     */
    public Builder params(ParamSource value) {
      this.params = value;
      return this;
    }

    /**
     * @param values the waivers in force
     * @return this builder
     */
    public Builder waivers(List<Waiver> values) {
      waivers.addAll(values);
      return this;
    }

    /**
     * @return the options
     * @throws IllegalArgumentException naming the bad field
     */
    public VapOptions build() {
      if (!namePrefix.isEmpty() && !NAME_PREFIX.matcher(namePrefix).matches()) {
        throw new IllegalArgumentException(
            "namePrefix must be lower-case letters, digits, '-' or '.', starting with a letter or digit");
      }
      if (resourceRules != null && resourceRules.isEmpty()) {
        throw new IllegalArgumentException("resourceRules must not be empty");
      }
      if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
        throw new IllegalArgumentException("failurePolicy must be Fail or Ignore, not '" + failurePolicy + "'");
      }
      return new VapOptions(this);
    }
  }
}
