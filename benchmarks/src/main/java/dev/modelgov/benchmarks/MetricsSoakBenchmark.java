package dev.modelgov.benchmarks;

import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ten million predictions through one bound binder in a single invocation, to show that its heap stays flat: drift
 * windows keep counts, not samples, fairness keeps counters, and the meters are resolved once.
 *
 * <p>Each prediction is {@code start()}, {@code observe()} of 10 numeric features, {@code recordPrediction} (no id,
 * so nothing waits for a label) and {@code success(outputClass)}. The heap used after a full GC is read after the
 * first million predictions (every meter registered, thousands of windows closed) and after the ten millionth; both
 * are reported as secondary results ({@code heapAfter1MBytes}, {@code heapAfter10MBytes}, and their difference
 * {@code heapGrowthBytes}, which BenchSummary checks against 1 MiB) and printed. The score is the mean time per
 * prediction over the whole run.
 *
 * <pre>{@code
 * scripts/bench.sh MetricsSoak
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class MetricsSoakBenchmark {

  /** Predictions in the one invocation. */
  static final int OBSERVATIONS = 10_000_000;

  private static final int FEATURES = 10;
  private static final String[] NO_CATEGORIES = new String[0];
  private static final String[] CLASSES = {"approve", "review", "decline"};

  private SimpleMeterRegistry registry;
  private ModelMetrics metrics;
  private double[][] samples;
  private List<Map<String, String>> groups;

  /** The heap readings, reported as JMH secondary results. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {

    /** Heap used after a full GC, after the first million predictions. */
    public long heapAfter1MBytes;

    /** Heap used after a full GC, after the last prediction. */
    public long heapAfter10MBytes;

    /** The difference: what ten million predictions left behind beyond the first million. */
    public long heapGrowthBytes;

    /** Clears the readings before the iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      heapAfter1MBytes = 0;
      heapAfter10MBytes = 0;
      heapGrowthBytes = 0;
    }
  }

  /** Builds and binds a binder with 10 numeric features and fairness on one attribute. */
  @Setup(Level.Trial)
  public void setUp() {
    registry = new SimpleMeterRegistry();
    metrics = ModelMetrics.builder("credit-scoring", "2.4.0")
        .config(MetricsConfig.defaults())
        .drift(MetricsBenchmark.binderBaseline(FEATURES, 20261128L))
        .fairness("sex", "male")
        .outputClasses(CLASSES)
        .build();
    metrics.bindTo(registry);
    samples = MetricsBenchmark.samples(FEATURES, MetricsBenchmark.RING, 7L);
    groups = List.of(Map.of("sex", "male"), Map.of("sex", "female"));
  }

  /** Removes the meters. */
  @TearDown(Level.Trial)
  public void tearDown() {
    metrics.unregister();
    registry.close();
  }

  /**
   * Ten million predictions, with the heap read after a full GC at one million and at ten million.
   *
   * @param heap the readings
   * @return a value derived from the work, so it cannot be removed
   */
  @Benchmark
  @OperationsPerInvocation(OBSERVATIONS)
  public long tenMillionPredictions(Heap heap) {
    long sum = 0;
    for (int n = 0; n < OBSERVATIONS; n++) {
      if (n == 1_000_000) {
        heap.heapAfter1MBytes = heapAfterGc();
      }
      int i = n & (MetricsBenchmark.RING - 1);
      ModelMetrics.Inference inference = metrics.start();
      metrics.observe(samples[i], NO_CATEGORIES);
      boolean approved = samples[i][0] > 0;
      metrics.recordPrediction(null, groups.get(n & 1), approved);
      inference.success(CLASSES[i % 3]);
      sum += i;
    }
    heap.heapAfter10MBytes = heapAfterGc();
    heap.heapGrowthBytes = heap.heapAfter10MBytes - heap.heapAfter1MBytes;
    System.out.printf(Locale.ROOT, "%nsoak: heap used after GC: %,d bytes after 1M predictions, %,d bytes after 10M "
        + "(growth %,d bytes); %d meters%n", heap.heapAfter1MBytes, heap.heapAfter10MBytes, heap.heapGrowthBytes,
        metrics.meterCount());
    return sum;
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
