package dev.modelgov.core.policy.suite;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.WaiverResolver;
import dev.modelgov.core.policy.spi.CelBackend;
import dev.modelgov.core.policy.suite.internal.Documents;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs a {@link PolicySuite}: every case against every policy the suite lists, each through a {@link PolicyEngine}
 * whose one {@link WaiverResolver} holds the case's waivers (expiry judged at the case's {@code now}), and compares
 * each decision with the case's {@link Expectation}. A mismatch is a failed {@link CaseResult}, never an exception; an
 * invalid manifest fails its case with the manifest's problems.
 *
 * <pre>{@code
 * SuiteResult result = PolicySuiteRunner.builder().build()
 *     .run(PolicySuite.read(Path.of("examples/policies/builtin.suite.yaml")));
 * result.passed();
 * }</pre>
 *
 * <p>{@code builtin-cel} is {@linkplain SuiteResult#skipped() skipped} (with the reason) when {@code governance-cel}
 * is not on the class path; any other policy that cannot be loaded or compiled stops the run.
 */
public final class PolicySuiteRunner {

  /**
   * The default wall-clock budget of one evaluation in a suite: 10 s. Suites test what policies decide, not how fast;
   * a one-shot run in a cold JVM pays class loading and JIT compilation inside the first evaluation, which the
   * engine's default of 100 ms (sized for warm servers) would turn into spurious {@code ERROR} outcomes.
   */
  public static final Duration DEFAULT_EVALUATION_BUDGET = Duration.ofSeconds(10);

  private final PolicyLimits limits;
  private final PolicySources sources;
  private final CelBackend celBackend;
  private final Clock clock;

  private PolicySuiteRunner(Builder b) {
    this.limits = b.limits;
    this.sources = b.sources != null ? b.sources : PolicySources.defaults();
    this.celBackend = b.celBackend;
    this.clock = b.clock;
  }

  /**
   * A new builder: default limits with an evaluation budget of {@link #DEFAULT_EVALUATION_BUDGET}, {@link
   * PolicySources#defaults()}, the CEL backend found by the engine, the system
   * clock for cases without {@code now}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every case of a suite against every policy it lists.
   *
   * @param suite the suite, must not be {@code null}
   * @return the results
   * @throws PolicyDocumentException naming the suite and the policy when a policy file cannot be read
   * @throws PolicyCompileException naming the policy file, rule, line and column when a policy does not load or
   *     compile
   */
  public SuiteResult run(PolicySuite suite) throws PolicyDocumentException, PolicyCompileException {
    Objects.requireNonNull(suite, "suite must not be null");
    List<CaseResult> results = new ArrayList<>();
    List<SkippedPolicy> skipped = new ArrayList<>();
    Map<WaiverResolver, PolicyEngine> engines = new IdentityHashMap<>();
    for (int i = 0; i < suite.policies().size(); i++) {
      String ref = suite.policies().get(i);
      Optional<String> unavailable = sources.unavailable(ref);
      if (unavailable.isPresent() && ref.equals(PolicySources.BUILTIN_CEL)) {
        skipped.add(new SkippedPolicy(ref, unavailable.get()));
        continue;
      }
      Policy policy;
      try {
        policy = sources.load(ref, suite.baseDirectory(), limits);
      } catch (IOException e) {
        throw new PolicyDocumentException(suite.file().toString(), "policies[" + i + "]",
            ref + ": " + Documents.problem(e));
      }
      Map<WaiverResolver, CompiledPolicy> compiled = new IdentityHashMap<>();
      for (SuiteCase c : suite.cases()) {
        PolicyEngine engine = engines.computeIfAbsent(c.waivers(), this::engine);
        CompiledPolicy program = compiled.get(c.waivers());
        if (program == null) {
          try {
            program = engine.compile(policy);
          } catch (PolicyCompileException e) {
            throw PolicySources.naming(e, policy, ref);
          }
          compiled.put(c.waivers(), program);
        }
        results.add(runCase(suite, ref, program, c));
      }
    }
    return new SuiteResult(suite.name(), suite.file(), results, skipped);
  }

  private PolicyEngine engine(WaiverResolver waivers) {
    PolicyEngine.Builder b = PolicyEngine.builder().limits(limits).clock(clock).waivers(waivers);
    if (celBackend != null) {
      b.celBackend(celBackend);
    }
    return b.build();
  }

  private static CaseResult runCase(PolicySuite suite, String ref, CompiledPolicy program, SuiteCase c) {
    ManifestCodec codec = ManifestCodec.defaults();
    ModelManifest manifest;
    try {
      manifest = codec.fromTree(c.manifest());
    } catch (ManifestFormatException e) {
      String problems = e.problems().stream().map(PolicySuiteRunner::problem).collect(Collectors.joining("; "));
      return failed(ref, c, "the manifest is invalid: " + problems);
    }
    Digest digest = codec.digest(manifest);
    EvaluationContext context;
    try {
      context = EvaluationContexts.fromTree(c.context(), suite.file() + ": " + c.label() + ": context", digest);
    } catch (PolicyDocumentException e) {
      return failed(ref, c, e.getMessage());
    }
    Decision decision;
    try {
      decision = program.evaluate(manifest, context);
    } catch (RuntimeException e) {
      return failed(ref, c, "the evaluation threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return new CaseResult(ref, c.name(), c.index(), compare(c.expectation(), decision), Optional.of(decision));
  }

  private static String problem(ManifestProblem p) {
    return p.path().isEmpty() ? p.message() : p.path() + ": " + p.message();
  }

  private static CaseResult failed(String ref, SuiteCase c, String mismatch) {
    return new CaseResult(ref, c.name(), c.index(), List.of(mismatch), Optional.empty());
  }

  /**
   * Compares a decision with an expectation.
   *
   * @param expected what the case expects
   * @param decision the decision
   * @return the mismatches in plain words, empty when everything expected holds
   */
  static List<String> compare(Expectation expected, Decision decision) {
    List<String> out = new ArrayList<>();
    expected.effect().ifPresent(effect -> {
      if (decision.effect() != effect) {
        out.add("effect: expected " + effect + ", got " + decision.effect() + deciders(decision));
      }
    });
    expected.rules().forEach((ruleId, want) -> {
      Optional<RuleResult> result = decision.result(ruleId);
      if (result.isEmpty()) {
        out.add(ruleId + ": expected " + want.outcome() + ", but policy " + decision.policy().id()
            + " has no such rule");
        return;
      }
      RuleResult got = result.get();
      String message = got.message().orElse("");
      if (got.outcome() != want.outcome()) {
        out.add(ruleId + ": expected " + want.outcome() + ", got " + got.outcome()
            + (message.isEmpty() ? "" : " (message: " + message + ")"));
      } else if (want.message().isPresent() && !want.message().get().matcher(message).find()) {
        out.add(ruleId + ": message " + (message.isEmpty() ? "is empty" : "\"" + message + "\"")
            + " has no match for /" + want.message().get() + "/");
      }
    });
    expected.waiversApplied().ifPresent(want -> {
      Set<String> got = decision.waiversApplied().stream().map(AppliedWaiver::waiverId)
          .collect(Collectors.toCollection(TreeSet::new));
      if (!got.equals(new TreeSet<>(want))) {
        out.add("waiversApplied: expected " + new TreeSet<>(want) + ", got " + got);
      }
    });
    expected.warning().ifPresent(pattern -> {
      if (decision.warnings().stream().noneMatch(w -> pattern.matcher(w).find())) {
        out.add("warning: no decision warning has a match for /" + pattern + "/"
            + (decision.warnings().isEmpty() ? " (there are none)" : " (warnings: " + decision.warnings() + ")"));
      }
    });
    return out;
  }

  private static String deciders(Decision decision) {
    List<RuleResult> shown = decision.effect() == Effect.DENY ? decision.denials()
        : decision.effect() == Effect.WARN ? decision.warningResults() : List.of();
    return shown.isEmpty() ? ""
        : " (" + shown.stream().map(RuleResult::ruleId).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public String toString() {
    return "PolicySuiteRunner[" + sources + ", " + limits + "]";
  }

  /** Builds a {@link PolicySuiteRunner}; every setting is optional. */
  public static final class Builder {
    private PolicyLimits limits = PolicyLimits.defaults().withEvaluationBudget(DEFAULT_EVALUATION_BUDGET);
    private PolicySources sources;
    private CelBackend celBackend;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the limits policies are loaded, compiled and evaluated under.
     *
     * @param value the limits (default {@link PolicyLimits#defaults()} with an evaluation budget of {@link
     *     #DEFAULT_EVALUATION_BUDGET})
     * @return this builder
     */
    public Builder limits(PolicyLimits value) {
      this.limits = value;
      return this;
    }

    /**
     * Sets how policy references are loaded.
     *
     * @param value the sources (default {@link PolicySources#defaults()})
     * @return this builder
     */
    public Builder sources(PolicySources value) {
      this.sources = value;
      return this;
    }

    /**
     * Sets the CEL backend instead of letting the engine find one with {@link java.util.ServiceLoader}.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder celBackend(CelBackend value) {
      this.celBackend = value;
      return this;
    }

    /**
     * Sets the clock read for cases that fix no {@code now}.
     *
     * @param value the clock (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     * @throws IllegalArgumentException naming the setting that is {@code null}
     */
    public PolicySuiteRunner build() {
      if (limits == null) {
        throw new IllegalArgumentException("policy suite runner: limits must not be null");
      }
      if (clock == null) {
        throw new IllegalArgumentException("policy suite runner: clock must not be null");
      }
      return new PolicySuiteRunner(this);
    }
  }
}
