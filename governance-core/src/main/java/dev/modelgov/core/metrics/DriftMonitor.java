package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.metrics.internal.DriftEngine;
import dev.modelgov.core.metrics.internal.DriftWindow;
import dev.modelgov.core.metrics.internal.FeatureBins;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Streaming drift against a frozen {@link DriftBaseline}: each observed sample adds one count per feature to the open
 * window (a binary search over the reference edges, or a hash lookup of the category, then an atomic increment);
 * windows tumble every N samples or T seconds, whichever comes first, and at each close every configured method is
 * computed from the counts in O(features × bins). No sample is stored: memory stays flat however many are observed.
 *
 * <p>Thread-safe. Counts are exact under concurrent recording: every sample lands whole in exactly one window, and a
 * count-based window holds exactly N samples (see {@code docs/metrics.md}, "Windows and concurrency"). The thread
 * whose sample fills a window swaps in the next window at once and then computes the closed window's report on the
 * configured {@link Builder#executor(Executor) executor} (by default itself). Time-based closes are checked every 16
 * samples and by {@link #closeWindowIfDue()}, which the meters and {@link #signals()} call, so a window still closes
 * when traffic stops. A window that ends with no sample is discarded, not reported.
 *
 * <p>KS p-values here are asymptotic (from the binned D and the two sizes); Wasserstein puts each bin's mass at the
 * reference mean of that bin. Both are approximations bounded by the bin width; use {@link DriftStatistics} for exact
 * offline values.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder(baseline).config(cfg.drift()).build();
 * // per request, allocation-free: numeric then categorical features, in baseline order
 * monitor.observe(new double[] {income, age}, new String[] {region});
 * // or by name
 * monitor.observe(Map.of("income", 52_000.0, "age", 41, "region", "north"));
 * monitor.lastReport().ifPresent(r -> log.info("drift: {}", r.driftedFeatures()));
 * }</pre>
 */
public final class DriftMonitor {

  private final DriftBaseline baseline;
  private final DriftConfig config;
  private final Clock clock;
  private final Executor executor;
  private final List<Consumer<DriftReport>> listeners;
  private final DriftEngine engine;
  private final FeatureBins[] features;
  private final int[] offsets;
  private final int[] numericIndex;
  private final int[] categoricalIndex;
  private final long maxSamples;
  private final long durationMillis;
  private final int stripes;
  private final AtomicLong windowsClosed = new AtomicLong();
  private final Object publishLock = new Object();
  private volatile DriftWindow current;
  private volatile DriftReport last;

  private DriftMonitor(Builder b) {
    this.baseline = b.baseline;
    this.config = b.config;
    this.clock = b.clock;
    this.executor = b.executor;
    this.listeners = List.copyOf(b.listeners);
    this.engine = new DriftEngine(baseline, config);
    this.features = engine.features();
    this.offsets = engine.offsets();
    this.numericIndex = engine.numericIndex();
    this.categoricalIndex = engine.categoricalIndex();
    this.maxSamples = config.windowSamples() > 0 ? config.windowSamples() : Long.MAX_VALUE;
    this.durationMillis = config.windowDuration().toMillis();
    this.stripes = DriftWindow.defaultStripes();
    this.current = new DriftWindow(1, clock.millis(), engine.totalBins(), stripes);
  }

  /**
   * A builder for a monitor of this baseline.
   *
   * @param baseline the frozen reference, must not be {@code null}
   * @return a new builder
   */
  public static Builder builder(DriftBaseline baseline) {
    return new Builder(Objects.requireNonNull(baseline, "baseline must not be null"));
  }

  /**
   * The baseline.
   *
   * @return the baseline
   */
  public DriftBaseline baseline() {
    return baseline;
  }

  /**
   * The config.
   *
   * @return the drift config
   */
  public DriftConfig config() {
    return config;
  }

  DriftEngine engine() {
    return engine;
  }

  /**
   * Records one sample, allocation-free. Values are given per kind in baseline order
   * ({@link DriftBaseline#numericFeatures()}, {@link DriftBaseline#categoricalFeatures()}); NaN and {@code null} count
   * as missing.
   *
   * @param numeric one value per numeric feature
   * @param categorical one label per categorical feature
   * @throws IllegalArgumentException if an array has the wrong length
   */
  public void observe(double[] numeric, String[] categorical) {
    if (numeric == null || numeric.length != numericIndex.length) {
      throw new IllegalArgumentException("numeric must hold " + numericIndex.length + " values (the baseline's "
          + "numeric features, in order)");
    }
    if (categorical == null || categorical.length != categoricalIndex.length) {
      throw new IllegalArgumentException("categorical must hold " + categoricalIndex.length + " labels (the "
          + "baseline's categorical features, in order)");
    }
    for (;;) {
      DriftWindow w = current;
      int stripe = w.stripe();
      if (!w.enter(stripe)) {
        continue;
      }
      long n = w.ticket();
      if (n > maxSamples) {
        w.exit(stripe);
        rotate(w, false);
        continue;
      }
      try {
        for (int i = 0; i < numericIndex.length; i++) {
          int f = numericIndex[i];
          w.count(offsets[f] + features[f].bin(numeric[i]));
        }
        for (int i = 0; i < categoricalIndex.length; i++) {
          int f = categoricalIndex[i];
          w.count(offsets[f] + features[f].bin(categorical[i]));
        }
      } finally {
        w.exit(stripe);
      }
      afterRecord(w, n);
      return;
    }
  }

  /**
   * Records one sample by feature name. Numeric features take any {@link Number} (NaN or absent = missing);
   * categorical features take any value, by its {@code toString()} ({@code null} or absent = missing). Names the
   * baseline does not know are ignored.
   *
   * @param sample feature name to value, must not be {@code null}
   * @throws IllegalArgumentException if a numeric feature holds a value that is not a number
   */
  public void observe(Map<String, ?> sample) {
    Objects.requireNonNull(sample, "sample must not be null");
    for (int f : numericIndex) {
      Object v = sample.get(features[f].name());
      if (v != null && !(v instanceof Number)) {
        throw new IllegalArgumentException("feature '" + features[f].name() + "' is numeric, got a "
            + v.getClass().getSimpleName());
      }
    }
    for (;;) {
      DriftWindow w = current;
      int stripe = w.stripe();
      if (!w.enter(stripe)) {
        continue;
      }
      long n = w.ticket();
      if (n > maxSamples) {
        w.exit(stripe);
        rotate(w, false);
        continue;
      }
      try {
        for (int f : numericIndex) {
          Object v = sample.get(features[f].name());
          w.count(offsets[f] + features[f].bin(v == null ? Double.NaN : ((Number) v).doubleValue()));
        }
        for (int f : categoricalIndex) {
          Object v = sample.get(features[f].name());
          w.count(offsets[f] + features[f].bin(v == null ? null : v.toString()));
        }
      } finally {
        // Always leave, so that a closing thread never waits forever on a recorder that threw.
        w.exit(stripe);
      }
      afterRecord(w, n);
      return;
    }
  }

  private void afterRecord(DriftWindow w, long n) {
    if (n == maxSamples) {
      rotate(w, false);
    } else if (durationMillis > 0 && (n & 15) == 0 && clock.millis() - w.openedAtMillis() >= durationMillis) {
      rotate(w, false);
    }
  }

  /**
   * Closes the open window if it has been open for the window duration. Cheap when nothing is due (one clock read).
   *
   * @return true if a window was closed (or discarded because it was empty)
   */
  public boolean closeWindowIfDue() {
    DriftWindow w = current;
    if (durationMillis > 0 && clock.millis() - w.openedAtMillis() >= durationMillis) {
      rotate(w, false);
      return true;
    }
    return false;
  }

  /**
   * Closes the open window now, whatever its size, and computes its report on the calling thread.
   *
   * @return the report of the window closed, or empty if another thread closed it first
   */
  public Optional<DriftReport> closeWindow() {
    return Optional.ofNullable(rotate(current, true));
  }

  private DriftReport rotate(DriftWindow w, boolean forced) {
    if (!w.claim()) {
      // Another thread is closing it; it publishes the next window right after its claim.
      int spins = 0;
      while (current == w) {
        if (++spins < 100) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      return null;
    }
    long now = clock.millis();
    current = new DriftWindow(w.index() + 1, now, engine.totalBins(), stripes);
    w.closeAndDrain();
    long samples = Math.min(w.tickets(), maxSamples);
    if (samples == 0 && !forced) {
      return null;
    }
    windowsClosed.incrementAndGet();
    long[] counts = w.snapshot();
    Instant closedAt = Instant.ofEpochMilli(now);
    if (forced) {
      return publish(w.index(), closedAt, samples, counts);
    }
    executor.execute(() -> publish(w.index(), closedAt, samples, counts));
    return null;
  }

  private DriftReport publish(long index, Instant closedAt, long samples, long[] counts) {
    DriftReport report =
        new DriftReport(index, closedAt, samples, engine.compute(counts, samples), engine.split(counts));
    synchronized (publishLock) {
      DriftReport prev = last;
      if (prev == null || prev.windowIndex() < index) {
        last = report;
      }
    }
    for (Consumer<DriftReport> l : listeners) {
      try {
        l.accept(report);
      } catch (RuntimeException e) {
        // A listener must never break the recording thread.
      }
    }
    return report;
  }

  /**
   * The report of the most recently closed window.
   *
   * @return the report, empty before the first window closes
   */
  public Optional<DriftReport> lastReport() {
    return Optional.ofNullable(last);
  }

  /**
   * How many windows have closed (reports computed or being computed).
   *
   * @return the count
   */
  public long windowsClosed() {
    return windowsClosed.get();
  }

  /**
   * How many samples the open window holds.
   *
   * @return the count
   */
  public long currentWindowSamples() {
    return Math.min(current.tickets(), maxSamples);
  }

  /**
   * The last closed window as policy signals (after closing a window that is due).
   *
   * @return one signal per feature and method; empty before the first window closes
   */
  public List<DriftSignal> driftSignals() {
    closeWindowIfDue();
    DriftReport r = last;
    return r == null ? List.of() : r.toSignals();
  }

  /**
   * The last closed window as runtime signals: drift only, no error rate, and {@code requests} = the samples of that
   * window.
   *
   * @return the signals
   */
  public RuntimeSignals signals() {
    closeWindowIfDue();
    DriftReport r = last;
    return r == null ? new RuntimeSignals(OptionalDouble.empty(), 0, List.of(), List.of())
        : new RuntimeSignals(OptionalDouble.empty(), r.windowSamples(), r.toSignals(), List.of());
  }

  @Override
  public String toString() {
    return "DriftMonitor[features=" + features.length + ", windowsClosed=" + windowsClosed.get() + "]";
  }

  /**
   * Builds a {@link DriftMonitor}.
   *
   * <pre>{@code
   * DriftMonitor.builder(baseline)
   *     .config(DriftConfig.builder().windowSamples(10_000).build())
   *     .executor(Executors.newSingleThreadExecutor())
   *     .onWindowClosed(report -> log.info("{}", report))
   *     .build();
   * }</pre>
   */
  public static final class Builder {

    private final DriftBaseline baseline;
    private DriftConfig config = DriftConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private Executor executor = Runnable::run;
    private final List<Consumer<DriftReport>> listeners = new ArrayList<>();

    private Builder(DriftBaseline baseline) {
      this.baseline = baseline;
    }

    /**
     * The drift config (default {@link DriftConfig#defaults()}).
     *
     * @param config the config
     * @return this builder
     */
    public Builder config(DriftConfig config) {
      this.config = config;
      return this;
    }

    /**
     * The clock for time-based windows and report times (default the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Where closed windows are computed (default: on the thread that closed the window).
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * A callback run with each report; exceptions it throws are ignored.
     *
     * @param listener the callback
     * @return this builder
     */
    public Builder onWindowClosed(Consumer<DriftReport> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * Builds the monitor; its first window opens now.
     *
     * @return the monitor
     * @throws IllegalArgumentException naming a missing field
     */
    public DriftMonitor build() {
      if (config == null) {
        throw new IllegalArgumentException("config must be set");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock must be set");
      }
      if (executor == null) {
        throw new IllegalArgumentException("executor must be set");
      }
      return new DriftMonitor(this);
    }
  }
}
