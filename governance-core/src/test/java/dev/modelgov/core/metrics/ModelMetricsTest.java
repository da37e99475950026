package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelgov.api.policy.RuntimeSignals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The binder: meters and tags, the hot-path API, the cardinality budget, gauge lifetime and unregistering. */
class ModelMetricsTest {

  private static final Random RND = new Random(5);

  private static DriftBaseline baseline() {
    return DriftBaseline.builder()
        .numeric("income", RND.doubles(2_000).map(x -> x * 100).toArray())
        .categorical("region", RND.ints(2_000, 0, 3).mapToObj(i -> "r" + i).toArray(String[]::new))
        .build();
  }

  private static MetricsConfig config() {
    return MetricsConfig.builder().drift(DriftConfig.builder().windowSamples(100).build())
        .fairness(FairnessConfig.builder().minGroupSize(5).build()).build();
  }

  private static ModelMetrics metrics() {
    // Windows computed on the closing thread, so a test reads a window's gauges right after its last sample.
    return ModelMetrics.builder("credit", "2.4.0").driftExecutor(Runnable::run).config(config()).drift(baseline())
        .fairness("sex", "m").outputClasses("approve", "deny").build();
  }

  @Test
  void by_default_closed_windows_are_computed_off_the_recording_thread() throws Exception {
    // GIVEN a binder with the default drift executor
    ModelMetrics metrics = ModelMetrics.builder("credit", "2.4.0").config(config()).drift(baseline()).build();
    metrics.bindTo(new SimpleMeterRegistry());
    String recorder = Thread.currentThread().getName();
    // WHEN one full window is recorded
    for (int i = 0; i < 100; i++) {
      metrics.observe(new double[] {500}, new String[] {"r1"});
    }
    // THEN its report is published by the shared window thread, not by the recording thread
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (metrics.driftMonitor().orElseThrow().lastReport().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(metrics.driftMonitor().orElseThrow().lastReport()).isPresent();
    assertThat(metrics.driftMonitor().orElseThrow().lastReport().get().windowSamples()).isEqualTo(100);
    Thread worker = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("modelgov-drift-windows-")).findFirst().orElse(null);
    assertThat(worker).isNotNull();
    assertThat(worker.getName()).isNotEqualTo(recorder);
  }

  private static long modelMeters(MeterRegistry registry) {
    return registry.getMeters().stream().filter(m -> "credit".equals(m.getId().getTag("model"))).count();
  }

  @Test
  void every_meter_carries_model_and_version_and_the_documented_tags() {
    // GIVEN a bound binder
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ModelMetrics metrics = metrics();
    metrics.bindTo(registry);
    // THEN every meter has model and model.version
    assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> {
      assertThat(m.getId().getTag("model")).isEqualTo("credit");
      assertThat(m.getId().getTag("model.version")).isEqualTo("2.4.0");
    });
    // AND the drift gauges exist per feature and method, with the configured threshold
    Gauge psi = registry.get("model.drift.distance").tags("feature", "income", "direction", "input", "method", "psi")
        .gauge();
    assertThat(psi.value()).isNaN();
    assertThat(registry.get("model.drift.pvalue").tags("feature", "income", "method", "ks").gauge()).isNotNull();
    assertThat(registry.get("model.drift.pvalue").tags("feature", "region", "method", "chi2").gauge()).isNotNull();
    assertThat(registry.get("model.drift.threshold").tags("feature", "income", "method", "psi").gauge().value())
        .isEqualTo(0.1);
    // AND the timer is registered for success, with no histogram by default
    Timer success = registry.get("model.inference").tags("outcome", "success", "error.type", "none").timer();
    assertThat(success.count()).isZero();
    assertThat(registry.get("model.predictions").tags("output", "approve").counter()).isNotNull();
    assertThat(registry.get("model.fairness.disparity").tags("attribute", "sex", "metric", "disparate_impact")
        .gauge()).isNotNull();
    assertThat(registry.get("model.fairness.selection.rate").tags("attribute", "sex", "group", "m").gauge())
        .isNotNull();
  }

  @Test
  void the_hot_path_times_successes_failures_and_unfinished_inferences() {
    // GIVEN a bound binder
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ModelMetrics metrics = metrics();
    metrics.bindTo(registry);
    // WHEN inferences succeed, fail, and end without an outcome
    for (int i = 0; i < 3; i++) {
      try (ModelMetrics.Inference p = metrics.start()) {
        p.success("approve");
      }
    }
    try (ModelMetrics.Inference p = metrics.start()) {
      p.failure(new TimeoutException());
    }
    try (ModelMetrics.Inference p = metrics.start()) {
      p.success();
      p.failure(new IOException("ignored: the outcome is already recorded"));
    }
    try (ModelMetrics.Inference p = metrics.start()) {
      assertThat(p).isNotNull(); // an exception here would skip success(): counted as error.type=unknown
    }
    metrics.recordFailure(1_000, new IllegalStateException());
    metrics.recordSuccess(1_000, "deny");
    // THEN each lands in its timer and counter
    assertThat(registry.get("model.inference").tags("outcome", "success").timer().count()).isEqualTo(5);
    assertThat(registry.get("model.inference").tags("error.type", "TimeoutException").timer().count()).isEqualTo(1);
    assertThat(registry.get("model.inference").tags("error.type", "unknown").timer().count()).isEqualTo(1);
    assertThat(registry.get("model.inference").tags("error.type", "IllegalStateException").timer().count())
        .isEqualTo(1);
    assertThat(registry.find("model.inference").tags("error.type", "IOException").timer()).isNull();
    assertThat(registry.get("model.predictions").tags("output", "approve").counter().count()).isEqualTo(3);
    assertThat(registry.get("model.predictions").tags("output", "deny").counter().count()).isEqualTo(1);
    // AND the runtime signals report requests and the error rate since binding
    RuntimeSignals s = metrics.signals();
    assertThat(s.requests()).isEqualTo(8);
    assertThat(s.errorRate()).hasValueCloseTo(3 / 8.0, within(1e-12));
  }

  @Test
  void error_types_and_output_classes_are_capped_and_the_budget_holds() {
    // GIVEN caps of 3 error types and 4 output classes, and fairness capped at 5 groups
    MetricsConfig cfg = config().toBuilder().maxErrorTypes(3).maxOutputClasses(4)
        .fairness(FairnessConfig.builder().maxGroupsPerAttribute(5).minGroupSize(1).build()).build();
    ModelMetrics metrics = ModelMetrics.builder("credit", "1").driftExecutor(Runnable::run).config(cfg).drift(baseline()).fairness("sex", "m")
        .fairness("zip").build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    // WHEN 50 error types, 50 output classes and 100 group values per attribute are seen
    Class<?>[] errors = {IOException.class, TimeoutException.class, IllegalStateException.class,
        IllegalArgumentException.class, UnsupportedOperationException.class, ArithmeticException.class};
    for (int i = 0; i < 50; i++) {
      metrics.recordFailure(10, newInstance(errors[i % errors.length]));
      metrics.recordSuccess(10, "class-" + i);
      metrics.recordPrediction(null, Map.of("sex", "s" + i, "zip", "z" + i), i % 2 == 0);
    }
    // THEN the tags stop at the caps plus "other", and the registered meters stay within the documented budget
    assertThat(registry.find("model.inference").tag("outcome", "error").timers()).extracting(
        t -> t.getId().getTag("error.type")).containsExactlyInAnyOrder("unknown", "other", "IOException",
            "TimeoutException", "IllegalStateException");
    assertThat(registry.get("model.inference").tags("error.type", "other").timer().count()).isEqualTo(24);
    assertThat(registry.find("model.predictions").counters()).hasSize(5);
    assertThat(registry.get("model.predictions").tags("output", "other").counter().count()).isEqualTo(46);
    assertThat(registry.find("model.fairness.selection.rate").tag("attribute", "zip").gauges()).hasSize(6);
    long count = modelMeters(registry);
    assertThat(count).isEqualTo(metrics.meterCount());
    // budget: timers 3+3, predictions 4+1, drift 4 rows x 4 + 1, fairness 2 x (5+2) x 3 + (5 + 4) + 2
    assertThat(metrics.meterBudget()).isEqualTo(6 + 5 + 17 + 42 + 9 + 2);
    assertThat(count).isLessThanOrEqualTo(metrics.meterBudget());
  }

  private static Throwable newInstance(Class<?> type) {
    try {
      return (Throwable) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_configuration_over_the_meter_budget_is_refused() {
    // GIVEN 200 features, each with 2 methods x 4 gauges, against a budget of 2,000 meters
    DriftBaseline.Builder b = DriftBaseline.builder();
    IntStream.range(0, 300).forEach(i -> b.numeric("f" + i, new double[] {1, 2, 3}));
    // WHEN built THEN the budget error names the numbers
    assertThatThrownBy(() -> ModelMetrics.builder("m", "1").driftExecutor(Runnable::run).drift(b.build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cardinality budget")
        .hasMessageContaining("2435 meters").hasMessageContaining("meters.maxMeters (2000)");
    // AND raising the budget accepts it
    assertThat(ModelMetrics.builder("m", "1").driftExecutor(Runnable::run).drift(b.build())
        .config(MetricsConfig.builder().maxMeters(3_000).build()).build().meterBudget()).isEqualTo(2435);
  }

  @Test
  void gauges_read_the_last_window_and_survive_garbage_collection() {
    // GIVEN a bound binder whose only strong reference is dropped after recording a drifted window
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    bindAndRecordDrift(registry);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    // WHEN the gauges are read THEN they still show the window (state held strongly)
    Gauge psi = registry.get("model.drift.distance").tags("feature", "income", "method", "psi").gauge();
    assertThat(psi.value()).isGreaterThan(0.1);
    assertThat(registry.get("model.drift.detected").tags("feature", "income", "method", "psi").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("model.drift.window.samples").tags("feature", "income", "method", "psi").gauge()
        .value()).isEqualTo(100);
    assertThat(registry.get("model.governance.window.rotations").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("model.fairness.disparity").tags("attribute", "sex", "metric",
        "demographic_parity_ratio").gauge().value()).isCloseTo(0.0, within(1e-12));
  }

  private static void bindAndRecordDrift(MeterRegistry registry) {
    ModelMetrics metrics = metrics();
    metrics.bindTo(registry);
    for (int i = 0; i < 100; i++) {
      metrics.observe(new double[] {500}, new String[] {"r1"});
      metrics.recordPrediction("p" + i, Map.of("sex", i % 2 == 0 ? "m" : "f"), i % 2 == 0);
    }
  }

  @Test
  void signals_combine_errors_drift_and_fairness() {
    // GIVEN drift and unfair selection recorded through the binder
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ModelMetrics metrics = metrics();
    metrics.bindTo(registry);
    for (int i = 0; i < 100; i++) {
      try (ModelMetrics.Inference p = metrics.start()) {
        metrics.observe(Map.of("income", 500.0, "region", "r1"));
        metrics.recordPrediction("p" + i, Map.of("sex", i % 2 == 0 ? "m" : "f"), i % 2 == 0);
        p.success();
      }
    }
    // WHEN the signals are read
    RuntimeSignals s = metrics.signals();
    // THEN they hold requests, a zero error rate, the drift rows and the fairness metrics
    assertThat(s.requests()).isEqualTo(100);
    assertThat(s.errorRate()).hasValue(0.0);
    assertThat(s.drift()).hasSize(4).anySatisfy(d -> {
      assertThat(d.feature()).isEqualTo("income");
      assertThat(d.detected()).isTrue();
    });
    assertThat(s.fairness()).anySatisfy(f -> {
      assertThat(f.metric()).isEqualTo("demographic_parity_ratio");
      assertThat(f.breached()).isTrue();
    });
  }

  @Test
  void unregister_removes_every_meter_and_later_recording_is_a_no_op() {
    // GIVEN two bound versions of one model
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ModelMetrics v1 = metrics();
    ModelMetrics v2 = ModelMetrics.builder("credit", "2.5.0").driftExecutor(Runnable::run).config(config()).build();
    v1.bindTo(registry);
    v2.bindTo(registry);
    try (ModelMetrics.Inference p = v1.start()) {
      p.success("approve");
    }
    // WHEN version 2.4.0 is unregistered
    v1.unregister();
    // THEN none of its meters is left, version 2.5.0 is untouched, and recording on 2.4.0 does nothing
    assertThat(registry.getMeters()).noneMatch(m -> "2.4.0".equals(m.getId().getTag("model.version")));
    assertThat(registry.getMeters()).anyMatch(m -> "2.5.0".equals(m.getId().getTag("model.version")));
    try (ModelMetrics.Inference p = v1.start()) {
      p.success("approve");
    }
    v1.recordFailure(1, new IOException());
    assertThat(registry.getMeters()).noneMatch(m -> "2.4.0".equals(m.getId().getTag("model.version")));
    assertThat(v1.meterCount()).isZero();
    assertThatThrownBy(() -> v1.bindTo(registry)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unregistered");
  }

  @Test
  void binding_twice_or_a_duplicate_version_is_refused() {
    // GIVEN a bound binder
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ModelMetrics metrics = metrics();
    metrics.bindTo(registry);
    // WHEN bound again, or a second binder of the same version is bound THEN both are refused
    assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry())).hasMessageContaining("already bound");
    assertThatThrownBy(() -> metrics().bindTo(registry)).hasMessageContaining("already has meters");
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getTag("model.version")).isEqualTo("2.4.0");
    }
  }

  @Test
  void before_binding_the_hot_path_is_a_no_op_and_missing_features_are_explained() {
    // GIVEN an unbound binder without drift or fairness
    ModelMetrics metrics = ModelMetrics.builder("m", "1").driftExecutor(Runnable::run).build();
    // WHEN inferences are recorded THEN nothing fails and no request is counted
    try (ModelMetrics.Inference p = metrics.start()) {
      p.success("x");
    }
    assertThat(metrics.signals().requests()).isZero();
    assertThat(metrics.signals().errorRate()).isEmpty();
    assertThat(metrics.driftMonitor()).isEmpty();
    // AND drift or fairness calls explain what is missing
    assertThatThrownBy(() -> metrics.observe(Map.of())).hasMessageContaining("no drift baseline");
    assertThatThrownBy(() -> metrics.recordOutcome("p", true)).hasMessageContaining("no fairness attribute");
    assertThatThrownBy(() -> ModelMetrics.builder(" ", "1").driftExecutor(Runnable::run).build()).hasMessageContaining("model must not be blank");
  }
}
