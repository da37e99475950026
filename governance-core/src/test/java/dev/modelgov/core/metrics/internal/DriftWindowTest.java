package dev.modelgov.core.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window's ticket, slot and close protocol, thread by thread. */
class DriftWindowTest {

  private static final int BINS = 4;
  private static final int SIZE = 3;

  /**
   * Records one sample into bin {@code bin} of a window of {@link #SIZE} samples, the way the monitor does.
   *
   * @return false if the ticket was refused
   */
  private static boolean record(DriftWindow w, DriftWindow.Slot[] mine, int bin) {
    if (w.ticket() > SIZE) {
      return false;
    }
    DriftWindow.Slot s = mine[0] != null && mine[0].isFor(w) ? mine[0] : w.register(mine[0]);
    if (s == null) {
      DriftWindow.SharedSlot shared = w.sharedSlot();
      shared.count(bin);
      shared.sampleDone();
      return true;
    }
    mine[0] = s;
    s.counts()[bin]++;
    s.sampleDone();
    return true;
  }

  @Test
  void a_window_accepts_exactly_its_size_and_refuses_every_ticket_once_closed() {
    // GIVEN a window of 3 samples
    DriftWindow w = new DriftWindow(1, 0, BINS, SIZE, 16);
    DriftWindow.Slot[] mine = new DriftWindow.Slot[1];
    // WHEN 4 samples try to enter THEN 3 are accepted and the 4th is refused
    assertThat(record(w, mine, 0)).isTrue();
    assertThat(record(w, mine, 1)).isTrue();
    assertThat(record(w, mine, 1)).isTrue();
    assertThat(record(w, mine, 2)).isFalse();
    // WHEN it closes THEN it holds the 3 accepted samples, bin by bin
    assertThat(w.claim()).isTrue();
    assertThat(w.claim()).isFalse();
    assertThat(w.closeAndDrain()).containsExactly(1, 2, 0, 0);
    assertThat(w.samples()).isEqualTo(3);
    // AND every later ticket is refused, whatever the window size
    assertThat(w.ticket()).isGreaterThan(DriftWindow.MAX_SAMPLES);
  }

  @Test
  void the_close_waits_for_a_sample_in_flight_and_then_sees_its_plain_increments() throws Exception {
    // GIVEN a recorder that took its ticket and counted, but has not published its sample yet
    DriftWindow w = new DriftWindow(1, 0, BINS, 100, 16);
    CountDownLatch counted = new CountDownLatch(1);
    CountDownLatch publish = new CountDownLatch(1);
    Thread recorder = new Thread(() -> {
      w.ticket();
      DriftWindow.Slot s = w.register(null);
      s.counts()[3] += 5;
      counted.countDown();
      await(publish);
      s.sampleDone();
    });
    recorder.start();
    assertThat(counted.await(10, TimeUnit.SECONDS)).isTrue();
    // WHEN another thread closes the window
    w.claim();
    FutureTask<long[]> close = new FutureTask<>(w::closeAndDrain);
    Thread closer = new Thread(close);
    closer.start();
    // THEN the close is still waiting while the sample is in flight
    closer.join(100);
    assertThat(close).isNotDone();
    // WHEN the recorder publishes THEN the close completes with the recorder's increments
    publish.countDown();
    assertThat(close.get(10, TimeUnit.SECONDS)).containsExactly(0, 0, 0, 5);
    assertThat(w.samples()).isEqualTo(1);
    recorder.join(10_000);
  }

  @Test
  void slots_are_dropped_at_close_and_their_thread_reuses_the_zeroed_array_in_the_next_window() {
    // GIVEN a thread that recorded into window 1
    DriftWindow w1 = new DriftWindow(1, 0, BINS, SIZE, 16);
    DriftWindow.Slot[] mine = new DriftWindow.Slot[1];
    record(w1, mine, 2);
    DriftWindow.Slot first = mine[0];
    assertThat(w1.slotCount()).isEqualTo(1);
    // WHEN window 1 closes
    w1.claim();
    assertThat(w1.closeAndDrain()).containsExactly(0, 0, 1, 0);
    // THEN it no longer holds the slot, and the thread's next window reuses the same array, zeroed
    assertThat(w1.slotCount()).isZero();
    assertThat(w1.harvested()).isTrue();
    DriftWindow w2 = new DriftWindow(2, 0, BINS, SIZE, 16);
    w2.ticket();
    DriftWindow.Slot second = w2.register(first);
    assertThat(second).isSameAs(first);
    assertThat(second.isFor(w2)).isTrue();
    assertThat(second.counts()).containsOnly(0L);
  }

  @Test
  void a_slot_of_a_window_not_yet_harvested_is_not_reused() {
    // GIVEN a thread's slot in a window that is still open
    DriftWindow w1 = new DriftWindow(1, 0, BINS, SIZE, 16);
    DriftWindow.Slot[] mine = new DriftWindow.Slot[1];
    record(w1, mine, 1);
    // WHEN the thread records into another window
    DriftWindow w2 = new DriftWindow(2, 0, BINS, SIZE, 16);
    w2.ticket();
    DriftWindow.Slot other = w2.register(mine[0]);
    // THEN it gets a fresh slot, and window 1 keeps its counts
    assertThat(other).isNotSameAs(mine[0]);
    assertThat(mine[0].isFor(w1)).isTrue();
    w1.claim();
    assertThat(w1.closeAndDrain()).containsExactly(0, 1, 0, 0);
  }

  @Test
  void threads_past_the_slot_cap_share_atomic_counters_and_every_sample_is_summed() throws Exception {
    // GIVEN a window with room for 2 slots, and 5 threads each recording one sample into its own bin
    DriftWindow w = new DriftWindow(1, 0, 8, 100, 2);
    List<Thread> threads = new ArrayList<>();
    List<Boolean> gotSlot = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 5; t++) {
      int bin = t;
      threads.add(new Thread(() -> {
        w.ticket();
        DriftWindow.Slot s = w.register(null);
        gotSlot.add(s != null);
        if (s != null) {
          s.counts()[bin]++;
          s.sampleDone();
        } else {
          w.sharedSlot().count(bin);
          w.sharedSlot().sampleDone();
        }
      }));
    }
    // WHEN they run one after another and end, and the window closes
    for (Thread t : threads) {
      t.start();
      t.join(10_000);
    }
    w.claim();
    long[] counts = w.closeAndDrain();
    // THEN 2 threads had slots, 3 shared the atomic counters, and all 5 samples are counted
    assertThat(gotSlot).containsExactlyInAnyOrder(true, true, false, false, false);
    assertThat(counts).containsExactly(1, 1, 1, 1, 1, 0, 0, 0);
    assertThat(w.samples()).isEqualTo(5);
    // AND the slots of the threads that ended are dropped with the window
    assertThat(w.slotCount()).isZero();
  }

  @Test
  void a_window_refuses_sizes_its_ticket_counter_cannot_hold() {
    // GIVEN / WHEN a window of no sample, one past the ticket range, or without slots THEN it is refused, named
    assertThatThrownBy(() -> new DriftWindow(1, 0, BINS, 0, 16)).hasMessageContaining("maxSamples");
    assertThatThrownBy(() -> new DriftWindow(1, 0, BINS, DriftWindow.MAX_SAMPLES + 1, 16))
        .hasMessageContaining("maxSamples");
    assertThatThrownBy(() -> new DriftWindow(1, 0, BINS, 10, 0)).hasMessageContaining("maxSlots");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
