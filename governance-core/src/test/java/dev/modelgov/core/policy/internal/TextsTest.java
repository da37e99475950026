package dev.modelgov.core.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void short_texts_are_kept() {
    // GIVEN a short text WHEN truncated THEN it is unchanged
    assertThat(Texts.truncate("fine")).isEqualTo("fine");
  }

  @Test
  void a_cut_never_splits_a_surrogate_pair() {
    // GIVEN a text whose 499th and 500th chars form one emoji
    String text = "x".repeat(498) + "\uD83D\uDE00" + "tail";
    // WHEN truncated
    String cut = Texts.truncate(text);
    // THEN it ends with the ellipsis, without a lone high surrogate before it
    assertThat(cut).hasSizeLessThanOrEqualTo(Texts.MAX_MESSAGE_LENGTH).endsWith("\u2026");
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
  }

  @Test
  void budgets_are_written_in_milliseconds() {
    // GIVEN whole and fractional millisecond budgets WHEN written THEN both read naturally
    assertThat(Texts.millis(Duration.ofMillis(20))).isEqualTo("20");
    assertThat(Texts.millis(Duration.ofNanos(500_000))).isEqualTo("0.5");
    assertThat(Texts.millis(Duration.ofSeconds(2))).isEqualTo("2000");
    assertThat(Texts.millis(Duration.ofDays(400L * 365 * 1000))).startsWith("1261440000000000");
  }

  @Test
  void an_exception_without_a_message_is_named_alone() {
    // GIVEN an exception without a message WHEN described THEN only its name is given
    assertThat(Texts.checkThrew(new NullPointerException())).isEqualTo("check threw NullPointerException");
  }
}
