package dev.modelgov.core.metrics.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One tumbling window of drift counts, safe for many recording threads, with one atomic operation per sample.
 *
 * <p>Recording: a thread takes a ticket (one {@code getAndIncrement} on the window's ticket counter; a count-based
 * window accepts tickets 1 to N and refuses the rest), then counts every feature of its sample with plain increments
 * into its own {@link Slot} (a {@code long[]} of the window's bins, found by the caller through a thread-local and
 * registered with the window on first use by a lock-free push), then publishes the sample with a release store of
 * the slot's completed-sample count. Past {@link #defaultMaxSlots()} registered slots, further threads count into one
 * {@link SharedSlot} of atomic counters, so a window's memory is bounded whatever the number of threads.
 *
 * <p>Exactness at close: the closing thread sets a closed bit in the ticket counter with one {@code getAndAdd}, which
 * returns the tickets handed out before it; from then on every ticket is refused, and the holder records into the
 * next window (published before the close). The closer then waits until the slots' completed counts (read with
 * acquire) add up to the tickets accepted: each such read synchronises with the recorder's release store, so every
 * plain increment of every accepted sample is visible, and none can follow. It then sums and zeroes the slots,
 * unlinks them and marks the window harvested; a thread whose slot belonged to a harvested window reuses the (zeroed)
 * array for its next window, so the steady state allocates nothing. Every sample therefore lands whole in exactly one
 * window, a count-based window holds exactly N samples, and slots of threads that died are dropped with their window.
 * For internal use only.
 *
 * <pre>{@code
 * long n = window.ticket();                       // recorder
 * if (n <= maxSamples) {
 *   DriftWindow.Slot slot = mine.isFor(window) ? mine : window.register(mine);   // null past the cap: sharedSlot()
 *   slot.counts()[bin]++;
 *   slot.sampleDone();
 * }
 * if (window.claim()) {                           // closer, after publishing the next window
 *   long[] counts = window.closeAndDrain();
 * }
 * }</pre>
 */
public final class DriftWindow {

  /** Set in the ticket counter when the window closes: every later ticket is refused. */
  private static final long CLOSED = 1L << 62;

  /** The largest window size in samples (tickets past it would reach the closed bit). */
  public static final long MAX_SAMPLES = CLOSED - 1;

  private static final VarHandle HEAD;
  private static final VarHandle SHARED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(DriftWindow.class, "head", Slot.class);
      SHARED = lookup.findVarHandle(DriftWindow.class, "shared", SharedSlot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long index;
  private final long openedAtMillis;
  private final int bins;
  private final long maxSamples;
  private final int maxSlots;
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile Slot head;
  private volatile SharedSlot shared;
  private volatile boolean harvested;
  private long samples;

  /**
   * @param index the window number, from 1
   * @param openedAtMillis when it opened
   * @param bins the flat bin count
   * @param maxSamples the most samples it accepts, 1 to {@link #MAX_SAMPLES}
   * @param maxSlots the most per-thread slots before threads share atomic counters, at least 1
   */
  public DriftWindow(long index, long openedAtMillis, int bins, long maxSamples, int maxSlots) {
    if (maxSamples < 1 || maxSamples > MAX_SAMPLES) {
      throw new IllegalArgumentException("maxSamples must be in [1, " + MAX_SAMPLES + "], got " + maxSamples);
    }
    if (maxSlots < 1) {
      throw new IllegalArgumentException("maxSlots must be at least 1, got " + maxSlots);
    }
    this.index = index;
    this.openedAtMillis = openedAtMillis;
    this.bins = bins;
    this.maxSamples = maxSamples;
    this.maxSlots = maxSlots;
  }

  /**
   * The per-thread slots a window registers on this machine before threads share atomic counters: four per
   * processor, at least 16, at most 256.
   *
   * @return the slot cap
   */
  public static int defaultMaxSlots() {
    return Math.max(16, Math.min(256, 4 * Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Takes a ticket for one sample: the one atomic operation of a recording.
   *
   * @return the sample's position in the window, from 1; above the window size (and above {@link #MAX_SAMPLES} once
   *     the window is closed) the sample is refused and must be recorded into the current window
   */
  public long ticket() {
    return tickets.incrementAndGet();
  }

  /**
   * The slot the calling thread counts into, registering one on first use.
   *
   * <p>Call only while holding an accepted ticket, and only from the thread that owns {@code previous}.
   *
   * @param previous the calling thread's slot for an earlier window, or {@code null}; reused (its array already
   *     zeroed) when that window has been harvested
   * @return the registered slot (the caller keeps it for this window), or {@code null} when the window already has
   *     its cap of slots: count into {@link #sharedSlot()} instead
   */
  public Slot register(Slot previous) {
    Slot s = previous != null && previous.reusable() ? previous : null;
    for (;;) {
      Slot h = head;
      int ordinal = h == null ? 1 : h.ordinal + 1;
      if (ordinal > maxSlots) {
        if (s != null) {
          s.window = null;
        }
        return null;
      }
      if (s == null) {
        s = new Slot(bins);
      }
      s.window = this;
      s.done = 0;
      s.ordinal = ordinal;
      s.next = h;
      if (HEAD.compareAndSet(this, h, s)) {
        return s;
      }
    }
  }

  /**
   * The atomic counters shared by the threads past the slot cap, created on first use.
   *
   * @return the shared slot
   */
  public SharedSlot sharedSlot() {
    SharedSlot s = shared;
    if (s != null) {
      return s;
    }
    SharedSlot created = new SharedSlot(bins);
    SharedSlot witness = (SharedSlot) SHARED.compareAndExchange(this, (SharedSlot) null, created);
    return witness == null ? created : witness;
  }

  /**
   * Claims the right to close this window; only one caller wins.
   *
   * @return true for the winner
   */
  public boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /**
   * Closes the window (refusing every later ticket), waits until every accepted sample is recorded, then sums and
   * releases the slots. Call once, after {@link #claim()} and after the next window is published.
   *
   * @return the counts per flat bin
   */
  public long[] closeAndDrain() {
    long issued = tickets.getAndAdd(CLOSED);
    long accepted = Math.min(issued, maxSamples);
    int spins = 0;
    while (completed() < accepted) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    long[] out = new long[bins];
    Slot s = head;
    head = null;
    while (s != null) {
      long[] c = s.counts;
      for (int i = 0; i < c.length; i++) {
        out[i] += c[i];
        c[i] = 0;
      }
      Slot next = s.next;
      s.next = null;
      s = next;
    }
    SharedSlot sh = shared;
    shared = null;
    if (sh != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] += sh.counts.get(i);
      }
    }
    samples = accepted;
    harvested = true;
    return out;
  }

  /** The samples recorded and published so far, over every slot. */
  private long completed() {
    long n = 0;
    for (Slot s = head; s != null; s = s.next) {
      n += s.completed();
    }
    SharedSlot sh = shared;
    return sh == null ? n : n + sh.done.get();
  }

  /** @return how many slots are registered (0 once harvested) */
  public int slotCount() {
    Slot h = head;
    return h == null ? 0 : h.ordinal;
  }

  /** @return whether {@link #closeAndDrain()} has summed and released the slots */
  public boolean harvested() {
    return harvested;
  }

  /** @return the samples the window holds, final after {@link #closeAndDrain()} */
  public long samples() {
    return samples;
  }

  /** @return the tickets handed out so far (refused ones included; the closed bit masked off) */
  public long tickets() {
    return tickets.get() & ~CLOSED;
  }

  /** @return the window number */
  public long index() {
    return index;
  }

  /** @return when the window opened */
  public long openedAtMillis() {
    return openedAtMillis;
  }

  /**
   * One thread's counts in one window: written with plain stores by its thread only, published sample by sample
   * through {@link #sampleDone()}.
   */
  public static final class Slot {

    private static final VarHandle DONE;

    static {
      try {
        DONE = MethodHandles.lookup().findVarHandle(Slot.class, "done", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final long[] counts;
    private DriftWindow window;
    private Slot next;
    private int ordinal;
    private long done;

    private Slot(int bins) {
      this.counts = new long[bins];
    }

    /** @return the counts per flat bin, for the owning thread to increment */
    public long[] counts() {
      return counts;
    }

    /**
     * Whether this slot counts for a window.
     *
     * @param w the window
     * @return true if it is registered with {@code w}
     */
    public boolean isFor(DriftWindow w) {
      return window == w;
    }

    /** Publishes one recorded sample (a release store: the closer that reads it sees every increment before it). */
    public void sampleDone() {
      DONE.setRelease(this, done + 1);
    }

    private long completed() {
      return (long) DONE.getAcquire(this);
    }

    private boolean reusable() {
      return window == null || window.harvested;
    }
  }

  /** The atomic counters of the threads past the slot cap. */
  public static final class SharedSlot {

    private final AtomicLongArray counts;
    private final AtomicLong done = new AtomicLong();

    private SharedSlot(int bins) {
      this.counts = new AtomicLongArray(bins);
    }

    /**
     * Counts one sample in one bin.
     *
     * @param bin the flat bin index
     */
    public void count(int bin) {
      counts.getAndIncrement(bin);
    }

    /** Publishes one recorded sample. */
    public void sampleDone() {
      done.incrementAndGet();
    }
  }
}
