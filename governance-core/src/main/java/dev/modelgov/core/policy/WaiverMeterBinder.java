package dev.modelgov.core.policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Micrometer gauges over the waivers, so renewals happen before an expiry turns into a silent denial:
 * {@code modelgov.policy.waivers.expiring} tagged {@code within=7d} and {@code within=30d} (unexpired waivers that end
 * within the window) and {@code modelgov.policy.waivers.active} (unexpired waivers). Values are computed from the
 * clock on each read; the gauges hold this binder strongly, so they keep reporting however the binder is referenced.
 *
 * <p>Micrometer is an optional dependency of {@code governance-core}; only this class refers to it.
 *
 * <pre>{@code
 * new WaiverMeterBinder(resolver, Clock.systemUTC()).bindTo(meterRegistry);
 * // alert: modelgov_policy_waivers_expiring{within="7d"} > 0
 * }</pre>
 */
@SuppressWarnings("exports") // Micrometer is optional: only applications that bind meters need it.
public final class WaiverMeterBinder implements MeterBinder {

  /** The gauge of waivers that expire within a window; tagged {@code within}. */
  public static final String EXPIRING = "modelgov.policy.waivers.expiring";

  /** The gauge of waivers in force. */
  public static final String ACTIVE = "modelgov.policy.waivers.active";

  /** The windows used unless others are given: 7 and 30 days. */
  public static final List<Duration> DEFAULT_WINDOWS = List.of(Duration.ofDays(7), Duration.ofDays(30));

  private final Supplier<WaiverResolver> waivers;
  private final Clock clock;
  private final List<Duration> windows;

  /**
   * Gauges over a fixed set of waivers with the default windows.
   *
   * @param waivers the waivers, must not be {@code null}
   * @param clock the clock that decides what has expired, must not be {@code null}
   */
  public WaiverMeterBinder(WaiverResolver waivers, Clock clock) {
    this(constant(Objects.requireNonNull(waivers, "waivers must not be null")), clock, DEFAULT_WINDOWS);
  }

  /**
   * Gauges over waivers that may be reloaded, with chosen windows.
   *
   * @param waivers supplies the current waivers on each read, must not be {@code null}
   * @param clock the clock that decides what has expired, must not be {@code null}
   * @param windows positive windows, tagged by whole days ({@code 7d}), else hours ({@code 12h}), else seconds
   * @throws IllegalArgumentException when a window is not positive or two windows have the same tag
   */
  public WaiverMeterBinder(Supplier<WaiverResolver> waivers, Clock clock, List<Duration> windows) {
    this.waivers = Objects.requireNonNull(waivers, "waivers must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    Objects.requireNonNull(windows, "windows must not be null");
    Set<String> tags = new HashSet<>();
    for (Duration w : windows) {
      if (w == null || w.isNegative() || w.isZero()) {
        throw new IllegalArgumentException("windows: every window must be a positive duration, got " + w);
      }
      if (!tags.add(tag(w))) {
        throw new IllegalArgumentException("windows: " + tag(w) + " is given twice");
      }
    }
    this.windows = List.copyOf(new ArrayList<>(windows));
  }

  private static Supplier<WaiverResolver> constant(WaiverResolver waivers) {
    return () -> waivers;
  }

  /**
   * The {@code within} tag of a window.
   *
   * @param window a positive duration
   * @return {@code 7d}, {@code 12h} or {@code 90s}
   */
  static String tag(Duration window) {
    long seconds = window.getSeconds();
    if (window.getNano() == 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (window.getNano() == 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return window.toMillis() % 1000 == 0 ? seconds + "s" : window.toMillis() + "ms";
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry must not be null");
    for (Duration window : windows) {
      Gauge.builder(EXPIRING, this, b -> b.expiringWithin(window))
          .tag("within", tag(window))
          .description("Waivers in force that expire within the window")
          .baseUnit("waivers")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(ACTIVE, this, WaiverMeterBinder::active)
        .description("Waivers in force")
        .baseUnit("waivers")
        .strongReference(true)
        .register(registry);
  }

  private double expiringWithin(Duration window) {
    return waivers.get().expiringWithin(window, clock.instant()).size();
  }

  private double active() {
    return waivers.get().active(clock.instant()).size();
  }

  @Override
  public String toString() {
    return "WaiverMeterBinder[windows=" + windows + "]";
  }
}
