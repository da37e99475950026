package dev.modelgov.benchmarks;

import dev.modelgov.cel.CelPolicies;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.PolicyLimits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cold start of the CEL pack: in a fresh JVM (one fork per sample, no warm-up), parse the bundled YAML, build the
 * CEL environment and compile all 21 rules and 4 variables. Target: at most 1 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5)
public class PolicyColdStartBenchmark {

  /**
   * Loads and compiles the built-in CEL pack from scratch.
   *
   * @return the compiled pack
   * @throws Exception if it does not load
   */
  @Benchmark
  public CompiledPolicy coldLoadAndCompile() throws Exception {
    return PolicyEngine.builder().limits(PolicyLimits.defaults()).build()
        .compile(CelPolicies.fromResource(CelPolicies.BUILTIN_RESOURCE));
  }
}
