package dev.modelgov.core.metrics.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Predictions waiting for their delayed label, bounded by size and age; evictions are counted. For internal use
 * only.
 */
public final class OutcomeBuffer {

  /** A prediction waiting for its label. */
  public record Pending(GroupCounters[] groups, boolean predicted, long atMillis) {}

  private final int capacity;
  private final long ttlMillis;
  private final LinkedHashMap<String, Pending> entries = new LinkedHashMap<>();
  private final LongAdder evicted = new LongAdder();

  /**
   * @param capacity the most entries
   * @param ttlMillis the longest an entry waits
   */
  public OutcomeBuffer(int capacity, long ttlMillis) {
    this.capacity = capacity;
    this.ttlMillis = ttlMillis;
  }

  /**
   * Adds a prediction; an older entry under the same id is replaced (and counted as evicted).
   *
   * @param id the prediction id
   * @param pending the prediction
   * @param now the current time
   */
  public void put(String id, Pending pending, long now) {
    synchronized (entries) {
      expire(now);
      if (entries.remove(id) != null) {
        evicted.increment();
      }
      entries.put(id, pending);
      while (entries.size() > capacity) {
        Iterator<Map.Entry<String, Pending>> it = entries.entrySet().iterator();
        it.next();
        it.remove();
        evicted.increment();
      }
    }
  }

  /**
   * Takes the prediction of an id out of the buffer.
   *
   * @param id the prediction id
   * @param now the current time
   * @return the prediction, or null if unknown, expired or evicted
   */
  public Pending take(String id, long now) {
    synchronized (entries) {
      expire(now);
      return entries.remove(id);
    }
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Pending>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Pending p = it.next().getValue();
      if (now - p.atMillis() < ttlMillis) {
        return;
      }
      it.remove();
      evicted.increment();
    }
  }

  /** @return how many predictions wait */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** @return how many predictions were evicted before their label arrived */
  public long evicted() {
    return evicted.sum();
  }

  /** Drops every waiting prediction (not counted as evicted). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
