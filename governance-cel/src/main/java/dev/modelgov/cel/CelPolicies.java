package dev.modelgov.cel;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.cel.internal.CelBackendImpl;
import dev.modelgov.cel.internal.PolicyFiles;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Declarative CEL policies: reads {@code policy.modelgov.dev/v1alpha1} {@code GovernancePolicy} files (YAML or JSON)
 * into {@link Policy} values, and lints them. Loading checks structure only (fields, types, ids, limits); the policy
 * engine compiles the CEL expressions, or {@link #lint(Path)} does it up front. Every error is a {@link
 * PolicyCompileException} naming the file, the rule and the line and column of the offending node (for CEL errors,
 * the line and column inside the expression). The format is described in {@code docs/policy-yaml.md}.
 *
 * <pre>{@code
 * Policy gate = CelPolicies.load(Path.of("policies/deploy-gate.yaml"));
 * Policy bundled = CelPolicies.fromResource("policies/deploy-gate.yaml");
 * CelPolicies.lint(Path.of("policies/deploy-gate.yaml")); // throws the first load or compile error
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CelPolicies {

  private CelPolicies() {}

  /** Built on first lint only: creating the CEL compiler costs tens to hundreds of milliseconds. */
  private static final class Backend {
    static final CelBackendImpl INSTANCE = new CelBackendImpl();
  }

  /**
   * Loads a policy file under the default limits; {@code .json} files are read as JSON, others as YAML.
   *
   * @param file the file, must not be {@code null}
   * @return the policy, its digest the SHA-256 of the canonical (RFC 8785) document
   * @throws PolicyCompileException naming the file, rule, line and column of the first problem
   * @throws IOException when the file cannot be read
   */
  public static Policy load(Path file) throws PolicyCompileException, IOException {
    return load(file, PolicyLimits.defaults());
  }

  /**
   * Loads a policy file under the given limits (document size, rules, expression length).
   *
   * @param file the file, must not be {@code null}
   * @param limits the limits, must not be {@code null}
   * @return the policy
   * @throws PolicyCompileException naming the file, rule, line and column of the first problem
   * @throws IOException when the file cannot be read
   */
  public static Policy load(Path file, PolicyLimits limits) throws PolicyCompileException, IOException {
    return PolicyFiles.load(file, limits);
  }

  /**
   * Parses a policy document held in memory, under the default limits.
   *
   * @param yamlOrJson the document, must not be {@code null}
   * @param sourceName the name used in errors; a name ending in {@code .json} selects JSON, any other YAML
   * @return the policy
   * @throws PolicyCompileException naming the source, rule, line and column of the first problem
   */
  public static Policy parse(String yamlOrJson, String sourceName) throws PolicyCompileException {
    return parse(yamlOrJson, sourceName, PolicyLimits.defaults());
  }

  /**
   * Parses a policy document held in memory.
   *
   * @param yamlOrJson the document, must not be {@code null}
   * @param sourceName the name used in errors; a name ending in {@code .json} selects JSON, any other YAML
   * @param limits the limits, must not be {@code null}
   * @return the policy
   * @throws PolicyCompileException naming the source, rule, line and column of the first problem
   */
  public static Policy parse(String yamlOrJson, String sourceName, PolicyLimits limits)
      throws PolicyCompileException {
    return PolicyFiles.parse(yamlOrJson, sourceName, limits);
  }

  /** The class-path resource of the built-in pack in CEL. */
  public static final String BUILTIN_RESOURCE = "dev/modelgov/cel/builtin/deploy-gate.yaml";

  private static volatile Policy builtin;

  /**
   * The built-in governance pack written in CEL: the same 21 rules, ids and parameters as the Java pack {@code
   * dev.modelgov.core.policy.builtin.BuiltinPolicy.deployGate()}, so it can be exported to Kubernetes
   * ValidatingAdmissionPolicy. Loaded once and shared.
   *
   * <pre>{@code
   * Decision d = engine.evaluate(CelPolicies.builtin(), manifest, EvaluationContext.at(EnforcementPoint.CI));
   * }</pre>
   *
   * @return the policy
   * @throws IllegalStateException if the bundled resource is missing or invalid (a packaging error)
   */
  public static Policy builtin() {
    Policy p = builtin;
    if (p == null) {
      try {
        p = fromResource(BUILTIN_RESOURCE);
      } catch (PolicyCompileException | IOException e) {
        throw new IllegalStateException("the bundled built-in CEL pack cannot be loaded: " + e.getMessage(), e);
      }
      builtin = p;
    }
    return p;
  }

  /**
   * Loads a policy bundled on the class path, under the default limits.
   *
   * @param resourceName the resource path without a leading slash, for example {@code policies/deploy-gate.yaml}
   * @return the policy
   * @throws PolicyCompileException naming the resource, rule, line and column of the first problem
   * @throws FileNotFoundException when no such resource exists
   * @throws IOException when it cannot be read
   */
  public static Policy fromResource(String resourceName) throws PolicyCompileException, IOException {
    Objects.requireNonNull(resourceName, "resourceName");
    String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream in = loader == null ? null : loader.getResourceAsStream(name);
    if (in == null) {
      in = CelPolicies.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      throw new FileNotFoundException("policy resource " + name + " is not on the class path");
    }
    try (InputStream stream = in) {
      return PolicyFiles.load(stream, name, PolicyLimits.defaults());
    }
  }

  /**
   * Loads a policy file and compiles every CEL expression in it, as {@code governance policy lint} does.
   *
   * @param file the file, must not be {@code null}
   * @throws PolicyCompileException the first load or compile problem, naming the file, rule, line and column
   * @throws IOException when the file cannot be read
   */
  public static void lint(Path file) throws PolicyCompileException, IOException {
    Objects.requireNonNull(file, "file");
    PolicyLimits limits = PolicyLimits.defaults();
    Backend.INSTANCE.compile(load(file, limits), file.toString(), limits);
  }

  /**
   * Parses a policy document and compiles every CEL expression in it.
   *
   * @param yamlOrJson the document, must not be {@code null}
   * @param sourceName the name used in errors; {@code .json} selects JSON
   * @throws PolicyCompileException the first load or compile problem, naming the source, rule, line and column
   */
  public static void lint(String yamlOrJson, String sourceName) throws PolicyCompileException {
    PolicyLimits limits = PolicyLimits.defaults();
    Backend.INSTANCE.compile(parse(yamlOrJson, sourceName, limits), sourceName, limits);
  }
}
