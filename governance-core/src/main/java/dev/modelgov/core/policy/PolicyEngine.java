package dev.modelgov.core.policy;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.core.policy.internal.IdentityCache;
import dev.modelgov.core.policy.internal.PolicyInputs;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.spi.CelCondition;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Compiles and evaluates {@link Policy policies}: every applicable rule, in declaration order, into one {@link
 * Decision} with each rule's outcome, message, explanation and remediation, and the waivers applied. Thread-safe;
 * build one engine and share it.
 *
 * <p>Rules written in CEL (and match conditions, variables and waiver match expressions) need a {@link CelBackend}:
 * the one given to the builder, else the first found with {@link ServiceLoader} ({@code dev.modelgov:governance-cel}
 * on the class or module path). Java-only policies need none.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder()
 *     .waivers(WaiverResolver.builder().addAll(WaiverFiles.read(Path.of("waivers.yaml"))).build())
 *     .build();
 * CompiledPolicy gate = engine.compile(policy);          // fail fast: PolicyCompileException names the rule
 * Decision d = gate.evaluate(manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 * if (!d.allowed()) d.denials().forEach(r -> log.warn(r.ruleId() + ": " + r.message().orElse("")));
 * }</pre>
 */
public final class PolicyEngine {

  /** How many policies {@link #evaluate(Policy, ModelManifest, EvaluationContext)} keeps compiled. */
  public static final int COMPILED_POLICY_CACHE_SIZE = 256;

  private static final String ADD_CEL = "add dev.modelgov:governance-cel to the classpath";

  private final Clock clock;
  private final PolicyLimits limits;
  private final WaiverResolver waivers;
  private final CelBackend configuredBackend;
  private final PolicyInputs inputs = PolicyInputs.shared();
  private final IdentityCache<Policy, CompiledPolicy> compiled = new IdentityCache<>(COMPILED_POLICY_CACHE_SIZE);
  private final Object lock = new Object();
  private volatile Optional<CelBackend> discoveredBackend;
  private volatile Map<String, CelCondition> waiverConditions;

  private PolicyEngine(Builder b) {
    this.clock = b.clock;
    this.limits = b.limits;
    this.waivers = b.waivers;
    this.configuredBackend = b.celBackend;
  }

  /**
   * A new builder: the system UTC clock, {@link PolicyLimits#defaults()}, no waivers, the CEL backend found with
   * {@link ServiceLoader} when first needed.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the clock read once per evaluation whose context fixes no instant */
  public Clock clock() {
    return clock;
  }

  /** @return the limits every policy is compiled and evaluated under */
  public PolicyLimits limits() {
    return limits;
  }

  /** @return the waivers every evaluation consults */
  public WaiverResolver waivers() {
    return waivers;
  }

  /**
   * Compiles a policy: checks the rule count against {@link PolicyLimits#maxRules()}, compiles every CEL part (and
   * every waiver match expression) once.
   *
   * @param policy the policy, must not be {@code null}
   * @return the compiled policy, thread-safe
   * @throws PolicyCompileException naming the policy and rule (or waiver) at fault: too many rules, a CEL expression
   *     that does not compile, CEL used without a backend, or a policy parameter that is not JSON-like
   */
  public CompiledPolicy compile(Policy policy) throws PolicyCompileException {
    Objects.requireNonNull(policy, "policy must not be null");
    if (policy.rules().size() > limits.maxRules()) {
      throw new PolicyCompileException(policy.id(), null, 0, 0, "the policy has " + policy.rules().size()
          + " rules, more than the limit of " + limits.maxRules());
    }
    Map<String, CelCondition> conditions = waiverConditions();
    CelBackend backend = null;
    if (policy.usesCel()) {
      backend = backend().orElseThrow(() -> new PolicyCompileException(policy.id(), null, 0, 0,
          "policy " + policy.id() + " uses CEL (" + firstCelPart(policy) + "); " + ADD_CEL));
    } else if (!conditions.isEmpty()) {
      backend = backend().orElseThrow(); // present: the waiver conditions were compiled with it
    }
    return new CompiledPolicy(this, policy, backend, conditions);
  }

  /**
   * Evaluates a policy, compiling it on first use; each {@link Policy} instance is compiled once (a bounded cache of
   * {@value #COMPILED_POLICY_CACHE_SIZE} policies, by identity).
   *
   * @param policy the policy, must not be {@code null}
   * @param manifest the model, must not be {@code null}
   * @param context the evaluation context, must not be {@code null}
   * @return the decision; rule failures and rule errors are outcomes in it, never exceptions
   * @throws PolicyCompileException when the policy does not compile
   * @throws IllegalArgumentException when a context parameter is not JSON-like (a CEL policy reads parameters)
   */
  public Decision evaluate(Policy policy, ModelManifest manifest, EvaluationContext context)
      throws PolicyCompileException {
    Objects.requireNonNull(policy, "policy must not be null");
    CompiledPolicy c = compiled.get(policy);
    if (c == null) {
      c = compiled.putIfAbsent(policy, compile(policy));
    }
    return c.evaluate(manifest, context);
  }

  @Override
  public String toString() {
    return "PolicyEngine[limits=" + limits + ", " + waivers + ", cel="
        + (configuredBackend != null ? configuredBackend.getClass().getName() : "service loader") + "]";
  }

  PolicyInputs inputs() {
    return inputs;
  }

  private static String firstCelPart(Policy policy) {
    for (Rule r : policy.rules()) {
      if (r.isCel()) {
        return "rule " + r.id();
      }
    }
    if (!policy.matchConditions().isEmpty()) {
      return "matchConditions[" + policy.matchConditions().get(0).name() + "]";
    }
    if (!policy.variables().isEmpty()) {
      return "variables[" + policy.variables().get(0).name() + "]";
    }
    return "a CEL expression";
  }

  private Optional<CelBackend> backend() throws PolicyCompileException {
    if (configuredBackend != null) {
      return Optional.of(configuredBackend);
    }
    Optional<CelBackend> found = discoveredBackend;
    if (found == null) {
      synchronized (lock) {
        found = discoveredBackend;
        if (found == null) {
          try {
            found = ServiceLoader.load(CelBackend.class).findFirst();
          } catch (ServiceConfigurationError e) {
            throw new PolicyCompileException("cel", null, 0, 0, "the CEL backend cannot be loaded: "
                + e.getMessage());
          }
          discoveredBackend = found;
        }
      }
    }
    return found;
  }

  /** Compiles every waiver match expression once; the first failure is reported again on the next compile. */
  private Map<String, CelCondition> waiverConditions() throws PolicyCompileException {
    Map<String, CelCondition> done = waiverConditions;
    if (done != null) {
      return done;
    }
    synchronized (lock) {
      if (waiverConditions != null) {
        return waiverConditions;
      }
      Map<String, CelCondition> out = new HashMap<>();
      for (Waiver w : waivers.waivers()) {
        Optional<String> expression = w.match().expression();
        if (expression.isEmpty()) {
          continue;
        }
        String name = "waiver " + w.id() + " match.expression";
        CelBackend backend = backend().orElseThrow(() -> new PolicyCompileException("waivers", null, 0, 0,
            name + " uses CEL; " + ADD_CEL));
        try {
          out.put(w.id(), backend.compileCondition(name, expression.get(), limits));
        } catch (RuntimeException e) {
          throw new PolicyCompileException("waivers", null, 0, 0,
              name + ": the CEL backend failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
      waiverConditions = Map.copyOf(out);
      return waiverConditions;
    }
  }

  /**
   * Builds a {@link PolicyEngine}; every setting is optional.
   *
   * <pre>{@code
   * PolicyEngine engine = PolicyEngine.builder()
   *     .clock(Clock.systemUTC())
   *     .limits(PolicyLimits.defaults().withEvaluationBudget(Duration.ofMillis(50)))
   *     .waivers(WaiverResolver.none())
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private PolicyLimits limits = PolicyLimits.defaults();
    private WaiverResolver waivers = WaiverResolver.none();
    private CelBackend celBackend;

    private Builder() {}

    /**
     * Sets the clock read once per evaluation when the context fixes no instant.
     *
     * @param value the clock (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * Sets the compile and evaluation limits.
     *
     * @param value the limits (default {@link PolicyLimits#defaults()})
     * @return this builder
     */
    public Builder limits(PolicyLimits value) {
      this.limits = value;
      return this;
    }

    /**
     * Sets the waivers every evaluation consults.
     *
     * @param value the resolver (default {@link WaiverResolver#none()})
     * @return this builder
     */
    public Builder waivers(WaiverResolver value) {
      this.waivers = value;
      return this;
    }

    /**
     * Sets the CEL backend instead of finding one with {@link ServiceLoader}.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder celBackend(CelBackend value) {
      this.celBackend = value;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalArgumentException naming a setting that was set to {@code null}
     */
    public PolicyEngine build() {
      if (clock == null) {
        throw new IllegalArgumentException("policy engine: clock must not be null");
      }
      if (limits == null) {
        throw new IllegalArgumentException("policy engine: limits must not be null");
      }
      if (waivers == null) {
        throw new IllegalArgumentException("policy engine: waivers must not be null");
      }
      return new PolicyEngine(this);
    }
  }
}
