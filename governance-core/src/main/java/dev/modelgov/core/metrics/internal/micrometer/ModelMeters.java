package dev.modelgov.core.metrics.internal.micrometer;

import dev.modelgov.core.metrics.DriftMonitor;
import dev.modelgov.core.metrics.DriftReport;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.FairnessMonitor;
import dev.modelgov.core.metrics.FairnessReport;
import dev.modelgov.core.metrics.FairnessResult;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.internal.DriftEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Every meter of one model version, registered once; the hot path records into cached handles and never looks a
 * meter up in the registry. For internal use only.
 */
public final class ModelMeters {

  /** The {@code error.type} of an inference closed without success or failure. */
  public static final String UNKNOWN_ERROR = "unknown";
  /** The tag value past a cap. */
  public static final String OTHER = "other";

  private static final long FAIRNESS_CACHE_MILLIS = 1_000;

  private final MeterRegistry registry;
  private final Tags common;
  private final MetricsConfig config;
  private final Clock clock;
  private final FairnessMonitor fairness;
  private final List<Meter> meters = new ArrayList<>();
  private final Timer success;
  private final Timer unknownError;
  private final Timer otherError;
  private final ConcurrentHashMap<Class<?>, Timer> errorsByClass = new ConcurrentHashMap<>();
  private final Map<String, Timer> errorsByName = new HashMap<>();
  private final ConcurrentHashMap<String, Counter> outputs = new ConcurrentHashMap<>();
  private final Counter otherOutput;
  /** Set once the output classes reach their cap: later unknown classes count as other without taking the lock. */
  private volatile boolean outputsFull;
  private final Set<String> fairnessGroups = new HashSet<>();
  private volatile FairnessReport fairnessCache;
  private volatile long fairnessCachedAt;
  private boolean removed;

  private ModelMeters(MeterRegistry registry, String model, String version, MetricsConfig config, Clock clock,
      FairnessMonitor fairness) {
    this.registry = registry;
    this.common = Tags.of("model", model, "model.version", version);
    this.config = config;
    this.clock = clock;
    this.fairness = fairness;
    this.success = timer("success", "none");
    this.unknownError = timer("error", UNKNOWN_ERROR);
    this.otherError = timer("error", OTHER);
    this.otherOutput = add(Counter.builder("model.predictions").description("Successful predictions by output class")
        .tags(common).tag("output", OTHER).register(registry));
  }

  /**
   * Registers the meters of one model version.
   *
   * @param registry the registry
   * @param model the model id
   * @param version the model version
   * @param config the config (histograms, caps, thresholds)
   * @param clock the clock
   * @param drift the drift monitor, or null
   * @param engine the drift monitor's engine (rows and thresholds), or null
   * @param fairness the fairness monitor, or null
   * @param outputClasses the output classes to register up front
   * @return the meters
   */
  public static ModelMeters register(MeterRegistry registry, String model, String version, MetricsConfig config,
      Clock clock, DriftMonitor drift, DriftEngine engine, FairnessMonitor fairness,
      List<String> outputClasses) {
    ModelMeters m = new ModelMeters(registry, model, version, config, clock, fairness);
    synchronized (m) {
      for (String c : outputClasses) {
        m.output(c);
      }
      if (drift != null) {
        m.registerDrift(drift, engine);
      }
      if (fairness != null) {
        m.registerFairness(fairness);
      }
    }
    return m;
  }

  /**
   * Whether a model version already has meters in this registry.
   *
   * @param registry the registry
   * @param model the model id
   * @param version the version
   * @return true if its inference timer exists
   */
  public static boolean exists(MeterRegistry registry, String model, String version) {
    return registry.find("model.inference").tags("model", model, "model.version", version).meter() != null;
  }

  private Timer timer(String outcome, String errorType) {
    Timer.Builder b = Timer.builder("model.inference").description("Model inference time, by outcome")
        .tags(common).tag("outcome", outcome).tag("error.type", errorType);
    if (config.percentileHistogram()) {
      b.publishPercentileHistogram();
    }
    return add(b.register(registry));
  }

  private <M extends Meter> M add(M meter) {
    meters.add(meter);
    return meter;
  }

  private void registerDrift(DriftMonitor drift, DriftEngine engine) {
    List<DriftEngine.Slot> slots = engine.slots();
    for (int i = 0; i < slots.size(); i++) {
      DriftEngine.Slot s = slots.get(i);
      int index = i;
      Tags tags = common.and("feature", s.bins().name(), "direction", s.bins().direction().tag(), "method",
          s.method().tag());
      String valueName = s.method().isTest() ? "model.drift.pvalue" : "model.drift.distance";
      gauge(valueName, s.method().isTest() ? "Drift test p-value at the last closed window"
          : "Drift distance at the last closed window", tags, drift,
          m -> row(m, index).map(DriftResult::value).orElse(Double.NaN));
      double threshold = engine.threshold(s.method());
      gauge("model.drift.threshold", "The threshold the drift value is compared with", tags, drift, m -> threshold);
      gauge("model.drift.detected", "1 if drift was flagged at the last closed window", tags, drift,
          m -> row(m, index).map(r -> r.drift() ? 1.0 : 0.0).orElse(0.0));
      gauge("model.drift.window.samples", "Samples in the last closed window", tags, drift,
          m -> row(m, index).map(r -> (double) r.windowSamples()).orElse(0.0));
    }
    add(FunctionCounter.builder("model.governance.window.rotations", drift, m -> (double) m.windowsClosed())
        .description("Drift windows closed").tags(common).register(registry));
  }

  private static Optional<DriftResult> row(DriftMonitor m, int index) {
    m.closeWindowIfDue();
    Optional<DriftReport> r = m.lastReport();
    return r.map(report -> report.results().get(index));
  }

  private <T> void gauge(String name, String description, Tags tags, T state, ToDoubleFunction<T> fn) {
    add(Gauge.builder(name, state, fn).description(description).tags(tags).strongReference(true)
        .register(registry));
  }

  private void registerFairness(FairnessMonitor f) {
    for (String attribute : f.attributes()) {
      for (String group : f.groups(attribute)) {
        registerGroup(attribute, group);
      }
      boolean privileged = !f.privilegedGroups(attribute).isEmpty();
      for (FairnessMetric metric : f.config().metrics()) {
        if (metric.convention() == FairnessMetric.Convention.AIF360 && !privileged) {
          continue;
        }
        gauge("model.fairness.disparity", "Fairness disparity metric", common.and("attribute", attribute,
            "metric", metric.tag()), f, m -> fairnessReport().result(attribute, metric)
                .map(FairnessResult::value).orElse(Double.NaN));
      }
    }
    add(FunctionCounter.builder("model.fairness.labels.evicted", f, m -> (double) m.evictedPredictions())
        .description("Predictions evicted before their label arrived").tags(common).register(registry));
    add(FunctionCounter.builder("model.fairness.labels.unmatched", f, m -> (double) m.unmatchedOutcomes())
        .description("Labels whose prediction was not waiting").tags(common).register(registry));
  }

  private FairnessReport fairnessReport() {
    long now = clock.millis();
    FairnessReport r = fairnessCache;
    if (r == null || now - fairnessCachedAt >= FAIRNESS_CACHE_MILLIS) {
      r = fairness.report();
      fairnessCache = r;
      fairnessCachedAt = now;
    }
    return r;
  }

  /**
   * Registers the rate gauges of a new group (idempotent).
   *
   * @param attribute the attribute
   * @param group the group
   */
  public synchronized void registerGroup(String attribute, String group) {
    if (removed || !fairnessGroups.add(attribute + '\u0000' + group)) {
      return;
    }
    Tags tags = common.and("attribute", attribute, "group", group);
    gauge("model.fairness.selection.rate", "P(prediction positive) of the group", tags, fairness,
        m -> m.rates(attribute, group).selectionRate());
    gauge("model.fairness.tpr", "True positive rate of the group", tags, fairness,
        m -> m.rates(attribute, group).truePositiveRate());
    gauge("model.fairness.fpr", "False positive rate of the group", tags, fairness,
        m -> m.rates(attribute, group).falsePositiveRate());
  }

  /**
   * Records a successful inference.
   *
   * @param nanos its duration
   * @param outputClass the predicted class, or null
   */
  public void success(long nanos, String outputClass) {
    success.record(nanos, TimeUnit.NANOSECONDS);
    if (outputClass != null) {
      Counter c = outputs.get(outputClass);
      if (c == null) {
        c = outputsFull ? otherOutput : output(outputClass);
      }
      c.increment();
    }
  }

  /**
   * Records a failed inference.
   *
   * @param nanos its duration
   * @param error the failure, or null for an unknown one
   */
  public void failure(long nanos, Throwable error) {
    Timer t;
    if (error == null) {
      t = unknownError;
    } else {
      t = errorsByClass.get(error.getClass());
      if (t == null) {
        t = errorTimer(error.getClass());
      }
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  private synchronized Timer errorTimer(Class<?> type) {
    Timer t = errorsByClass.get(type);
    if (t != null) {
      return t;
    }
    String name = type.getName().substring(type.getName().lastIndexOf('.') + 1);
    t = errorsByName.get(name);
    if (t == null) {
      t = removed || errorsByName.size() >= config.maxErrorTypes() ? otherError : timer("error", name);
      if (t != otherError) {
        errorsByName.put(name, t);
      }
    }
    if (errorsByClass.size() < 10_000) {
      errorsByClass.put(type, t);
    }
    return t;
  }

  private synchronized Counter output(String outputClass) {
    Counter c = outputs.get(outputClass);
    if (c != null) {
      return c;
    }
    if (removed || outputs.size() >= config.maxOutputClasses()) {
      outputsFull = true;
      return otherOutput;
    }
    c = add(Counter.builder("model.predictions").description("Successful predictions by output class").tags(common)
        .tag("output", outputClass).register(registry));
    outputs.put(outputClass, c);
    return c;
  }

  /**
   * Inferences recorded since registration.
   *
   * @return the count of every inference timer
   */
  public synchronized long requests() {
    long n = success.count() + unknownError.count() + otherError.count();
    for (Timer t : errorsByName.values()) {
      n += t.count();
    }
    return n;
  }

  /**
   * Failed inferences recorded since registration.
   *
   * @return the count of the error timers
   */
  public synchronized long errors() {
    long n = unknownError.count() + otherError.count();
    for (Timer t : errorsByName.values()) {
      n += t.count();
    }
    return n;
  }

  /**
   * How many meters are registered.
   *
   * @return the count
   */
  public synchronized int size() {
    return meters.size();
  }

  /** Removes every meter from the registry; later recordings go nowhere. */
  public synchronized void remove() {
    removed = true;
    for (Meter m : meters) {
      registry.remove(m);
    }
  }
}
