package dev.modelgov.core.policy.internal;

import java.math.BigDecimal;
import java.time.Duration;

/** Text helpers for rule messages. For internal use only; may change without notice. */
public final class Texts {

  /** The longest rule message kept in a decision, in chars. */
  public static final int MAX_MESSAGE_LENGTH = 500;

  private Texts() {}

  /**
   * Cuts a text to {@link #MAX_MESSAGE_LENGTH} chars, ending with an ellipsis when cut, never splitting a surrogate
   * pair.
   *
   * @param text the text
   * @return the text, at most 500 chars
   */
  public static String truncate(String text) {
    if (text.length() <= MAX_MESSAGE_LENGTH) {
      return text;
    }
    int end = MAX_MESSAGE_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026";
  }

  /**
   * The error text of a Java check that threw.
   *
   * @param error what it threw
   * @return {@code check threw <SimpleName>: <message>}, truncated
   */
  public static String checkThrew(Throwable error) {
    String message = error.getMessage();
    return truncate("check threw " + name(error) + (message == null ? "" : ": " + message));
  }

  /**
   * @param error a throwable
   * @return its simple class name, or its full name for anonymous classes
   */
  public static String name(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }

  /**
   * A duration in milliseconds for messages: {@code 20} or {@code 0.5}.
   *
   * @param duration the duration
   * @return the number of milliseconds, without trailing zeros
   */
  public static String millis(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds()).movePointRight(3)
        .add(BigDecimal.valueOf(duration.getNano()).movePointLeft(6))
        .stripTrailingZeros().toPlainString();
  }
}
