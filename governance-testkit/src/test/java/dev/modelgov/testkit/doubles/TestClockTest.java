package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestClockTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void stands_still_until_moved() {
    // GIVEN
    TestClock clock = TestClock.at(T0);
    // WHEN / THEN
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_moves_forward_and_returns_the_new_instant() {
    // GIVEN
    TestClock clock = TestClock.at(T0);
    // WHEN
    Instant now = clock.advance(Duration.ofDays(31));
    // THEN
    assertThat(now).isEqualTo(Instant.parse("2026-04-01T12:00:00Z"));
    assertThat(clock.instant()).isEqualTo(now);
  }

  @Test
  void advance_refuses_a_negative_duration_and_set_goes_back() {
    // GIVEN
    TestClock clock = TestClock.at(T0);
    // WHEN / THEN
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set(Instant)");
    clock.set(T0.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
  }

  @Test
  void default_instant_is_documented() {
    assertThat(TestClock.create().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void with_zone_shares_the_instant() {
    // GIVEN
    TestClock clock = TestClock.at(T0);
    TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    // WHEN
    clock.advance(Duration.ofHours(1));
    // THEN
    assertThat(paris.instant()).isEqualTo(T0.plusSeconds(3600));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }

  @Test
  void concurrent_advances_are_not_lost() throws Exception {
    // GIVEN 8 threads each advancing 1000 times by 1 ms
    TestClock clock = TestClock.at(T0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(1));
          }
        }));
      }
      // WHEN
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // THEN
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(8));
  }
}
