package dev.modelgov.k8s.admission.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used cache for pure, repeatable work (decoding the same manifest annotation,
 * digesting the same manifest, verifying the same envelope). For internal use only; may change without notice.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class BoundedCache<K, V> {

  private final Map<K, V> entries;

  /**
   * @param capacity the most entries kept
   */
  public BoundedCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * @param key the key
   * @return the cached value, or {@code null}
   */
  public synchronized V get(K key) {
    return entries.get(key);
  }

  /**
   * @param key the key
   * @param value the value
   */
  public synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  /**
   * The cached value, computed (outside the lock) and kept when missing.
   *
   * @param key the key
   * @param compute how to compute it
   * @return the value
   */
  public V get(K key, Function<K, V> compute) {
    V v = get(key);
    if (v == null) {
      v = compute.apply(key);
      put(key, v);
    }
    return v;
  }

  /** An identity key: equal only to itself, for objects whose equality is costly (a manifest). */
  public record Identity(Object target) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.target == target;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(target);
    }
  }
}
