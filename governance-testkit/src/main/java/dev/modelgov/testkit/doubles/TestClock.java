package dev.modelgov.testkit.doubles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until the test moves it: give it to the code under test, then
 * {@link #advance(Duration)} it to pass waiver expiries, drift windows or key validity windows without sleeping.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-03-01T12:00:00Z"));
 * Governance governance = Governance.builder().clock(clock).demoMode().build();
 * clock.advance(Duration.ofDays(31));      // the 30-day waiver has now expired
 * }</pre>
 *
 * <p>Thread-safe: reads and moves are atomic. {@link #withZone(ZoneId)} returns a view in another zone that shares
 * this clock's instant, so moving either moves both.
 */
public final class TestClock extends Clock {

  /** The instant of {@link #create()}: {@code 2026-01-01T00:00:00Z}. */
  public static final Instant DEFAULT_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * @return a clock in UTC stopped at {@link #DEFAULT_INSTANT}
   */
  public static TestClock create() {
    return at(DEFAULT_INSTANT);
  }

  /**
   * @param instant where the clock stands, must not be {@code null}
   * @return a clock in UTC stopped there
   */
  public static TestClock at(Instant instant) {
    return new TestClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant must not be null")),
        ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative, must not be {@code null}
   * @return the new instant
   * @throws IllegalArgumentException if the duration is negative (use {@link #set(Instant)} to go back)
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration must not be null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration
          + "; use set(Instant) to move the clock back");
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Puts the clock at an instant, forward or back.
   *
   * @param instant the new instant, must not be {@code null}
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant must not be null"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * @param zone the zone, must not be {@code null}
   * @return a view in that zone sharing this clock's instant
   */
  @Override
  public TestClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone must not be null");
    return zone.equals(this.zone) ? this : new TestClock(now, zone);
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + ", " + zone + "]";
  }
}
