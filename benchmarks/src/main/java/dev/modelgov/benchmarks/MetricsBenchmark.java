package dev.modelgov.benchmarks;

import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-prediction cost of the model metrics binder against a bare, cached Micrometer timer, in the same run.
 *
 * <ul>
 *   <li>{@link #modelMetrics}: what a serving app adds per prediction: {@code start()}, {@code observe()} of F numeric
 *       features into the drift window (for F &gt; 0), and {@code success(outputClass)} (timer record plus the
 *       output-class counter), on a {@link ModelMetrics} bound to a {@link SimpleMeterRegistry} with a baseline of F
 *       numeric features fitted on 10,000 samples and the default configuration (windows of 1,000 samples, PSI and
 *       KS per feature: a window close, amortised, is part of the cost). F = 0 has no drift baseline (a baseline
 *       needs a feature), so it is the timer and counter path alone.
 *   <li>{@link #baselineTimer}: the same timing done by hand with a timer resolved once: two {@code System.nanoTime()}
 *       calls and {@code Timer.record(nanos)}, the floor of any timed call.
 *   <li>{@link #baselineTimerRecordOnly}: {@code Timer.record} of a fixed duration, without the clock reads.
 * </ul>
 *
 * <p>Targets (BenchSummary): {@code modelMetrics} at most 100 ns + 10 ns per feature, and at F = 0 at most twice
 * {@code baselineTimer}. Samples come from a ring of 4,096 rows drawn from the baseline's distributions, so the drift
 * bins see realistic traffic.
 *
 * <pre>{@code
 * scripts/bench.sh Metrics
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MetricsBenchmark {

  /** Rows in the sample ring (a power of two). */
  static final int RING = 4096;

  private static final String[] NO_CATEGORIES = new String[0];
  private static final String[] CLASSES = {"approve", "review", "decline"};

  /** F: the numeric features observed per prediction. */
  @Param({"0", "10", "50"})
  public int features;

  private SimpleMeterRegistry registry;
  private ModelMetrics metrics;
  private Timer timer;
  private double[][] samples;
  private int cursor;

  /** Builds the binder, its baseline and the sample ring, and binds it. */
  @Setup(Level.Trial)
  public void setUp() {
    registry = new SimpleMeterRegistry();
    metrics = binder("credit-scoring", "2.4.0", features, 20261128L);
    metrics.bindTo(registry);
    timer = Timer.builder("bare.inference").register(registry);
    samples = samples(features, RING, 7L);
  }

  /** Removes the meters. */
  @TearDown(Level.Trial)
  public void tearDown() {
    metrics.unregister();
    registry.close();
  }

  /**
   * A binder with a drift baseline of {@code features} numeric features (none for 0), fitted on 10,000 samples.
   *
   * @param model the model id
   * @param version the version
   * @param features the number of numeric features
   * @param seed the seed of the reference data
   * @return the binder, not yet bound
   */
  static ModelMetrics binder(String model, String version, int features, long seed) {
    ModelMetrics.Builder builder = ModelMetrics.builder(model, version).config(MetricsConfig.defaults())
        .outputClasses(CLASSES);
    if (features > 0) {
      builder.drift(binderBaseline(features, seed));
    }
    return builder.build();
  }

  /**
   * A drift baseline of {@code features} numeric features {@code x0, x1, ...}, fitted on 10,000 rows of {@link
   * #samples}.
   *
   * @param features at least 1
   * @param seed the seed of the reference data
   * @return the baseline
   */
  static DriftBaseline binderBaseline(int features, long seed) {
    double[][] reference = samples(features, 10_000, seed);
    DriftBaseline.Builder baseline = DriftBaseline.builder();
    for (int f = 0; f < features; f++) {
      double[] column = new double[reference.length];
      for (int i = 0; i < reference.length; i++) {
        column[i] = reference[i][f];
      }
      baseline.numeric("x" + f, column);
    }
    return baseline.build();
  }

  /**
   * Rows of {@code features} values, feature f normal with mean f and standard deviation 1 + f / 10.
   *
   * @param features values per row
   * @param rows rows
   * @param seed the seed
   * @return the rows
   */
  static double[][] samples(int features, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[rows][features];
    for (double[] row : out) {
      for (int f = 0; f < features; f++) {
        row[f] = f + (1 + f / 10.0) * gaussian(random);
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /**
   * One prediction as a serving app instruments it.
   *
   * @return the sample observed, so the work cannot be removed
   */
  @Benchmark
  public double[] modelMetrics() {
    int i = cursor++ & (RING - 1);
    double[] x = samples[i];
    ModelMetrics.Inference inference = metrics.start();
    if (features > 0) {
      metrics.observe(x, NO_CATEGORIES);
    }
    inference.success(CLASSES[i % 3]);
    return x;
  }

  /**
   * A timed call with a cached Micrometer timer: two clock reads and one record.
   *
   * @return the duration recorded
   */
  @Benchmark
  public long baselineTimer() {
    long start = System.nanoTime();
    long nanos = System.nanoTime() - start;
    timer.record(nanos, TimeUnit.NANOSECONDS);
    return nanos;
  }

  /** {@code Timer.record} of a fixed duration, without clock reads. */
  @Benchmark
  public void baselineTimerRecordOnly() {
    timer.record(1_000L, TimeUnit.NANOSECONDS);
  }
}
