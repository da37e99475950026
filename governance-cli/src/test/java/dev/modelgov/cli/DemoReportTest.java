package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DemoReport}: the two styles of the demo's report. */
class DemoReportTest {

  private final StringWriter text = new StringWriter();

  private DemoReport report(DemoReport.Style style) {
    return new DemoReport(new PrintWriter(text), style, 3);
  }

  @Test
  void plain_style_numbers_steps_and_marks_them_in_ascii() {
    // GIVEN
    DemoReport report = report(DemoReport.Style.PLAIN);
    // WHEN
    report.step(2, "Sign");
    report.fact("key", "abc");
    report.ok("signed", Duration.ofMillis(1234));
    report.fail("cannot write");
    // THEN
    assertThat(text.toString()).isEqualTo("\n[2/3] Sign\n    key: abc\n  [OK] signed (1.2 s)\n  [FAIL] cannot write\n");
  }

  @Test
  void fancy_style_uses_check_marks_and_colours() {
    // GIVEN
    DemoReport report = report(DemoReport.Style.FANCY);
    // WHEN
    report.ok("signed", Duration.ofSeconds(2));
    report.fail("denied");
    // THEN
    assertThat(text.toString()).isEqualTo("  \u001B[32m\u2714\u001B[0m signed (2.0 s)\n"
        + "  \u001B[31m\u2718\u001B[0m denied\n");
  }

  @Test
  void plain_progress_prints_each_tenth_once_on_one_line() {
    // GIVEN
    DemoReport.Progress progress = report(DemoReport.Style.PLAIN).progress("requests", 50);
    // WHEN progress is reported out of order and repeatedly, past the total
    for (int done : new int[] {1, 5, 4, 12, 12, 26, 50, 60}) {
      progress.accept(done);
    }
    progress.done();
    progress.accept(50);
    // THEN
    assertThat(text.toString()).isEqualTo("    requests: 10% 20% 30% 40% 50% 60% 70% 80% 90% 100%\n");
  }

  @Test
  void fancy_progress_redraws_a_bar_in_place() {
    // GIVEN
    DemoReport.Progress progress = report(DemoReport.Style.FANCY).progress("requests", 4);
    // WHEN
    progress.accept(1);
    progress.accept(4);
    progress.done();
    // THEN
    String out = text.toString();
    assertThat(out).startsWith("\r    [").contains(" 25% 1/4 requests").endsWith(" 100% 4/4 requests\n");
    assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(2);
  }

  @Test
  void no_color_always_gives_the_plain_style() {
    // WHEN / THEN
    assertThat(DemoReport.Style.detect(true)).isEqualTo(DemoReport.Style.PLAIN);
  }
}
