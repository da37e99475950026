package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.metrics.internal.micrometer.ModelMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;

/**
 * The Micrometer binder of one model version: an inference timer by outcome and error type, prediction counters by
 * output class, and the drift and fairness gauges, every meter tagged {@code model} and {@code model.version}.
 *
 * <p>Meters (Prometheus names in {@code docs/metrics.md}):
 *
 * <ul>
 *   <li>{@code model.inference} (timer): {@code outcome} = success|error, {@code error.type} = the exception's
 *       simple name, {@code none}, {@code unknown} (closed without an outcome) or {@code other} past
 *       {@link MetricsConfig#maxErrorTypes()}. No histogram unless {@link MetricsConfig#percentileHistogram()} (or an
 *       application {@code MeterFilter}) asks for one.</li>
 *   <li>{@code model.predictions} (counter): {@code output} = the class, {@code other} past
 *       {@link MetricsConfig#maxOutputClasses()}.</li>
 *   <li>{@code model.drift.distance} / {@code model.drift.pvalue}, {@code model.drift.threshold},
 *       {@code model.drift.detected}, {@code model.drift.window.samples} (gauges): {@code feature},
 *       {@code direction}, {@code method}; {@code model.governance.window.rotations} (counter).</li>
 *   <li>{@code model.fairness.selection.rate}, {@code model.fairness.tpr}, {@code model.fairness.fpr} (gauges):
 *       {@code attribute}, {@code group}; {@code model.fairness.disparity}: {@code attribute}, {@code metric};
 *       {@code model.fairness.labels.evicted} and {@code model.fairness.labels.unmatched} (counters).</li>
 * </ul>
 *
 * <p>The hot path never looks a meter up: every handle is resolved when first needed and cached (a new error type or
 * output class registers once). Gauges hold their state strongly. {@link #meterBudget()} is the most meters this
 * version can register; {@link Builder#build()} refuses a configuration whose budget exceeds
 * {@link MetricsConfig#maxMeters()}. {@link #unregister()} removes every meter, for when a version is retired.
 *
 * <p>Bind one registry (use a {@code CompositeMeterRegistry} for several backends); a second model-metrics binder for
 * the same model and version in the same registry is refused.
 *
 * <pre>{@code
 * ModelMetrics metrics = ModelMetrics.builder("credit-scoring", "2.4.0")
 *     .config(MetricsConfig.read(Path.of("metrics.yaml")))
 *     .drift(DriftBaseline.read(Path.of("model/drift-baseline.json")))
 *     .fairness("sex", "male")
 *     .build();
 * metrics.bindTo(registry);
 *
 * try (ModelMetrics.Inference p = metrics.start()) {
 *   Decision d = model.predict(features);
 *   metrics.observe(features);
 *   p.success(d.label());
 * }
 * RuntimeSignals signals = metrics.signals();   // for the policy engine's runtime re-check
 * }</pre>
 */
@SuppressWarnings("exports") // Micrometer is optional: only applications that bind model meters need it.
public final class ModelMetrics implements MeterBinder {

  private static final Inference NOOP = new Inference(null);

  private final String model;
  private final String version;
  private final MetricsConfig config;
  private final Clock clock;
  private final DriftMonitor drift;
  private final FairnessMonitor fairness;
  private final List<String> outputClasses;
  private final int meterBudget;
  private final Object lock = new Object();
  private volatile ModelMeters meters;
  private MeterRegistry registry;
  private boolean unregistered;

  private ModelMetrics(Builder b, int budget) {
    this.model = b.model;
    this.version = b.version;
    this.config = b.config;
    this.clock = b.clock;
    this.outputClasses = List.copyOf(b.outputClasses);
    this.meterBudget = budget;
    this.drift = b.baseline == null ? null : DriftMonitor.builder(b.baseline).config(config.drift()).clock(clock)
        .executor(b.driftExecutor).build();
    if (b.fairness.isEmpty()) {
      this.fairness = null;
    } else {
      FairnessMonitor.Builder fb = FairnessMonitor.builder().config(config.fairness()).clock(clock)
          .onNewGroup(this::newGroup);
      b.fairness.forEach((attribute, privileged) -> fb.attribute(attribute, privileged));
      this.fairness = fb.build();
    }
  }

  /**
   * A builder for one model version.
   *
   * @param model the model id (the {@code model} tag), not blank
   * @param version the version (the {@code model.version} tag), not blank
   * @return a new builder
   */
  public static Builder builder(String model, String version) {
    return new Builder(model, version);
  }

  /**
   * Registers every meter. Call once.
   *
   * @param registry the registry, must not be {@code null}
   * @throws IllegalStateException if already bound, unregistered, or the registry already has this model version
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry must not be null");
    synchronized (lock) {
      if (unregistered) {
        throw new IllegalStateException("model " + model + " " + version + " was unregistered");
      }
      if (this.registry != null) {
        throw new IllegalStateException("model " + model + " " + version + " is already bound; bind one "
            + "(composite) registry");
      }
      if (ModelMeters.exists(registry, model, version)) {
        throw new IllegalStateException("the registry already has meters for model " + model + " " + version);
      }
      this.registry = registry;
      ModelMeters m = ModelMeters.register(registry, model, version, config, clock, drift,
          drift == null ? null : drift.engine(), fairness, outputClasses);
      this.meters = m;
      if (fairness != null) {
        // A group created while the meters were being registered found no meters to notify: catch it up.
        for (String attribute : fairness.attributes()) {
          for (String group : fairness.groups(attribute)) {
            m.registerGroup(attribute, group);
          }
        }
      }
    }
  }

  private void newGroup(String attribute, String group) {
    ModelMeters m = meters;
    if (m != null) {
      m.registerGroup(attribute, group);
    }
  }

  /**
   * Removes every meter of this version from the registry. Recording afterwards is a no-op; the monitors keep
   * working.
   */
  public void unregister() {
    synchronized (lock) {
      unregistered = true;
      ModelMeters m = meters;
      meters = null;
      if (m != null) {
        m.remove();
      }
    }
  }

  /**
   * Starts timing one inference. Close it (try-with-resources); call {@link Inference#success(String)} or
   * {@link Inference#failure(Throwable)} before, or it counts as an error of type {@code unknown}.
   *
   * @return the running inference (a shared no-op before {@link #bindTo} and after {@link #unregister()})
   */
  public Inference start() {
    ModelMeters m = meters;
    return m == null ? NOOP : new Inference(m);
  }

  /**
   * Records a successful inference timed by the caller (allocation-free).
   *
   * @param nanos its duration in nanoseconds
   * @param outputClass the predicted class, or {@code null} for none
   */
  public void recordSuccess(long nanos, String outputClass) {
    ModelMeters m = meters;
    if (m != null) {
      m.success(nanos, outputClass);
    }
  }

  /**
   * Records a failed inference timed by the caller (allocation-free once the error type is known).
   *
   * @param nanos its duration in nanoseconds
   * @param error the failure, or {@code null} for an unknown one
   */
  public void recordFailure(long nanos, Throwable error) {
    ModelMeters m = meters;
    if (m != null) {
      m.failure(nanos, error);
    }
  }

  /**
   * Feeds one sample to drift by feature name (see {@link DriftMonitor#observe(Map)}).
   *
   * @param sample feature name to value
   * @throws IllegalStateException if no drift baseline was configured
   */
  public void observe(Map<String, ?> sample) {
    driftOrThrow().observe(sample);
  }

  /**
   * Feeds one sample to drift, allocation-free (see {@link DriftMonitor#observe(double[], String[])}).
   *
   * @param numeric numeric features in baseline order
   * @param categorical categorical features in baseline order
   * @throws IllegalStateException if no drift baseline was configured
   */
  public void observe(double[] numeric, String[] categorical) {
    driftOrThrow().observe(numeric, categorical);
  }

  /**
   * Counts a prediction for fairness (see {@link FairnessMonitor#recordPrediction}).
   *
   * @param predictionId the id its label will carry, or {@code null}
   * @param groups attribute to group value
   * @param predicted ŷ
   * @throws IllegalStateException if no fairness attribute was configured
   */
  public void recordPrediction(String predictionId, Map<String, String> groups, boolean predicted) {
    fairnessOrThrow().recordPrediction(predictionId, groups, predicted);
  }

  /**
   * Joins a delayed label (see {@link FairnessMonitor#recordOutcome(String, boolean)}).
   *
   * @param predictionId the prediction id
   * @param actual y
   * @return true if the prediction was waiting
   * @throws IllegalStateException if no fairness attribute was configured
   */
  public boolean recordOutcome(String predictionId, boolean actual) {
    return fairnessOrThrow().recordOutcome(predictionId, actual);
  }

  /**
   * Counts a labelled prediction (see {@link FairnessMonitor#recordOutcome(String, Map, boolean, boolean)}).
   *
   * @param predictionId the prediction id, or {@code null}
   * @param groups attribute to group value
   * @param predicted ŷ
   * @param actual y
   * @throws IllegalStateException if no fairness attribute was configured
   */
  public void recordOutcome(String predictionId, Map<String, String> groups, boolean predicted, boolean actual) {
    fairnessOrThrow().recordOutcome(predictionId, groups, predicted, actual);
  }

  private DriftMonitor driftOrThrow() {
    if (drift == null) {
      throw new IllegalStateException("model " + model + " " + version + " has no drift baseline");
    }
    return drift;
  }

  private FairnessMonitor fairnessOrThrow() {
    if (fairness == null) {
      throw new IllegalStateException("model " + model + " " + version + " has no fairness attribute");
    }
    return fairness;
  }

  /**
   * The signals for the policy engine's runtime re-check. {@code errorRate} and {@code requests} count every
   * inference since {@link #bindTo} (cumulative; Prometheus alerts cover rate windows); drift is the last closed
   * window; fairness is computed from the counters now.
   *
   * @return the signals
   */
  public RuntimeSignals signals() {
    ModelMeters m = meters;
    long requests = m == null ? 0 : m.requests();
    OptionalDouble errorRate = requests == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((double) m.errors() / requests);
    List<DriftSignal> d = drift == null ? List.of() : drift.driftSignals();
    List<FairnessSignal> f = fairness == null ? List.of() : fairness.fairnessSignals();
    return new RuntimeSignals(errorRate, requests, d, f);
  }

  /**
   * The drift monitor, if a baseline was configured.
   *
   * @return the monitor
   */
  public Optional<DriftMonitor> driftMonitor() {
    return Optional.ofNullable(drift);
  }

  /**
   * The fairness monitor, if attributes were configured.
   *
   * @return the monitor
   */
  public Optional<FairnessMonitor> fairnessMonitor() {
    return Optional.ofNullable(fairness);
  }

  /**
   * The most meters this version can register: inference timers ({@code maxErrorTypes} + 3: success, unknown,
   * other), prediction counters ({@code maxOutputClasses} + 1), 4 gauges per drift row plus the rotation counter,
   * 3 gauges per fairness group ({@code maxGroupsPerAttribute} + 2 per attribute: other and missing), one disparity
   * gauge per attribute and metric, and 2 label counters.
   *
   * @return the budget
   */
  public int meterBudget() {
    return meterBudget;
  }

  /**
   * How many meters are registered now.
   *
   * @return the count, 0 when not bound
   */
  public int meterCount() {
    ModelMeters m = meters;
    return m == null ? 0 : m.size();
  }

  /**
   * The model id.
   *
   * @return the id
   */
  public String model() {
    return model;
  }

  /**
   * The model version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * The config.
   *
   * @return the config
   */
  public MetricsConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "ModelMetrics[" + model + " " + version + ", bound=" + (meters != null) + "]";
  }

  /**
   * One running inference; not thread-safe (one per call).
   *
   * <pre>{@code
   * try (ModelMetrics.Inference p = metrics.start()) {
   *   p.success(model.predict(x).label());
   * } // an exception thrown before success() is recorded as error.type=unknown
   * }</pre>
   */
  public static final class Inference implements AutoCloseable {

    private final ModelMeters meters;
    private final long startNanos;
    private boolean done;

    private Inference(ModelMeters meters) {
      this.meters = meters;
      this.startNanos = meters == null ? 0 : System.nanoTime();
    }

    /** Records success without an output class. */
    public void success() {
      success(null);
    }

    /**
     * Records success and counts the predicted class.
     *
     * @param outputClass the class, or {@code null}
     */
    public void success(String outputClass) {
      if (!done && meters != null) {
        done = true;
        meters.success(System.nanoTime() - startNanos, outputClass);
      }
    }

    /**
     * Records a failure, tagged with the exception's simple class name.
     *
     * @param error the failure
     */
    public void failure(Throwable error) {
      if (!done && meters != null) {
        done = true;
        meters.failure(System.nanoTime() - startNanos, error);
      }
    }

    /** Records an error of type {@code unknown} unless success or failure was recorded. */
    @Override
    public void close() {
      if (!done && meters != null) {
        done = true;
        meters.failure(System.nanoTime() - startNanos, null);
      }
    }
  }

  /**
   * Builds {@link ModelMetrics}; {@link #build()} checks the fields and the cardinality budget.
   *
   * <pre>{@code
   * ModelMetrics.builder("fraud", "7").outputClasses("fraud", "legit").build();
   * }</pre>
   */
  public static final class Builder {

    private final String model;
    private final String version;
    private MetricsConfig config = MetricsConfig.defaults();
    private DriftBaseline baseline;
    private final Map<String, String[]> fairness = new LinkedHashMap<>();
    private final List<String> outputClasses = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Executor driftExecutor = dev.modelgov.core.metrics.internal.WindowExecutor.shared();
    private String problem;

    private Builder(String model, String version) {
      this.model = model;
      this.version = version;
    }

    /**
     * The config (default {@link MetricsConfig#defaults()}).
     *
     * @param config the config
     * @return this builder
     */
    public Builder config(MetricsConfig config) {
      this.config = config;
      return this;
    }

    /**
     * Enables drift against a baseline, windowed and thresholded by {@code config.drift()}.
     *
     * @param baseline the baseline
     * @return this builder
     */
    public Builder drift(DriftBaseline baseline) {
      this.baseline = baseline;
      return this;
    }

    /**
     * Enables fairness for a protected attribute, with optional privileged groups (for the AIF360 metrics).
     *
     * @param attribute the attribute name
     * @param privilegedGroups its privileged group values
     * @return this builder
     */
    public Builder fairness(String attribute, String... privilegedGroups) {
      if (attribute == null || fairness.containsKey(attribute)) {
        problem = "fairness: attribute '" + attribute + "' is null or declared twice";
      } else {
        fairness.put(attribute, privilegedGroups == null ? new String[0] : privilegedGroups.clone());
      }
      return this;
    }

    /**
     * Output classes whose counters are registered at bind time (others register on first use, up to the cap).
     *
     * @param classes the classes
     * @return this builder
     */
    public Builder outputClasses(String... classes) {
      for (String c : classes) {
        outputClasses.add(c);
      }
      return this;
    }

    /**
     * The clock for drift windows and fairness label expiry (default the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Where closed drift windows are computed. The default is one shared daemon thread, so the statistics (KS p-values
     * cost up to milliseconds per window) never run on a serving thread; when its backlog of 256 windows is full, the
     * thread that closed a window computes it. Pass {@code Runnable::run} to compute on the closing thread, as tests
     * that read a window's gauges right after its last sample do.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder driftExecutor(Executor executor) {
      this.driftExecutor = executor;
      return this;
    }

    /**
     * Checks the fields and the cardinality budget.
     *
     * @return the binder, not yet bound
     * @throws IllegalArgumentException naming the invalid field, or when the budget exceeds
     *     {@link MetricsConfig#maxMeters()}
     */
    public ModelMetrics build() {
      checkTag(model, "model");
      checkTag(version, "version");
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      if (config == null) {
        throw new IllegalArgumentException("config must be set");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock must be set");
      }
      if (driftExecutor == null) {
        throw new IllegalArgumentException("driftExecutor must be set");
      }
      for (String c : outputClasses) {
        checkTag(c, "outputClasses");
      }
      if (outputClasses.stream().distinct().count() > config.maxOutputClasses()) {
        throw new IllegalArgumentException("outputClasses: more classes than meters.maxOutputClasses ("
            + config.maxOutputClasses() + ")");
      }
      int budget = budget();
      if (budget > config.maxMeters()) {
        throw new IllegalArgumentException("cardinality budget: model " + model + " " + version + " may register up"
            + " to " + budget + " meters, above meters.maxMeters (" + config.maxMeters() + "); drop features,"
            + " methods, attributes or lower the caps");
      }
      return new ModelMetrics(this, budget);
    }

    private int budget() {
      long n = config.maxErrorTypes() + 3L + config.maxOutputClasses() + 1L;
      if (baseline != null) {
        long rows = 0;
        for (DriftBaseline.Feature f : baseline.features()) {
          rows += config.drift().methods(f.kind()).size();
        }
        n += rows * 4 + 1;
      }
      if (!fairness.isEmpty()) {
        FairnessConfig fc = config.fairness();
        for (String[] privileged : fairness.values()) {
          n += (fc.maxGroupsPerAttribute() + 2L) * 3;
          for (FairnessMetric m : fc.metrics()) {
            if (m.convention() == FairnessMetric.Convention.FAIRLEARN || privileged.length > 0) {
              n++;
            }
          }
        }
        n += 2;
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static void checkTag(String value, String field) {
      if (value == null || value.isBlank() || value.length() > 256) {
        throw new IllegalArgumentException(field + " must not be blank or longer than 256 characters");
      }
    }
  }
}
