package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.metrics.internal.DriftWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Eight threads recording: every window holds exactly N whole samples, and none is lost. */
class DriftMonitorConcurrencyTest {

  @Test
  void eight_threads_recording_give_exact_counts_at_every_window_close() throws Exception {
    // GIVEN a baseline where each feature value lands in a known bin, and 1,000-sample windows
    double[] ref = IntStream.range(0, 1_000).mapToDouble(i -> i % 10).toArray();
    String[] cats = IntStream.range(0, 1_000).mapToObj(i -> "c" + (i % 4)).toArray(String[]::new);
    DriftBaseline baseline = DriftBaseline.builder().numeric("x", ref).numeric("y", ref).categorical("c", cats)
        .build();
    ConcurrentLinkedQueue<DriftReport> reports = new ConcurrentLinkedQueue<>();
    DriftMonitor monitor = DriftMonitor.builder(baseline)
        .config(DriftConfig.builder().windowSamples(1_000).windowDuration(java.time.Duration.ZERO)
            .numericMethods(DriftMethod.PSI).categoricalMethods(DriftMethod.PSI).build())
        .onWindowClosed(reports::add).build();
    int threads = 8;
    int perThread = 25_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    // WHEN 8 threads record 25,000 samples each, all at once
    for (int t = 0; t < threads; t++) {
      int seed = t;
      futures.add(pool.submit(() -> {
        start.await();
        double[] num = new double[2];
        String[] cat = new String[1];
        for (int i = 0; i < perThread; i++) {
          num[0] = (i + seed) % 10;
          num[1] = num[0];
          cat[0] = "c" + ((i + seed) % 4);
          monitor.observe(num, cat);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    // THEN exactly 200 windows closed, each with exactly 1,000 samples, and none is left open
    assertThat(monitor.windowsClosed()).isEqualTo(200);
    assertThat(reports).hasSize(200);
    assertThat(reports).allSatisfy(r -> assertThat(r.windowSamples()).isEqualTo(1_000));
    assertThat(reports).extracting(DriftReport::windowIndex).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    assertThat(monitor.currentWindowSamples()).isZero();
    assertThat(monitor.lastReport().orElseThrow().windowIndex()).isEqualTo(200);
    // AND every sample is whole in its window: x and y (always equal) have identical counts in every window, and
    // each feature's counts add up to the window size
    long[] totalX = new long[baseline.feature("x").orElseThrow().binCount()];
    long[] totalC = new long[baseline.feature("c").orElseThrow().binCount()];
    for (DriftReport r : reports) {
      long[] x = r.counts("x").orElseThrow();
      assertThat(r.counts("y").orElseThrow()).containsExactly(x);
      assertThat(java.util.Arrays.stream(x).sum()).isEqualTo(1_000);
      long[] c = r.counts("c").orElseThrow();
      assertThat(java.util.Arrays.stream(c).sum()).isEqualTo(1_000);
      for (int i = 0; i < x.length; i++) {
        totalX[i] += x[i];
      }
      for (int i = 0; i < c.length; i++) {
        totalC[i] += c[i];
      }
    }
    // AND over all windows each value's count is exact: 10 values x 20,000, 4 categories x 50,000
    DriftBaseline.Feature fx = baseline.feature("x").orElseThrow();
    for (int v = 0; v < 10; v++) {
      assertThat(totalX[fx.binOf(v)]).as("value %d", v).isEqualTo(20_000);
    }
    DriftBaseline.Feature fc = baseline.feature("c").orElseThrow();
    for (int v = 0; v < 4; v++) {
      assertThat(totalC[fc.binOf("c" + v)]).as("category c%d", v).isEqualTo(50_000);
    }
  }

  @Test
  void every_sample_lands_whole_in_one_window_when_windows_are_forced_closed_concurrently() throws Exception {
    // GIVEN a monitor with huge windows, and a thread forcing windows closed while 8 threads record
    double[] ref = IntStream.range(0, 100).mapToDouble(i -> i).toArray();
    DriftBaseline baseline = DriftBaseline.builder().numeric("a", ref).numeric("b", ref).build();
    DriftMonitor monitor = DriftMonitor.builder(baseline)
        .config(DriftConfig.builder().windowSamples(0).windowDuration(java.time.Duration.ofDays(1))
            .minWindowSamples(1).numericMethods(DriftMethod.PSI).build()).build();
    ConcurrentLinkedQueue<DriftReport> reports = new ConcurrentLinkedQueue<>();
    int threads = 8;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    // Half-way, the recorders wait until the closer has closed a window under them, so that on a busy machine the
    // recorders cannot finish before the closer first runs: at least one close is concurrent with recording.
    CountDownLatch closedDuringRecording = new CountDownLatch(1);
    List<Future<?>> recorders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      recorders.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          if (i == perThread / 2) {
            closedDuringRecording.await();
          }
          monitor.observe(new double[] {i % 100, 99 - i % 100}, new String[0]);
        }
        return null;
      }));
    }
    Future<?> closer = pool.submit(() -> {
      start.await();
      while (!recorders.stream().allMatch(Future::isDone)) {
        monitor.closeWindow().ifPresent(r -> {
          reports.add(r);
          closedDuringRecording.countDown();
        });
        Thread.sleep(1);
      }
      return null;
    });
    // WHEN everything runs and a last window is closed
    start.countDown();
    for (Future<?> f : recorders) {
      f.get(60, TimeUnit.SECONDS);
    }
    closer.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    monitor.closeWindow().ifPresent(reports::add);
    // THEN the windows add up to every sample exactly
    long total = reports.stream().mapToLong(DriftReport::windowSamples).sum();
    assertThat(total).isEqualTo((long) threads * perThread);
    assertThat(reports).allSatisfy(r -> {
      assertThat(java.util.Arrays.stream(r.counts("a").orElseThrow()).sum()).isEqualTo(r.windowSamples());
      assertThat(java.util.Arrays.stream(r.counts("b").orElseThrow()).sum()).isEqualTo(r.windowSamples());
    });
    assertThat(reports.size()).isGreaterThan(1);
  }

  @Test
  void eight_threads_count_every_sample_exactly_once_while_windows_close_by_count() throws Exception {
    recordsEverySampleOnceAcrossTinyWindows(DriftWindow.defaultMaxSlots());
  }

  @Test
  void threads_past_the_slot_cap_share_atomic_counters_and_every_sample_is_still_counted_once() throws Exception {
    recordsEverySampleOnceAcrossTinyWindows(2);
  }

  /**
   * 8 threads, each recording its own value, into windows of 7 samples: windows close thousands of times while the
   * threads record, so slots are registered, harvested and reused all the time.
   */
  private static void recordsEverySampleOnceAcrossTinyWindows(int maxSlots) throws Exception {
    // GIVEN a baseline of 8 values and categories, and windows of 7 samples
    int threads = 8;
    int perThread = 7_000;
    int window = 7;
    double[] ref = IntStream.range(0, 800).mapToDouble(i -> i % threads).toArray();
    String[] cats = IntStream.range(0, 800).mapToObj(i -> "t" + (i % threads)).toArray(String[]::new);
    DriftBaseline baseline = DriftBaseline.builder().numeric("x", ref).numeric("y", ref).categorical("c", cats)
        .build();
    ConcurrentLinkedQueue<DriftReport> reports = new ConcurrentLinkedQueue<>();
    DriftMonitor monitor = DriftMonitor.builder(baseline)
        .config(DriftConfig.builder().windowSamples(window).windowDuration(java.time.Duration.ZERO)
            .minWindowSamples(1).numericMethods(DriftMethod.PSI).categoricalMethods(DriftMethod.PSI).build())
        .maxSlots(maxSlots).onWindowClosed(reports::add).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    // WHEN thread t records value t and category "t<t>" 7,000 times, all threads at once
    for (int t = 0; t < threads; t++) {
      int value = t;
      futures.add(pool.submit(() -> {
        start.await();
        double[] num = {value, value};
        String[] cat = {"t" + value};
        for (int i = 0; i < perThread; i++) {
          monitor.observe(num, cat);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    // THEN 56,000 / 7 = 8,000 windows closed, each with exactly 7 whole samples, numbered 1 to 8,000
    int windows = threads * perThread / window;
    assertThat(monitor.windowsClosed()).isEqualTo(windows);
    assertThat(reports).hasSize(windows);
    assertThat(reports).extracting(DriftReport::windowIndex).doesNotHaveDuplicates()
        .allSatisfy(i -> assertThat(i).isBetween(1L, (long) windows));
    assertThat(monitor.currentWindowSamples()).isZero();
    long[] totalX = new long[baseline.feature("x").orElseThrow().binCount()];
    long[] totalC = new long[baseline.feature("c").orElseThrow().binCount()];
    for (DriftReport r : reports) {
      assertThat(r.windowSamples()).isEqualTo(window);
      long[] x = r.counts("x").orElseThrow();
      long[] c = r.counts("c").orElseThrow();
      assertThat(r.counts("y").orElseThrow()).containsExactly(x);
      assertThat(java.util.Arrays.stream(x).sum()).isEqualTo(window);
      assertThat(java.util.Arrays.stream(c).sum()).isEqualTo(window);
      for (int i = 0; i < x.length; i++) {
        totalX[i] += x[i];
      }
      for (int i = 0; i < c.length; i++) {
        totalC[i] += c[i];
      }
    }
    // AND across all windows each thread's samples were counted exactly once: its bins hold exactly 7,000
    long[] expectedX = new long[totalX.length];
    long[] expectedC = new long[totalC.length];
    for (int t = 0; t < threads; t++) {
      expectedX[baseline.feature("x").orElseThrow().binOf(t)] += perThread;
      expectedC[baseline.feature("c").orElseThrow().binOf("t" + t)] += perThread;
    }
    assertThat(totalX).containsExactly(expectedX);
    assertThat(totalC).containsExactly(expectedC);
  }
}
