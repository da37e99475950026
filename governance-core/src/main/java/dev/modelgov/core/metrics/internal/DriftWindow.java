package dev.modelgov.core.metrics.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One tumbling window of drift counts, safe for many recording threads.
 *
 * <p>Exactness at close: a recording thread announces itself in a striped in-flight counter (its stripe is fixed by
 * its thread id, so its increment and decrement hit the same cell), then checks {@link #closed}. The closing thread
 * first publishes the next window, then sets {@link #closed}, then waits until every stripe reads zero. A recorder
 * that saw the window open has its in-flight increment ordered before the close (volatile accesses are sequentially
 * consistent), so the closer waits for it; a recorder that saw it closed backs out and records into the next window.
 * Every sample therefore lands in exactly one window, whole (all its features), and the counts read after the drain
 * are final. Count-based windows admit exactly N samples through a ticket counter. For internal use only.
 */
public final class DriftWindow {

  private static final int PAD = 16; // 16 longs = 128 bytes between stripes

  private final long index;
  private final long openedAtMillis;
  private final AtomicLongArray counts;
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLongArray inflight;
  private final int stripeMask;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param index the window number, from 1
   * @param openedAtMillis when it opened
   * @param bins the flat bin count
   * @param stripes the in-flight stripes, a power of two
   */
  public DriftWindow(long index, long openedAtMillis, int bins, int stripes) {
    this.index = index;
    this.openedAtMillis = openedAtMillis;
    this.counts = new AtomicLongArray(bins);
    this.inflight = new AtomicLongArray(stripes * PAD);
    this.stripeMask = stripes - 1;
  }

  /**
   * The stripe count for this machine: a power of two, about twice the processors, at most 64.
   *
   * @return the stripes
   */
  public static int defaultStripes() {
    int p = Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors() * 2));
    int pow = Integer.highestOneBit(p);
    return pow == p ? p : Math.min(64, pow << 1);
  }

  /**
   * The calling thread's stripe.
   *
   * @return the cell index
   */
  public int stripe() {
    return ((int) Thread.currentThread().getId() & stripeMask) * PAD;
  }

  /**
   * Enters the window to record one sample.
   *
   * @param stripe the caller's stripe
   * @return false if the window is closed (the caller must retry on the current window)
   */
  public boolean enter(int stripe) {
    inflight.getAndIncrement(stripe);
    if (closed) {
      inflight.getAndDecrement(stripe);
      return false;
    }
    return true;
  }

  /**
   * Leaves the window after recording.
   *
   * @param stripe the caller's stripe
   */
  public void exit(int stripe) {
    inflight.getAndDecrement(stripe);
  }

  /**
   * Takes a ticket for one sample.
   *
   * @return the sample's position in the window, from 1
   */
  public long ticket() {
    return samples.incrementAndGet();
  }

  /**
   * Counts one sample in one bin.
   *
   * @param bin the flat bin index
   */
  public void count(int bin) {
    counts.getAndIncrement(bin);
  }

  /**
   * Claims the right to close this window; only one caller wins.
   *
   * @return true for the winner
   */
  public boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** Marks the window closed and waits until no recorder is inside. */
  public void closeAndDrain() {
    closed = true;
    int spins = 0;
    while (inFlight() != 0) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private long inFlight() {
    long s = 0;
    for (int i = 0; i < inflight.length(); i += PAD) {
      s += inflight.get(i);
    }
    return s;
  }

  /**
   * The counts (final after {@link #closeAndDrain()}).
   *
   * @return a copy
   */
  public long[] snapshot() {
    long[] out = new long[counts.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = counts.get(i);
    }
    return out;
  }

  /** @return the tickets handed out (may exceed the window size by refused samples) */
  public long tickets() {
    return samples.get();
  }

  /** @return the window number */
  public long index() {
    return index;
  }

  /** @return when the window opened */
  public long openedAtMillis() {
    return openedAtMillis;
  }
}
