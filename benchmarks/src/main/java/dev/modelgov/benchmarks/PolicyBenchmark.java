package dev.modelgov.benchmarks;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.cel.CelPolicies;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm cost of evaluating the 21-rule built-in governance pack on a realistic manifest, against the same CEL
 * expressions evaluated directly with cel-java (no governance layer), measured in the same run.
 *
 * <ul>
 *   <li>{@link #packMixed}: the pack with CEL and Java rules interleaved (odd rules in Java, even ones in CEL) through
 *       {@link PolicyEngine}; its p50 is the latency target (at most 50 us).
 *   <li>{@link #packCel} and {@link #packJava}: the whole pack in one language.
 *   <li>{@link #baselineCelDirect}: the CEL pack's expressions of the rules that apply at the benchmark's point, and
 *       the variables they read, as cel-java programs evaluated on activations prepared once, results collected into
 *       an array: the floor any CEL policy engine pays. The overhead target is packCel / baselineCelDirect at most
 *       1.2.
 * </ul>
 *
 * <p>{@link PolicyColdStartBenchmark} measures the cold load and compile of the pack.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PolicyBenchmark {

  private ModelManifest manifest;
  private EvaluationContext context;
  private CompiledPolicy mixed;
  private CompiledPolicy cel;
  private CompiledPolicy java;
  private DirectCel direct;

  /**
   * Compiles the three packs and the direct baseline, and checks they agree on the manifest.
   *
   * @throws Exception if a pack does not compile
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    manifest = ManifestDigestBenchmark.manifest();
    context =
        EvaluationContext.builder()
            .point(EnforcementPoint.PROMOTION)
            .previousStage(LifecycleStage.STAGING)
            .provenance(ProvenanceFacts.verified(ManifestCodec.defaults().digest(manifest), "release-2026"))
            .deployedImages(List.of(manifest.servingImage().orElseThrow().toString()))
            .build();
    PolicyEngine engine = PolicyEngine.builder().build();
    Policy celPack = CelPolicies.builtin();
    Policy javaPack = BuiltinPolicy.deployGate();
    cel = engine.compile(celPack);
    java = engine.compile(javaPack);
    mixed = engine.compile(interleave(celPack, javaPack));
    Decision d = java.evaluate(manifest, context);
    java.util.Set<String> applicable = new java.util.HashSet<>();
    d.results().stream()
        .filter(r -> r.outcome() != dev.modelgov.api.policy.Outcome.NOT_APPLICABLE)
        .forEach(r -> applicable.add(r.ruleId()));
    direct = DirectCel.of(celPack, applicable, manifest, context);
    if (!d.effect().equals(cel.evaluate(manifest, context).effect())
        || !d.effect().equals(mixed.evaluate(manifest, context).effect())) {
      throw new IllegalStateException("the Java, CEL and mixed packs disagree on the benchmark manifest");
    }
    direct.check(cel.evaluate(manifest, context));
  }

  /**
   * The pack with odd-numbered rules from the Java form and even-numbered ones from the CEL form.
   *
   * @param celPack the CEL form
   * @param javaPack the Java form
   * @return the mixed policy, with the CEL form's parameters and variables
   */
  static Policy interleave(Policy celPack, Policy javaPack) {
    Policy.Builder b = Policy.named("modelgov-builtin-mixed").version(celPack.version());
    celPack.params().forEach(b::param);
    celPack.variables().forEach(v -> b.variable(v.name(), v.expression()));
    List<Rule> rules = celPack.rules();
    for (int i = 0; i < rules.size(); i++) {
      String id = rules.get(i).id();
      b.add(i % 2 == 0 ? rules.get(i) : javaPack.rule(id).orElseThrow());
    }
    return b.build();
  }

  /**
   * The mixed pack through the engine.
   *
   * @return the decision
   */
  @Benchmark
  public Decision packMixed() {
    return mixed.evaluate(manifest, context);
  }

  /**
   * The CEL pack through the engine.
   *
   * @return the decision
   */
  @Benchmark
  public Decision packCel() {
    return cel.evaluate(manifest, context);
  }

  /**
   * The Java pack through the engine.
   *
   * @return the decision
   */
  @Benchmark
  public Decision packJava() {
    return java.evaluate(manifest, context);
  }

  /**
   * The CEL pack's expressions evaluated directly with cel-java.
   *
   * @return the rule results
   */
  @Benchmark
  public Object[] baselineCelDirect() {
    return direct.evaluate();
  }
}
