package dev.modelgov.core.metrics.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus durations: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}. For internal use only.
 */
public final class PromDuration {

  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d|w))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private PromDuration() {}

  /**
   * Parses a duration.
   *
   * @param text for example {@code 15m}
   * @return the duration
   * @throws IllegalArgumentException if the text is not a Prometheus duration
   */
  public static Duration parse(String text) {
    if (text == null || text.length() > 32 || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("not a duration such as 30s, 5m or 1h30m");
    }
    Matcher m = PART.matcher(text);
    Duration d = Duration.ZERO;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
    }
    return d;
  }

  /**
   * Formats a duration the way Prometheus writes it ({@code 1h30m}, {@code 0s}).
   *
   * @param d a duration, not negative, whole milliseconds
   * @return the text
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms >= units[i]) {
        sb.append(ms / units[i]).append(names[i]);
        ms %= units[i];
      }
    }
    return sb.toString();
  }
}
