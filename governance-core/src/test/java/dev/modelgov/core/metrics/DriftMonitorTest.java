package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.RuntimeSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Windows, thresholds, the minimum window and signals of the streaming drift monitor. */
class DriftMonitorTest {

  private static final Random RND = new Random(3);
  private static final String[] REGIONS = {"north", "south", "east", "west"};

  private static DriftBaseline baseline() {
    double[] income = RND.doubles(5_000).map(x -> x * 100).toArray();
    String[] region = RND.ints(5_000, 0, 4).mapToObj(i -> REGIONS[i]).toArray(String[]::new);
    return DriftBaseline.builder().numeric("income", income).categorical("region", region).build();
  }

  @Test
  void a_window_closes_after_n_samples_and_reports_every_feature_and_method() {
    // GIVEN a monitor with 200-sample windows and the default methods
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(200).build()).build();
    // WHEN 199 samples are observed THEN no window closed yet
    for (int i = 0; i < 199; i++) {
      monitor.observe(new double[] {RND.nextDouble() * 100}, new String[] {REGIONS[RND.nextInt(4)]});
    }
    assertThat(monitor.lastReport()).isEmpty();
    assertThat(monitor.currentWindowSamples()).isEqualTo(199);
    // WHEN the 200th arrives THEN the window closes with a row per feature and method, in order
    monitor.observe(new double[] {50}, new String[] {"north"});
    DriftReport r = monitor.lastReport().orElseThrow();
    assertThat(r.windowIndex()).isEqualTo(1);
    assertThat(r.windowSamples()).isEqualTo(200);
    assertThat(r.results()).extracting(x -> x.feature() + "/" + x.method().tag())
        .containsExactly("income/psi", "income/ks", "region/psi", "region/chi2");
    assertThat(monitor.windowsClosed()).isEqualTo(1);
    assertThat(monitor.currentWindowSamples()).isZero();
    // AND a sample from the same distribution does not drift
    assertThat(r.driftDetected()).isFalse();
  }

  @Test
  void a_shifted_distribution_drifts_on_every_method() {
    // GIVEN a monitor with every numeric and categorical method and 1,000-sample windows
    DriftMonitor monitor = DriftMonitor.builder(baseline()).config(DriftConfig.builder().windowSamples(1_000)
        .numericMethods(DriftMethod.PSI, DriftMethod.JENSEN_SHANNON, DriftMethod.JENSEN_SHANNON_NATURAL,
            DriftMethod.WASSERSTEIN, DriftMethod.WASSERSTEIN_NORMED, DriftMethod.HELLINGER, DriftMethod.L_INFINITY,
            DriftMethod.KOLMOGOROV_SMIRNOV)
        .categoricalMethods(DriftMethod.PSI, DriftMethod.JENSEN_SHANNON, DriftMethod.HELLINGER,
            DriftMethod.L_INFINITY, DriftMethod.CHI_SQUARE)
        .threshold(DriftMethod.WASSERSTEIN, 5.0).build()).build();
    // WHEN the income shifts by +40 and the region collapses to one value
    for (int i = 0; i < 1_000; i++) {
      monitor.observe(Map.of("income", RND.nextDouble() * 100 + 40, "region", "north"));
    }
    // THEN every row flags drift, and the test rows carry p-values under the corrected level
    DriftReport r = monitor.lastReport().orElseThrow();
    assertThat(r.results()).hasSize(13).allSatisfy(x -> assertThat(x.drift()).as(x.toString()).isTrue());
    DriftResult ks = r.result("income", DriftMethod.KOLMOGOROV_SMIRNOV).orElseThrow();
    assertThat(ks.pValue()).isPresent();
    assertThat(ks.statistic()).isCloseTo(0.4, within(0.05));
    assertThat(ks.value()).isEqualTo(ks.pValue().getAsDouble());
    // AND the binned Wasserstein is close to the true shift (bounded by the open outer bin)
    assertThat(r.result("income", DriftMethod.WASSERSTEIN).orElseThrow().statistic()).isBetween(25.0, 41.0);
    assertThat(r.driftedFeatures()).containsExactly("income", "region");
  }

  @Test
  void no_drift_is_flagged_below_the_minimum_window_but_values_are_reported() {
    // GIVEN time-based windows of 1 minute and a minimum of 100 samples
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor monitor = DriftMonitor.builder(baseline()).clock(clock).config(DriftConfig.builder()
        .windowSamples(0).windowDuration(Duration.ofMinutes(1)).minWindowSamples(100).build()).build();
    // WHEN 50 drifted samples arrive and the minute passes
    for (int i = 0; i < 50; i++) {
      monitor.observe(Map.of("income", 500.0, "region", "east"));
    }
    assertThat(monitor.closeWindowIfDue()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(monitor.closeWindowIfDue()).isTrue();
    // THEN the window reports large values but flags nothing
    DriftReport r = monitor.lastReport().orElseThrow();
    assertThat(r.windowSamples()).isEqualTo(50);
    assertThat(r.closedAt()).isEqualTo(clock.instant());
    assertThat(r.result("income", DriftMethod.PSI).orElseThrow().statistic()).isGreaterThan(1.0);
    assertThat(r.driftDetected()).isFalse();
    // AND an empty window is discarded rather than reported
    clock.advance(Duration.ofMinutes(1));
    assertThat(monitor.closeWindowIfDue()).isTrue();
    assertThat(monitor.lastReport().orElseThrow().windowIndex()).isEqualTo(1);
    assertThat(monitor.windowsClosed()).isEqualTo(1);
  }

  @Test
  void time_windows_also_close_on_the_recording_path() {
    // GIVEN 10-second windows
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor monitor = DriftMonitor.builder(baseline()).clock(clock).config(DriftConfig.builder()
        .windowSamples(10_000).windowDuration(Duration.ofSeconds(10)).minWindowSamples(1).build()).build();
    // WHEN 15 samples arrive, time passes, and one more arrives on a 16-sample boundary
    for (int i = 0; i < 15; i++) {
      monitor.observe(Map.of("income", 10.0, "region", "west"));
    }
    clock.advance(Duration.ofSeconds(11));
    monitor.observe(Map.of("income", 10.0, "region", "west"));
    // THEN the window of 16 closed without any explicit call
    assertThat(monitor.lastReport().orElseThrow().windowSamples()).isEqualTo(16);
  }

  @Test
  void bonferroni_divides_the_level_by_the_features_tested() {
    // GIVEN three numeric features tested with KS, with and without the correction
    double[] x = RND.doubles(1_000).toArray();
    DriftBaseline b = DriftBaseline.builder().numeric("a", x).numeric("b", x).numeric("c", x).build();
    DriftConfig on = DriftConfig.builder().windowSamples(100).numericMethods(DriftMethod.KOLMOGOROV_SMIRNOV)
        .build();
    DriftConfig off = on.toBuilder().bonferroni(false).build();
    for (DriftConfig cfg : List.of(on, off)) {
      DriftMonitor monitor = DriftMonitor.builder(b).config(cfg).build();
      // WHEN a window closes
      for (int i = 0; i < 100; i++) {
        monitor.observe(new double[] {RND.nextDouble(), RND.nextDouble(), RND.nextDouble()}, new String[0]);
      }
      // THEN the reported threshold is alpha / 3 with the correction, alpha without
      double expected = cfg.bonferroni() ? 0.05 / 3 : 0.05;
      assertThat(monitor.lastReport().orElseThrow().results())
          .allSatisfy(r -> assertThat(r.threshold()).isCloseTo(expected, within(1e-15)));
    }
  }

  @Test
  void signals_carry_the_last_window_for_the_policy_engine() {
    // GIVEN a window that drifted
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(100).build()).build();
    for (int i = 0; i < 100; i++) {
      monitor.observe(Map.of("income", 1_000.0, "region", "north"));
    }
    // WHEN the signals are read
    RuntimeSignals s = monitor.signals();
    // THEN they hold one drift signal per row, no error rate, and the window size as requests
    assertThat(s.errorRate()).isEmpty();
    assertThat(s.requests()).isEqualTo(100);
    assertThat(s.drift()).extracting(DriftSignal::feature, DriftSignal::method)
        .contains(org.assertj.core.groups.Tuple.tuple("income", "psi"),
            org.assertj.core.groups.Tuple.tuple("region", "chi2"));
    DriftSignal psi = s.drift().get(0);
    assertThat(psi.detected()).isTrue();
    assertThat(psi.threshold()).isEqualTo(0.1);
    assertThat(psi.windowSamples()).isEqualTo(100);
  }

  @Test
  void missing_and_unknown_values_count_in_their_bins_and_bad_input_is_refused() {
    // GIVEN a monitor
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(100).build()).build();
    // WHEN samples without values or with unknown categories arrive THEN they are counted, not refused
    Map<String, Object> empty = new HashMap<>();
    empty.put("region", null);
    monitor.observe(empty);
    monitor.observe(Map.of("region", "atlantis", "unknown-feature", 1));
    assertThat(monitor.currentWindowSamples()).isEqualTo(2);
    // AND a wrong type or array length is refused with the feature named
    assertThatThrownBy(() -> monitor.observe(Map.of("income", "a lot")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'income' is numeric");
    assertThatThrownBy(() -> monitor.observe(new double[] {1, 2}, new String[] {"x"}))
        .hasMessageContaining("numeric must hold 1 values");
    assertThatThrownBy(() -> monitor.observe(new double[] {1}, new String[0]))
        .hasMessageContaining("categorical must hold 1 labels");
    assertThat(monitor.currentWindowSamples()).isEqualTo(2);
  }

  @Test
  void reports_can_be_computed_on_an_executor_and_listeners_see_them() {
    // GIVEN a monitor whose closed windows are computed on a queue we drain by hand
    List<Runnable> queue = new ArrayList<>();
    Executor executor = queue::add;
    List<DriftReport> seen = new ArrayList<>();
    DriftMonitor monitor = DriftMonitor.builder(baseline()).executor(executor).onWindowClosed(seen::add)
        .onWindowClosed(r -> {
          throw new IllegalStateException("a broken listener");
        })
        .config(DriftConfig.builder().windowSamples(100).build()).build();
    // WHEN a window fills
    for (int i = 0; i < 100; i++) {
      monitor.observe(Map.of("income", 50.0, "region", "north"));
    }
    // THEN it is closed at once but reported only when the executor runs, and a failing listener changes nothing
    assertThat(monitor.windowsClosed()).isEqualTo(1);
    assertThat(monitor.lastReport()).isEmpty();
    queue.forEach(Runnable::run);
    assertThat(monitor.lastReport()).isPresent();
    assertThat(seen).hasSize(1);
  }

  @Test
  void memory_is_fixed_by_the_baseline_not_by_the_samples() {
    // GIVEN a monitor and a million samples
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(100_000).build()).build();
    int bins = monitor.engine().totalBins();
    for (int i = 0; i < 1_000_000; i++) {
      monitor.observe(new double[] {i % 100}, new String[] {REGIONS[i & 3]});
    }
    // THEN ten windows closed, each exactly full, and the window's count array is still features x bins long
    assertThat(monitor.windowsClosed()).isEqualTo(10);
    assertThat(monitor.lastReport().orElseThrow().windowSamples()).isEqualTo(100_000);
    assertThat(monitor.engine().totalBins()).isEqualTo(bins).isEqualTo(11 + 6);
  }

  @Test
  void recording_allocates_nothing_per_sample_once_the_thread_has_its_slot() {
    // GIVEN a monitor whose window stays open (no count limit, a day long) and a thread that has recorded once
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(0).windowDuration(Duration.ofDays(1)).build()).build();
    double[] num = new double[1];
    String[] cat = new String[1];
    for (int i = 0; i < 1_000; i++) {
      num[0] = i % 100;
      cat[0] = REGIONS[i & 3];
      monitor.observe(num, cat);
    }
    // WHEN 100,000 more samples are recorded (interpreted or compiled: no escape analysis is relied on)
    long before = allocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      num[0] = i % 100;
      cat[0] = REGIONS[i & 3];
      monitor.observe(num, cat);
    }
    long allocated = allocatedBytes() - before;
    // THEN the thread allocated less than one byte per sample (one object per sample would be >= 1.6 MB)
    assertThat(allocated).isLessThan(100_000);
    assertThat(monitor.currentWindowSamples()).isEqualTo(101_000);
  }

  /**
   * The bytes the calling thread has allocated, from the JDK's {@code com.sun.management.ThreadMXBean}. Read by
   * reflection: the tests compile inside the core module, which does not read the management modules.
   */
  private static long allocatedBytes() {
    try {
      Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
          .invoke(null);
      return (Long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
          .invoke(bean);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("thread allocation counting is not available", e);
    }
  }

  @Test
  void a_value_whose_conversion_throws_records_nothing_and_windows_still_close() {
    // GIVEN a monitor with 10-sample windows and a numeric value that fails when read
    DriftMonitor monitor = DriftMonitor.builder(baseline())
        .config(DriftConfig.builder().windowSamples(10).minWindowSamples(1).build()).build();
    Number broken = new Number() {
      private static final long serialVersionUID = 1L;

      @Override
      public int intValue() {
        throw new IllegalStateException("broken");
      }

      @Override
      public long longValue() {
        throw new IllegalStateException("broken");
      }

      @Override
      public float floatValue() {
        throw new IllegalStateException("broken");
      }

      @Override
      public double doubleValue() {
        throw new IllegalStateException("broken");
      }
    };
    // WHEN it is observed THEN the caller's exception surfaces and no sample (not even its region) was counted
    assertThatThrownBy(() -> monitor.observe(Map.of("income", broken, "region", "north")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(monitor.currentWindowSamples()).isZero();
    // AND ten good samples still fill and close a window holding exactly those ten
    for (int i = 0; i < 10; i++) {
      monitor.observe(Map.of("income", 50.0, "region", "north"));
    }
    DriftReport r = monitor.lastReport().orElseThrow();
    assertThat(r.windowSamples()).isEqualTo(10);
    assertThat(java.util.Arrays.stream(r.counts("region").orElseThrow()).sum()).isEqualTo(10);
    assertThat(java.util.Arrays.stream(r.counts("income").orElseThrow()).sum()).isEqualTo(10);
  }
}
