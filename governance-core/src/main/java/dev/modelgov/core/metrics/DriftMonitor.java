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
 * window (a branch-free search of the reference edges, or a hash lookup of the category, then a plain increment of the
 * recording thread's own counter); windows tumble every N samples or T seconds, whichever comes first, and at each
 * close every configured method is computed from the counts in O(features × bins). No sample is stored: memory stays
 * flat however many are observed.
 *
 * <p>Thread-safe, with one atomic operation per sample whatever the number of features. A sample takes a ticket from
 * the window (one {@code getAndIncrement}: a count-based window accepts tickets 1 to N, so it holds exactly N
 * samples), counts its features with plain {@code long} increments into the calling thread's slot for that window (a
 * {@code long[]} of the window's bins, found through a thread-local and registered with the window by a lock-free
 * push on the thread's first sample there), and publishes itself with a release store of the slot's sample count.
 * The thread that closes a window publishes the next window, sets a closed bit in the ticket counter (later tickets
 * are refused and their samples go to the next window), waits until the slots' published counts (read with acquire)
 * reach the tickets accepted, then sums and zeroes every slot and drops them from the window. So counts are exact
 * under concurrent recording: every sample lands whole in exactly one window (see {@code docs/metrics.md}, "Windows
 * and concurrency"). Memory is one slot per recording thread per open window, reused by that thread from window to
 * window (no allocation per sample); past {@code 4 × processors} threads (at least 16, at most 256) in one window,
 * further threads share one slot of atomic counters, and a dead thread's slot goes with the window it was in.
 *
 * <p>The thread whose sample fills a window swaps in the next window at once and then computes the closed window's
 * report on the configured {@link Builder#executor(Executor) executor} (by default itself). Time-based closes are
 * checked every 16 samples and by {@link #closeWindowIfDue()}, which the meters and {@link #signals()} call, so a
 * window still closes when traffic stops. A window that ends with no sample is discarded, not reported.
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
  private final FeatureBins[] numericBins;
  private final int[] numericOffsets;
  private final FeatureBins[] categoricalBins;
  private final int[] categoricalOffsets;
  private final long maxSamples;
  private final long durationMillis;
  private final int maxSlots;
  private final ThreadLocal<DriftWindow.Slot> slots = new ThreadLocal<>();
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
    int[] offsets = engine.offsets();
    int[] numericIndex = engine.numericIndex();
    int[] categoricalIndex = engine.categoricalIndex();
    this.numericBins = new FeatureBins[numericIndex.length];
    this.numericOffsets = new int[numericIndex.length];
    for (int i = 0; i < numericIndex.length; i++) {
      numericBins[i] = features[numericIndex[i]];
      numericOffsets[i] = offsets[numericIndex[i]];
    }
    this.categoricalBins = new FeatureBins[categoricalIndex.length];
    this.categoricalOffsets = new int[categoricalIndex.length];
    for (int i = 0; i < categoricalIndex.length; i++) {
      categoricalBins[i] = features[categoricalIndex[i]];
      categoricalOffsets[i] = offsets[categoricalIndex[i]];
    }
    this.maxSamples = config.windowSamples() > 0 ? Math.min(config.windowSamples(), DriftWindow.MAX_SAMPLES)
        : DriftWindow.MAX_SAMPLES;
    this.durationMillis = config.windowDuration().toMillis();
    this.maxSlots = b.maxSlots;
    this.current = newWindow(1, clock.millis());
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
    if (numeric == null || numeric.length != numericBins.length) {
      throw new IllegalArgumentException("numeric must hold " + numericBins.length + " values (the baseline's "
          + "numeric features, in order)");
    }
    if (categorical == null || categorical.length != categoricalBins.length) {
      throw new IllegalArgumentException("categorical must hold " + categoricalBins.length + " labels (the "
          + "baseline's categorical features, in order)");
    }
    for (;;) {
      DriftWindow w = current;
      long n = w.ticket();
      if (n > maxSamples) {
        rotate(w, false);
        continue;
      }
      DriftWindow.Slot slot = slotFor(w);
      if (slot != null) {
        long[] counts = slot.counts();
        try {
          FeatureBins[] nb = numericBins;
          int[] no = numericOffsets;
          for (int i = 0; i < nb.length; i++) {
            counts[no[i] + nb[i].bin(numeric[i])]++;
          }
          FeatureBins[] cb = categoricalBins;
          int[] co = categoricalOffsets;
          for (int i = 0; i < cb.length; i++) {
            counts[co[i] + cb[i].bin(categorical[i])]++;
          }
        } finally {
          // Always publish, so that a closing thread never waits forever on a recorder that threw.
          slot.sampleDone();
        }
      } else {
        DriftWindow.SharedSlot shared = w.sharedSlot();
        try {
          for (int i = 0; i < numericBins.length; i++) {
            shared.count(numericOffsets[i] + numericBins[i].bin(numeric[i]));
          }
          for (int i = 0; i < categoricalBins.length; i++) {
            shared.count(categoricalOffsets[i] + categoricalBins[i].bin(categorical[i]));
          }
        } finally {
          shared.sampleDone();
        }
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
    // Every value is read and binned (the caller's toString() and doubleValue() run) before the sample takes its
    // ticket, so that nothing the caller supplies can fail between the ticket and the sample's publication.
    int[] bins = new int[numericBins.length + categoricalBins.length];
    int k = 0;
    for (int i = 0; i < numericBins.length; i++) {
      FeatureBins f = numericBins[i];
      Object v = sample.get(f.name());
      if (v != null && !(v instanceof Number)) {
        throw new IllegalArgumentException("feature '" + f.name() + "' is numeric, got a "
            + v.getClass().getSimpleName());
      }
      bins[k++] = numericOffsets[i] + f.bin(v == null ? Double.NaN : ((Number) v).doubleValue());
    }
    for (int i = 0; i < categoricalBins.length; i++) {
      FeatureBins f = categoricalBins[i];
      Object v = sample.get(f.name());
      bins[k++] = categoricalOffsets[i] + f.bin(v == null ? null : v.toString());
    }
    for (;;) {
      DriftWindow w = current;
      long n = w.ticket();
      if (n > maxSamples) {
        rotate(w, false);
        continue;
      }
      DriftWindow.Slot slot = slotFor(w);
      if (slot != null) {
        long[] counts = slot.counts();
        for (int b : bins) {
          counts[b]++;
        }
        slot.sampleDone();
      } else {
        DriftWindow.SharedSlot shared = w.sharedSlot();
        for (int b : bins) {
          shared.count(b);
        }
        shared.sampleDone();
      }
      afterRecord(w, n);
      return;
    }
  }

  /** The calling thread's slot in {@code w} (registered on its first sample there), or null past the slot cap. */
  private DriftWindow.Slot slotFor(DriftWindow w) {
    DriftWindow.Slot s = slots.get();
    if (s != null && s.isFor(w)) {
      return s;
    }
    DriftWindow.Slot registered = w.register(s);
    if (registered != null && registered != s) {
      slots.set(registered);
    }
    return registered;
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

  private DriftWindow newWindow(long index, long openedAtMillis) {
    return new DriftWindow(index, openedAtMillis, engine.totalBins(), maxSamples, maxSlots);
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
    current = newWindow(w.index() + 1, now);
    long[] counts = w.closeAndDrain();
    long samples = w.samples();
    if (samples == 0 && !forced) {
      return null;
    }
    windowsClosed.incrementAndGet();
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
    private int maxSlots = DriftWindow.defaultMaxSlots();

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

    /** The per-thread slots a window registers before further threads share atomic counters (tests lower it). */
    Builder maxSlots(int maxSlots) {
      this.maxSlots = maxSlots;
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
      if (maxSlots < 1) {
        throw new IllegalArgumentException("maxSlots must be at least 1");
      }
      return new DriftMonitor(this);
    }
  }
}
