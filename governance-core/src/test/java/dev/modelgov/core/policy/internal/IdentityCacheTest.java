package dev.modelgov.core.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {

  @Test
  void equal_but_distinct_keys_get_their_own_entries() {
    // GIVEN two equal strings that are different objects
    IdentityCache<String, Integer> cache = new IdentityCache<>(4);
    String a = new String("key");
    String b = new String("key");
    // WHEN each is stored
    cache.putIfAbsent(a, 1);
    cache.putIfAbsent(b, 2);
    // THEN each object finds its own value
    assertThat(cache.get(a)).isEqualTo(1);
    assertThat(cache.get(b)).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void values_are_computed_once_per_key() {
    // GIVEN a counting computation
    IdentityCache<Object, Integer> cache = new IdentityCache<>(4);
    AtomicInteger calls = new AtomicInteger();
    Object key = new Object();
    // WHEN asked three times
    for (int i = 0; i < 3; i++) {
      cache.computeIfAbsent(key, k -> calls.incrementAndGet());
    }
    // THEN it ran once
    assertThat(calls).hasValue(1);
  }

  @Test
  void the_least_recently_used_entry_is_evicted_past_the_capacity() {
    // GIVEN a cache of two with keys a and b, a used last
    IdentityCache<Object, String> cache = new IdentityCache<>(2);
    Object a = new Object();
    Object b = new Object();
    Object c = new Object();
    cache.putIfAbsent(a, "a");
    cache.putIfAbsent(b, "b");
    cache.putIfAbsent(c, "c");
    // WHEN a third key is added after a and b
    // THEN the oldest (a) is gone and the size stays at the capacity
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(b)).isEqualTo("b");
    assertThat(cache.get(c)).isEqualTo("c");
    assertThat(cache.get(a)).isNull();
  }
}
