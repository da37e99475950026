package dev.modelgov.testkit.generators;

import dev.modelgov.api.Digest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Draws values from one {@link SplittableRandom}: the shared vocabulary of the seed-based generators. */
final class Draws {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  Draws(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniformly drawn int in {@code [min, max]}. */
  int between(int min, int max) {
    return min == max ? min : random.nextInt(min, max + 1);
  }

  /** A uniformly drawn long in {@code [min, max)}. */
  long longBetween(long min, long maxExclusive) {
    return random.nextLong(min, maxExclusive);
  }

  /** True with probability one half. */
  boolean coin() {
    return random.nextBoolean();
  }

  /** True with probability {@code percent / 100}. */
  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  @SafeVarargs
  final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Up to {@code max} distinct values drawn from {@code values}, at least {@code min}, in drawing order. */
  <T> List<T> distinct(int min, int max, List<T> values) {
    int n = Math.min(between(min, max), values.size());
    Set<T> out = new LinkedHashSet<>();
    while (out.size() < n) {
      out.add(pick(values));
    }
    return new ArrayList<>(out);
  }

  <T> List<T> list(int min, int max, Supplier<T> value) {
    int n = between(min, max);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value.get());
    }
    return out;
  }

  String hex(int digits) {
    char[] out = new char[digits];
    for (int i = 0; i < digits; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  Digest digest() {
    return new Digest(Digest.SHA256, hex(64));
  }

  /** A decimal with {@code scale} fraction digits in {@code [low, high]}, both given at that scale. */
  BigDecimal decimal(BigDecimal low, BigDecimal high, int scale) {
    long lo = low.movePointRight(scale).longValueExact();
    long hi = high.movePointRight(scale).longValueExact();
    return BigDecimal.valueOf(lo == hi ? lo : random.nextLong(lo, hi + 1), scale);
  }

  /** An instant in {@code [from, from + spanSeconds)}, to the millisecond. */
  Instant instant(Instant from, long spanSeconds) {
    return from.plusMillis(random.nextLong(spanSeconds * 1000));
  }

  void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }
}
