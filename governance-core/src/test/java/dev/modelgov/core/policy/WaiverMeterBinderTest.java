package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.waiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.WaiverMatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WaiverMeterBinderTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private static final WaiverResolver WAIVERS = WaiverResolver.builder()
      .add(waiver("WVR-3D", NOW.plus(Duration.ofDays(3)), WaiverMatch.any(), "model.owner"))
      .add(waiver("WVR-10D", NOW.plus(Duration.ofDays(10)), WaiverMatch.any(), "model.owner"))
      .add(waiver("WVR-45D", NOW.plus(Duration.ofDays(45)), WaiverMatch.any(), "model.owner"))
      .add(waiver("WVR-GONE", NOW.minus(Duration.ofDays(1)), WaiverMatch.any(), "model.owner"))
      .build();

  private static double gauge(SimpleMeterRegistry registry, String name, String within) {
    return within == null ? registry.get(name).gauge().value() : registry.get(name).tag("within", within).gauge().value();
  }

  @Test
  void the_gauges_count_expiring_and_active_waivers_at_the_clock() {
    // GIVEN waivers ending in 3, 10 and 45 days and one expired, bound to a registry at NOW
    MovableClock clock = new MovableClock(NOW);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new WaiverMeterBinder(WAIVERS, clock).bindTo(registry);
    // WHEN read now THEN 1 expires within 7 days, 2 within 30, 3 are active
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "7d")).isEqualTo(1.0);
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "30d")).isEqualTo(2.0);
    assertThat(gauge(registry, WaiverMeterBinder.ACTIVE, null)).isEqualTo(3.0);
    // WHEN the clock moves 5 days THEN the 3-day waiver has expired and the 10-day one is within 7 days
    clock.advance(Duration.ofDays(5));
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "7d")).isEqualTo(1.0);
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "30d")).isEqualTo(1.0);
    assertThat(gauge(registry, WaiverMeterBinder.ACTIVE, null)).isEqualTo(2.0);
  }

  @Test
  void custom_windows_are_tagged_by_their_unit() {
    // GIVEN windows of 12 hours and 4 days
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new WaiverMeterBinder(() -> WAIVERS, Clock.fixed(NOW, ZoneOffset.UTC),
        List.of(Duration.ofHours(12), Duration.ofDays(4))).bindTo(registry);
    // WHEN read THEN each window has its own tagged gauge
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "12h")).isZero();
    assertThat(gauge(registry, WaiverMeterBinder.EXPIRING, "4d")).isEqualTo(1.0);
    assertThat(registry.find(WaiverMeterBinder.EXPIRING).gauges()).hasSize(2);
  }

  @Test
  void a_reloaded_resolver_is_read_on_each_scrape() {
    // GIVEN a binder over a resolver that is later replaced
    AtomicReference<WaiverResolver> current = new AtomicReference<>(WaiverResolver.none());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new WaiverMeterBinder(current::get, Clock.fixed(NOW, ZoneOffset.UTC), WaiverMeterBinder.DEFAULT_WINDOWS)
        .bindTo(registry);
    double before = gauge(registry, WaiverMeterBinder.ACTIVE, null);
    // WHEN the waivers are reloaded
    current.set(WAIVERS);
    // THEN the gauge follows
    assertThat(before).isZero();
    assertThat(gauge(registry, WaiverMeterBinder.ACTIVE, null)).isEqualTo(3.0);
  }

  @Test
  void the_gauges_keep_reporting_when_nobody_else_holds_the_binder() {
    // GIVEN a binder that only the registry references
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new WaiverMeterBinder(WAIVERS, Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(registry);
    // WHEN garbage is collected
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    // THEN the gauge still reads a number, not NaN
    assertThat(gauge(registry, WaiverMeterBinder.ACTIVE, null)).isEqualTo(3.0);
  }

  @Test
  void bad_windows_are_rejected() {
    // GIVEN a zero window, and two windows with one tag WHEN constructed THEN the error names the windows
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    assertThatThrownBy(() -> new WaiverMeterBinder(() -> WAIVERS, clock, List.of(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windows");
    assertThatThrownBy(() -> new WaiverMeterBinder(() -> WAIVERS, clock,
        List.of(Duration.ofDays(7), Duration.ofHours(168))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7d");
  }
}
