package dev.modelgov.core.policy.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A small bounded map keyed by object identity, least recently used entries evicted first. Thread-safe: a lock-free
 * check of the last hit, then a short lock. The value is computed outside the lock, so two threads may compute it
 * for the same key; the first one stored wins. For internal use only; may change without notice.
 *
 * @param <K> the key type (compared with {@code ==})
 * @param <V> the value type
 */
public final class IdentityCache<K, V> {

  private final int capacity;
  private final LinkedHashMap<IdentityKey, V> map;
  private volatile Hit<K, V> last;

  /**
   * @param capacity the most entries kept, positive
   */
  public IdentityCache(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<IdentityKey, V> eldest) {
        return size() > IdentityCache.this.capacity;
      }
    };
  }

  /**
   * @param key the key
   * @return the value stored for exactly this object, or {@code null}
   */
  public V get(K key) {
    Hit<K, V> hit = last;
    if (hit != null && hit.key == key) {
      return hit.value;
    }
    V value;
    synchronized (map) {
      value = map.get(new IdentityKey(key));
    }
    if (value != null) {
      last = new Hit<>(key, value);
    }
    return value;
  }

  /**
   * The value for a key, computed (outside the lock) and stored when absent.
   *
   * @param key the key
   * @param compute computes a non-null value
   * @return the stored value
   */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    V value = get(key);
    if (value != null) {
      return value;
    }
    return putIfAbsent(key, Objects.requireNonNull(compute.apply(key), "computed value"));
  }

  /**
   * Stores a value unless one is already stored for the key.
   *
   * @param key the key
   * @param value the value
   * @return the value now stored
   */
  public V putIfAbsent(K key, V value) {
    V stored;
    synchronized (map) {
      stored = map.putIfAbsent(new IdentityKey(key), value);
    }
    V result = stored == null ? value : stored;
    last = new Hit<>(key, result);
    return result;
  }

  /** @return how many entries are stored */
  public int size() {
    synchronized (map) {
      return map.size();
    }
  }

  private record Hit<K, V>(K key, V value) {}

  /** Wraps a key so that equality is identity. */
  private static final class IdentityKey {
    private final Object ref;
    private final int hash;

    IdentityKey(Object ref) {
      this.ref = ref;
      this.hash = System.identityHashCode(ref);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityKey k && k.ref == ref;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
